package vision

import "math"

// Hard-cut and flash thresholds on the 0..1 step score.
const (
	// jumpMin is the step score that counts as an abrupt change at all.
	jumpMin = 0.3
	// cutMin is the least step score of a cut.
	cutMin = 0.4
	// cutRatio is how far a cut's score must stand above the mean score
	// of the frames around it (adaptive to motion).
	cutRatio = 3.0
	// cutWindow is the half-width, in frames, of that neighbourhood.
	cutWindow = 8
	// spikeRatio is how far a cut's score must stand above both adjacent
	// steps: a cut is one abrupt step, while whip pans, objects crossing
	// the lens and fades change the picture over several.
	spikeRatio = 1.8
	// rampFit is the mean deviation from a linear mix, relative to the
	// change, under which the frames around a step form a ramp.
	rampFit = 0.15
	// maxFlash is the longest run of frames that can be a flash.
	maxFlash = 3
)

// findFlashes finds short runs of frames that jump away from the picture
// and back: the frame before the run matches the frame after it. It
// returns the flash frames and the steps their jumps make (to be ignored
// by the cut detector).
func findFlashes(fs []Features, score []float64) (flash, quiet []bool) {
	n := len(fs)
	flash = make([]bool, n)
	quiet = make([]bool, n)
	for i := 1; i < n-1; i++ {
		if score[i] < jumpMin {
			continue
		}
		for l := 1; l <= maxFlash && i+l < n; l++ {
			j := i + l // first frame after the run
			if score[j] < jumpMin*0.75 {
				continue
			}
			across := pairDist(&fs[i-1], &fs[j])
			in, out := pairDist(&fs[i-1], &fs[i]), pairDist(&fs[j-1], &fs[j])
			if across <= 0.25 && across <= 0.45*min(in, out) {
				for k := i; k < j; k++ {
					flash[k] = true
				}
				for k := i; k <= j; k++ {
					quiet[k] = true
				}
				i = j
				break
			}
		}
	}
	return flash, quiet
}

// findCuts finds hard cuts: steps whose score is high, a spike over both
// adjacent steps, well above the motion around them, and not explained by
// a camera move or a change of light. Steps rejected only for those
// motion reasons are cuts after all when the semantic cue (sem, may be
// nil) says so, or when they are a jump cut. A one-frame "shot" between
// two cuts is a flash at the boundary: its frame is returned as such and
// only the second cut is kept; so is a frame unlike both shots between
// two large steps (a white frame); a frame that blends the two (a cut on
// the second field) is not a flash. Nothing inside black is a cut.
func findCuts(fs []Features, score []float64, quiet, black []bool, sem *Embeddings) ([]Transition, []int) {
	n := len(fs)
	var cuts []Transition
	var flashes []int
	add := func(i int, conf float64) {
		if k := len(cuts); k > 0 && cuts[k-1].Frame == i-1 {
			flashes = append(flashes, i-1)
			cuts = cuts[:k-1]
		}
		cuts = append(cuts, Transition{Kind: Cut, Frame: i, Start: i, End: i, Confidence: round3(conf)})
	}
	for i := 1; i < n; i++ {
		s := score[i]
		if quiet[i] || inBlack(fs, black, i) || inField(fs, i) || fieldEnd(fs, i) {
			continue // a flash, or nothing to see
		}
		if ok, flash := inBetween(fs, score, quiet, black, i); ok {
			if flash {
				flashes = append(flashes, i)
			}
			add(i+1, min(1, min(s, score[i+1])/0.8))
			i++
			continue
		}
		if s < cutMin {
			if jumpCut(fs, score, quiet, i) {
				add(i, min(1, s/cutMin))
			}
			continue
		}
		if rampAt(fs, i) || lightChange(fs, i) {
			continue // one step of a fade or dissolve, or of the light
		}
		base := baseline(score, quiet, i)
		conf := min(1, s/0.8) * min(1, (s-base)/0.5)
		if motionExplains(fs, score, quiet, i, base) {
			d, ok := semanticCut(fs, sem, i)
			switch {
			case ok:
				conf = min(1, d/0.5)
			case jumpCut(fs, score, quiet, i):
				conf = min(1, s/0.8)
			default:
				continue
			}
		}
		add(i, conf)
	}
	return cuts, flashes
}

// inBlack reports whether step i lies inside black: from black or into
// it, the other side dark too (the end of a fade; a hash or histogram of
// near-black frames is noise).
func inBlack(fs []Features, black []bool, i int) bool {
	return (black[i-1] || black[i]) && isDark(&fs[i-1]) && isDark(&fs[i])
}

// inField reports whether step i lies inside a flat field (the colour
// of a dip, or white): from or into a field, the other side nearly flat
// and of the same colour (the end of a fade to it; a hash or edges of
// near-flat frames are noise). A cut between two colour cards changes
// the colour.
func inField(fs []Features, i int) bool {
	a, b := &fs[i-1], &fs[i]
	return (isField(a) || isField(b)) && a.LumaStd <= fieldStdMax && b.LumaStd <= fieldStdMax &&
		bhatta(a.Hist[:32], b.Hist[:32]) < sameFieldHue
}

