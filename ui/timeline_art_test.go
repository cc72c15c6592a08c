package ui

import (
	"context"
	"image"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"rushcut/app/edit"
)

// TestWaveformFollowsTheLevels: a clip whose sound is silent but for one
// loud second draws tall bars over that second only.
func TestWaveformFollowsTheLevels(t *testing.T) {
	peaks := make([]float32, 300) // 3 s of 10 ms windows
	for i := range peaks {
		peaks[i] = -90
		if i >= 100 && i < 200 {
			peaks[i] = -1
		}
	}
	a := NewClipArt(nil, func(string) *Levels { return &Levels{Window: 0.01, Peak: peaks} }, nil)
	c := &edit.Clip{Media: &edit.MediaReference{Path: "a.wav", Rate: edit.Rate{Num: 25, Den: 1}, Duration: 75}, Duration: 75}
	img := a.Waveform(c, 0, 75, 75, 20)
	if img == nil {
		t.Fatal("no waveform")
	}
	height := func(x int) int {
		n := 0
		for y := range 20 {
			if _, _, _, al := img.At(x, y).RGBA(); al > 0 {
				n++
			}
		}
		return n
	}
	for _, x := range []int{30, 40, 45} { // 1.2–1.8 s
		if h := height(x); h < 16 {
			t.Errorf("column %d (loud) has a bar of %d px, want most of 20", x, h)
		}
	}
	for _, x := range []int{5, 20, 60, 70} {
		if h := height(x); h > 1 {
			t.Errorf("column %d (silent) has a bar of %d px", x, h)
		}
	}
	if NewClipArt(nil, nil, nil).Waveform(c, 0, 75, 75, 20) != nil {
		t.Error("a waveform without levels")
	}
}

// TestThumbnailsArriveAsync: the first ask starts a decode and answers
// nil; when the picture arrives the timeline is refreshed and the next ask
// answers it, without decoding again.
func TestThumbnailsArriveAsync(t *testing.T) {
	test.NewApp()
	decodes := 0
	refreshed := make(chan struct{}, 1)
	pic := image.NewRGBA(image.Rect(0, 0, 8, 4))
	a := NewClipArt(func(_ context.Context, path string, n, width int) (image.Image, error) {
		decodes++
		if path != "a.mov" || n != 40 || width != thumbWidth {
			t.Errorf("decoded %s frame %d at %d px", path, n, width)
		}
		return pic, nil
	}, nil, func() { refreshed <- struct{}{} })
	c := &edit.Clip{Media: &edit.MediaReference{Path: "a.mov", Rate: edit.Rate{Num: 25, Den: 1}, Duration: 100}, Duration: 50}
	if img := a.Thumbnail(c, 40); img != nil {
		t.Fatal("a thumbnail before its decode")
	}
	select {
	case <-refreshed:
	case <-time.After(5 * time.Second):
		t.Fatal("no refresh after the decode")
	}
	if img := a.Thumbnail(c, 40); img != pic || decodes != 1 {
		t.Errorf("second ask: %v after %d decodes", img, decodes)
	}
}

// fakeArt answers every thumbnail at once and records the frames asked.
type fakeArt struct {
	asked []int64
	pic   image.Image
}

func (f *fakeArt) Thumbnail(c *edit.Clip, n int64) image.Image {
	f.asked = append(f.asked, n)
	return f.pic
}
func (f *fakeArt) Waveform(c *edit.Clip, n0, n1 float64, w, h int) image.Image {
	return image.NewRGBA(image.Rect(0, 0, max(w, 1), max(h, 1)))
}

// TestTimelineDrawsArt: at 8 px per frame the first video clip shows a
// strip of thumbnails starting at its source in, one thumbnail width
// apart; audio clips show their waveform; zoomed out to the whole
// timeline the art stays within the object budget.
func TestTimelineDrawsArt(t *testing.T) {
	darkApp(t)
	tl, _ := fixture(40)
	w := NewTimeline(tl)
	art := &fakeArt{pic: image.NewRGBA(image.Rect(0, 0, 16, 9))}
	w.SetArt(art)
	win := test.NewTempWindow(t, w)
	win.SetPadded(false)
	win.Resize(fyne.NewSize(1200, 300))
	w.ppf, w.offset = 8, 0
	art.asked = nil
	r := test.WidgetRenderer(w)
	r.Layout(w.Size())
	images := 0
	for _, o := range r.Objects() {
		if _, ok := o.(*canvas.Image); ok {
			images++
		}
	}
	c := tl.Tracks[0].Items[0].(*edit.Clip)
	tw := (TimelineTrackHeight - 2 - artTop - 1) * 16 / 9
	perThumb := float64(tw) / 8 // record frames per thumbnail
	if len(art.asked) < 2 || art.asked[0] != c.SourceIn || art.asked[1] != c.SourceIn+int64(perThumb+0.5) {
		t.Errorf("thumbnails asked for frames %v, want %d, %d, …", art.asked[:min(len(art.asked), 3)], c.SourceIn, c.SourceIn+int64(perThumb+0.5))
	}
	if images <= len(art.asked) {
		t.Errorf("%d images for %d thumbnails: no waveforms on the audio track", images, len(art.asked))
	}
	w.ZoomToFit()
	if n := len(r.Objects()); n > timelineBudget {
		t.Errorf("%d objects at fit with art, budget %d", n, timelineBudget)
	}
}
