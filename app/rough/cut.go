package rough

import (
	"fmt"
	"math"
	"sort"

	"rushcut/app/assemble"
	"rushcut/app/edit"
	"rushcut/app/suggest"
)

// Day is a day's rushes analysed: the takes, their setups and each
// setup's ranking. Build it with NewDay; it is read-only afterwards.
type Day struct {
	// Takes are the take reports; Hashes their media's content hashes.
	Takes  []*TakeReport
	Hashes []string
	// Setups group the takes; Ranks[i] lists setup i's takes (indexes
	// into Takes) best first, with Scores[i][k] the score of Ranks[i][k].
	Setups []Setup
	Ranks  [][]int
	Scores [][]Score
}

// NewDay groups the takes into setups and ranks each setup's takes.
// hashes are the media's content hashes (see doc.HashFile), one per take;
// they identify the media in suggestions.
func NewDay(takes []*TakeReport, hashes []string) *Day {
	d := &Day{Takes: takes, Hashes: hashes, Setups: GroupSetups(takes)}
	for _, su := range d.Setups {
		var rs []*TakeReport
		for _, i := range su.Takes {
			rs = append(rs, takes[i])
		}
		order, sc := Rank(rs)
		ranks, scores := make([]int, len(order)), make([]Score, len(order))
		for k, o := range order {
			ranks[k], scores[k] = su.Takes[o], sc[o]
		}
		d.Ranks, d.Scores = append(d.Ranks, ranks), append(d.Scores, scores)
	}
	return d
}

// key is take i's media key in suggestions (see suggest.Target.MediaKey).
func (d *Day) key(i int) string {
	if i < len(d.Hashes) && d.Hashes[i] != "" {
		return d.Hashes[i]
	}
	return d.Takes[i].Path
}

func (d *Day) target(i int) suggest.Target {
	t := suggest.Target{Path: d.Takes[i].Path}
	if i < len(d.Hashes) {
		t.Hash = d.Hashes[i]
	}
	return t
}

// usable is take i's usable range in media frames (the media's own time
// at its rate): a frame at t seconds from the first is frame round(t ×
// rate) after the start timecode, so VFR takes are timed as NLEs do.
func (d *Day) usable(i int) suggest.TrimRange {
	r := d.Takes[i]
	u := r.Trim.Usable
	m := r.Media
	at := func(f int) int64 {
		return m.Start + int64(math.Round(r.Take.Frames[f].Time*m.Rate.Float()))
	}
	return suggest.TrimRange{In: at(u.Start), Out: at(u.End) + 1}
}

// Suggestions are the rough cut's proposals: a trim for every take, then
// for every setup its grouping and its best take, then the order of the
// setups. IDs are set (suggest.Identify), so the same analysis gives the
// same IDs.
func (d *Day) Suggestions() []suggest.Suggestion {
	var out []suggest.Suggestion
	for i, r := range d.Takes {
		if r.Trim.Usable.Len() <= 0 {
			continue
		}
		tr := d.usable(i)
		conf := 0.6
		switch r.Trim.ClapBy {
		case "audio+picture":
			conf = 0.95
		case "audio", "picture":
			conf = 0.8
		}
		ev := suggest.Evidence{Measures: []suggest.Measure{
			{Name: "in", Value: r.Take.Frames[r.Trim.Usable.Start].Time, Unit: "s"},
			{Name: "out", Value: r.Take.Frames[r.Trim.Usable.End].Time, Unit: "s"},
		}}
		if r.Trim.Clap >= 0 {
			ev.Measures = append(ev.Measures, suggest.Measure{Name: "clap", Value: r.Take.Frames[r.Trim.Clap].Time, Unit: "s"})
		}
		if r.Take.Audio != nil {
			ev.Curve = audioCurve(r)
		}
		out = append(out, suggest.Suggestion{
			Kind: suggest.Trim, Target: d.target(i), Params: suggest.Params{Trim: &tr},
			Confidence: conf, Reason: join(r.Trim.Reasons), Evidence: ev,
		})
	}
	var order []string
	for _, su := range d.setupOrder() {
		setup := d.Setups[su]
		var members []string
		for _, i := range setup.Takes {
			members = append(members, d.key(i))
		}
		out = append(out, suggest.Suggestion{
			Kind: suggest.Setup, Target: d.target(setup.Takes[0]),
			Params:     suggest.Params{Setup: &suggest.SetupGroup{Name: setup.Name, Members: members}},
			Confidence: setupConfidence(setup), Reason: setup.Reason,
		})
		ranks, scores := d.Ranks[su], d.Scores[su]
		best := ranks[0]
		why := fmt.Sprintf("best of %d takes, %s", len(ranks), scores[0])
		if len(ranks) > 1 {
			why += fmt.Sprintf("; next %s at %.2f", d.Takes[ranks[1]].name(), scores[1].Total)
			if w := weakest(scores[1]); w != "" {
				why += " (" + w + ")"
			}
		}
		ev := suggest.Evidence{}
		for k, i := range ranks {
			ev.Measures = append(ev.Measures, suggest.Measure{Name: d.Takes[i].name(), Value: scores[k].Total})
		}
		conf := 0.5
		if len(ranks) > 1 {
			conf = clamp01(0.5 + 2*(scores[0].Total-scores[1].Total))
		} else {
			conf = 1
		}
		out = append(out, suggest.Suggestion{
			Kind: suggest.Take, Target: d.target(best),
			Params:     suggest.Params{Take: &suggest.TakeChoice{Group: setup.Name, Chosen: d.key(best), Takes: members}},
			Confidence: conf, Reason: why, Evidence: ev,
		})
		order = append(order, setup.Name)
	}
	if len(order) > 0 {
		out = append(out, suggest.Suggestion{
			Kind: suggest.Order, Target: d.target(d.Setups[d.setupOrder()[0]].Takes[0]),
			Params: suggest.Params{Order: order}, Confidence: 0.9,
			Reason: "setups by slate scene number, then start timecode, then name",
		})
	}
	return suggest.Identify(out)
}

