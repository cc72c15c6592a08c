package project

import (
	"image"
	"path/filepath"
	"strings"
	"testing"
)

func TestAddFolderAndFiles(t *testing.T) {
	p := New()
	p.Add(DemoDir, filepath.Join(t.TempDir(), "missing.mov"))
	var names []string
	for _, c := range p.Clips() {
		names = append(names, c.Name())
	}
	// The demo folder's four clips, in name order; its .jpg/.png/.xml files
	// are not video and are left out.
	if got := strings.Join(names, ","); got != "Megamind.avi,Megamind_bugy.avi,tree.avi,vtest.avi" {
		t.Errorf("clips %s", got)
	}
	if errs := p.Errors(); len(errs) != 1 || !strings.Contains(errs[0].Error(), "missing.mov: no such file") {
		t.Errorf("errors %v", errs)
	}
}

func TestThumbnailIsTheRequestedFrame(t *testing.T) {
	p := New()
	p.Add(filepath.Join(DemoDir, "Megamind.avi"))
	c := p.Clips()[0]
	black, err := Thumbnail(c, 0, 320)
	if err != nil {
		t.Fatal(err)
	}
	shot, err := Thumbnail(c, 120, 320)
	if err != nil {
		t.Fatal(err)
	}
	if b := black.Bounds(); b.Dx() != 320 || b.Dy() != 234 {
		t.Errorf("thumbnail %v, want 320x234", b)
	}
	// Frame 0 of Megamind.avi is black; frame 120 is a lit shot.
	if m0, m1 := meanLevel(black), meanLevel(shot); m0 > 8 || m1 < 30 {
		t.Errorf("mean level of frame 0 %.1f (want black), of frame 120 %.1f (want lit)", m0, m1)
	}
	if _, err := Thumbnail(c, 270, 320); err == nil {
		t.Error("frame 270 of a 270-frame clip: no error")
	}
}

func meanLevel(img image.Image) float64 {
	rgba := img.(*image.RGBA)
	var sum float64
	for i, v := range rgba.Pix {
		if i%4 != 3 {
			sum += float64(v)
		}
	}
	return sum / float64(len(rgba.Pix)/4*3)
}

func TestIsVideoFile(t *testing.T) {
	for name, want := range map[string]bool{"a.MOV": true, "b.mxf": true, "c.txt": false, "d": false, "e.wav": false} {
		if IsVideoFile(name) != want {
			t.Errorf("IsVideoFile(%q) = %v", name, !want)
		}
	}
}
