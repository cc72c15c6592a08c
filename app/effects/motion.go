package effects

import (
	"fmt"
	"math"
	"slices"

	"rushcut/app/edit"
	"rushcut/app/suggest"
)

// runs returns the [start, end) runs of indexes in [a, b) where on holds.
func runs(a, b int, on func(i int) bool) [][2]int {
	var out [][2]int
	start := -1
	for i := a; i <= b; i++ {
		if i < b && on(i) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, [2]int{start, i})
			start = -1
		}
	}
	return out
}

// movingMean is the centred mean of v over 2r+1 samples (fewer at the
// ends).
func movingMean(v []float64, r int) []float64 {
	out := make([]float64, len(v))
	for i := range v {
		lo, hi := max(0, i-r), min(len(v)-1, i+r)
		s := 0.0
		for _, x := range v[lo : hi+1] {
			s += x
		}
		out[i] = s / float64(hi-lo+1)
	}
	return out
}

// stabilize proposes smoothing the camera path over ranges of the clip
// whose shake, averaged over a second, is high; the crop is what keeps the
// smoothed picture filled, and a range costing more than MaxCrop at every
// radius tried is refused.
func stabilize(p *placed, rate edit.Rate, opt Options) []suggest.Suggestion {
	a, b := frames(p, rate)
	if b-a < 3 || p.src.Width <= 0 || p.src.Height <= 0 {
		return nil
	}
	fps := p.clip.Media.Rate.Float()
	sec := max(1, int(fps+0.5))
	shake := make([]float64, b-a)
	for i := range shake {
		shake[i] = p.src.Frames[a+i].Shake
	}
	mean := movingMean(shake, sec/2)
	var out []suggest.Suggestion
	for _, r := range runs(0, len(mean), func(i int) bool { return mean[i] > opt.Shake }) {
		if float64(r[1]-r[0]) < opt.ShakeSeconds*fps {
			continue
		}
		s, e := a+r[0], a+r[1]
		peak, avg := 0.0, 0.0
		for _, v := range shake[r[0]:r[1]] {
			peak, avg = max(peak, v), avg+v/float64(r[1]-r[0])
		}
		radius, crop, ok := 0, 0.0, false
		for _, rad := range []int{sec / 2, sec / 4, sec / 8} {
			if rad < 2 {
				break
			}
			crop = cropFor(p.src, s, e, rad)
			if crop <= MaxCrop {
				radius, ok = rad, true
				break
			}
		}
		if !ok {
			continue // refused: the crop would exceed MaxCrop
		}
		sp := &StabilizeParams{Radius: radius, Crop: math.Round(crop*1000) / 1000}
		out = append(out, suggest.Suggestion{
			Kind: Stabilize, Target: rangeTarget(p, p.src.media(s), p.src.media(e)), Params: values(sp),
			Confidence: clamp01(0.5 + (avg-opt.Shake)/(2*opt.Shake)),
			Reason: fmt.Sprintf("camera shake %.1f px mean, %.1f px peak (at %d px wide; threshold %.1f) over frames %d–%d (%.1f s); smoothing over ±%d frames costs a %.1f%% crop",
				avg, peak, p.src.Width, opt.Shake, p.src.media(s), p.src.media(e-1), float64(e-s)/fps, radius, 100*sp.Crop),
			Evidence: suggest.Evidence{
				Measures: []suggest.Measure{
					{Name: "mean shake", Value: avg, Unit: "px"},
					{Name: "peak shake", Value: peak, Unit: "px"},
					{Name: "crop", Value: 100 * sp.Crop, Unit: "%"},
				},
				Curve: &suggest.Curve{Name: "shake (px)", Origin: p.src.media(s), Values: slices.Clone(shake[r[0]:r[1]])},
			},
		})
	}
	return out
}

// cropFor is the fraction of the frame lost when the camera path of
// frames [s, e) is replaced by its moving mean over ±radius frames: twice
// the largest horizontal or vertical correction, relative to the frame.
func cropFor(src *Source, s, e, radius int) float64 {
	n := e - s
	px, py := make([]float64, n), make([]float64, n)
	x, y := 0.0, 0.0
	for i := range n {
		f := src.Frames[s+i]
		if i > 0 && f.Inliers > 0 {
			x, y = x+f.DX, y+f.DY
		}
		px[i], py[i] = x, y
	}
	sx, sy := movingMean(px, radius), movingMean(py, radius)
	dx, dy := 0.0, 0.0
	for i := range n {
		dx, dy = max(dx, math.Abs(px[i]-sx[i])), max(dy, math.Abs(py[i]-sy[i]))
	}
	return max(2*dx/float64(src.Width), 2*dy/float64(src.Height))
}

