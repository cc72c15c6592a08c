package rough

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"rushcut/models"
)

// Setup is the takes shot from one camera setup.
type Setup struct {
	// Name is the slate's setup name when read ("12A"), else "Setup N".
	Name string `json:"name"`
	// Scene is the scene number (0 when unknown).
	Scene int `json:"scene,omitempty"`
	// Takes index the reports, in shooting order.
	Takes []int `json:"takes"`
	// By says what grouped them: "slate", "name" or "picture".
	By string `json:"by"`
	// Reason says why, with the numbers.
	Reason string `json:"reason"`
}

// Order returns the reports' indexes in shooting order: by start timecode,
// then file name.
func Order(rs []*TakeReport) []int {
	idx := make([]int, len(rs))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		ra, rb := rs[idx[a]], rs[idx[b]]
		if ra.Start != rb.Start {
			return ra.Start < rb.Start
		}
		return ra.Path < rb.Path
	})
	return idx
}

// GroupSetups groups takes into setups. A read slate or file-name label
// decides first. Unlabelled takes follow the shooting order and the
// clock: the day's gaps between takes fall into resets (the next take of
// the same setup), setup changes (a relight) and breaks (lunch), told
// apart by splitting the gaps on a log scale where they fall into
// clusters at least three times apart. A setup change starts a new setup
// and a reset never does; without timecode, a picture that stops
// resembling the previous take as takes of one setup resemble each other
// this day starts one. A run of takes then joins an
// earlier setup when it resembles one of its takes as closely as takes of
// one setup do (the day's median similarity between resets, less three
// median deviations); after a break — when pickups happen — it joins the
// setup it resembles most if that is nearer the day's within-setup
// similarity than its between-setup similarity. No fixed similarity is
// involved. It is O(n) in takes plus O(k²·m²) in k setups of m takes.
func GroupSetups(rs []*TakeReport) []Setup {
	order := Order(rs)
	if len(order) == 0 {
		return nil
	}
	g := newGaps(rs, order)
	lv := levels(rs, order, g)
	var runs []Setup
	var brk []bool // the run starts after a break
	cur := Setup{Takes: []int{order[0]}}
	brk = append(brk, false)
	for k := 1; k < len(order); k++ {
		a, b := rs[order[k-1]], rs[order[k]]
		if split, why := boundary(a, b, g, lv); split {
			runs = append(runs, cur)
			brk = append(brk, g.isBreak(gapBetween(a, b)))
			cur = Setup{Takes: []int{order[k]}, Reason: "a new setup: " + why}
			continue
		}
		cur.Takes = append(cur.Takes, order[k])
	}
	runs = append(runs, cur)
	var out []Setup
	for k, r := range runs {
		if j, why := joinTarget(rs, out, r, lv, brk[k]); j >= 0 {
			out[j].Takes = append(out[j].Takes, r.Takes...)
			out[j].Reason += fmt.Sprintf("; %s joins it (%s)", rs[r.Takes[0]].name(), why)
			continue
		}
		out = append(out, r)
	}
	for i := range out {
		name(rs, &out[i], i)
	}
	return out
}

// gaps are the day's two thresholds between kinds of gap (seconds; 0 when
// the day does not show that kind).
type gaps struct{ change, brk float64 }

func (g gaps) isBreak(gap float64) bool { return g.brk > 0 && gap >= g.brk }

func gapBetween(a, b *TakeReport) float64 { return b.Start - (a.Start + a.duration()) }

// newGaps splits the gaps between consecutive takes into resets and
// longer ones, then the longer ones into setup changes and breaks.
func newGaps(rs []*TakeReport, order []int) gaps {
	var v []float64
	for k := 1; k < len(order); k++ {
		a, b := rs[order[k-1]], rs[order[k]]
		if a.Media == nil || b.Media == nil || !a.Media.HasTimecode || !b.Media.HasTimecode {
			return gaps{}
		}
		v = append(v, math.Log(math.Max(1, gapBetween(a, b))))
	}
	var g gaps
	lo, hi := split(v)
	if len(hi) == 0 {
		return g
	}
	g.change = math.Exp(hi[0])
	_ = lo
	if _, hi2 := split(hi); len(hi2) > 0 {
		g.brk = math.Exp(hi2[0])
	}
	return g
}

