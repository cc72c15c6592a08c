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
	// mixRho is the largest correlation of the two pictures the spread
	// model allows: the more they share, the less their mix dips, and at
	// 1 it does not dip at all.
	mixRho = 0.6
)

// mixWindow searches, around centre c (ends within aMin..bMax and
// fineHalf of c), for the window whose frame statistics follow a
// cross-dissolve whatever moves in the two shots: a mix (1-α)A + αB of
// two unrelated pictures has the mean luma (1-α)μA + αμB, the spread
// √((1-α)²σA² + α²σB²), which dips below both, and likewise for the
// detail (the spread of the Laplacian). Two shots of one kind of scene
// (sky above, ground below) are correlated, and the spread of their mix
// is √((1-α)²σA² + α²σB² + 2α(1-α)ρσAσB), which dips less: ρ is fitted
// per window (0..mixRho; see mixSpread), the dip still required. Fine
// detail is unrelated in any two pictures, so the detail curve keeps
// ρ = 0. The thumbnail fit (bestWindow) needs still pictures; this one
// does not, but needs the dip.
func mixWindow(fs []Features, flash []bool, c, aMin, bMax int) (window, bool) {
	if w, ok := mixSearch(fs, flash, c, aMin, bMax, false); ok {
		return w, true
	}
	return mixSearch(fs, flash, c, aMin, bMax, true)
}

// mixSearch is mixWindow's search, with the pictures taken as unrelated
// or, when corr, as correlated by the ρ fitted to each window; the free
// ρ fits short windows inside a mix too well, so it is only tried where
// no window fits without it.
func mixSearch(fs []Features, flash []bool, c, aMin, bMax int, corr bool) (window, bool) {
	best := window{}
	found := false
	for a := c - 1; a >= max(aMin, c-fineHalf); a-- {
		for b := c + minGradual; b <= min(bMax, c+fineHalf); b++ {
			if b-a < 2*minGradual {
				continue
			}
			e, ok := mixError(fs, flash, a, b, corr)
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
// little to tell; corr fits the pictures' correlation for the spread.
func mixError(fs []Features, flash []bool, a, b int, corr bool) (float64, bool) {
	fa, fb := &fs[a], &fs[b]
	da, db := math.Sqrt(float64(fa.Sharpness)), math.Sqrt(float64(fb.Sharpness))
	var eL, eD, dD float64
	k := 0
	for t := a + 1; t < b; t++ {
		if flash[t] {
			continue
		}
		al := float64(t-a) / float64(b-a)
		f := &fs[t]
		eL += math.Abs(float64(f.Luma) - ((1-al)*float64(fa.Luma) + al*float64(fb.Luma)))
		pd := math.Sqrt((1-al)*(1-al)*da*da + al*al*db*db)
		eD += math.Abs(math.Sqrt(float64(f.Sharpness)) - pd)
		dD += (1-al)*da + al*db - pd
		k++
	}
	if k == 0 || eL/float64(k) > mixLumaTol || dD <= 0 {
		return 0, false
	}
	rho := 0.0
	if corr {
		rho = fitRho(fs, flash, a, b)
	}
	eS, ok := mixSpread(fs, flash, a, b, rho)
	if !ok {
		return 0, false
	}
	return max(eS, eD/dD), true
}

// mixSpread is the mean relative deviation of the spread curve inside
// a..b from that of a mix of frames a and b whose pictures correlate by
// rho, and ok is false when that mix dips less than mixDip on average.
func mixSpread(fs []Features, flash []bool, a, b int, rho float64) (float64, bool) {
	sa, sb := float64(fs[a].LumaStd), float64(fs[b].LumaStd)
	var eS, dS float64
	k := 0
	for t := a + 1; t < b; t++ {
		if flash[t] {
			continue
		}
		al := float64(t-a) / float64(b-a)
		ps := math.Sqrt((1-al)*(1-al)*sa*sa + al*al*sb*sb + 2*al*(1-al)*rho*sa*sb)
		eS += math.Abs(float64(fs[t].LumaStd) - ps)
		dS += (1-al)*sa + al*sb - ps
		k++
	}
	if k == 0 || dS/float64(k) < mixDip {
		return 0, false
	}
	return eS / dS, true
}

// fitRho is the correlation (0..mixRho) of the two pictures that best
// fits the variance inside a..b, least squares: the mix's variance is
// linear in it.
func fitRho(fs []Features, flash []bool, a, b int) float64 {
	sa, sb := float64(fs[a].LumaStd), float64(fs[b].LumaStd)
	var num, den float64
	for t := a + 1; t < b; t++ {
		if flash[t] {
			continue
		}
		al := float64(t-a) / float64(b-a)
		s := float64(fs[t].LumaStd)
		w := 2 * al * (1 - al) * sa * sb
		num += w * (s*s - (1-al)*(1-al)*sa*sa - al*al*sb*sb)
		den += w * w
	}
	if den == 0 {
		return 0
	}
	return min(max(num/den, 0), mixRho)
}
