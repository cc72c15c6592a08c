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

// windowSearch is the thumbnail-fit search findGradual runs at each
// candidate centre (a variable so that tests can run the unpruned
// reference search in its place and compare).
var windowSearch = bestWindow

// window is a candidate gradual transition between frames a and b.
type window struct {
	a, b     int
	net, err float64
	obj      float64
	// kind is Wipe for a wipe or push, empty for a mix (typed by classify).
	kind Kind
	// dir is a wipe's or push's direction (see Transition.Direction).
	dir string
	// soft marks a soft dissolve within one scene (softWindows): its net
	// and err are on softExcess's and softLerp's scales.
	soft bool
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
	// Black frames and flat fields (white, the colour of a dip) end a
	// fade: a window stops at them.
	stop := make([]bool, n)
	for i := range fs {
		stop[i] = black[i] || isField(&fs[i])
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
	seen := make([]bool, n)
	// The centres: where the long-range change peaks, in scan order.
	var centres []int
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
			centres = append(centres, i)
		}
	}
	// The fits at each centre depend on nothing but the centre: they run
	// on every core (they are nearly all of Detect's time, which comes
	// after the decode), each worker with its own thumbnail ring, and are
	// gathered in scan order, so the result is the sequential one.
	fits := make([]centreFit, len(centres))
	forEach(len(centres), func(ring *thumbRing, j int) {
		i := centres[j]
		f := &fits[j]
		ring.load(fs, max(prevCut[i], i-maxHalf), min(nextCut[i], i+maxHalf))
		w, fitted := windowSearch(ring, fs, black, stop, flash, i, prevCut[i], nextCut[i])
		if fitted {
			f.cands = append(f.cands, w)
		}
		if w, ok := mixWindow(fs, flash, i, max(prevCut[i], i-fineHalf), min(nextCut[i], i+fineHalf)); ok {
			f.cands = append(f.cands, w)
		} else if !fitted {
			if w, ok := movingWindow(fs, flash, i, prevCut[i], nextCut[i]); ok {
				f.late = append(f.late, w)
			}
		}
	})
	// late holds the motion-compensated fits (movingWindow), the least
	// constrained model: they only fill what the others leave.
	var cands, late []window
	for _, f := range fits {
		cands = append(cands, f.cands...)
		late = append(late, f.late...)
	}
	cands = append(cands, findWipes(fs, flash)...)
	sort.Slice(cands, func(i, j int) bool { return cands[i].obj > cands[j].obj })
	sort.Slice(late, func(i, j int) bool { return late[i].obj > late[j].obj })
	// Soft dissolves within one scene (softWindows) come last: they only
	// fill what every other fit leaves.
	late = append(late, softWindows(fs, flash, prevCut, nextCut)...)
	var out []Transition
	for _, w := range append(cands, late...) {
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
// stopping at black frames and flat fields (stop), which may only be ends) that best fit a
// linear mix, weighing the change across the window against the fit.
// The thumbnails of lo..hi within maxHalf of c must be loaded in ring.
func bestWindow(ring *thumbRing, fs []Features, black, stop, flash []bool, c, lo, hi int) (window, bool) {
	aMin := max(lo, c-maxHalf)
	for a := c - 1; a > aMin; a-- {
		if stop[a] {
			aMin = a
			break
		}
	}
	bMax := min(hi, c+maxHalf)
	for b := c + 1; b < bMax; b++ {
		if stop[b] {
			bMax = b
			break
		}
	}
	try := func(a, b int, best *window) {
		if a < aMin || b > bMax || a >= c || b <= c || (black[a] && black[b]) {
			return
		}
		net := mad(ring.at(a), ring.at(b))
		if net < netMin {
			return
		}
		// A window replaces the best only with a larger objective, and
		// its objective is at most net: skip what cannot win, and stop
		// the fit once its error is past what could.
		errMax := fitTol
		if best.b != 0 {
			if net <= best.obj {
				return
			}
			if net-best.obj > 1e-6*net {
				errMax = fitTol * (1 - best.obj/net) * (1 + 1e-9)
			}
		}
		err := fitError(ring, flash, a, b, net, errMax)
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
// the linear mix of frames a and b, relative to net (their difference).
// It returns fitTol instead once the deviation is sure to exceed errMax
// (≤ fitTol): first from a lower bound on the block sums (the deviation
// of a block's sum is at most the sum of its cells' deviations), then
// while summing the cells, from the sum so far and the bounds of the
// frames to come. Below errMax the value is exact.
func fitError(ring *thumbRing, flash []bool, a, b int, net, errMax float64) float64 {
	step := max(1, (b-a-1)/fitSamples)
	samples := 0
	for t := a + 1; t < b; t += step {
		if !flash[t] {
			samples++
		}
	}
	// Past this sum the mean is beyond errMax whatever follows: stop.
	limit := errMax * net * float64(samples)
	var buf [2*fitSamples + 1]float64 // samples ≤ 2·fitSamples
	bounds := buf[:]
	if samples > len(buf) {
		bounds = make([]float64, samples)
	}
	bounds = bounds[:samples]
	rest, ok := blockFitBelow(ring, flash, a, b, step, limit, bounds)
	if !ok {
		return fitTol
	}
	const cells = ThumbW * ThumbH
	var sum float64
	k := 0
	span := float32(b - a)
	ta, tb := ring.at(a), ring.at(b)
	for t := a + 1; t < b; t += step {
		if flash[t] {
			continue
		}
		// The frames still to come (this one too) add at least their
		// bounds, less fitError's rounding (see blockFitBelow).
		if sum > limit || sum+(rest*(1-1e-4)-0.02*float64(samples-k))/cells > limit {
			return fitTol
		}
		al := float32(t-a) / span
		tt := ring.at(t)
		var d float32
		for i := range tt {
			p := ta[i] + al*(tb[i]-ta[i])
			x := tt[i] - p
			if x < 0 {
				x = -x
			}
			d += x
		}
		sum += float64(d) / float64(len(tt))
		rest -= bounds[k]
		k++
	}
	if k == 0 {
		return 1
	}
	return sum / float64(k) / net
}

// thumbBlocks is the number of blocks (blockW×blockH cells each) whose
// sums bound a thumbnail fit from below.
const (
	blockW, blockH = 4, 4
	thumbBlocks    = ThumbW / blockW * (ThumbH / blockH)
)

// ringLen is the number of consecutive frames a thumbRing holds: a power
// of two, at least the 2·maxHalf+1 frames of one window search.
const ringLen = 256

// A window search must fit in the ring (a compile error otherwise).
const _ = uint(ringLen - (2*maxHalf + 1))

// thumbRing holds the thumbnails of up to ringLen consecutive frames as
// float32 (exact: they are bytes) and their sums over blockW×blockH blocks
// (exact integers), frame t in slot t mod ringLen: the window search runs
// on a few hundred frames at a time, so the whole file is never copied.
type thumbRing struct {
	th     [ringLen][ThumbW * ThumbH]float32
	blocks [ringLen][thumbBlocks]float64
	// lo..hi are the frames loaded (none when hi < lo).
	lo, hi int
}

func newThumbRing() *thumbRing { return &thumbRing{lo: 0, hi: -1} }

// load makes frames lo..hi (at most ringLen of them) available, filling
// only those not already loaded.
func (r *thumbRing) load(fs []Features, lo, hi int) {
	for t := lo; t <= hi; t++ {
		if t >= r.lo && t <= r.hi {
			continue
		}
		th, bl := &r.th[t&(ringLen-1)], &r.blocks[t&(ringLen-1)]
		*bl = [thumbBlocks]float64{}
		for i, v := range fs[t].Thumb {
			th[i] = float32(v)
			x, y := i%ThumbW, i/ThumbW
			bl[y/blockH*(ThumbW/blockW)+x/blockW] += float64(v)
		}
	}
	r.lo, r.hi = lo, hi
}

// at is frame t's thumbnail (t must be loaded).
func (r *thumbRing) at(t int) *[ThumbW * ThumbH]float32 { return &r.th[t&(ringLen-1)] }

// blockFitBelow reports whether the fit of a..b (the frames fitError
// samples) may stay within limit, the most its sum of per-frame mean
// deviations may reach: false only when a lower bound on that sum, from
// the block sums, already exceeds it. It returns the bound (sum of cell
// deviations) and each sampled frame's share of it in bounds. The bound is loosened by more than
// the rounding of fitError's float32 sums, so that it never rejects a
// window fitError would accept.
func blockFitBelow(ring *thumbRing, flash []bool, a, b, step int, limit float64, bounds []float64) (float64, bool) {
	const cells = ThumbW * ThumbH
	// fitError's sum of a frame's cell deviations (float32, 192 terms of
	// at most 255) is within 1e-5 of its value relatively plus 0.02:
	// bound ≥ limit·(1+1e-4) + 1e-4 per frame (in mean units) to reject.
	lim := limit*(1+1e-4)*cells + 0.02*float64(b-a)
	var lb float64
	span := float64(b - a)
	ba, bb := &ring.blocks[a&(ringLen-1)], &ring.blocks[b&(ringLen-1)]
	j := 0
	for t := a + 1; t < b; t += step {
		if flash[t] {
			continue
		}
		al := float64(t-a) / span
		bt := &ring.blocks[t&(ringLen-1)]
		var f float64
		for k := range bt {
			x := bt[k] - ba[k] - al*(bb[k]-ba[k])
			if x < 0 {
				x = -x
			}
			f += x
		}
		if j < len(bounds) {
			bounds[j] = f
		}
		j++
		lb += f
		if lb > lim {
			return lb, false
		}
	}
	return lb, true
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
// fade to or from white or another colour when one end is a flat field
// and the other is not, a dissolve when the ends show different
// pictures; brightness ramps, the camera's own move (panned) and other
// changes of one picture are rejected.
func classify(fs []Features, black []bool, w window) (Transition, bool) {
	if w.b-w.a < minGradual || w.kind != Wipe && cameraMove(fs, w) {
		return Transition{}, false
	}
	t := Transition{Start: w.a, End: w.b, Frame: (w.a + w.b) / 2}
	switch {
	case w.kind == Wipe:
		t.Kind, t.Direction = Wipe, w.dir
	case w.soft:
		t.Kind, t.Confidence = Dissolve, softConfidence(w)
		return t, true
	case (black[w.a] || isDark(&fs[w.a])) && !isDark(&fs[w.b]):
		t.Kind = FadeIn
	case (black[w.b] || isDark(&fs[w.b])) && !isDark(&fs[w.a]):
		t.Kind = FadeOut
	case isField(&fs[w.a]) && !isField(&fs[w.b]):
		t.Kind = FadeInColor
		if isWhite(&fs[w.a]) {
			t.Kind = FadeInWhite
		}
	case isField(&fs[w.b]) && !isField(&fs[w.a]):
		t.Kind = FadeOutColor
		if isWhite(&fs[w.b]) {
			t.Kind = FadeOutWhite
		}
	default:
		if ncc(&fs[w.a], &fs[w.b]) >= sameNCC || pairDist(&fs[w.a], &fs[w.b]) < 0.3 || panned(fs, w.a, w.b) {
			return Transition{}, false
		}
		t.Kind = Dissolve
	}
	t.Confidence = round3(min(1, w.net/40) * (1 - w.err/fitTol))
	return t, t.Confidence >= minGradualConf
}

// isField reports whether a frame is a flat field of one colour, not
// dark: white, or the colour of a dip (the last frame of a fade to it may
// still show a trace of the picture).
func isField(f *Features) bool {
	return !isDark(f) && f.LumaStd <= fieldStdMax && thumbRange(f) < 2*litRange
}

// isWhite reports whether a flat field is white: clipped highlights, or
// as bright as the last frame of a fade to white.
func isWhite(f *Features) bool { return f.White >= 0.9 || f.Luma >= 235 }

// fieldStdMax is the largest luma spread of the flat field a fade
// reaches.
const fieldStdMax = 12

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
