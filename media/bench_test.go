package media

import (
	"io"
	"os/exec"
	"testing"
	"time"
)

// benchClip makes a 720p H.264 clip from real footage (Megamind upscaled,
// played forward then backward, 20 s) for the throughput benchmarks.
func benchClip(b *testing.B, height int) string {
	b.Helper()
	src := opencvData(b, "Megamind.avi")
	return ffmpegFixture(b, "bench.mp4", "-stream_loop", "1", "-i", src,
		"-vf", "scale=-2:"+itoa(height), "-an", "-c:v", "libx264", "-preset", "veryfast", "-crf", "20")
}

// ffmpegDecode times `ffmpeg -i FILE -vf scale=256:-1 -f null -`.
func ffmpegDecode(b *testing.B, path string) time.Duration {
	b.Helper()
	start := time.Now()
	out, err := exec.Command("ffmpeg", "-v", "error", "-i", path, "-vf", "scale=256:-1", "-f", "null", "-").CombinedOutput()
	if err != nil {
		b.Fatalf("ffmpeg: %v %s", err, out)
	}
	return time.Since(start)
}

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
			path := benchClip(b, h)
			var bestRef, bestOurs time.Duration
			frames := 0
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				ref := ffmpegDecode(b, path)
				ours, n := readerDecode(b, path)
				frames = n
				if bestRef == 0 || ref < bestRef {
					bestRef = ref
				}
				if bestOurs == 0 || ours < bestOurs {
					bestOurs = ours
				}
			}
			b.ReportMetric(float64(bestRef)/float64(bestOurs), "x_ffmpeg")
			b.ReportMetric(float64(frames)/bestOurs.Seconds(), "fps")
			b.ReportMetric(float64(frames)/bestRef.Seconds(), "ffmpeg_fps")
		})
	}
}
