package render

import (
	"image"
	"image/color"
	"math"

	"gocv.io/x/gocv"
)

// Plan is a stabilisation worked out from a take's camera motion: per
// frame, the correction that moves the frame from its measured camera path
// onto the smoothed one, and the one zoom that hides every border.
type Plan struct {
	// Corrections holds one correction per frame (translation in pixels,
	// rotation in radians about the centre).
	Corrections []Motion
	// Zoom is the fixed scale about the centre (≥ 1).
	Zoom float64
	// W and H are the frame size the plan is for.
	W, H int
}

// Crop is the fraction of the frame's width (and height) the zoom loses:
// 1 − 1/Zoom.
func (p *Plan) Crop() float64 { return 1 - 1/p.Zoom }

// Smooth plans a stabilisation of frames w×h from their frame-to-frame
// motions (motions[i] from frame i−1 to frame i; motions[0] is ignored).
// The camera path (the motions' running sum) is smoothed with a centred
// Blackman window over ±4/3 radius frames, whose pass band is that of a
// Gaussian with σ = radius/2 (symmetric, shrinking at the ends, so the
// ends are not dragged), and each frame is corrected by the difference
// between the smoothed path and its own.
//
// With maxCrop > 0 the correction of every frame must fit behind a zoom
// of 1/(1−maxCrop). Where the full radius would need more, the camera
// really moves (a pan, a subject filling the frame), and the radius is
// reduced there: each frame takes the largest radius whose correction
// fits, eroded over ±radius frames so that the radius changes gradually.
// A frame that needs more than maxCrop even then has its correction
// scaled down to fit.
func Smooth(motions []Motion, radius int, maxCrop float64, w, h int) *Plan {
	n := len(motions)
	path := make([]Motion, n)
	for i := 1; i < n; i++ {
		path[i] = Motion{path[i-1].DX + motions[i].DX, path[i-1].DY + motions[i].DY, path[i-1].DA + motions[i].DA}
	}
	avg := newWindows(path)
	limit := math.Inf(1)
	if maxCrop > 0 {
		limit = 1 / (1 - maxCrop)
	}
	fit := make([]int, n)
	for i := range path {
		r := radius
		for ; r > 0; r-- {
			if zoomFor(avg.correction(i, r), w, h) <= limit {
				break
			}
		}
		fit[i] = r
	}
	p := &Plan{Corrections: make([]Motion, n), Zoom: 1, W: w, H: h}
	for i := range path {
		r := radius
		for j := max(0, i-radius); j <= min(n-1, i+radius); j++ {
			r = min(r, fit[j])
		}
		c := avg.correction(i, r)
		if zoomFor(c, w, h) > limit {
			c = fitted(c, limit, w, h)
		}
		p.Corrections[i] = c
		p.Zoom = max(p.Zoom, zoomFor(c, w, h))
	}
	return p
}

// windows gives centred, Blackman-weighted averages of a path. The window
// decides how much shake gets through: a box average lets through a fair
// part of a shake whose period is a few frames (its side lobes, −13 dB);
// a Gaussian cut at ±radius (σ = radius/2, the previous choice) still
// lets through 1.7–2.3% of a shake with a period of 13 frames or less,
// because its weights jump to zero at the cut (on a still panned under a
// ±20 px shake that left 0.08–0.10 px of jitter with a perfect tracker,
// ten times what the tracker's own error adds). A Blackman window falls
// smoothly to zero: its side lobes are at −58 dB. Over ±4/3 radius it has
// the Gaussian's pass band (half amplitude at a period of 36 frames
// against 37 for radius 15, 70 against 73 for radius 30), so real camera
// moves are followed as before, and lets through at most 0.12% of such a
// shake (0.08% for periods up to 9 frames).
type windows struct {
	path    []Motion
	weights map[int][]float64 // by half-width
}

func newWindows(path []Motion) *windows {
	return &windows{path: path, weights: map[int][]float64{}}
}

// halfWidth is the window's half-width for a smoothing radius: 4/3 of it.
func halfWidth(radius int) int { return (4*radius + 1) / 3 }

