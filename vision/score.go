package vision

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
)

// Truth is a labelled file in the format of the shared truth files: cuts
// with "frame", gradual transitions with inclusive "start" and "end".
type Truth struct {
	Video       string       `json:"video"`
	Frames      int          `json:"frames"`
	FPS         string       `json:"fps,omitempty"`
	Transitions []Transition `json:"transitions"`
	Black       [][2]int     `json:"black"`
	Shots       [][2]int     `json:"shots,omitempty"`
	Flashes     []int        `json:"flashes,omitempty"`
	Notes       string       `json:"notes,omitempty"`
}

// LoadTruth reads a truth JSON file. Cuts get Start = End = Frame.
func LoadTruth(path string) (*Truth, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var t Truth
	if err := json.Unmarshal(b, &t); err != nil {
		return nil, fmt.Errorf("%s: not a truth file: %v", path, err)
	}
	for i, tr := range t.Transitions {
		switch {
		case tr.Kind == Cut:
			t.Transitions[i].Start, t.Transitions[i].End = tr.Frame, tr.Frame
		case tr.Kind.Gradual():
			if tr.End < tr.Start {
				return nil, fmt.Errorf("%s: transition %d ends before it starts", path, i)
			}
		}
		if !tr.Kind.Known() {
			return nil, fmt.Errorf("%s: transition %d has unknown kind %q", path, i, tr.Kind)
		}
	}
	return &t, nil
}

// PRF is a precision/recall/F1 count. With nothing to find and nothing
// found, precision, recall and F1 are all 1.
type PRF struct {
	TP, FP, FN int
}

// Add accumulates another count.
func (p PRF) Add(q PRF) PRF { return PRF{p.TP + q.TP, p.FP + q.FP, p.FN + q.FN} }

// Precision is TP / (TP + FP).
func (p PRF) Precision() float64 { return ratio(p.TP, p.TP+p.FP) }

// Recall is TP / (TP + FN).
func (p PRF) Recall() float64 { return ratio(p.TP, p.TP+p.FN) }

// F1 is the harmonic mean of precision and recall.
func (p PRF) F1() float64 { return ratio(2*p.TP, 2*p.TP+p.FP+p.FN) }

// String formats the count as "P=… R=… F1=… (tp/fp/fn)".
func (p PRF) String() string {
	return fmt.Sprintf("P=%.3f R=%.3f F1=%.3f (tp=%d fp=%d fn=%d)", p.Precision(), p.Recall(), p.F1(), p.TP, p.FP, p.FN)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// Scores are the TRECVID-style counts of one file: hard cuts matched 1-to-1
// within ±CutTolerance frames, gradual transitions matched 1-to-1 by
// interval overlap.
type Scores struct {
	Cuts    PRF `json:"cuts"`
	Gradual PRF `json:"gradual"`
}

// Add sums two scores, kind by kind.
func (s Scores) Add(o Scores) Scores {
	return Scores{Cuts: s.Cuts.Add(o.Cuts), Gradual: s.Gradual.Add(o.Gradual)}
}

// CutTolerance is how far, in frames, a detected cut may be from the true
// one and still match.
const CutTolerance = 1

// Score compares detected transitions with the truth.
func Score(truth, found []Transition) Scores {
	var tc, fc, tg, fg []Transition
	for _, t := range truth {
		if t.Kind == Cut {
			tc = append(tc, t)
		} else {
			tg = append(tg, t)
		}
	}
	for _, t := range found {
		if t.Kind == Cut {
			fc = append(fc, t)
		} else {
			fg = append(fg, t)
		}
	}
	return Scores{Cuts: match(tc, fc, cutGain), Gradual: match(tg, fg, overlapGain)}
}

// Unmatched lists the true transitions the detector missed and the ones
// it found that match nothing, under the same matching as Score.
func Unmatched(truth, found []Transition) (missed, spurious []Transition) {
	split := func(ts []Transition, cut bool) []Transition {
		var out []Transition
		for _, t := range ts {
			if (t.Kind == Cut) == cut {
				out = append(out, t)
			}
		}
		return out
	}
	for _, cut := range []bool{true, false} {
		tr, fd := split(truth, cut), split(found, cut)
		g := overlapGain
		if cut {
			g = cutGain
		}
		ut, uf := pairUp(tr, fd, g)
		for i, u := range ut {
			if !u {
				missed = append(missed, tr[i])
			}
		}
		for j, u := range uf {
			if !u {
				spurious = append(spurious, fd[j])
			}
		}
	}
	return missed, spurious
}

// match pairs truth and found items 1-to-1, greedily by gain (0: no match).
func match(truth, found []Transition, gain func(a, b Transition) float64) PRF {
	ut, _ := pairUp(truth, found, gain)
	tp := 0
	for _, u := range ut {
		if u {
			tp++
		}
	}
	return PRF{TP: tp, FP: len(found) - tp, FN: len(truth) - tp}
}

// pairUp matches greedily by gain and says which items got a partner.
func pairUp(truth, found []Transition, gain func(a, b Transition) float64) (ut, uf []bool) {
	type pair struct {
		i, j int
		g    float64
	}
	var ps []pair
	for i, t := range truth {
		for j, f := range found {
			if g := gain(t, f); g > 0 {
				ps = append(ps, pair{i, j, g})
			}
		}
	}
	sort.SliceStable(ps, func(a, b int) bool { return ps[a].g > ps[b].g })
	ut, uf = make([]bool, len(truth)), make([]bool, len(found))
	for _, p := range ps {
		if ut[p.i] || uf[p.j] {
			continue
		}
		ut[p.i], uf[p.j] = true, true
	}
	return ut, uf
}

// cutGain scores a cut pair: higher the closer, 0 beyond CutTolerance.
func cutGain(a, b Transition) float64 {
	d := a.Frame - b.Frame
	if d < 0 {
		d = -d
	}
	if d > CutTolerance {
		return 0
	}
	return float64(CutTolerance + 1 - d)
}

// overlapGain scores a gradual pair by intersection over union, 0 when
// the intervals do not overlap.
func overlapGain(a, b Transition) float64 {
	lo, hi := max(a.Start, b.Start), min(a.End, b.End)
	if hi < lo {
		return 0
	}
	union := max(a.End, b.End) - min(a.Start, b.Start) + 1
	return float64(hi-lo+1) / float64(union)
}
