// Package mediatest holds what Rushcut's tests and benchmarks share for
// media: the real opencv-doc footage, fixtures made with the ffmpeg CLI,
// and the ffmpeg decode reference that speed is reported against.
package mediatest

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// OpencvDataDir is where Debian's opencv-doc package installs real footage.
const OpencvDataDir = "/usr/share/doc/opencv-doc/examples/data"

// OpencvData returns the path of a real clip from opencv-doc, failing the
// test when it is missing.
func OpencvData(t testing.TB, name string) string {
	t.Helper()
	p := filepath.Join(OpencvDataDir, name)
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("real footage missing (scripts/setup.sh installs opencv-doc): %v", err)
	}
	return p
}

// FFmpeg runs the ffmpeg CLI with args to make the fixture name in a temp
// dir and returns its path.
func FFmpeg(t testing.TB, name string, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		t.Fatalf("ffmpeg CLI missing (scripts/setup.sh installs it): %v", err)
	}
	out := filepath.Join(t.TempDir(), name)
	full := append([]string{"-hide_banner", "-nostdin", "-loglevel", "error", "-y"}, args...)
	full = append(full, out)
	if b, err := exec.Command("ffmpeg", full...).CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg %v: %v\n%s", full, err, b)
	}
	return out
}

// DamagedProRes makes a ProRes file with a cut at frame 40 (80 frames at
// 25 fps) and a copy whose packet 20 has its frame header overwritten, so
// that the decoder loses that one frame.
func DamagedProRes(t testing.TB) (clean, damaged string) {
	t.Helper()
	clean = FFmpeg(t, "pr.mov", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=1.6",
		"-f", "lavfi", "-i", "mandelbrot=size=320x240:rate=25",
		"-filter_complex", "[1]trim=duration=1.6,setpts=PTS-STARTPTS[b];[0][b]concat=n=2:v=1",
		"-c:v", "prores_ks", "-profile:v", "0")
	out, err := exec.Command("ffprobe", "-v", "error", "-select_streams", "v", "-show_entries", "packet=pos", "-of", "csv=p=0", clean).Output()
	if err != nil {
		t.Fatalf("ffprobe %s: %v", clean, err)
	}
	pos, err := strconv.ParseInt(strings.Fields(string(out))[20], 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(clean)
	if err != nil {
		t.Fatal(err)
	}
	copy(b[pos:pos+16], "XXXXXXXXXXXXXXXX")
	damaged = filepath.Join(t.TempDir(), "damaged.mov")
	if err := os.WriteFile(damaged, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return clean, damaged
}

// BenchClip makes an H.264 clip of real footage at the given height:
// Megamind.avi upscaled and played twice (about 22 s).
func BenchClip(t testing.TB, height int) string {
	t.Helper()
	return FFmpeg(t, "bench.mp4", "-stream_loop", "1", "-i", OpencvData(t, "Megamind.avi"),
		"-vf", "scale=-2:"+strconv.Itoa(height), "-an", "-c:v", "libx264", "-preset", "veryfast", "-crf", "20")
}

// FFmpegDecode times the reference every speed is reported against:
// `ffmpeg -i FILE -vf scale=256:-1 -f null -`, decoding every frame.
func FFmpegDecode(t testing.TB, path string) time.Duration {
	t.Helper()
	start := time.Now()
	out, err := exec.Command("ffmpeg", "-v", "error", "-i", path, "-vf", "scale=256:-1", "-f", "null", "-").CombinedOutput()
	if err != nil {
		t.Fatalf("ffmpeg: %v %s", err, out)
	}
	return time.Since(start)
}

// ReportRatio runs the reference and ours alternately b.N times on path
// and reports the best of each as "x_ffmpeg" (our throughput over
// ffmpeg's), "fps" and "ffmpeg_fps". ours returns its time and frames.
func ReportRatio(b *testing.B, path string, ours func() (time.Duration, int)) {
	b.Helper()
	var bestRef, bestOurs time.Duration
	frames := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ref := FFmpegDecode(b, path)
		d, n := ours()
		frames = n
		if bestRef == 0 || ref < bestRef {
			bestRef = ref
		}
		if bestOurs == 0 || d < bestOurs {
			bestOurs = d
		}
	}
	b.ReportMetric(float64(bestRef)/float64(bestOurs), "x_ffmpeg")
	b.ReportMetric(float64(frames)/bestOurs.Seconds(), "fps")
	b.ReportMetric(float64(frames)/bestRef.Seconds(), "ffmpeg_fps")
}

// TruthDir is the folder of the frame-exact ground truth for the opencv-doc
// clips (Megamind.json, Megamind_bugy.json, vtest.json, tree.json; its
// README says how they were labelled). It sits in the repository, beside
// this file, so that a clone alone runs every test.
func TruthDir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "truth")
}

// Truth returns the path of one ground-truth file in TruthDir, failing the
// test when it is missing.
func Truth(t testing.TB, name string) string {
	t.Helper()
	p := filepath.Join(TruthDir(), name)
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("ground truth missing: %v", err)
	}
	return p
}