// kernel returns the normalised Blackman weights for offsets −k…k (zero
// at ±(k+1)).
func (w *windows) kernel(k int) []float64 {
	if g, ok := w.weights[k]; ok {
		return g
	}
	g := make([]float64, 2*k+1)
	var sum float64
	for j := -k; j <= k; j++ {
		x := math.Pi * float64(j) / float64(k+1)
		g[j+k] = 0.42 + 0.5*math.Cos(x) + 0.08*math.Cos(2*x)
		sum += g[j+k]
	}
	for j := range g {
		g[j] /= sum
	}
	w.weights[k] = g
	return g
}

// correction is the smoothed path at i (radius r, the window shrunk
// symmetrically at the ends) minus the path.
func (w *windows) correction(i, r int) Motion {
	k := min(halfWidth(r), i, len(w.path)-1-i)
	g := w.kernel(k)
	var s Motion
	for j := -k; j <= k; j++ {
		m := w.path[i+j]
		s.DX += g[j+k] * m.DX
		s.DY += g[j+k] * m.DY
		s.DA += g[j+k] * m.DA
	}
	p := w.path[i]
	return Motion{s.DX - p.DX, s.DY - p.DY, s.DA - p.DA}
}

// fitted scales c down to the largest correction a zoom of limit hides.
func fitted(c Motion, limit float64, w, h int) Motion {
	lo, hi := 0.0, 1.0
	for range 30 {
		mid := (lo + hi) / 2
		if zoomFor(scaled(c, mid), w, h) > limit {
			hi = mid
		} else {
			lo = mid
		}
	}
	return scaled(c, lo)
}

func scaled(c Motion, k float64) Motion { return Motion{c.DX * k, c.DY * k, c.DA * k} }

// zoomFor is the smallest zoom about the centre for which the corrected
// frame still covers the whole output: each output corner q, mapped back
// through the zoom and the correction, p = R⁻¹(q/s − d), must stay inside
// the source frame (each coordinate within half the frame size).
func zoomFor(c Motion, w, h int) float64 {
	hw, hh := float64(w)/2, float64(h)/2
	cos, sin := math.Cos(c.DA), math.Sin(c.DA)
	// v = R⁻¹ d; u = R⁻¹ q for each corner; need |u·t − v| ≤ half, t = 1/s.
	vx, vy := cos*c.DX+sin*c.DY, -sin*c.DX+cos*c.DY
	tmax := 1.0
	for _, q := range [4][2]float64{{-hw, -hh}, {hw, -hh}, {hw, hh}, {-hw, hh}} {
		ux, uy := cos*q[0]+sin*q[1], -sin*q[0]+cos*q[1]
		tmax = min(tmax, bound(ux, vx, hw), bound(uy, vy, hh))
	}
	if tmax <= 0.05 {
		return 20
	}
	return 1 / tmax
}

// bound is the largest t with |u·t − v| ≤ half (t > 0).
func bound(u, v, half float64) float64 {
	switch {
	case u > 0:
		return (half + v) / u
	case u < 0:
		return (half - v) / -u
	}
	return math.Inf(1)
}

// Matrix returns the 2×3 affine matrix that warps frame i: its correction
// about the centre, then the plan's zoom about the centre. The caller
// closes it.
func (p *Plan) Matrix(i int) gocv.Mat {
	c := p.Corrections[i]
	s := p.Zoom
	cx, cy := float64(p.W)/2, float64(p.H)/2
	cos, sin := math.Cos(c.DA)*s, math.Sin(c.DA)*s
	m := gocv.NewMatWithSize(2, 3, gocv.MatTypeCV64F)
	m.SetDoubleAt(0, 0, cos)
	m.SetDoubleAt(0, 1, -sin)
	m.SetDoubleAt(0, 2, cx+s*c.DX-(cos*cx-sin*cy))
	m.SetDoubleAt(1, 0, sin)
	m.SetDoubleAt(1, 1, cos)
	m.SetDoubleAt(1, 2, cy+s*c.DY-(sin*cx+cos*cy))
	return m
}

// Warp writes frame i of the plan, stabilised, into dst.
func (p *Plan) Warp(i int, src gocv.Mat, dst *gocv.Mat) {
	m := p.Matrix(i)
	defer m.Close()
	gocv.WarpAffineWithParams(src, dst, m, image.Pt(src.Cols(), src.Rows()), gocv.InterpolationLinear, gocv.BorderReplicate, color.RGBA{})
}