// speeds proposes slow motion (1/2) over short motion peaks and a
// speed-up (2/1) over long static stretches of the clip. A peak that
// touches a gradual transition the source holds (a dissolve, wipe, push
// or fade changes every frame it spans) is the transition, not action:
// it is left to sourceTransitions, whose split a retime there would
// undo.
func speeds(p *placed, rate edit.Rate, opt Options) []suggest.Suggestion {
	a, b := frames(p, rate)
	if b-a < 3 {
		return nil
	}
	fps := p.clip.Media.Rate.Float()
	energy := make([]float64, b-a)
	for i := range energy {
		energy[i] = p.src.Frames[a+i].Energy
	}
	sm := movingMean(energy, 1)
	med := median(energy)
	level := max(opt.PeakFloor, opt.PeakRatio*med)
	var out []suggest.Suggestion
	for _, r := range runs(1, len(sm), func(i int) bool { return sm[i] > level }) {
		d := float64(r[1]-r[0]) / fps
		if d < opt.PeakMinSeconds || d > opt.PeakMaxSeconds || r[0] <= 1 || r[1] >= len(sm) {
			continue // too short, too long, or not inside the action
		}
		if inTransition(p.src, a+r[0], a+r[1]) {
			continue
		}
		peak := slices.Max(energy[r[0]:r[1]])
		sp := &SpeedParams{Speed: edit.Ratio{Num: 1, Den: 2}}
		s, e := a+r[0], a+r[1]
		out = append(out, suggest.Suggestion{
			Kind: Speed, Target: rangeTarget(p, p.src.media(s), p.src.media(e)), Params: values(sp),
			Confidence: clamp01(0.5 + (peak/level-1)/4),
			Reason: fmt.Sprintf("motion peak over frames %d–%d (%.2f s): frame change up to %.1f against a median of %.1f; slow it to 50%%",
				p.src.media(s), p.src.media(e-1), d, peak, med),
			Evidence: suggest.Evidence{
				Measures: []suggest.Measure{{Name: "peak motion", Value: peak}, {Name: "median motion", Value: med}, {Name: "length", Value: d, Unit: "s"}},
				Curve:    &suggest.Curve{Name: "frame change (0..255)", Origin: p.src.media(s), Values: slices.Clone(energy[r[0]:r[1]])},
			},
		})
	}
	static := func(i int) bool {
		f := p.src.Frames[a+i]
		return sm[i] < opt.Static && math.Hypot(f.DX, f.DY) < 0.5
	}
	for _, r := range runs(1, len(sm), static) {
		d := float64(r[1]-r[0]) / fps
		if d < opt.StaticSeconds {
			continue
		}
		mean := 0.0
		for _, v := range energy[r[0]:r[1]] {
			mean += v / float64(r[1]-r[0])
		}
		sp := &SpeedParams{Speed: edit.Ratio{Num: 2, Den: 1}}
		s, e := a+r[0], a+r[1]
		out = append(out, suggest.Suggestion{
			Kind: Speed, Target: rangeTarget(p, p.src.media(s), p.src.media(e)), Params: values(sp),
			Confidence: clamp01(0.5 + (d-opt.StaticSeconds)/(2*opt.StaticSeconds)),
			Reason: fmt.Sprintf("static for %.1f s (frames %d–%d): frame change %.2f (below %.2f), camera still; play it at 200%%",
				d, p.src.media(s), p.src.media(e-1), mean, opt.Static),
			Evidence: suggest.Evidence{Measures: []suggest.Measure{{Name: "mean motion", Value: mean}, {Name: "length", Value: d, Unit: "s"}}},
		})
	}
	return out
}

// inTransition reports whether analysis frames [s, e) touch one of the
// source's gradual transitions or the frame on either side of it.
func inTransition(src *Source, s, e int) bool {
	for _, g := range src.Gradual {
		if s <= g.End+1 && e > g.Start-1 {
			return true
		}
	}
	return false
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := slices.Clone(v)
	slices.Sort(s)
	return s[len(s)/2]
}

// meanHist is the mean of the frames' histograms picked by h.
func meanHist(fs []Frame, h func(Frame) []float64) []float64 {
	var out []float64
	for _, f := range fs {
		v := h(f)
		if out == nil {
			out = make([]float64, len(v))
		}
		for i := range min(len(v), len(out)) {
			out[i] += v[i] / float64(len(fs))
		}
	}
	return out
}

// bhattacharyya is the Bhattacharyya distance between two histograms
// (as OpenCV's HISTCMP_BHATTACHARYYA): 0 same, 1 disjoint.
func bhattacharyya(a, b []float64) float64 {
	if len(a) == 0 || len(a) != len(b) {
		return 0
	}
	var sa, sb, bc float64
	for i := range a {
		sa, sb = sa+a[i], sb+b[i]
		bc += math.Sqrt(a[i] * b[i])
	}
	if sa <= 0 || sb <= 0 {
		return 0
	}
	return math.Sqrt(max(0, 1-bc/math.Sqrt(sa*sb)))
}
