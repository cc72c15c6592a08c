package render

import (
	"image"
	"image/color"

	"gocv.io/x/gocv"
)

// Blend writes (1−t)·a + t·b into dst: a dissolve from a to b at t, or
// the frame between a and b at fraction t of a retime by frame blending.
func Blend(a, b gocv.Mat, t float64, dst *gocv.Mat) {
	t = min(1, max(0, t))
	gocv.AddWeighted(a, 1-t, b, t, 0, dst)
}

// Fade writes a dimmed towards black into dst: level 1 is a unchanged, 0
// is black (a fade from or to black).
func Fade(a gocv.Mat, level float64, dst *gocv.Mat) {
	level = min(1, max(0, level))
	gocv.AddWeighted(a, level, a, 0, 0, dst)
}

// Interpolator makes in-between frames for slow motion by optical flow:
// dense Farnebäck flow from a to b at half size, each frame warped
// part-way along it (Remap) and the two warps blended. It falls back on
// nothing: where flow is wrong the blend shows both, like Blend. Close
// frees it.
type Interpolator struct {
	ga, gb, sa, sb, flow, fx, fy gocv.Mat
	mapAX, mapAY, mapBX, mapBY   gocv.Mat
	wa, wb, gx, gy               gocv.Mat
	valid                        bool
}

// NewInterpolator returns an Interpolator.
func NewInterpolator() *Interpolator {
	n := gocv.NewMat
	return &Interpolator{ga: n(), gb: n(), sa: n(), sb: n(), flow: n(), fx: n(), fy: n(),
		mapAX: n(), mapAY: n(), mapBX: n(), mapBY: n(), wa: n(), wb: n(), gx: n(), gy: n()}
}

// Close frees the Interpolator's Mats.
func (p *Interpolator) Close() {
	for _, m := range []*gocv.Mat{&p.ga, &p.gb, &p.sa, &p.sb, &p.flow, &p.fx, &p.fy, &p.mapAX, &p.mapAY, &p.mapBX, &p.mapBY, &p.wa, &p.wb, &p.gx, &p.gy} {
		m.Close()
	}
}

// Pair measures the flow from a to b; Frame then makes frames between them.
func (p *Interpolator) Pair(a, b gocv.Mat) {
	w, h := a.Cols()/2, a.Rows()/2
	gocv.Resize(a, &p.sa, image.Pt(w, h), 0, 0, gocv.InterpolationArea)
	gocv.Resize(b, &p.sb, image.Pt(w, h), 0, 0, gocv.InterpolationArea)
	gocv.CvtColor(p.sa, &p.ga, gocv.ColorBGRToGray)
	gocv.CvtColor(p.sb, &p.gb, gocv.ColorBGRToGray)
	gocv.CalcOpticalFlowFarneback(p.ga, p.gb, &p.flow, 0.5, 3, 15, 3, 5, 1.2, 0)
	// Full-size flow in full-size pixels.
	full := gocv.NewMat()
	defer full.Close()
	gocv.Resize(p.flow, &full, image.Pt(a.Cols(), a.Rows()), 0, 0, gocv.InterpolationLinear)
	ch := gocv.Split(full)
	ch[0].MultiplyFloat(2)
	ch[1].MultiplyFloat(2)
	p.fx.Close()
	p.fy.Close()
	p.fx, p.fy = ch[0], ch[1]
	p.valid = true
}

// Frame writes the frame at fraction t between the pair into dst. The
// flow is a's, so a's pixel at x moves to x+t·f(x); backward maps
// approximate it as x−t·f(x) for a and x+(1−t)·f(x) for b.
func (p *Interpolator) Frame(a, b gocv.Mat, t float64, dst *gocv.Mat) {
	if !p.valid || t <= 0 || t >= 1 {
		Blend(a, b, t, dst)
		return
	}
	p.grid(a.Cols(), a.Rows())
	gocv.AddWeighted(p.gx, 1, p.fx, -t, 0, &p.mapAX)
	gocv.AddWeighted(p.gy, 1, p.fy, -t, 0, &p.mapAY)
	gocv.AddWeighted(p.gx, 1, p.fx, 1-t, 0, &p.mapBX)
	gocv.AddWeighted(p.gy, 1, p.fy, 1-t, 0, &p.mapBY)
	gocv.Remap(a, &p.wa, &p.mapAX, &p.mapAY, gocv.InterpolationLinear, gocv.BorderReplicate, color.RGBA{})
	gocv.Remap(b, &p.wb, &p.mapBX, &p.mapBY, gocv.InterpolationLinear, gocv.BorderReplicate, color.RGBA{})
	Blend(p.wa, p.wb, t, dst)
}

// grid makes the identity maps (each pixel's x and y) for w×h once: a
// row 0..w−1 and a column 0..h−1 tiled with Repeat.
func (p *Interpolator) grid(w, h int) {
	if p.gx.Cols() == w && p.gx.Rows() == h {
		return
	}
	row, col := gocv.NewMatWithSize(1, w, gocv.MatTypeCV32F), gocv.NewMatWithSize(h, 1, gocv.MatTypeCV32F)
	defer row.Close()
	defer col.Close()
	for x := 0; x < w; x++ {
		row.SetFloatAt(0, x, float32(x))
	}
	for y := 0; y < h; y++ {
		col.SetFloatAt(y, 0, float32(y))
	}
	gocv.Repeat(row, h, 1, &p.gx)
	gocv.Repeat(col, 1, w, &p.gy)
}
