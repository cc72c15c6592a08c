package effects

import (
	"fmt"
	"math"

	"rushcut/app/edit"
	"rushcut/app/suggest"
	"rushcut/vision/color/ciede"
)

// ApplyCDL grades one RGB colour (0..1) with c, as ASC CDL v1.2 defines
// it: out = clamp(in×slope + offset)^power per channel, then saturation
// around Rec.709 luma, clamped to 0..1.
func ApplyCDL(c edit.CDL, rgb [3]float64) [3]float64 {
	var out [3]float64
	for i := range 3 {
		v := rgb[i]*c.Slope[i] + c.Offset[i]
		out[i] = math.Pow(min(1, max(0, v)), c.Power[i])
	}
	if c.Sat != 1 {
		l := 0.2126*out[0] + 0.7152*out[1] + 0.0722*out[2]
		for i := range 3 {
			out[i] = min(1, max(0, l+c.Sat*(out[i]-l)))
		}
	}
	return out
}

// channel grades one channel value with c's slope, offset and power.
func channel(c edit.CDL, i int, v float64) float64 {
	return math.Pow(min(1, max(0, v*c.Slope[i]+c.Offset[i])), c.Power[i])
}

// LUT returns c as an 8-bit lookup table per channel (R, G, B), for a CDL
// with saturation 1 (saturation mixes channels and is not a per-channel
// table; it is ignored here).
func LUT(c edit.CDL) [3][256]uint8 {
	var t [3][256]uint8
	for i := range 3 {
		for k := range 256 {
			t[i][k] = uint8(math.Round(255 * channel(c, i, float64(k)/255)))
		}
	}
	return t
}

// Bounds of a fitted CDL: a colour match is a correction, not a new look,
// so slopes, powers and offsets stay within these.
const (
	MinSlope, MaxSlope = 0.25, 4.0
	MinPower, MaxPower = 0.4, 2.5
	MaxOffset          = 0.3
)

// FitCDL returns the slope, offset and power per channel that map the
// target's channel quantiles onto the reference's (least squares over the
// quantile levels where neither is clipped, by Nelder–Mead from slope 1, offset 0, power 1, with a
// slight pull towards offset 0 and power 1 where the data cannot tell them
// apart), saturation 1, and the fit's RMS error in code values (0..1).
func FitCDL(ref, tgt ColorStats) (edit.CDL, float64, error) {
	c := edit.IdentityCDL()
	var sse float64
	n := 0
	for i := range 3 {
		r, t := ref.Quantiles[i], tgt.Quantiles[i]
		if len(r) == 0 || len(r) != len(t) {
			return c, 0, fmt.Errorf("channel %d: %d and %d quantiles", i, len(r), len(t))
		}
		cost := func(x [3]float64) float64 {
			s, o, p := x[0], x[1], x[2]
			if s < MinSlope || s > MaxSlope || p < MinPower || p > MaxPower || math.Abs(o) > MaxOffset {
				return math.Inf(1)
			}
			e, m := 0.0, 0
			for k := range r {
				if clipped(t[k]) || clipped(r[k]) {
					continue // a clipped level says nothing of the curve
				}
				v := math.Pow(min(1, max(0, t[k]*s+o)), p) - r[k]
				e += v * v
				m++
			}
			return e/float64(max(1, m)) + 1e-5*(o*o+0.01*(p-1)*(p-1))
		}
		x := nelderMead(cost, [3]float64{1, 0, 1}, [3]float64{0.1, 0.05, 0.1}, 600)
		c.Slope[i], c.Offset[i], c.Power[i] = x[0], x[1], x[2]
		for k := range r {
			d := channel(c, i, t[k]) - r[k]
			sse += d * d
			n++
		}
	}
	return c, math.Sqrt(sse / float64(n)), CheckCDL(c)
}

// atBounds reports whether a fitted CDL reached a bound of the fit (within
// 2%): the pictures differ by more than a correction, and the fit is not
// one.
func atBounds(c edit.CDL) bool {
	near := func(v, b float64) bool { return math.Abs(v-b) <= 0.02*math.Abs(b) }
	for i := range 3 {
		if near(c.Slope[i], MinSlope) || near(c.Slope[i], MaxSlope) || near(c.Power[i], MinPower) ||
			near(c.Power[i], MaxPower) || math.Abs(c.Offset[i]) >= 0.98*MaxOffset {
			return true
		}
	}
	return false
}

// clipped reports whether a quantile sits at the end of the code range.
func clipped(v float64) bool { return v <= 0.5/255 || v >= 254.5/255 }

