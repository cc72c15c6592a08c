package effects

import (
	"fmt"
	"math"
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
	jerked := jerks(p.src.Frames)
	for _, i := range p.src.Flashes {
		if !jerked[i] {
			set[i] = "flash"
		}
	}
	for _, i := range damaged(imp, opt) {
		if jerked[i] {
			continue // the camera's shake, not damage: see jerks
		}
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

// jerks marks the frames a shaking camera jerked about: a frame at or
// next to a jerk (the frame's place off the straight line between its
// neighbours' places, half the change of the global motion into it and
// out of it, at least a pixel at the analysis width) in a stretch of
// ±half a second holding at least three other jerks. Such a frame departs
// from its neighbours over the whole picture, as a frame shifted by
// damage does: a hand-held pan over starry_night scored 36 of its 120
// frames as damaged and a hand-held building 37 (the detector's flashes
// among them). One frame shifted by damage in steady footage is a lone
// jerk and is still found; a pan or a whip changes speed rarely.
func jerks(fs []Frame) map[int]bool {
	jerk := make([]bool, len(fs))
	for i := 1; i+1 < len(fs); i++ {
		jerk[i] = math.Hypot(fs[i].DX-fs[i+1].DX, fs[i].DY-fs[i+1].DY)/2 >= 1
	}
	out := map[int]bool{}
	for i := 1; i+1 < len(fs); i++ {
		if !jerk[i-1] && !jerk[i] && !jerk[i+1] {
			continue
		}
		others := 0
		for j := max(0, i-12); j <= min(len(fs)-1, i+12); j++ {
			if jerk[j] && (j < i-1 || j > i+1) {
				others++
			}
		}
		if others >= 3 {
			out[i] = true
		}
	}
	return out
}
