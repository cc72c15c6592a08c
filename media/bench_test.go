package media

import (
	"io"
	"testing"
	"time"

	"rushcut/media/mediatest"
)

// readerDecode times reading every frame at 256 px wide, BGR24.
func readerDecode(b *testing.B, path string) (time.Duration, int) {
	b.Helper()
	start := time.Now()
	r, err := OpenReader(path, ReaderOptions{Width: 256})
	if err != nil {
		b.Fatal(err)
	}
	defer r.Close()
	var buf []byte
	n := 0
	for {
		f, err := r.NextInto(buf)
		if err == io.EOF {
			break
		}
		if err != nil {
			b.Fatal(err)
		}
		buf = f.Data
		n++
	}
	return time.Since(start), n
}

// BenchmarkReaderVsFFmpeg reports the reader's decode throughput at
// analysis size as a ratio to the ffmpeg CLI's on the same file, measured
// alternately in the same run (best of each).
func BenchmarkReaderVsFFmpeg(b *testing.B) {
	for _, h := range []int{720, 1080} {
		b.Run(itoa(h)+"p", func(b *testing.B) {
			path := mediatest.BenchClip(b, h)
			mediatest.ReportRatio(b, path, func() (time.Duration, int) { return readerDecode(b, path) })
		})
	}
}
