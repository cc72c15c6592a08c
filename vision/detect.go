package vision

import "sort"

// Detect finds the transitions, shots, black segments and flash frames in
// the features of one file (frame i at index i) from pixel statistics
// alone. It is pure computation on the features, so it can be re-run from
// the analysis cache.
func Detect(fs []Features) Result { return DetectWith(fs, nil) }

// DetectWith is Detect with the semantic cue: where the pixel statistics
// see an abrupt change but put it down to camera motion (a cut between two
// moving shots looks much like a fast pan), the frame embeddings decide.
// A nil sem is Detect.
func DetectWith(fs []Features, sem *Embeddings) Result {
	n := len(fs)
	res := Result{Frames: n}
	if n == 0 {
		return res
	}
	black := make([]bool, n)
	for i := range fs {
		black[i] = isBlack(&fs[i])
	}
	score := make([]float64, n)
	for i := 1; i < n; i++ {
		score[i] = pairScore(&fs[i-1], &fs[i])
	}
	flash, quiet := findFlashes(fs, score)
	findFlares(fs, score, flash, quiet)
	cuts, boundaryFlashes := findCuts(fs, score, quiet, black, sem)
	for _, f := range boundaryFlashes {
		flash[f] = true
	}
	gradual := findGradual(fs, cuts, black, flash)
	for _, c := range cuts {
		if !inWipe(gradual, c.Frame) {
			res.Transitions = append(res.Transitions, c)
		}
	}
	res.Transitions = append(res.Transitions, gradual...)
	sortTransitions(res.Transitions)
	for i := range fs {
		if flash[i] {
			res.Flashes = append(res.Flashes, i)
		}
	}
	res.Black = runs(black)
	res.Shots = shots(n, res.Transitions, black)
	return res
}

// sortTransitions puts ts in frame order: by start, then end (a cut
// before a dissolve that starts on the same frame), then kind, so that
// the order is one and the same however they were found.
func sortTransitions(ts []Transition) {
	sort.Slice(ts, func(i, j int) bool {
		a, b := ts[i], ts[j]
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		if a.End != b.End {
			return a.End < b.End
		}
		return a.Kind < b.Kind
	})
}

// inWipe reports whether a cut at frame f is a step of a wipe or push
// found among ts (its last step, where the old picture leaves at once,
// can look like one).
func inWipe(ts []Transition, f int) bool {
	for _, t := range ts {
		if t.Kind == Wipe && f > t.Start && f <= t.End {
			return true
		}
	}
	return false
}

// runs lists the inclusive ranges where mask is true.
func runs(mask []bool) [][2]int {
	var out [][2]int
	for i := 0; i < len(mask); i++ {
		if !mask[i] {
			continue
		}
		j := i
		for j+1 < len(mask) && mask[j+1] {
			j++
		}
		out = append(out, [2]int{i, j})
		i = j
	}
	return out
}

// shots derives the steady picture ranges: the frames outside gradual
// transitions and black segments, split at cuts.
func shots(n int, ts []Transition, black []bool) []Shot {
	in := make([]bool, n)
	start := make([]bool, n)
	for i := range in {
		in[i] = !black[i]
	}
	for _, t := range ts {
		if t.Kind == Cut {
			start[t.Frame] = true
			continue
		}
		for i := max(0, t.Start); i <= min(n-1, t.End); i++ {
			in[i] = false
		}
	}
	var out []Shot
	for i := 0; i < n; i++ {
		if !in[i] {
			continue
		}
		j := i
		for j+1 < n && in[j+1] && !start[j+1] {
			j++
		}
		out = append(out, Shot{i, j})
		i = j
	}
	return out
}