// fieldEnd reports whether step i is the last step of a fade to a flat
// field or the first of a fade from one: the field on one side, and the
// frames on the other side ramp linearly to it (the last frames of a fade
// still hold a trace of the picture, in other colours than the field's,
// so inField does not see them as the field; a cut to a colour card
// leaves the frames before it where they were).
func fieldEnd(fs []Features, i int) bool {
	if isField(&fs[i]) && i >= fieldRamp && rampOver(fs, i-fieldRamp, i) {
		return true
	}
	return isField(&fs[i-1]) && i-1+fieldRamp < len(fs) && rampOver(fs, i-1, i-1+fieldRamp)
}

// fieldRamp is the length, in steps, of the ramp fieldEnd fits.
const fieldRamp = 4

// sameFieldHue is the largest hue-saturation histogram distance between
// two frames of one flat field.
const sameFieldHue = 0.15

// betweenApart is the least picture distance across the two steps of a
// cut with one frame between: the shots on either side differ.
const betweenApart = 0.3

// inBetween reports whether steps i and i+1 are a cut with one frame
// between the shots (frame i: a white frame, a one-frame shot, a frame
// whose fields hold both shots): two large steps together standing above
// the steps around them, with different pictures on either side. flash
// is true when frame i is unlike both shots rather than a blend of them.
func inBetween(fs []Features, score []float64, quiet, black []bool, i int) (ok, flash bool) {
	n := len(fs)
	if i+1 >= n || quiet[i+1] || score[i] < cutMin || score[i+1] < cutMin || inBlack(fs, black, i) || inBlack(fs, black, i+1) || inField(fs, i+1) {
		return false, false
	}
	if rampAt(fs, i) && rampAt(fs, i+1) {
		return false, false // two steps of a fade or dissolve
	}
	around := 0.0
	if i > 1 {
		around = score[i-1]
	}
	if i+2 < n {
		around = max(around, score[i+2])
	}
	if spikeRatio*around > min(score[i], score[i+1]) {
		return false, false
	}
	for _, k := range []int{i, i + 1} {
		if m := fs[k].Motion; m.Inliers >= 0.6 && m.Residual < 10 {
			return false, false // a camera move
		}
	}
	apart := pairDist(&fs[i-1], &fs[i+1])
	if apart < betweenApart {
		return false, false
	}
	flash = pairDist(&fs[i-1], &fs[i]) >= apart && pairDist(&fs[i], &fs[i+1]) >= apart
	return true, flash
}

// motionExplains reports whether the pixel change at step i is better put
// down to motion than to a cut: it is not a spike over both adjacent
// steps, or the whole picture moved (a camera move), or it does not stand
// well above the motion around it (base).
func motionExplains(fs []Features, score []float64, quiet []bool, i int, base float64) bool {
	n, s := len(fs), score[i]
	if (i > 1 && !quiet[i-1] && spikeRatio*score[i-1] > s) || (i+1 < n && !quiet[i+1] && spikeRatio*score[i+1] > s) {
		return true
	}
	if m := fs[i].Motion; m.Inliers >= 0.6 && m.Residual < 10 {
		return true
	}
	return s < cutRatio*base+0.05
}

// baseline is the mean step score around step i, leaving out i and its
// neighbours and the steps of flashes.
func baseline(score []float64, quiet []bool, i int) float64 {
	var s float64
	k := 0
	for j := max(1, i-cutWindow); j <= min(len(score)-1, i+cutWindow); j++ {
		if j >= i-1 && j <= i+1 || quiet[j] {
			continue
		}
		s += score[j]
		k++
	}
	if k == 0 {
		return 0
	}
	return s / float64(k)
}

func round3(x float64) float64 { return float64(int(x*1000+0.5)) / 1000 }

// rampAt reports whether the frames around step i change linearly (a step
// of a fade or dissolve) rather than all at once: a cut leaves the frames
// two before and two after far from their linear mix.
func rampAt(fs []Features, i int) bool {
	a, b := max(0, i-2), min(len(fs)-1, i+2)
	if b-a < 3 {
		return false
	}
	return rampOver(fs, a, b)
}

// rampOver reports whether the frames strictly between a and b are close
// to the linear mix of frames a and b, relative to the change between
// them (at least 3 of 255).
func rampOver(fs []Features, a, b int) bool {
	net := thumbMAD(&fs[a], &fs[b])
	if net < 3 {
		return false
	}
	var sum float64
	for t := a + 1; t < b; t++ {
		al := float64(t-a) / float64(b-a)
		var d float64
		for k := range fs[t].Thumb {
			p := float64(fs[a].Thumb[k]) + al*(float64(fs[b].Thumb[k])-float64(fs[a].Thumb[k]))
			d += math.Abs(float64(fs[t].Thumb[k]) - p)
		}
		sum += d / float64(len(fs[t].Thumb))
	}
	return sum/float64(b-a-1)/net < rampFit
}