// nelderMead minimises f from x0 with initial steps step.
func nelderMead(f func([3]float64) float64, x0, step [3]float64, iters int) [3]float64 {
	const d = 3
	var pts [d + 1][3]float64
	var val [d + 1]float64
	pts[0] = x0
	for i := range d {
		pts[i+1] = x0
		pts[i+1][i] += step[i]
	}
	for i := range pts {
		val[i] = f(pts[i])
	}
	for range iters {
		// order
		for i := 1; i <= d; i++ {
			for j := i; j > 0 && val[j] < val[j-1]; j-- {
				pts[j], pts[j-1] = pts[j-1], pts[j]
				val[j], val[j-1] = val[j-1], val[j]
			}
		}
		var cen [3]float64
		for i := range d {
			for k := range 3 {
				cen[k] += pts[i][k] / d
			}
		}
		at := func(t float64) [3]float64 {
			var x [3]float64
			for k := range 3 {
				x[k] = cen[k] + t*(pts[d][k]-cen[k])
			}
			return x
		}
		xr := at(-1)
		fr := f(xr)
		switch {
		case fr < val[0]:
			if xe := at(-2); f(xe) < fr {
				pts[d], val[d] = xe, f(xe)
			} else {
				pts[d], val[d] = xr, fr
			}
		case fr < val[d-1]:
			pts[d], val[d] = xr, fr
		default:
			xc := at(0.5)
			if fr < val[d] {
				xc = at(-0.5)
			}
			if fc := f(xc); fc < min(fr, val[d]) {
				pts[d], val[d] = xc, fc
				continue
			}
			for i := 1; i <= d; i++ {
				for k := range 3 {
					pts[i][k] = pts[0][k] + 0.5*(pts[i][k]-pts[0][k])
				}
				val[i] = f(pts[i])
			}
		}
	}
	best := 0
	for i := range val {
		if val[i] < val[best] {
			best = i
		}
	}
	return pts[best]
}

// colorMatch proposes a CDL bringing clip b to clip a when both belong to
// one scene and their mean colours differ by more than opt.ColorDeltaE.
func colorMatch(sample ColorSampler, a, b *placed, rate edit.Rate, opt Options) ([]suggest.Suggestion, error) {
	same := a.src.Scene != "" && a.src.Scene == b.src.Scene
	if a.src.Scene == "" || b.src.Scene == "" {
		d, measure := sceneDistance(a, b, rate)
		limit := opt.SceneChange
		if measure != "colour distance" {
			limit = opt.SceneChangeViT
		}
		same = d < limit
	}
	if !same {
		return nil, nil
	}
	ar, br := a.clip.SourceRange(rate), b.clip.SourceRange(rate)
	am, bm := a.clip.Media, b.clip.Media
	sa, err := sample(am.Path, am.Start, ar.Start, ar.End())
	if err != nil {
		return nil, err
	}
	sb, err := sample(bm.Path, bm.Start, br.Start, br.End())
	if err != nil {
		return nil, err
	}
	de := ciede.DeltaE2000(sa.Lab, sb.Lab)
	if de < opt.ColorDeltaE {
		return nil, nil
	}
	cdl, rms, err := FitCDL(sa, sb)
	if err != nil {
		return nil, fmt.Errorf("%s: colour match: %w", bm.Path, err)
	}
	if atBounds(cdl) {
		return nil, nil // the clips differ by more than a grade can fix
	}
	cp := &ColorParams{CDL: cdl, Reference: key(am), ReferencePath: am.Path, ReferenceIn: ar.Start, ReferenceOut: ar.End()}
	// Round the CDL so that the ID does not move with the fit's last bits.
	cp2, err := Decode(Color, cp.Values())
	if err != nil {
		return nil, err
	}
	cp = cp2.(*ColorParams)
	return []suggest.Suggestion{{
		Kind: Color, Target: target(b, rate), Params: values(cp), Confidence: clamp01(0.9 - 4*rms),
		Reason: fmt.Sprintf("same scene as %s but the colour differs: mean ΔE2000 %.1f (L* %.1f vs %.1f, a* %+.1f vs %+.1f, b* %+.1f vs %+.1f); CDL slope %s offset %s power %s matches it (fit error %.3f)",
			am.DisplayName(), de, sa.Lab[0], sb.Lab[0], sa.Lab[1], sb.Lab[1], sa.Lab[2], sb.Lab[2],
			triple(cp.CDL.Slope), triple(cp.CDL.Offset), triple(cp.CDL.Power), rms),
		Evidence: suggest.Evidence{Measures: []suggest.Measure{
			{Name: "ΔE2000 of mean colours", Value: de},
			{Name: "ΔL*", Value: sb.Lab[0] - sa.Lab[0]},
			{Name: "fit RMS", Value: rms},
		}},
	}}, nil
}
