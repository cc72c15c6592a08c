package doc

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"rushcut/app/edit"
	"rushcut/app/suggest"
)

// gen builds random projects for round-trip tests: media, timelines with
// clips, gaps, transitions, markers, effects, provenance and metadata, and
// suggestions in every status, some orphaned. Nil and empty slices and
// maps both occur on purpose.
type gen struct{ r *rand.Rand }

func (g gen) str(prefix string) string {
	if g.r.IntN(6) == 0 {
		return ""
	}
	return fmt.Sprintf("%s %d é/\"\\\u2028", prefix, g.r.IntN(1000))
}

func (g gen) rate() edit.Rate {
	rates := []edit.Rate{edit.Rate23976, edit.Rate24, edit.Rate25, edit.Rate2997, edit.Rate50, edit.Rate5994}
	return rates[g.r.IntN(len(rates))]
}

func (g gen) float() float64 {
	switch g.r.IntN(4) {
	case 0:
		return 0
	case 1:
		return -g.r.Float64() * 1e9
	}
	return g.r.Float64()
}

func (g gen) strings() []string {
	switch g.r.IntN(3) {
	case 0:
		return nil
	case 1:
		return []string{}
	}
	return []string{g.str("k"), "x", g.str("y")}
}

func (g gen) stringMap() map[string]string {
	switch g.r.IntN(3) {
	case 0:
		return nil
	case 1:
		return map[string]string{}
	}
	return map[string]string{g.str("a"): g.str("v"), "b": "2"}
}

func (g gen) metadata() edit.Metadata {
	switch g.r.IntN(3) {
	case 0:
		return nil
	case 1:
		return edit.Metadata{}
	}
	return edit.Metadata{
		"note": g.str("n"), "score": g.float(), "ok": g.r.IntN(2) == 0, "none": nil,
		"list": []any{1.5, "a", map[string]any{"schema": "Clip.99"}}, "nested": map[string]any{"k": []any{}},
	}
}

func (g gen) provenance() *edit.Provenance {
	if g.r.IntN(2) == 0 {
		return nil
	}
	return &edit.Provenance{Suggestion: g.str("trim"), Cue: g.str("clap"), Model: g.str("vit"), Confidence: g.r.Float64()}
}

func (g gen) media(i int) *Media {
	rate := g.rate()
	m := &Media{
		Ref: &edit.MediaReference{Path: fmt.Sprintf("/rushes/day %d/A%03d.mov", g.r.IntN(3), i), Name: g.str("name"),
			ContentHash: g.str("sha256:"), Rate: rate, Start: g.r.Int64N(2_000_000), HasTimecode: g.r.IntN(2) == 0,
			DropFrame: rate.CanDrop() && g.r.IntN(2) == 0, Duration: 1 + g.r.Int64N(100_000), VFR: g.r.IntN(5) == 0,
			Reel: g.str("reel"), Width: g.r.IntN(4000), Height: g.r.IntN(3000), HasAudio: g.r.IntN(2) == 0,
			AudioChannels: g.r.IntN(9), SampleRate: 48000},
		Size: g.r.Int64N(1 << 40),
	}
	if g.r.IntN(2) == 0 {
		m.Cache = g.stringMap()
	}
	return m
}

func (g gen) clip(media []*Media) *edit.Clip {
	c := &edit.Clip{ID: g.str("c"), Name: g.str("clip"), SourceIn: g.r.Int64N(1_000_000), Duration: g.r.Int64N(5000) - 10,
		Provenance: g.provenance(), Metadata: g.metadata()}
	if len(media) > 0 && g.r.IntN(8) != 0 {
		c.Media = media[g.r.IntN(len(media))].Ref
	}
	switch g.r.IntN(3) {
	case 1:
		c.Effects = []edit.Effect{}
	case 2:
		c.Effects = []edit.Effect{edit.SpeedEffect(1+g.r.IntN(4), 1+g.r.IntN(4)), {Kind: "stabilize", Params: g.stringMap()}}
	}
	switch g.r.IntN(3) {
	case 1:
		c.Markers = []edit.Marker{}
	case 2:
		c.Markers = []edit.Marker{{Name: g.str("m"), Comment: g.str("c"), Color: edit.Green, Start: g.r.Int64N(100), Duration: g.r.Int64N(10)}, {}}
	}
	return c
}

func (g gen) timeline(media []*Media) *edit.Timeline {
	if g.r.IntN(6) == 0 {
		return nil
	}
	tl := &edit.Timeline{Name: g.str("cut"), Rate: g.rate(), DropFrame: g.r.IntN(2) == 0, Start: g.r.Int64N(86400 * 24)}
	for ti := range g.r.IntN(4) {
		tr := &edit.Track{Name: fmt.Sprint("V", ti+1), Kind: edit.Video}
		if g.r.IntN(3) == 0 {
			tr.Kind = edit.Audio
		}
		n := g.r.IntN(12)
		if n > 0 || g.r.IntN(2) == 0 {
			tr.Items = []edit.Item{}
		}
		for range n {
			switch g.r.IntN(4) {
			case 0:
				tr.Items = append(tr.Items, &edit.Gap{ID: g.str("g"), Duration: g.r.Int64N(100), Provenance: g.provenance(), Metadata: g.metadata()})
			case 1:
				tr.Items = append(tr.Items, &edit.Transition{ID: g.str("t"), Name: g.str("tr"), Kind: edit.Wipe, WipeCode: g.r.IntN(999),
					InOffset: g.r.Int64N(20), OutOffset: g.r.Int64N(20), Provenance: g.provenance(), Metadata: g.metadata()})
			default:
				tr.Items = append(tr.Items, g.clip(media))
			}
		}
		tl.Tracks = append(tl.Tracks, tr)
	}
	return tl
}

