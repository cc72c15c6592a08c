package effects

import (
	"fmt"
	"sort"

	"rushcut/app/edit"
	"rushcut/app/suggest"
)

// damaged returns the analysis indexes that are single damaged frames by
// their damage scores: at least opt.Impulse, and ImpulseRatio times
// either neighbour's score.
func damaged(imp []float64, opt Options) []int {
	var out []int
	for i := 1; i+1 < len(imp); i++ {
		if imp[i] >= opt.Impulse && imp[i] >= opt.ImpulseRatio*max(imp[i-1], imp[i+1]) {
			out = append(out, i)
		}
	}
	return out
}

// flashes proposes replacing the clip's flash or damaged frames: the
// detector's flashes and the frames the impulse scores imp (nil: none)
// call damaged.
func flashes(p *placed, rate edit.Rate, imp []float64, opt Options) []suggest.Suggestion {
	a, b := frames(p, rate)
	set := map[int]string{}
	for _, i := range p.src.Flashes {
		set[i] = "flash"
	}
	for _, i := range damaged(imp, opt) {
		if set[i] == "" {
			set[i] = "damage"
		} else {
			set[i] = "flash, damage"
		}
	}
	var idx []int
	for i := range set {
		if i >= a && i < b {
			idx = append(idx, i)
		}
	}
	if len(idx) == 0 {
		return nil
	}
	sort.Ints(idx)
	var fr []int64
	var notes []string
	for _, i := range idx {
		fr = append(fr, p.src.media(i))
		n := fmt.Sprintf("%d (%s", p.src.media(i), set[i])
		if i < len(imp) {
			n += fmt.Sprintf(", %.2f%% of pixels", 100*imp[i])
		}
		notes = append(notes, n+")")
	}
	fp := &FlashParams{Frames: fr}
	return []suggest.Suggestion{{
		Kind: FlashRemove, Target: target(p, rate), Params: values(fp), Confidence: 0.9,
		Reason: fmt.Sprintf("%d frame(s) depart from the frames on both sides (flash or damage); replace each by its neighbour: %s",
			len(fr), joinMax(notes, 8)),
		Evidence: suggest.Evidence{Measures: []suggest.Measure{{Name: "frames", Value: float64(len(fr))}}},
	}}
}
