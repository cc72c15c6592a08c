package vision

import (
	"math"
	"sort"
)

// Gradual-transition parameters.
const (
	// maxHalf is the farthest, in frames, a gradual transition's ends may
	// lie from its centre (so transitions up to about 2×maxHalf frames:
	// 10 s at 25 fps, 4 s at 59.94). Ends up to fineHalf from the centre
	// are tried frame by frame; when the best window reaches that far,
	// farther ends are tried every coarseStep frames and the best refined,
	// and the fit of a long window is measured on at most fitSamples of
	// its frames, so that a long transition costs little more than a
	// short one.
	maxHalf    = 125
	fineHalf   = 40
	coarseStep = 4
	fitSamples = 40
	// netMin is the least thumbnail change (0..255) across a transition.
	netMin = 10.0
	// fitTol is the largest mean deviation from a linear mix, relative to
	// the change across the window, that a transition may show.
	fitTol = 0.25
	// sameNCC is the thumbnail correlation above which two frames show the
	// same picture (a brightness ramp, not a dissolve).
	sameNCC = 0.5
	// minGradualConf is the least confidence of a reported gradual
	// transition: weaker fits (a little change fitting a mix only
	// loosely, as when decoding errors smear and heal) are noise.
	minGradualConf = 0.2
	// minGradual is the shortest gradual transition, end minus start:
	// anything quicker reads as a cut (or motion blur).
	minGradual = 4
)

// candScales are the half-widths at which long-range change is measured
// to propose gradual-transition centres.
var candScales = []int{4, 10, 20, 40}

// window is a candidate gradual transition between frames a and b.
type window struct {
	a, b     int
	net, err float64
	obj      float64
}

// findGradual finds dissolves and fades: windows between two cuts over
// which every frame is a linear mix of the window's first and last frame,
// with the two ends showing different pictures. A black end makes the
// window a fade.
func findGradual(fs []Features, cuts []Transition, black, flash []bool) []Transition {
	n := len(fs)
	if n < 5 {
		return nil
	}
	th := make([][ThumbW * ThumbH]float32, n)
	for i := range fs {
		for k, v := range fs[i].Thumb {
			th[i][k] = float32(v)
		}
	}
	// segment bounds: shot start (cut frame) at or before each frame
	prevCut := make([]int, n)
	nextCut := make([]int, n) // last frame before the next cut
	c := 0
	for i := 0; i < n; i++ {
		for _, t := range cuts {
			if t.Frame == i {
				c = i
			}
		}
		prevCut[i] = c
	}
	c = n - 1
	for i := n - 1; i >= 0; i-- {
		nextCut[i] = c
		for _, t := range cuts {
			if t.Frame == i {
				c = i - 1
			}
		}
	}
	seen := map[int]bool{}
	var cands []window
	for _, k := range candScales {
		for i := k; i+k < n; i++ {
			if black[i] || seen[i] || prevCut[i] > i-k || nextCut[i] < i+k {
				continue
			}
			g := pairDist(&fs[i-k], &fs[i+k])
			if g < 0.25 || !localMax(fs, i, k) {
				continue
			}
			seen[i] = true
			if w, ok := bestWindow(th, fs, black, flash, i, prevCut[i], nextCut[i]); ok {
				cands = append(cands, w)
			}
			if w, ok := mixWindow(fs, flash, i, max(prevCut[i], i-fineHalf), min(nextCut[i], i+fineHalf)); ok {
				cands = append(cands, w)
			}
		}
	}
	sort.Slice(cands, func(i, j int) bool { return cands[i].obj > cands[j].obj })
	var out []Transition
	for _, w := range cands {
		overlap := false
		for _, t := range out {
			if w.a < t.End && w.b > t.Start {
				overlap = true
				break
			}
		}
		if overlap {
			continue
		}
		if t, ok := classify(fs, black, w); ok {
			out = append(out, t)
		}
	}
	return out
}

// localMax reports whether the long-range change at i (frames i-k, i+k)
// is the largest within k frames.
func localMax(fs []Features, i, k int) bool {
	g := pairDist(&fs[i-k], &fs[i+k])
	for j := max(k, i-k/2); j <= min(len(fs)-1-k, i+k/2); j++ {
		if j != i && pairDist(&fs[j-k], &fs[j+k]) > g {
			return false
		}
	}
	return true
}