func (g gen) suggestion(media []*Media) suggest.Suggestion {
	target := suggest.Target{Path: "/rushes/x.mov", Hash: g.str("sha256:")}
	if len(media) > 0 {
		target = suggest.Target{Path: media[0].Ref.Path, Hash: media[0].Ref.ContentHash}
	}
	s := suggest.Suggestion{Target: target, Confidence: g.r.Float64(), Reason: g.str("because")}
	if g.r.IntN(2) == 0 {
		s.Target.Range = edit.TimeRange{Start: 1000, Duration: 1 + g.r.Int64N(1000), Rate: g.rate()}
	}
	switch g.r.IntN(6) {
	case 0:
		s.Kind = suggest.Trim
		s.Params.Trim = &suggest.TrimRange{In: 1000, Out: 1001}
	case 1:
		s.Kind = suggest.Take
		s.Params.Take = &suggest.TakeChoice{Group: g.str("12A"), Chosen: "x", Takes: []string{"w", "x"}}
	case 2:
		s.Kind = suggest.Setup
		s.Params.Setup = &suggest.SetupGroup{Name: g.str("setup"), Members: []string{"a", g.str("b")}}
	case 3:
		s.Kind = suggest.Order
		s.Params.Order = []string{"a", "b", g.str("c")}
	case 4:
		s.Kind = suggest.Remove
		s.Target.Item = g.str("c")
	default:
		s.Kind = "colour"
		s.Params.Values = g.stringMap()
		s.Params.Order = g.strings()
	}
	if g.r.IntN(2) == 0 {
		s.Evidence.Measures = []suggest.Measure{{Name: g.str("peak"), Value: g.float(), Unit: g.str("dB")}}
	}
	if g.r.IntN(2) == 0 {
		s.Evidence.Curve = &suggest.Curve{Name: g.str("motion"), Origin: g.r.Int64N(100), Values: []float64{g.float(), g.float(), 1e-300}}
	}
	return s
}

// suggestions returns a set with entries in every status, some orphaned.
func (g gen) suggestions(t *testing.T, media []*Media) *suggest.Set {
	var list []suggest.Suggestion
	for range g.r.IntN(12) {
		list = append(list, g.suggestion(media))
	}
	list = suggest.Identify(list)
	var entries []suggest.Entry
	for _, s := range list {
		e := suggest.Entry{Suggestion: s, Decision: suggest.Decision{Status: suggest.Proposed}, Orphaned: g.r.IntN(5) == 0}
		switch g.r.IntN(4) {
		case 1:
			e.Decision.Status = suggest.Accepted
		case 2:
			e.Decision.Status = suggest.Rejected
		case 3:
			p := s.Params.Clone()
			if p.Trim != nil {
				p.Trim.Out++
			}
			e.Decision = suggest.Decision{Status: suggest.Modified, Modified: &p}
		}
		entries = append(entries, e)
	}
	set, err := suggest.Restore(entries)
	if err != nil {
		t.Fatal(err)
	}
	return set
}

func (g gen) project(t *testing.T) *Project {
	p := &Project{Name: g.str("project")}
	if g.r.IntN(3) == 0 {
		p.Imported = g.str("cut.edl")
	}
	n := g.r.IntN(5)
	if n > 0 || g.r.IntN(2) == 0 {
		p.Media = []*Media{}
	}
	for i := range n {
		p.Media = append(p.Media, g.media(i))
	}
	p.Suggestions = g.suggestions(t, p.Media)
	p.Timeline = g.timeline(p.Media)
	return p
}

// sameProject reports how a and b differ ("" when they do not). Clips must
// share the project's media references, not copies of them.
func sameProject(a, b *Project) string {
	if ea, eb := a.Suggestions.Entries(), b.Suggestions.Entries(); !reflect.DeepEqual(ea, eb) {
		return fmt.Sprintf("suggestions differ:\n%+v\n%+v", ea, eb)
	}
	ca, cb := *a, *b
	ca.Suggestions, cb.Suggestions = nil, nil
	if !reflect.DeepEqual(ca, cb) {
		return fmt.Sprintf("projects differ:\n%#v\n%#v", ca, cb)
	}
	if b.Timeline != nil {
		refs := map[*edit.MediaReference]bool{}
		for _, m := range b.Media {
			refs[m.Ref] = true
		}
		for _, m := range b.Timeline.Media() {
			if !refs[m] {
				return "a clip plays a copy of a media reference, not the project's"
			}
		}
	}
	return ""
}

func setItemID(it edit.Item, id string) {
	switch v := it.(type) {
	case *edit.Clip:
		v.ID = id
	case *edit.Gap:
		v.ID = id
	case *edit.Transition:
		v.ID = id
	}
}
