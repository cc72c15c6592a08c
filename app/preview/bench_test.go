package preview

import (
	"context"
	"fmt"
	"os/exec"
	"syscall"
	"testing"
	"time"

	"rushcut/media"
	"rushcut/media/mediatest"
)

// cpuTime is the CPU time (user and system, all threads) this process has
// used so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// ffmpegDecodeCPU runs the reference decode (as mediatest.FFmpegDecode)
// and returns its CPU time.
func ffmpegDecodeCPU(b *testing.B, path string) time.Duration {
	cmd := exec.Command("ffmpeg", "-v", "error", "-i", path, "-vf", "scale=256:-1", "-f", "null", "-")
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("ffmpeg: %v %s", err, out)
	}
	return cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
}

// BenchmarkStabilizePreview1080p renders the stabilise preview of a 10 s
// 1080p shaky take (Megamind.avi upscaled, with shake path A at 4× the
// scale) at 960 px wide: tracking pass, warp, split screen, still, H.264.
// It reports "x_realtime" (seconds of footage per second of rendering:
// above 1 is faster than real time) and, against `ffmpeg -i F -vf
// scale=256:-1 -f null -` on the same file in the same run, "x_ffmpeg"
// (our frames per second over ffmpeg's decode-only rate). On a shared
// machine wall time depends on the other load, so it also reports CPU
// time: "cpu_s" for one render, "x_realtime_cpu" (seconds of footage per
// CPU second) and "x_ffmpeg_cpu" (ffmpeg's decode CPU over ours).
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
	var best, bestCPU, refCPU time.Duration
	mediatest.ReportRatio(b, clip, func() (time.Duration, int) {
		if c := ffmpegDecodeCPU(b, clip); refCPU == 0 || c < refCPU {
			refCPU = c
		}
		start, cpu := time.Now(), cpuTime()
		r, err := Render(context.Background(), Request{Source: Source{Path: clip, Out: n},
			Effect: Effect{Kind: Stabilize}, Width: 960, MaxSeconds: 10}, Options{CacheDir: b.TempDir()})
		d, c := time.Since(start), cpuTime()-cpu
		if err != nil {
			b.Fatal(err)
		}
		if best == 0 || d < best {
			best = d
		}
		if bestCPU == 0 || c < bestCPU {
			bestCPU = c
		}
		return d, r.Frames
	})
	b.ReportMetric(seconds/best.Seconds(), "x_realtime")
	b.ReportMetric(bestCPU.Seconds(), "cpu_s")
	b.ReportMetric(seconds/bestCPU.Seconds(), "x_realtime_cpu")
	b.ReportMetric(refCPU.Seconds()/bestCPU.Seconds(), "x_ffmpeg_cpu")
}
