package vision

import "math"

// Soft-dissolve parameters. A dissolve between two moments of one static
// scene (issue 11 §2.7) leaves the background where it was: its two ends
// correlate highly (the thumbnail fit's sameNCC rejects them) and differ
// only in the cells where people moved, by a few levels over the whole
// thumbnail, no more than the scene's own motion over a second; the
// thumbnail alone does not tell the two apart. What marks the mix is
// what mixing does to any two pictures: the luma spread and the detail
// dip in its middle, every step changes the picture a little more than
// the scene's own motion does, and the cells it changes change more
// across it than around it, in step, as a linear mix of its ends.
const (
	// softMinLen and softMaxLen bound a soft dissolve's length (end minus
	// start frame); lengths are tried every softStep frames.
	softMinLen, softMaxLen, softStep = 8, 24, 2
	// softExcess is the least mean excess change (0..255 per cell, over
	// every cell): the change of a cell across the window beyond
	// softSteady times the larger of its changes across the windows of the
	// same length before and after (the cells a dissolve changes stay
	// steady around it, as far as the people in them keep still), each
	// change with the global gain and offset removed (a change of light).
	softExcess = 0.3
	softSteady = 2.0
	// softLerp is the largest mean deviation of the changed cells from a
	// linear mix of the window's ends, relative to their change.
	softLerp = 0.4
	// softSpreadDip and softDetailDip are the least dips of the luma
	// spread (LumaStd, 0..255) and of the detail (Sharpness, relative to
	// the ends') over the middle third of the window below the straight
	// line between its ends: a mix of two pictures is less contrasted and
	// less sharp than either where they differ (see mixWindow), however
	// little they differ; people walking change neither steadily.
	softSpreadDip = 0.4
	softDetailDip = 0.02
	// softNCC is the least thumbnail correlation of a soft dissolve's
	// ends: one scene, the same background, a few people elsewhere.
	softNCC = 0.9
	// softEnergy is the least ratio of the mean step change (Energy)
	// inside a soft dissolve to that in the windows of its length before
	// and after: the mix adds the difference of the two moments, a little
	// every frame, to the scene's own motion (less a margin for how that
	// motion varies).
	softEnergy = 0.9
	// softStill is the largest mean tracked global motion (pixels per
	// frame at analysis size) of a still scene over the window and the
	// windows before and after: the camera holds still (people walking
	// pull the tracker a fraction of a pixel).
	softStill = 0.6
	// softStepMax is the largest share of the change across the window
	// one step may carry: a dissolve changes the cells a little every
	// frame, a switch of light or a jump at once.
	softStepMax = 0.5
)

// softWindows finds soft dissolves within shots (prevCut, nextCut as in
// findGradual): windows a..b in a still shot that are a mix (softMix)
// with an excess change (see softExcess) of at least softExcess, the
// largest of such windows starting within b-a frames of a; neither end
// nor the frames a-(b-a) and b+(b-a) a flash. It keeps a few numbers a
// frame, not the windows tried.
func softWindows(fs []Features, flash []bool, prevCut, nextCut []int) []window {
	n := len(fs)
	// moved[t] sums the tracked motion of steps 1..t: the camera holds
	// still over a window whose mean is at most softStill.
	moved := make([]float64, n)
	for t := 1; t < n; t++ {
		m := fs[t].Motion
		moved[t] = moved[t-1] + math.Hypot(float64(m.DX), float64(m.DY))
	}
	// best[a] is the largest excess of the windows starting at a, of
	// length bestLen[a].
	best := make([]float32, n)
	bestLen := make([]uint8, n)
	// ring holds the residuals of the pairs (t, t+l) starting within l
	// frames of a (each serves three windows), at[k] the start in slot k.
	ring := make([][ThumbW * ThumbH]float64, 2*softMaxLen+1)
	at := make([]int, len(ring))
	for l := softMinLen; l <= softMaxLen; l += softStep {
		size := 2*l + 1
		for k := range at {
			at[k] = -1
		}
		resid := func(t int) *[ThumbW * ThumbH]float64 {
			k := t % size
			if at[k] != t {
				gainResidual(&fs[t], &fs[t+l], &ring[k])
				at[k] = t
			}
			return &ring[k]
		}
		for a := l; a+2*l < n; a++ {
			b := a + l
			if prevCut[b+l] > a-l || nextCut[a-l] < b+l || flash[a-l] || flash[a] || flash[b] || flash[b+l] ||
				moved[b+l]-moved[a-l] > softStill*float64(3*l) {
				continue
			}
			if e := float32(excessOf(resid(a-l), resid(a), resid(b))); e >= softExcess && e > best[a] && softMix(fs, flash, a, b) {
				best[a], bestLen[a] = e, uint8(l)
			}
		}
	}
	var out []window
	for a := range best {
		if best[a] == 0 {
			continue
		}
		l := int(bestLen[a])
		peak := true
		for o := max(0, a-l); o <= min(n-1, a+l) && peak; o++ {
			peak = best[o] < best[a] || best[o] == best[a] && o >= a
		}
		if !peak {
			continue
		}
		w := window{a: a, b: a + l, net: float64(best[a]), obj: float64(best[a]), soft: true}
		w.err, _ = softLerpError(fs, flash, w.a, w.b)
		out = append(out, w)
	}
	return out
}

