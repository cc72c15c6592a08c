package ui

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"rushcut/app/suggest"
)

// curvePlotHeight is the plot's minimum height.
const curvePlotHeight = 64

// CurvePlot draws a suggestion's evidence curve (suggest.Curve) as a small
// line plot: one line segment per 2 units of width at most, each sample
// bucket drawn at its largest value so that peaks survive, scaled between
// the curve's minimum and maximum. It shows nothing without a curve.
type CurvePlot struct {
	widget.BaseWidget
	curve *suggest.Curve
}

// NewCurvePlot returns an empty plot.
func NewCurvePlot() *CurvePlot {
	p := &CurvePlot{}
	p.ExtendBaseWidget(p)
	return p
}

// SetCurve plots c (nil for none).
func (p *CurvePlot) SetCurve(c *suggest.Curve) {
	p.curve = c
	p.Refresh()
}

// Curve returns the curve plotted, or nil.
func (p *CurvePlot) Curve() *suggest.Curve { return p.curve }

// MinSize is 160 units wide, curvePlotHeight high; nothing without a curve.
func (p *CurvePlot) MinSize() fyne.Size {
	if p.curve == nil || len(p.curve.Values) == 0 {
		return fyne.Size{}
	}
	return fyne.NewSize(160, curvePlotHeight)
}

// CreateRenderer returns the plot's renderer.
func (p *CurvePlot) CreateRenderer() fyne.WidgetRenderer {
	p.ExtendBaseWidget(p)
	r := &curveRenderer{p: p, bg: canvas.NewRectangle(nil), label: canvas.NewText("", nil)}
	r.label.TextSize = 10
	r.Refresh()
	return r
}

// curveRenderer draws a CurvePlot with a background, a label and pooled
// line segments.
type curveRenderer struct {
	p       *CurvePlot
	bg      *canvas.Rectangle
	label   *canvas.Text
	lines   []*canvas.Line
	n       int // lines in use
	objects []fyne.CanvasObject
}

func (r *curveRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *curveRenderer) MinSize() fyne.Size           { return r.p.MinSize() }
func (r *curveRenderer) Destroy()                     {}

func (r *curveRenderer) Refresh() {
	th := r.p.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	r.bg.FillColor = th.Color(theme.ColorNameInputBackground, v)
	r.label.Color = th.Color(theme.ColorNamePlaceHolder, v)
	r.Layout(r.p.Size())
	canvas.Refresh(r.p)
}

// Layout scales the curve to size.
func (r *curveRenderer) Layout(size fyne.Size) {
	r.objects = r.objects[:0]
	r.n = 0
	c := r.p.curve
	if c == nil || len(c.Values) == 0 || size.Width <= 0 || size.Height <= 0 {
		return
	}
	r.bg.Move(fyne.Position{})
	r.bg.Resize(size)
	r.label.Text = c.Name
	r.label.Move(fyne.NewPos(4, 0))
	r.label.Resize(fyne.NewSize(size.Width-8, 14))
	r.objects = append(r.objects, r.bg, r.label)
	pts := bucketMax(c.Values, max(int(size.Width/2), 2))
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range pts {
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	top, bottom := float32(16), size.Height-3
	y := func(v float64) float32 {
		if hi <= lo {
			return (top + bottom) / 2
		}
		return bottom - float32((v-lo)/(hi-lo))*(bottom-top)
	}
	x := func(i int) float32 {
		return 2 + float32(i)*(size.Width-4)/float32(len(pts)-1)
	}
	stroke := r.p.Theme().Color(theme.ColorNamePrimary, fyne.CurrentApp().Settings().ThemeVariant())
	if len(pts) == 1 {
		r.segment(stroke, 2, y(pts[0]), size.Width-2, y(pts[0]))
		return
	}
	for i := 0; i+1 < len(pts); i++ {
		r.segment(stroke, x(i), y(pts[i]), x(i+1), y(pts[i+1]))
	}
}

func (r *curveRenderer) segment(c color.Color, x0, y0, x1, y1 float32) {
	if r.n == len(r.lines) {
		r.lines = append(r.lines, canvas.NewLine(nil))
	}
	l := r.lines[r.n]
	r.n++
	l.StrokeColor, l.StrokeWidth = c, 1.5
	l.Position1, l.Position2 = fyne.NewPos(x0, y0), fyne.NewPos(x1, y1)
	r.objects = append(r.objects, l)
}

// bucketMax splits vs into at most n buckets in order and returns each
// one's largest finite value (0 for a bucket with none).
func bucketMax(vs []float64, n int) []float64 {
	n = min(n, len(vs))
	out := make([]float64, n)
	for k := range n {
		a, b := k*len(vs)/n, (k+1)*len(vs)/n
		m := math.Inf(-1)
		for _, v := range vs[a:b] {
			if !math.IsNaN(v) && !math.IsInf(v, 0) {
				m = math.Max(m, v)
			}
		}
		if math.IsInf(m, -1) {
			m = 0
		}
		out[k] = m
	}
	return out
}
