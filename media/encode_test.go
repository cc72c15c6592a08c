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
	return encodeClipWith(t, dir, n, w, EncoderOptions{})
}

// encodeClipWith is encodeClip with the encoder's quality options.
func encodeClipWith(t *testing.T, dir string, n, w int, opt EncoderOptions) string {
	t.Helper()
	r, err := OpenReader(opencvData(t, "Megamind.avi"), ReaderOptions{Width: w, Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	fw, fh := r.Size()
	out := filepath.Join(dir, "out.mp4")
	opt.Width, opt.Height, opt.Rate = fw, fh, Rational{25, 1}
	e, err := CreateEncoder(out, opt)
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

// meanError is the mean absolute difference between the BGR pixels of
// the first n frames of a and b, decoded at w px wide.
func meanError(t *testing.T, a, b string, n, w int) float64 {
	t.Helper()
	ra, err := OpenReader(a, ReaderOptions{Width: w, Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer ra.Close()
	rb, err := OpenReader(b, ReaderOptions{Width: w, Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer rb.Close()
	var sum, count int
	for i := 0; i < n; i++ {
		fa, err1 := ra.Next()
		fb, err2 := rb.Next()
		if err1 != nil || err2 != nil {
			t.Fatalf("frame %d: %v %v", i, err1, err2)
		}
		for k := range fa.Data {
			sum += max(int(fa.Data[k])-int(fb.Data[k]), int(fb.Data[k])-int(fa.Data[k]))
		}
		count += len(fa.Data)
	}
	return float64(sum) / float64(count)
}

// TestEncoderLossless encodes 40 real frames losslessly twice: both
// files are H.264's lossless profile (High 4:4:4 Predictive, which x264
// signals for qp 0), decode to the same pixels, and are closer to the
// frames written than the default CRF 20 output is.
func TestEncoderLossless(t *testing.T) {
	const n, w = 40, 320
	src := opencvData(t, "Megamind.avi")
	a := encodeClipWith(t, t.TempDir(), n, w, EncoderOptions{Lossless: true})
	b := encodeClipWith(t, t.TempDir(), n, w, EncoderOptions{Lossless: true})
	lossy := encodeClip(t, t.TempDir(), n, w)
	out, err := exec.Command("ffprobe", "-v", "error", "-select_streams", "v", "-show_entries", "stream=profile", "-of", "csv=p=0", a).Output()
	if err != nil {
		t.Fatalf("ffprobe %s: %v", a, err)
	}
	if got := strings.TrimSpace(string(out)); got != "High 4:4:4 Predictive" {
		t.Errorf("lossless output has profile %q, want High 4:4:4 Predictive", got)
	}
	if d := meanError(t, a, b, n, w); d != 0 {
		t.Errorf("two lossless encodes of the same frames differ (mean %.4f levels)", d)
	}
	dl, dc := meanError(t, a, src, n, w), meanError(t, lossy, src, n, w)
	t.Logf("mean error against the frames written: lossless %.3f, CRF 20 %.3f levels", dl, dc)
	if dl >= dc {
		t.Errorf("lossless output is off the frames written by %.3f levels, CRF 20 by %.3f", dl, dc)
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
