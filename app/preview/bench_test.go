package preview

import (
	"context"
	"fmt"
	"testing"
	"time"

	"rushcut/media"
	"rushcut/media/mediatest"
)

// BenchmarkStabilizePreview1080p renders the stabilise preview of a 10 s
// 1080p shaky take (Megamind.avi upscaled, with shake path A at 4× the
// scale) at 960 px wide: tracking pass, warp, split screen, still, H.264.
// It reports "x_realtime" (seconds of footage per second of rendering:
// above 1 is faster than real time) and, against `ffmpeg -i F -vf
// scale=256:-1 -f null -` on the same file in the same run, "x_ffmpeg"
// (our frames per second over ffmpeg's decode-only rate).
func BenchmarkStabilizePreview1080p(b *testing.B) {
	shake := fmt.Sprintf("crop=1920:1080:'4*(%s)':'4*(%s)'", shakeA[0], shakeA[1])
	clip := mediatest.FFmpeg(b, "shaky1080.mp4", "-i", mediatest.OpencvData(b, "Megamind.avi"), "-t", "10",
		"-vf", "scale=2080:1200,"+shake, "-an", "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-pix_fmt", "yuv420p")
	info, err := media.Probe(clip)
	if err != nil {
		b.Fatal(err)
	}
	n := int(info.Video.Frames)
	seconds := float64(n) / info.Video.FrameRate.Float()
	var best time.Duration
	mediatest.ReportRatio(b, clip, func() (time.Duration, int) {
		start := time.Now()
		r, err := Render(context.Background(), Request{Source: Source{Path: clip, Out: n},
			Effect: Effect{Kind: Stabilize}, Width: 960, MaxSeconds: 10}, Options{CacheDir: b.TempDir()})
		d := time.Since(start)
		if err != nil {
			b.Fatal(err)
		}
		if best == 0 || d < best {
			best = d
		}
		return d, r.Frames
	})
	b.ReportMetric(seconds/best.Seconds(), "x_realtime")
}