// split sorts v and cuts it in two where the spread within the parts is
// least; hi is empty unless the parts' means are at least three times
// apart (log scale: ln 3).
func split(v []float64) (lo, hi []float64) {
	if len(v) < 2 {
		return v, nil
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	best, cut := math.Inf(1), -1
	for i := 1; i < len(s); i++ {
		if x := spread(s[:i]) + spread(s[i:]); x < best {
			best, cut = x, i
		}
	}
	if mean(s[cut:])-mean(s[:cut]) < math.Log(3) {
		return s, nil
	}
	return s[:cut], s[cut:]
}

// simLevels are the day's picture similarities: between takes of one
// setup (median and the robust floor below it), and between setups.
type simLevels struct {
	within, floor, between float64
	ok                     bool
}

// levels measures the similarities of consecutive takes: across resets
// (one setup) and across setup changes (two setups).
func levels(rs []*TakeReport, order []int, g gaps) simLevels {
	var in, across, all []float64
	for k := 1; k < len(order); k++ {
		a, b := rs[order[k-1]], rs[order[k]]
		s, ok := similarity(a, b)
		if !ok {
			return simLevels{}
		}
		all = append(all, s)
		switch gap := gapBetween(a, b); {
		case g.change > 0 && gap >= g.change && !g.isBreak(gap):
			across = append(across, s)
		case g.change == 0 || gap < g.change:
			in = append(in, s)
		}
	}
	if g.change == 0 && !dayHasClock(rs, order) {
		// No clock tells resets from setup changes: the pictures
		// must.
		in, across = bySimilarity(all)
	}
	if len(in) == 0 && len(across) > 0 {
		// Every take is a setup of its own: takes of one setup would
		// resemble each other as a shot resembles itself.
		in = selfSimilarities(rs, order)
	}
	if len(in) == 0 {
		return simLevels{}
	}
	m := median(in)
	var dev []float64
	for _, s := range in {
		dev = append(dev, math.Abs(s-m))
	}
	lv := simLevels{within: m, floor: m - 3*math.Max(median(dev), 0.005), ok: true}
	lv.between = median(across)
	if len(across) == 0 {
		lv.between = lv.floor - 0.2
	}
	return lv
}

// sameShotDist is the cosine distance between two takes' mean pictures
// (the shipped ViT's embeddings) below which they show the same shot. It
// is the model's own line between shots: vision's semantic cut cue takes
// no cut under 0.2 (measured: 0.32–0.67 across Megamind's cuts, at most
// 0.012 inside one of its shots, 0.116 when a hand enters tree.avi). The
// day's clock and slates decide before it; it serves the days that have
// neither (phone clips, stock, exports): takes of one setup measured
// 0.007–0.07 apart there, different setups 0.43–1.13.
const sameShotDist = 0.2

// bySimilarity sorts the similarities of consecutive takes (on a day
// whose clock does not separate them) into resets and setup changes by
// sameShotDist.
func bySimilarity(sims []float64) (in, across []float64) {
	for _, s := range sims {
		if 1-s < sameShotDist {
			in = append(in, s)
		} else {
			across = append(across, s)
		}
	}
	return in, across
}

// selfSimilarities lists the takes' known SelfSimilarity values.
func selfSimilarities(rs []*TakeReport, order []int) []float64 {
	var out []float64
	for _, i := range order {
		if s := rs[i].SelfSimilarity; !math.IsNaN(s) && rs[i].Embedding != nil {
			out = append(out, s)
		}
	}
	return out
}

func (r *TakeReport) name() string {
	if r.Media != nil {
		return r.Media.DisplayName()
	}
	return r.Path
}

// boundary says whether takes a and b (consecutive in shooting order)
// belong to different setups.
func boundary(a, b *TakeReport, g gaps, lv simLevels) (bool, string) {
	if a.Label.Known() && b.Label.Known() {
		if a.Label.Setup != b.Label.Setup {
			return true, fmt.Sprintf("%s says setup %s, %s says %s", a.Label.By, a.Label.Setup, b.Label.By, b.Label.Setup)
		}
		return false, ""
	}
	gap := gapBetween(a, b)
	if g.change > 0 && gap >= g.change {
		return true, fmt.Sprintf("%.0f s between takes (a setup change takes ≥ %.0f s this day)", gap, g.change)
	}
	if g.change > 0 {
		// A reset: nobody moves the camera and relights in that time, so a
		// take that looks different (spoiled, over-exposed) is still one
		// of this setup's.
		return false, ""
	}
	s, ok := similarity(a, b)
	if ok && (!a.hasClock() || !b.hasClock()) {
		if 1-s >= sameShotDist {
			return true, fmt.Sprintf("picture similarity %.2f: a different shot (takes of one setup are more than %.2f alike)", s, 1-sameShotDist)
		}
		return false, ""
	}
	if ok && lv.ok && s < lv.between+(lv.floor-lv.between)/2 {
		return true, fmt.Sprintf("picture similarity %.2f, nearer the %.2f between setups than the %.2f within one this day", s, lv.between, lv.within)
	}
	return false, ""
}

// hasClock reports whether the take has a start timecode, the shooting
// clock that groups takes before pictures do.
func (r *TakeReport) hasClock() bool { return r.Media != nil && r.Media.HasTimecode }

// dayHasClock reports whether every take has a start timecode.
func dayHasClock(rs []*TakeReport, order []int) bool {
	for _, i := range order {
		if !rs[i].hasClock() {
			return false
		}
	}
	return true
}

// duration is the take's length in seconds.
func (r *TakeReport) duration() float64 {
	if !r.FPS.Valid() {
		return 0
	}
	return float64(r.Frames) / r.FPS.Float()
}

func similarity(a, b *TakeReport) (float64, bool) {
	if a.Embedding == nil || b.Embedding == nil {
		return 0, false
	}
	return models.Cosine(a.Embedding, b.Embedding), true
}

// joinTarget returns the earlier setup run r should join, and why: the
// one whose label it shares; for an unlabelled run, the earlier setup one
// of whose takes it resembles as closely as takes of one setup do, not
// the run just before it (a setup change separates them); after a break,
// the setup it resembles most, the run before included, when that is
// nearer the within-setup similarity than the between-setup one. -1 when
// it stands alone.
func joinTarget(rs []*TakeReport, out []Setup, r Setup, lv simLevels, afterBreak bool) (int, string) {
	first := rs[r.Takes[0]]
	if first.Label.Known() {
		for j, o := range out {
			if rs[o.Takes[0]].Label.Setup == first.Label.Setup {
				return j, first.Label.By + " says setup " + first.Label.Setup
			}
		}
		return -1, ""
	}
	if !lv.ok || len(out) == 0 {
		return -1, ""
	}
	best, bestJ := math.Inf(-1), -1
	for j, o := range out {
		if j == len(out)-1 && !afterBreak {
			continue
		}
		if s := closest(rs, o, r); s > best {
			best, bestJ = s, j
		}
	}
	need := lv.floor
	if afterBreak {
		need = lv.between + (lv.within-lv.between)/2
	}
	if bestJ < 0 || best < need {
		return -1, ""
	}
	return bestJ, fmt.Sprintf("picture similarity %.2f to one of its takes; takes of one setup reach %.2f this day", best, lv.within)
}

// closest is the highest similarity between a take of a and one of b.
func closest(rs []*TakeReport, a, b Setup) float64 {
	best := math.Inf(-1)
	for _, i := range a.Takes {
		for _, j := range b.Takes {
			if s, ok := similarity(rs[i], rs[j]); ok {
				best = math.Max(best, s)
			}
		}
	}
	return best
}

// name labels a setup from its takes' labels, else by number.
func name(rs []*TakeReport, s *Setup, i int) {
	base := "takes shot one after another that look alike"
	s.Name, s.By = fmt.Sprintf("Setup %d", i+1), "picture"
	for _, t := range s.Takes {
		if l := rs[t].Label; l.Known() {
			s.Name, s.Scene, s.By = l.Setup, l.Scene, l.By
			base = l.By + " says setup " + l.Setup
			break
		}
	}
	if s.Reason == "" || strings.HasPrefix(s.Reason, "; ") {
		s.Reason = base + s.Reason
	}
}

func spread(v []float64) float64 {
	m := mean(v)
	var s float64
	for _, x := range v {
		s += (x - m) * (x - m)
	}
	return s
}

func mean(v []float64) float64 {
	var s float64
	for _, x := range v {
		s += x
	}
	return s / float64(max(1, len(v)))
}
