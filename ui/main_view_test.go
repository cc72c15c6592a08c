package ui

import (
	"image"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"rushcut/app/project"
)

func TestMainViewShowsBinAndThumbnail(t *testing.T) {
	a := test.NewApp()
	defer a.Quit()
	p := project.New()
	p.Add(project.DemoDir+"/Megamind.avi", project.DemoDir+"/vtest.avi", "/no/such/file.mov")
	v := NewMainView(p)
	w := test.NewWindow(v.Content())
	defer w.Close()

	if n := v.Bin.Length(); n != 2 {
		t.Fatalf("bin shows %d clips, want 2", n)
	}
	if !strings.Contains(v.Status.Text, "2 clips") || !strings.Contains(v.Status.Text, "1 files could not be read") {
		t.Errorf("status %q", v.Status.Text)
	}
	v.shown = make(chan struct{}, 1)
	v.Bin.Select(0)
	if !strings.Contains(v.Details.Text, "Megamind.avi") || !strings.Contains(v.Details.Text, "720x528") {
		t.Errorf("details %q", v.Details.Text)
	}
	// The middle frame is decoded in the background and shown.
	select {
	case <-v.shown:
	case <-time.After(30 * time.Second):
		t.Fatal("no thumbnail shown within 30 s")
	}
	img, ok := v.Viewer.Image.(*image.RGBA)
	if !ok || img.Bounds().Dx() != 640 || img.Bounds().Dy() != 468 {
		t.Fatalf("viewer image %T %v, want the 640x468 middle frame", v.Viewer.Image, v.Viewer.Image.Bounds())
	}
}
