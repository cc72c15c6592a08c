package ui

import (
	"image"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// BenchmarkTimelineLayout lays out and refreshes the timeline renderer over
// 500 clips (V1 and A1) and 2,000 suggestion markers in a 1600×400 view,
// panning a little every frame, at three zooms: the whole timeline, 1 and
// 8 pixels per frame, without and with clip art (thumbnails and
// waveforms, from memory). It reports ns/frame (one Layout plus one
// Refresh).
func BenchmarkTimelineLayout(b *testing.B) {
	darkApp(b)
	tl, es := fixture(500)
	w := NewTimeline(tl)
	w.SetSuggestions(es)
	win := test.NewTempWindow(b, w)
	win.SetPadded(false)
	size := fyne.NewSize(1600, 400)
	win.Resize(size)
	r := test.WidgetRenderer(w)
	for _, z := range []struct {
		name string
		ppf  float64
		art  bool
	}{{"fit", 0, false}, {"1px", 1, false}, {"8px", 8, false}, {"fit+art", 0, true}, {"1px+art", 1, true}, {"8px+art", 8, true}} {
		b.Run(z.name, func(b *testing.B) {
			if z.art {
				w.SetArt(&fakeArt{pic: image.NewRGBA(image.Rect(0, 0, 96, 54))})
			}
			if z.ppf == 0 {
				w.ZoomToFit()
			} else {
				w.ppf = z.ppf
			}
			span := float64(w.duration) - w.frameArea()/w.ppf
			i := 0
			for b.Loop() {
				w.offset = w.clampOffset(float64(i%100) / 100 * span)
				r.Layout(size)
				r.Refresh()
				i++
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N), "ns/frame")
			b.ReportMetric(float64(len(r.Objects())), "objects")
		})
	}
}
