package vision

import "math"

// Light-change parameters.
const (
	// lightRank is the least rank correlation of the thumbnails across a
	// step that shows the same picture under other light: a change of
	// light (lights switched on, an exposure step) maps every brightness
	// through one rising curve, which keeps the order of the thumbnail's
	// cells, while a cut, even a jump cut in the same framing, reorders
	// them.
	lightRank = 0.985
	// flareRank is the least rank correlation across the first step of
	// a flare or lightning, which clips highlights and so keeps the order
	// less well.
	flareRank = 0.9
	// flareRise is the least rise of mean luma (0..255) into a flare.
	flareRise = 8
	// maxFlare is the longest a flare may take to decay, in frames.
	maxFlare = 8
)

// lightChange reports whether step i is one picture under another light
// rather than a new picture: the thumbnails' cells keep their order.
// Flat frames, whose order is noise, never are.
func lightChange(fs []Features, i int) bool {
	a, b := &fs[i-1], &fs[i]
	if a.LumaStd < semMinContrast || b.LumaStd < semMinContrast {
		return false
	}
	return rankCorr(a, b) >= lightRank
}

// findFlares finds flares and lightning: the picture brightens at once
// (the same picture, its cells in order) and decays back over a few
// frames to what it was. It marks the decaying frames as flashes and
// their steps quiet, as findFlashes does for flashes that end at once.
func findFlares(fs []Features, score []float64, flash, quiet []bool) {
	n := len(fs)
	for i := 1; i < n-1; i++ {
		if quiet[i] || score[i] < jumpMin {
			continue
		}
		a, b := &fs[i-1], &fs[i]
		if b.Luma < a.Luma+flareRise || a.LumaStd < semMinContrast || rankCorr(a, b) < flareRank {
			continue
		}
		in := pairDist(a, b)
		for j := i + 2; j <= min(n-1, i+maxFlare); j++ {
			if fs[j].Luma > fs[j-1].Luma+1 {
				break // brightening again: not a decay
			}
			across := pairDist(a, &fs[j])
			if across <= 0.25 && across <= 0.45*in {
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
}

// rankCorr is the rank (Spearman) correlation of two thumbnails: 1 when
// one is a rising function of the other.
func rankCorr(a, b *Features) float64 {
	ra, rb := thumbRanks(&a.Thumb), thumbRanks(&b.Thumb)
	const n = float64(len(a.Thumb))
	mean := (n - 1) / 2
	var sab, saa, sbb float64
	for k := range ra {
		x, y := ra[k]-mean, rb[k]-mean
		sab += x * y
		saa += x * x
		sbb += y * y
	}
	if saa == 0 || sbb == 0 {
		return 0
	}
	return sab / math.Sqrt(saa*sbb)
}

// thumbRanks ranks a thumbnail's cells by brightness, ties sharing their
// mean rank.
func thumbRanks(t *[ThumbW * ThumbH]uint8) [ThumbW * ThumbH]float64 {
	var cnt [256]int
	for _, v := range t {
		cnt[v]++
	}
	var first [256]float64
	s := 0
	for v, c := range cnt {
		first[v] = float64(s) + float64(c-1)/2
		s += c
	}
	var r [ThumbW * ThumbH]float64
	for k, v := range t {
		r[k] = first[v]
	}
	return r
}
