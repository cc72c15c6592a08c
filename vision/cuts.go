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
// a camera move. Steps rejected only for those motion reasons are cuts
// after all when the semantic cue (sem, may be nil) says so. A one-frame
// "shot" between two cuts is a flash at the boundary: its frame is
// returned as such and only the second cut is kept.
func findCuts(fs []Features, score []float64, quiet []bool, sem *Embeddings) ([]Transition, []int) {
	n := len(fs)
	var cuts []Transition
	var flashes []int
	for i := 1; i < n; i++ {
		s := score[i]
		if quiet[i] || s < cutMin || rampAt(fs, i) {
			continue // no abrupt change, a flash, or one step of a fade or dissolve
		}
		base := baseline(score, quiet, i)
		conf := min(1, s/0.8) * min(1, (s-base)/0.5)
		if motionExplains(fs, score, quiet, i, base) {
			d, ok := semanticCut(fs, sem, i)
			if !ok {
				continue
			}
			conf = min(1, d/0.5)
		}
		if k := len(cuts); k > 0 && cuts[k-1].Frame == i-1 {
			flashes = append(flashes, i-1)
			cuts = cuts[:k-1]
		}
		cuts = append(cuts, Transition{Kind: Cut, Frame: i, Start: i, End: i, Confidence: round3(conf)})
	}
	return cuts, flashes
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
