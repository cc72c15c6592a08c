package media

import (
	"io"
	"testing"
	"time"

	"rushcut/media/mediatest"
)

// BenchmarkPacketIndexCost measures what keeping the packet index costs a
// sequential read as the analysis does it (1080p H.264 of real footage,
// at analysis size without the loop filter): the per-frame bookkeeping
// (the packet position read from the frame and the entry appended), timed
// over the read's own last frame, as a share of the per-frame time of the
// whole read measured in the same run.
func BenchmarkPacketIndexCost(b *testing.B) {
	path := mediatest.BenchClip(b, 1080)
	var read, keep time.Duration
	frames := 0
	for b.Loop() {
		r, err := OpenReader(path, ReaderOptions{Width: 256, Sequential: true, SkipLoopFilter: true, Threads: 2})
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		var buf []byte
		for {
			f, err := r.NextInto(buf)
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			buf = f.Data
		}
		read += time.Since(start)
		frames = len(r.Index())
		const rounds = 100
		start = time.Now()
		for range rounds {
			var seen []IndexEntry
			for range frames {
				seen = append(seen, IndexEntry{PTS: r.lastPTS, Pos: framePos(r.raw)})
			}
			if len(seen) != frames {
				b.Fatal("lost entries")
			}
		}
		keep += time.Since(start) / rounds
		r.Close()
	}
	b.ReportMetric(float64(frames), "frames")
	b.ReportMetric(float64(read.Nanoseconds())/float64(b.N*frames), "ns_read/frame")
	b.ReportMetric(float64(keep.Nanoseconds())/float64(b.N*frames), "ns_index/frame")
	b.ReportMetric(100*float64(keep)/float64(read), "index_%_of_read")
}