// setupOrder lists setup indexes by scene number (known scenes first),
// then their first take's start timecode, then name.
func (d *Day) setupOrder() []int {
	idx := make([]int, len(d.Setups))
	for i := range idx {
		idx[i] = i
	}
	first := func(s Setup) *TakeReport { return d.Takes[s.Takes[0]] }
	sort.SliceStable(idx, func(a, b int) bool {
		sa, sb := d.Setups[idx[a]], d.Setups[idx[b]]
		if (sa.Scene > 0) != (sb.Scene > 0) {
			return sa.Scene > 0
		}
		if sa.Scene != sb.Scene {
			return sa.Scene < sb.Scene
		}
		if ta, tb := first(sa).Start, first(sb).Start; ta != tb {
			return ta < tb
		}
		return sa.Name < sb.Name
	})
	return idx
}

func setupConfidence(s Setup) float64 {
	switch s.By {
	case "slate":
		return 0.95
	case "name":
		return 0.9
	}
	return 0.7
}

// audioCurve is the take's RMS level per frame, for the inspector.
func audioCurve(r *TakeReport) *suggest.Curve {
	a := r.Take.Audio
	c := &suggest.Curve{Name: "audio RMS (dBFS)", Origin: r.Media.Start}
	for _, f := range r.Take.Frames {
		c.Values = append(c.Values, float64(a.RMS[windowAt(a, f.Time)]))
	}
	return c
}

func join(parts []string) string {
	s := ""
	for i, p := range parts {
		if i > 0 {
			s += "; "
		}
		s += p
	}
	return s
}

// Cut builds the rough cut, a pure function of the day and the editor's
// decisions in set (which holds the day's Suggestions, merged):
//   - setups as proposed; a rejected setup splits into single takes, a
//     modified one keeps the editor's members (the others stand alone);
//   - each setup's take as proposed; when its take suggestion is rejected,
//     the next best; when modified, the editor's;
//   - the take trimmed to its usable range; the whole file when the trim is
//     rejected; the editor's range when modified;
//   - setups in the proposed order; shooting order when it is rejected;
//     the editor's when modified.
//
// Each clip's provenance names the take suggestion it came from.
func (d *Day) Cut(set *suggest.Set, opts assemble.TimelineOptions) (*edit.Timeline, []string, error) {
	byKey := map[string]int{}
	for i := range d.Takes {
		byKey[d.key(i)] = i
	}
	entries := map[suggest.Kind][]suggest.Entry{}
	for _, e := range set.Entries() {
		if !e.Orphaned {
			entries[e.Kind] = append(entries[e.Kind], e)
		}
	}
	groups := d.decidedSetups(entries[suggest.Setup], byKey)
	var srcs []assemble.Source
	for _, g := range d.decidedOrder(groups, entries[suggest.Order]) {
		take, prov := d.decidedTake(g, entries[suggest.Take], byKey)
		if take < 0 {
			continue
		}
		r := d.Takes[take]
		rng := d.decidedTrim(take, entries[suggest.Trim])
		srcs = append(srcs, assemble.Source{
			Media: r.Media, Range: edit.TimeRange{Start: rng.In, Duration: rng.Out - rng.In, Rate: r.Media.Rate},
			Provenance: prov, Name: g.name + " " + r.name(),
		})
	}
	if len(srcs) == 0 {
		return nil, nil, fmt.Errorf("every take is rejected or unusable")
	}
	return assemble.CutTimeline(srcs, opts)
}

