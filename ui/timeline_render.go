package ui

import (
	"fmt"
	"image"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
)

// timelineBudget is the most canvas objects the timeline renderer aims to
// draw; past it, it merges neighbouring clips and markers more coarsely.
const timelineBudget = 400

// Text sizes on the timeline.
const (
	clipTextSize  = 11
	rulerTextSize = 10
)

// timelineRenderer draws the part of a Timeline in view from pools of
// rectangles, lines and texts that it reuses every layout: its object
// count follows the viewport's width, not the timeline's length.
type timelineRenderer struct {
	t       *Timeline
	rects   []*canvas.Rectangle
	lines   []*canvas.Line
	texts   []*canvas.Text
	images  []*canvas.Image
	nr      int
	nl      int
	nt      int
	ni      int
	objects []fyne.CanvasObject
	fg      color.Color
}

func newTimelineRenderer(t *Timeline) *timelineRenderer {
	r := &timelineRenderer{t: t}
	r.Layout(t.Size())
	return r
}

// Objects returns the objects of the latest layout, in drawing order.
func (r *timelineRenderer) Objects() []fyne.CanvasObject { return r.objects }

// MinSize returns the timeline's minimum size.
func (r *timelineRenderer) MinSize() fyne.Size { return r.t.MinSize() }

// Destroy releases nothing: the pools are plain canvas objects.
func (r *timelineRenderer) Destroy() {}

// Refresh lays the view out again and asks the canvas to repaint it.
func (r *timelineRenderer) Refresh() {
	r.Layout(r.t.Size())
	canvas.Refresh(r.t)
}

// Layout draws the view at size: at the finest detail that stays within
// timelineBudget objects.
func (r *timelineRenderer) Layout(size fyne.Size) {
	th := r.t.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	r.fg = th.Color(theme.ColorNameForeground, v)
	for sep := float32(2); ; sep *= 2 {
		r.reset()
		r.draw(size, sep, th, v)
		if len(r.objects) <= timelineBudget || sep > size.Width {
			return
		}
	}
}

func (r *timelineRenderer) reset() {
	r.nr, r.nl, r.nt, r.ni = 0, 0, 0, 0
	r.objects = r.objects[:0]
}

// rect takes the next pooled rectangle, set up as a plain filled box.
func (r *timelineRenderer) rect(fill color.Color, x, y, w, h float32) *canvas.Rectangle {
	if r.nr == len(r.rects) {
		r.rects = append(r.rects, canvas.NewRectangle(nil))
	}
	o := r.rects[r.nr]
	r.nr++
	o.FillColor, o.StrokeColor, o.StrokeWidth = fill, nil, 0
	o.Move(fyne.NewPos(x, y))
	o.Resize(fyne.NewSize(w, h))
	r.objects = append(r.objects, o)
	return o
}

// line takes the next pooled line, from (x0, y0) to (x1, y1).
func (r *timelineRenderer) line(c color.Color, x0, y0, x1, y1 float32) {
	if r.nl == len(r.lines) {
		r.lines = append(r.lines, canvas.NewLine(nil))
	}
	o := r.lines[r.nl]
	r.nl++
	o.StrokeColor, o.StrokeWidth = c, 1
	o.Position1, o.Position2 = fyne.NewPos(x0, y0), fyne.NewPos(x1, y1)
	r.objects = append(r.objects, o)
}

// image takes the next pooled image, showing img in the box at (x, y).
func (r *timelineRenderer) image(img image.Image, x, y, w, h float32) {
	if r.ni == len(r.images) {
		o := canvas.NewImageFromImage(nil)
		o.FillMode = canvas.ImageFillStretch
		o.ScaleMode = canvas.ImageScaleFastest
		r.images = append(r.images, o)
	}
	o := r.images[r.ni]
	r.ni++
	if o.Image != img {
		o.Image = img
		o.Refresh()
	}
	o.Move(fyne.NewPos(x, y))
	o.Resize(fyne.NewSize(w, h))
	r.objects = append(r.objects, o)
}

// text takes the next pooled text, at (x, y).
func (r *timelineRenderer) text(s string, size, x, y float32) {
	if r.nt == len(r.texts) {
		r.texts = append(r.texts, canvas.NewText("", nil))
	}
	o := r.texts[r.nt]
	r.nt++
	o.Text, o.Color, o.TextSize = s, r.fg, size
	o.Move(fyne.NewPos(x, y))
	o.Resize(fyne.NewSize(float32(len(s))*size, size*1.4))
	r.objects = append(r.objects, o)
}

// fit shortens s to what a box w units wide holds at size, or "".
func fit(s string, w, size float32) string {
	n := int((w - 6) / (size * 0.6))
	rs := []rune(s)
	switch {
	case n < 3:
		return ""
	case len(rs) <= n:
		return s
	}
	return string(rs[:n-1]) + "…"
}

func (r *timelineRenderer) draw(size fyne.Size, sep float32, th fyne.Theme, v fyne.ThemeVariant) {
	t := r.t
	if size.Width <= TimelineHeaderWidth || size.Height <= 0 {
		return
	}
	header := th.Color(theme.ColorNameHeaderBackground, v)
	r.rect(header, 0, 0, size.Width, TimelineRulerHeight)
	r.rect(header, 0, 0, TimelineHeaderWidth, size.Height)
	from, to := t.FrameAt(TimelineHeaderWidth), t.FrameAt(size.Width)
	r.drawRuler(size, from, to)
	r.drawMarkers(size, from, to, sep)
	r.drawTracks(size, from, to, sep, th.Color(theme.ColorNameInputBackground, v))
	r.drawMarks(size)
	if x := t.XForFrame(float64(t.playhead)); x >= TimelineHeaderWidth-1 && x <= size.Width {
		r.rect(playheadColor, x-1, 0, 2, size.Height)
	}
}

// drawMarks shades the range between the in and out marks, draws each
// mark on the ruler, and the edge of a clip being trimmed.
func (r *timelineRenderer) drawMarks(size fyne.Size) {
	t := r.t
	in, out := t.markIn, t.markOut
	if in >= 0 || out >= 0 {
		a, b := float64(max(in, 0)), float64(out)
		if out < 0 {
			b = float64(t.duration)
		}
		if x0, x1 := clampX(t.XForFrame(a), t.XForFrame(b), size.Width); x1 > x0 {
			r.rect(marksColor, x0, 0, x1-x0, size.Height)
		}
		for _, m := range []int64{in, out} {
			if x := t.XForFrame(float64(m)); m >= 0 && x >= TimelineHeaderWidth && x <= size.Width {
				r.rect(markColor, x-1, 0, 2, TimelineRulerHeight)
			}
		}
	}
	if d := t.trim; d != nil {
		x := t.XForFrame(float64(d.frame)) + d.x - d.startX
		r.rect(trimColor, x-1, t.tracksTop(), 2, size.Height-t.tracksTop())
		n := d.frames(t.ppf)
		label := fmt.Sprintf("%+d", n)
		r.text(label, rulerTextSize, x+3, t.tracksTop())
	}
}

// clampX keeps x0 and x1 inside the frame area [TimelineHeaderWidth, w].
func clampX(x0, x1, w float32) (float32, float32) {
	return max(x0, TimelineHeaderWidth), min(x1, w)
}
