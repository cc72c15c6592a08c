package media

import (
	"bytes"
	"errors"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeFile writes b to name in a temp dir and returns the path.
func writeFile(t *testing.T, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestBadInput(t *testing.T) {
	rnd := make([]byte, 64<<10)
	rand.New(rand.NewSource(1)).Read(rnd)
	mp4 := ffmpegFixture(t, "full.mp4", "-f", "lavfi", "-i", "testsrc2=s=160x120:r=25:d=4", "-c:v", "libx264", "-preset", "ultrafast")
	whole, _ := os.ReadFile(mp4)
	fast := ffmpegFixture(t, "fast.mp4", "-f", "lavfi", "-i", "testsrc2=s=160x120:r=25:d=4", "-c:v", "libx264", "-preset", "ultrafast", "-movflags", "+faststart")
	wholeFast, _ := os.ReadFile(fast)
	avi := ffmpegFixture(t, "x.avi", "-f", "lavfi", "-i", "testsrc2=s=160x120:r=25:d=1", "-c:v", "mpeg4")
	aviBytes, _ := os.ReadFile(avi)
	// A codec this FFmpeg cannot decode: the AVI's fourcc rewritten.
	unknown := bytes.ReplaceAll(aviBytes, []byte("FMP4"), []byte("QQ9Z"))

	cases := []struct {
		name   string
		path   string
		reason string // a phrase the one-line error must contain
		probe  bool   // Probe succeeds; only the frame reader fails
	}{
		{"missing", filepath.Join(t.TempDir(), "nope.mov"), "no such file", false},
		{"directory", t.TempDir(), "is a directory", false},
		{"zero bytes", writeFile(t, "empty.mp4", nil), "empty file", false},
		{"random bytes", writeFile(t, "noise.mkv", rnd), "not a media file", false},
		{"mp4 cut at half", writeFile(t, "half.mp4", whole[:len(whole)/2]), "truncated", false},
		{"faststart mp4 cut at half", writeFile(t, "halffast.mp4", wholeFast[:len(wholeFast)/2]), "truncated", false},
		{"text renamed .mov", writeFile(t, "notes.mov", []byte("INT. KITCHEN - NIGHT\nShe opens the fridge.\n")), "not a readable MP4", false},
		{"unsupported codec", writeFile(t, "alien.avi", unknown), "unsupported codec", true},
		{"absurd dimensions", writeFile(t, "huge.y4m", []byte("YUV4MPEG2 W60000 H60000 F25:1 C420jpeg\nFRAME\nxxxx")), "", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Probe(c.path)
			if c.probe {
				if err != nil {
					t.Fatalf("Probe: %v", err)
				}
				_, err = OpenReader(c.path, ReaderOptions{Width: 64})
			} else if err == nil {
				_, err = OpenReader(c.path, ReaderOptions{Width: 64})
			}
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			t.Log(msg)
			if !errors.Is(err, ErrBadInput) {
				t.Errorf("error %q is not ErrBadInput", msg)
			}
			if !strings.HasPrefix(msg, c.path+": ") || strings.Contains(msg, "\n") || !strings.Contains(msg, c.reason) {
				t.Errorf("error %q: want one line naming the file and saying %q", msg, c.reason)
			}
		})
	}
}

func TestSourceNeverWritten(t *testing.T) {
	p := ffmpegFixture(t, "ro.mkv", "-f", "lavfi", "-i", "testsrc2=s=160x120:r=25:d=1", "-c:v", "mpeg4")
	if err := os.Chmod(p, 0o444); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(p)
	st0, _ := os.Stat(p)
	if _, err := Probe(p); err != nil {
		t.Fatal(err)
	}
	r, err := OpenReader(p, ReaderOptions{Width: 64})
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := r.Next(); err != nil {
			break
		}
	}
	if _, err := r.Seek(3); err != nil {
		t.Fatal(err)
	}
	r.Close()
	after, _ := os.ReadFile(p)
	st1, _ := os.Stat(p)
	if !bytes.Equal(before, after) || !st0.ModTime().Equal(st1.ModTime()) {
		t.Error("source file changed")
	}
}