// group is a decided setup: its name, its takes (indexes into Takes)
// ranked best first, and where it came from.
type group struct {
	name  string
	ranks []int
	setup int // index into Setups, -1 for a take split off
}

func (d *Day) decidedSetups(es []suggest.Entry, byKey map[string]int) []group {
	decided := map[string]suggest.Entry{}
	for _, e := range es {
		if e.Params.Setup != nil {
			decided[e.Params.Setup.Name] = e
		}
	}
	taken := map[int]bool{}
	var out []group
	var loose []int
	for si, su := range d.Setups {
		e, ok := decided[su.Name]
		switch {
		case ok && e.Decision.Status == suggest.Rejected:
			loose = append(loose, su.Takes...)
			continue
		case ok && e.Decision.Status == suggest.Modified:
			keep := map[int]bool{}
			for _, k := range e.Effective().Setup.Members {
				if i, ok := byKey[k]; ok && !taken[i] {
					keep[i] = true
				}
			}
			var ranks []int
			for _, i := range d.Ranks[si] {
				if keep[i] {
					ranks = append(ranks, i)
					taken[i] = true
				}
			}
			for i := range keep {
				if !slicesContains(ranks, i) {
					ranks = append(ranks, i)
					taken[i] = true
				}
			}
			for _, i := range su.Takes {
				if !keep[i] {
					loose = append(loose, i)
				}
			}
			if len(ranks) > 0 {
				out = append(out, group{name: su.Name, ranks: ranks, setup: si})
			}
			continue
		}
		out = append(out, group{name: su.Name, ranks: d.Ranks[si], setup: si})
	}
	for _, i := range loose {
		if !taken[i] {
			out = append(out, group{name: d.Takes[i].name(), ranks: []int{i}, setup: -1})
		}
	}
	return out
}

func (d *Day) decidedOrder(gs []group, es []suggest.Entry) []group {
	pos := map[string]int{}
	for k, si := range d.setupOrder() {
		pos[d.Setups[si].Name] = k
	}
	start := func(g group) float64 { return d.Takes[g.ranks[0]].Start }
	for _, e := range es {
		switch e.Decision.Status {
		case suggest.Rejected:
			pos = map[string]int{} // shooting order
		case suggest.Modified:
			pos = map[string]int{}
			for k, n := range e.Effective().Order {
				pos[n] = k
			}
		}
	}
	out := append([]group(nil), gs...)
	sort.SliceStable(out, func(a, b int) bool {
		pa, oka := pos[out[a].name]
		pb, okb := pos[out[b].name]
		if oka != okb {
			return oka
		}
		if oka && pa != pb {
			return pa < pb
		}
		return start(out[a]) < start(out[b])
	})
	return out
}

// decidedTake is the group's take and the provenance of that choice.
func (d *Day) decidedTake(g group, es []suggest.Entry, byKey map[string]int) (int, *edit.Provenance) {
	for _, e := range es {
		if e.Params.Take == nil || e.Params.Take.Group != g.name || g.setup < 0 {
			continue
		}
		prov := &edit.Provenance{Suggestion: e.ID, Cue: "take ranking", Confidence: e.Confidence}
		switch e.Decision.Status {
		case suggest.Rejected:
			rejected := byKey[e.Params.Take.Chosen]
			for _, i := range g.ranks {
				if i != rejected {
					return i, prov
				}
			}
			return -1, nil
		case suggest.Modified:
			if i, ok := byKey[e.Effective().Take.Chosen]; ok {
				return i, prov
			}
		}
		if i, ok := byKey[e.Params.Take.Chosen]; ok && slicesContains(g.ranks, i) {
			return i, prov
		}
	}
	return g.ranks[0], nil
}

// decidedTrim is the take's range in media frames.
func (d *Day) decidedTrim(i int, es []suggest.Entry) suggest.TrimRange {
	key := d.key(i)
	for _, e := range es {
		if e.Target.MediaKey() != key || e.Params.Trim == nil {
			continue
		}
		switch e.Decision.Status {
		case suggest.Rejected:
			m := d.Takes[i].Media
			return suggest.TrimRange{In: m.Start, Out: m.Start + m.Duration}
		default:
			return *e.Effective().Trim
		}
	}
	return d.usable(i)
}

func slicesContains(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}
