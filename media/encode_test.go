package media

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

// encodeClip writes the first n frames of a real clip at w px wide through
// an Encoder and returns the output path.
func encodeClip(t *testing.T, dir string, n, w int) string {
	t.Helper()
	r, err := OpenReader(opencvData(t, "Megamind.avi"), ReaderOptions{Width: w, Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	fw, fh := r.Size()
	out := filepath.Join(dir, "out.mp4")
	e, err := CreateEncoder(out, EncoderOptions{Width: fw, Height: fh, Rate: Rational{25, 1}})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i++ {
		f, err := r.Next()
		if err != nil {
			t.Fatal(err)
		}
		if err := e.WriteBGR(f.Data); err != nil {
			t.Fatal(err)
		}
	}
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestEncoderRoundTrip encodes 50 real frames and reads them back: an
// H.264 yuv420p MP4 at 25 fps with every frame, each close to the one
// written (mean absolute error under 4 levels of 255).
func TestEncoderRoundTrip(t *testing.T) {
	out := encodeClip(t, t.TempDir(), 50, 320)
	b, err := exec.Command("ffprobe", "-v", "error", "-select_streams", "v", "-count_frames",
		"-show_entries", "stream=codec_name,pix_fmt,width,height,r_frame_rate,nb_read_frames", "-of", "csv=p=0", out).Output()
	if err != nil {
		t.Fatalf("ffprobe %s: %v", out, err)
	}
	if got := strings.TrimSpace(string(b)); got != "h264,320,234,yuv420p,25/1,50" {
		t.Errorf("ffprobe says %q, want h264,320,234,yuv420p,25/1,50", got)
	}
	src, err := OpenReader(opencvData(t, "Megamind.avi"), ReaderOptions{Width: 320, Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst, err := OpenReader(out, ReaderOptions{Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()
	for i := 0; i < 50; i++ {
		a, err1 := src.Next()
		c, err2 := dst.Next()
		if err1 != nil || err2 != nil {
			t.Fatalf("frame %d: %v %v", i, err1, err2)
		}
		var sum int
		for k := range a.Data {
			d := int(a.Data[k]) - int(c.Data[k])
			if d < 0 {
				d = -d
			}
			sum += d
		}
		if mae := float64(sum) / float64(len(a.Data)); mae > 4 {
			t.Errorf("frame %d: mean absolute error %.2f after encoding", i, mae)
		}
	}
}

// TestEncoderRefuses checks the one-line errors for a bad size, a bad
// rate, a wrong frame length and a folder that does not exist.
func TestEncoderRefuses(t *testing.T) {
	dir := t.TempDir()
	if _, err := CreateEncoder(filepath.Join(dir, "a.mp4"), EncoderOptions{Width: 321, Height: 240, Rate: Rational{25, 1}}); err == nil || !strings.Contains(err.Error(), "bad output size") {
		t.Errorf("odd width: %v", err)
	}
	if _, err := CreateEncoder(filepath.Join(dir, "a.mp4"), EncoderOptions{Width: 320, Height: 240}); err == nil || !strings.Contains(err.Error(), "frame rate") {
		t.Errorf("no rate: %v", err)
	}
	if _, err := CreateEncoder(filepath.Join(dir, "no", "such", "a.mp4"), EncoderOptions{Width: 320, Height: 240, Rate: Rational{25, 1}}); err == nil {
		t.Error("missing folder: no error")
	}
	e, err := CreateEncoder(filepath.Join(dir, "b.mp4"), EncoderOptions{Width: 64, Height: 32, Rate: Rational{25, 1}})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.WriteBGR(make([]byte, 10)); err == nil || !strings.Contains(err.Error(), "want 6144") {
		t.Errorf("short frame: %v", err)
	}
	if err := e.Close(); err == nil || !strings.Contains(err.Error(), "no frame") {
		t.Errorf("empty file: %v", err)
	}
}

// TestEncoderNoLeak encodes 300 small files: every FFmpeg allocation is
// freed, so resident memory stays flat.
func TestEncoderNoLeak(t *testing.T) {
	if testing.Short() {
		t.Skip("long test")
	}
	dir := t.TempDir()
	frame := make([]byte, 128*72*3)
	cycle := func(n int) {
		for i := 0; i < n; i++ {
			e, err := CreateEncoder(filepath.Join(dir, "l.mp4"), EncoderOptions{Width: 128, Height: 72, Rate: Rational{25, 1}})
			if err != nil {
				t.Fatal(err)
			}
			for j := 0; j < 5; j++ {
				frame[j] = byte(i)
				if err := e.WriteBGR(frame); err != nil {
					t.Fatal(err)
				}
			}
			if err := e.Close(); err != nil {
				t.Fatal(err)
			}
		}
		runtime.GC()
		debug.FreeOSMemory()
	}
	cycle(50)
	before := rssKB(t)
	cycle(300)
	after := rssKB(t)
	t.Logf("RSS after 50 files %d kB, after 350 %d kB", before, after)
	if after-before > 16<<10 {
		t.Errorf("RSS grew by %d kB over 300 encodes", after-before)
	}
	os.Remove(filepath.Join(dir, "l.mp4"))
}
