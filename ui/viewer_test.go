package ui

import (
	"context"
	"image"
	"image/color"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
)

// TestViewerDropsStaleFrames: a slow decode of an earlier request never
// paints over the picture of a later one.
func TestViewerDropsStaleFrames(t *testing.T) {
	test.NewApp()
	release := make(chan struct{})
	cancelled := make(chan bool, 1)
	v := NewViewer(func(ctx context.Context, path string, n, width int) (image.Image, error) {
		img := image.NewRGBA(image.Rect(0, 0, 4, 4))
		if n == 1 {
			<-release // the first request is slow
			cancelled <- ctx.Err() != nil
			img.Set(0, 0, color.RGBA{R: 255, A: 255})
		} else {
			img.Set(0, 0, color.RGBA{G: 255, A: 255})
		}
		return img, nil
	})
	v.shown = make(chan int, 4)
	w := test.NewWindow(v)
	defer w.Close()
	v.ShowFrame("a.mov", 1, "first")
	v.ShowFrame("a.mov", 2, "second")
	if gen := <-v.shown; gen != 2 {
		t.Fatalf("showed request %d first", gen)
	}
	close(release)
	select {
	case gen := <-v.shown:
		t.Fatalf("the stale request %d was shown after the newer one", gen)
	case <-time.After(300 * time.Millisecond):
	}
	if !<-cancelled {
		t.Error("the stale request's context was not cancelled")
	}
	if r, g, _, _ := v.img.Image.At(0, 0).RGBA(); r != 0 || g == 0 || v.Caption() != "second" {
		t.Errorf("viewer shows %v with caption %q", v.img.Image.At(0, 0), v.Caption())
	}
}
