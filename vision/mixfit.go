package vision

import "math"

// Parameters of the statistics fit for dissolves between moving shots.
const (
	// mixTol is the largest mean deviation of the spread curves from
	// those of a mix, relative to the dip the mix makes.
	mixTol = 0.3
	// mixDip is the least mean dip (luma standard deviation, 0..255) of
	// the spread below the straight line between the window's ends.
	mixDip = 3.0
	// mixLumaTol is the largest mean deviation (0..255) of mean luma from
	// the straight line between the window's ends.
	mixLumaTol = 2.5
)

// mixWindow searches, around centre c (ends within aMin..bMax and
// fineHalf of c), for the window whose frame statistics follow a
// cross-dissolve whatever moves in the two shots: a mix (1-α)A + αB of
// two unrelated pictures has the mean luma (1-α)μA + αμB, the spread
// √((1-α)²σA² + α²σB²), which dips below both, and likewise for the
// detail (the spread of the Laplacian). The thumbnail fit (bestWindow)
// needs still pictures; this one does not, but needs the dip.
func mixWindow(fs []Features, flash []bool, c, aMin, bMax int) (window, bool) {
	best := window{}
	found := false
	for a := c - 1; a >= max(aMin, c-fineHalf); a-- {
		for b := c + minGradual; b <= min(bMax, c+fineHalf); b++ {
			if b-a < 2*minGradual {
				continue
			}
			e, ok := mixError(fs, flash, a, b)
			if !ok || e >= mixTol {
				continue
			}
			net := thumbMAD(&fs[a], &fs[b])
			obj := net * (1 - e/mixTol)
			if !found || obj > best.obj {
				// err on the thumbnail fit's scale, for the confidence
				best = window{a: a, b: b, net: net, err: e / mixTol * fitTol, obj: obj}
				found = true
			}
		}
	}
	return best, found
}

// mixError is the mean relative deviation of the spread and detail
// curves inside a..b from those of a mix of frames a and b, and ok is
// false when the luma is not a straight line or either curve dips too
// little to tell.
func mixError(fs []Features, flash []bool, a, b int) (float64, bool) {
	fa, fb := &fs[a], &fs[b]
	sa, sb := float64(fa.LumaStd), float64(fb.LumaStd)
	da, db := math.Sqrt(float64(fa.Sharpness)), math.Sqrt(float64(fb.Sharpness))
	var eL, eS, dS, eD, dD float64
	k := 0
	for t := a + 1; t < b; t++ {
		if flash[t] {
			continue
		}
		al := float64(t-a) / float64(b-a)
		f := &fs[t]
		eL += math.Abs(float64(f.Luma) - ((1-al)*float64(fa.Luma) + al*float64(fb.Luma)))
		ps := math.Sqrt((1-al)*(1-al)*sa*sa + al*al*sb*sb)
		eS += math.Abs(float64(f.LumaStd) - ps)
		dS += (1-al)*sa + al*sb - ps
		pd := math.Sqrt((1-al)*(1-al)*da*da + al*al*db*db)
		eD += math.Abs(math.Sqrt(float64(f.Sharpness)) - pd)
		dD += (1-al)*da + al*db - pd
		k++
	}
	if k == 0 || eL/float64(k) > mixLumaTol || dS/float64(k) < mixDip || dD <= 0 {
		return 0, false
	}
	return max(eS/dS, eD/dD), true
}