// softMix reports whether a..b, a window of enough excess change, is a
// mix of two moments of one scene: its ends correlate (softNCC), the
// spread and detail dip (mixDips), its steps change more than those
// around it (busier), and the changed cells fit a mix (softLerp) without
// a jump (softStepMax).
func softMix(fs []Features, flash []bool, a, b int) bool {
	if ncc(&fs[a], &fs[b]) < softNCC || !mixDips(fs, flash, a, b) || !busier(fs, flash, a, b) {
		return false
	}
	err, step := softLerpError(fs, flash, a, b)
	return err < softLerp && step <= softStepMax
}

// excessOf is the mean over the thumbnail's cells of the change r1
// across a window beyond softSteady times the larger of the changes r0
// and r2 across the windows of the same length before and after, each
// change with the global gain and offset removed (gainResidual).
func excessOf(r0, r1, r2 *[ThumbW * ThumbH]float64) float64 {
	var s float64
	for i := range r1 {
		if e := math.Abs(r1[i]) - softSteady*max(math.Abs(r0[i]), math.Abs(r2[i])); e > 0 {
			s += e
		}
	}
	return s / float64(len(r1))
}

// gainResidual writes to r what is left of y's thumbnail after the
// least-squares gain and offset from x's: a change of light leaves
// nearly nothing, people moving leave their cells.
func gainResidual(x, y *Features, r *[ThumbW * ThumbH]float64) {
	mx, my := thumbMeans(x, y)
	var sxy, sxx float64
	for i := range x.Thumb {
		dx := float64(x.Thumb[i]) - mx
		sxy += dx * (float64(y.Thumb[i]) - my)
		sxx += dx * dx
	}
	g := 1.0
	if sxx > 0 {
		g = sxy / sxx
	}
	for i := range x.Thumb {
		r[i] = float64(y.Thumb[i]) - my - g*(float64(x.Thumb[i])-mx)
	}
}

// softLerpError is the mean deviation of the frames strictly inside a..b
// (flashes left out) from the linear mix of frames a and b, on the cells
// whose change across a..b exceeds their changes before and after (see
// excessOf), relative to that change, 1 when no cell does; and the
// largest share of that change one step of a..b carries (the step's
// progress along it, flashes bridged).
func softLerpError(fs []Features, flash []bool, a, b int) (float64, float64) {
	l := b - a
	var r0, r1, r2 [ThumbW * ThumbH]float64
	gainResidual(&fs[a-l], &fs[a], &r0)
	gainResidual(&fs[a], &fs[b], &r1)
	gainResidual(&fs[b], &fs[b+l], &r2)
	var cells []int
	for i := range r1 {
		if math.Abs(r1[i]) > softSteady*max(math.Abs(r0[i]), math.Abs(r2[i])) {
			cells = append(cells, i)
		}
	}
	ta, tb := &fs[a].Thumb, &fs[b].Thumb
	var dev, change, den float64
	for _, i := range cells {
		d := float64(tb[i]) - float64(ta[i])
		den += d * d
	}
	if den == 0 {
		return 1, 1
	}
	var step, prev float64
	for t := a + 1; t <= b; t++ {
		if flash[t] {
			continue
		}
		var num float64
		for _, i := range cells {
			d := float64(tb[i]) - float64(ta[i])
			x := float64(fs[t].Thumb[i]) - float64(ta[i])
			num += x * d
			if t < b {
				p := float64(t-a) / float64(l) * d
				dev += math.Abs(x - p)
				change += math.Abs(d)
			}
		}
		al := num / den
		step = max(step, al-prev)
		prev = al
	}
	if change == 0 {
		return 1, step
	}
	return dev / change, step
}

// mixDips reports whether the luma spread and the detail of the middle
// third of a..b (flashes left out) dip below the straight line between
// the ends by softSpreadDip and softDetailDip on average.
func mixDips(fs []Features, flash []bool, a, b int) bool {
	l := b - a
	sa, sb := float64(fs[a].LumaStd), float64(fs[b].LumaStd)
	da, db := float64(fs[a].Sharpness), float64(fs[b].Sharpness)
	if da+db <= 0 {
		return false
	}
	var spread, detail float64
	k := 0
	for t := a + l/3; t <= b-l/3; t++ {
		if flash[t] {
			continue
		}
		al := float64(t-a) / float64(l)
		spread += sa + al*(sb-sa) - float64(fs[t].LumaStd)
		detail += da + al*(db-da) - float64(fs[t].Sharpness)
		k++
	}
	if k == 0 {
		return false
	}
	return spread/float64(k) >= softSpreadDip && detail/float64(k)/((da+db)/2) >= softDetailDip
}

// softConfidence is a soft dissolve's confidence: at most 0.5, the
// evidence being a few levels of a coarse thumbnail, growing with the
// excess change and falling with the deviation from a mix.
func softConfidence(w window) float64 {
	return round3(0.5 * min(1, w.net/(4*softExcess)) * (1 - w.err/(2*softLerp)))
}

// busier reports whether the steps of a..b change the picture (Energy)
// by at least softEnergy times as much as the steps of the windows of
// its length before and after, on average (flashes left out).
func busier(fs []Features, flash []bool, a, b int) bool {
	l := b - a
	var in, out float64
	var nin, nout int
	for t := a - l + 1; t <= b+l; t++ {
		if flash[t] || flash[t-1] {
			continue
		}
		if t > a && t <= b {
			in += float64(fs[t].Energy)
			nin++
		} else {
			out += float64(fs[t].Energy)
			nout++
		}
	}
	return nin > 0 && nout > 0 && in/float64(nin) >= softEnergy*out/float64(nout)
}