// bestWindow searches the ends a < c < b (within the shot bounds lo..hi,
// stopping at black frames, which may only be ends) that best fit a
// linear mix, weighing the change across the window against the fit.
func bestWindow(th [][ThumbW * ThumbH]float32, fs []Features, black, flash []bool, c, lo, hi int) (window, bool) {
	aMin := max(lo, c-maxHalf)
	for a := c - 1; a > aMin; a-- {
		if black[a] {
			aMin = a
			break
		}
	}
	bMax := min(hi, c+maxHalf)
	for b := c + 1; b < bMax; b++ {
		if black[b] {
			bMax = b
			break
		}
	}
	try := func(a, b int, best *window) {
		if a < aMin || b > bMax || a >= c || b <= c || (black[a] && black[b]) {
			return
		}
		net := mad(&th[a], &th[b])
		if net < netMin {
			return
		}
		err := fitError(th, flash, a, b, net)
		if err >= fitTol {
			return
		}
		if obj := net * (1 - err/fitTol); best.b == 0 || obj > best.obj {
			*best = window{a: a, b: b, net: net, err: err, obj: obj}
		}
	}
	best := window{}
	for a := c - 1; a >= max(aMin, c-fineHalf); a-- {
		for b := c + 1; b <= min(bMax, c+fineHalf); b++ {
			try(a, b, &best)
		}
	}
	if best.b == 0 {
		return best, false
	}
	// A window that reaches the end of the fine search may be part of a
	// longer transition: try farther ends on that side.
	longA, longB := c-best.a == fineHalf && aMin < best.a, best.b-c == fineHalf && bMax > best.b
	if !longA && !longB {
		return best, true
	}
	as, bs := []int{best.a}, []int{best.b}
	if longA {
		as = append(as, farEnds(c-fineHalf, aMin, -1)...)
	}
	if longB {
		bs = append(bs, farEnds(c+fineHalf, bMax, 1)...)
	}
	long := best
	for _, a := range as {
		for _, b := range bs {
			try(a, b, &long)
		}
	}
	if long == best {
		return best, true
	}
	a0, b0 := long.a, long.b
	for a := a0 - coarseStep + 1; a < a0+coarseStep; a++ {
		for b := b0 - coarseStep + 1; b < b0+coarseStep; b++ {
			try(a, b, &long)
		}
	}
	return long, true
}

// farEnds lists the ends beyond from, every coarseStep frames in
// direction dir, up to and including limit.
func farEnds(from, limit, dir int) []int {
	var out []int
	for e := from + dir*coarseStep; dir*(limit-e) > 0; e += dir * coarseStep {
		out = append(out, e)
	}
	return append(out, limit)
}

// fitError is the mean deviation of the frames strictly inside a..b from
// the linear mix of frames a and b, relative to net (their difference);
// it stops early, returning fitTol, once the fit cannot be under fitTol.
func fitError(th [][ThumbW * ThumbH]float32, flash []bool, a, b int, net float64) float64 {
	var sum float64
	k := 0
	span := float32(b - a)
	step := max(1, (b-a-1)/fitSamples)
	samples := 0
	for t := a + 1; t < b; t += step {
		if !flash[t] {
			samples++
		}
	}
	// Past this sum the mean is at least fitTol whatever follows: stop.
	limit := fitTol * net * float64(samples)
	for t := a + 1; t < b; t += step {
		if flash[t] {
			continue
		}
		if sum > limit {
			return fitTol
		}
		al := float32(t-a) / span
		var d float32
		for i := range th[t] {
			p := th[a][i] + al*(th[b][i]-th[a][i])
			x := th[t][i] - p
			if x < 0 {
				x = -x
			}
			d += x
		}
		sum += float64(d) / float64(len(th[t]))
		k++
	}
	if k == 0 {
		return 1
	}
	return sum / float64(k) / net
}

func mad(a, b *[ThumbW * ThumbH]float32) float64 {
	var d float32
	for i := range a {
		x := a[i] - b[i]
		if x < 0 {
			x = -x
		}
		d += x
	}
	return float64(d) / float64(len(a))
}

// classify types a fitted window: a fade when one end is black (or as
// dark as the last frame of a fade, which may still show the picture), a
// dissolve when the ends show different pictures; brightness ramps and
// other changes of one picture are rejected.
func classify(fs []Features, black []bool, w window) (Transition, bool) {
	if w.b-w.a < minGradual || cameraMove(fs, w) {
		return Transition{}, false
	}
	t := Transition{Start: w.a, End: w.b, Frame: (w.a + w.b) / 2}
	switch {
	case (black[w.a] || isDark(&fs[w.a])) && !isDark(&fs[w.b]):
		t.Kind = FadeIn
	case (black[w.b] || isDark(&fs[w.b])) && !isDark(&fs[w.a]):
		t.Kind = FadeOut
	default:
		if ncc(&fs[w.a], &fs[w.b]) >= sameNCC || pairDist(&fs[w.a], &fs[w.b]) < 0.3 {
			return Transition{}, false
		}
		t.Kind = Dissolve
	}
	t.Confidence = round3(min(1, w.net/40) * (1 - w.err/fitTol))
	return t, t.Confidence >= minGradualConf
}

// cameraMove reports whether most steps of the window are a tracked global
// move of more than a few pixels (a pan with motion blur blends frames
// much as a dissolve does).
func cameraMove(fs []Features, w window) bool {
	moving := 0
	for t := w.a + 1; t <= w.b; t++ {
		m := fs[t].Motion
		if m.Inliers >= 0.5 && math.Hypot(float64(m.DX), float64(m.DY)) >= 8 {
			moving++
		}
	}
	return 2*moving > w.b-w.a
}
