package preview

import (
	"reflect"
	"testing"

	"rushcut/app/edit"
	"rushcut/app/effects"
	"rushcut/app/suggest"
)

// TestFromSuggestion maps effect suggestions (media frames in the
// media's own time, timecode starting at 1000) to preview requests
// (frames from the file's first), the editor's modification winning.
func TestFromSuggestion(t *testing.T) {
	rate := edit.Rate{Num: 25, Den: 1}
	a := &edit.MediaReference{Path: "/r/a.mov", ContentHash: "sha256:a", Rate: rate, Start: 1000, Duration: 500}
	b := &edit.MediaReference{Path: "/r/b.mov", ContentHash: "sha256:b", Rate: rate, Start: 2000, Duration: 300}
	resolve := func(key, path string) *edit.MediaReference {
		for _, m := range []*edit.MediaReference{a, b} {
			if m.ContentHash == key || m.Path == path {
				return m
			}
		}
		return nil
	}
	entry := func(kind suggest.Kind, m *edit.MediaReference, start, n int64, p effects.Params) suggest.Entry {
		return suggest.Entry{Suggestion: suggest.Suggestion{ID: string(kind) + "-1", Kind: kind,
			Target: suggest.Target{Path: m.Path, Hash: m.ContentHash, Range: edit.TimeRange{Start: start, Duration: n, Rate: rate}},
			Params: suggest.Params{Values: p.Values()}}}
	}
	cdl := edit.CDL{Slope: [3]float64{1.1, 1, 0.9}, Power: [3]float64{1, 1, 1}, Sat: 0.9}
	for _, c := range []struct {
		e    suggest.Entry
		want Request
	}{
		{entry(effects.Stabilize, a, 1100, 50, &effects.StabilizeParams{Radius: 12, Crop: 0.04}),
			Request{Source: Source{Path: a.Path, In: 100, Out: 150}, Effect: Effect{Kind: Stabilize, Radius: 12, MaxCrop: effects.MaxCrop}}},
		{entry(effects.Color, b, 2010, 20, &effects.ColorParams{CDL: cdl, Reference: "sha256:a"}),
			Request{Source: Source{Path: b.Path, In: 10, Out: 30}, Effect: Effect{Kind: Color, CDL: cdl}}},
		{entry(effects.FlashRemove, a, 1000, 80, &effects.FlashParams{Frames: []int64{1040, 1041}}),
			Request{Source: Source{Path: a.Path, In: 0, Out: 80}, Effect: Effect{Kind: FlashRemove, Frames: []int{40, 41}}}},
		{entry(effects.Dissolve, b, 2050, 100, &effects.DissolveParams{InOffset: 6, OutOffset: 6, From: "sha256:a", FromPath: a.Path, FromOut: 1300}),
			Request{Source: Source{Path: b.Path, In: 50, Out: 150}, Effect: Effect{Kind: Dissolve, From: Source{Path: a.Path, Out: 300}, InOffset: 6, OutOffset: 6}}},
		{entry(effects.Dissolve, a, 1200, 10, &effects.DissolveParams{InOffset: 5, OutOffset: 5, Source: true}),
			Request{Source: Source{Path: a.Path, In: 210, Out: 500}, Effect: Effect{Kind: Dissolve, From: Source{Path: a.Path, Out: 200}, InOffset: 5, OutOffset: 5}}},
		{entry(effects.Wipe, a, 1200, 10, &effects.WipeParams{InOffset: 5, OutOffset: 5, Direction: "left"}),
			Request{Source: Source{Path: a.Path, In: 210, Out: 500}, Effect: Effect{Kind: EdgeWipe, From: Source{Path: a.Path, Out: 200}, InOffset: 5, OutOffset: 5, Direction: "left"}}},
		{entry(effects.FadeOut, b, 2000, 300, &effects.FadeParams{Out: true, Frames: 24}),
			Request{Source: Source{Path: b.Path, In: 0, Out: 300}, Effect: Effect{Kind: FadeOut, Length: 24}}},
	} {
		got, err := FromSuggestion(c.e, resolve)
		if err != nil {
			t.Errorf("%s: %v", c.e.Kind, err)
			continue
		}
		if g, w := got.withDefaults(), c.want.withDefaults(); !equalRequests(g, w) {
			t.Errorf("%s:\n got %+v\nwant %+v", c.e.Kind, g, w)
		}
	}
	// The editor's modified speed wins over the suggested one.
	e := entry(effects.Speed, a, 1000, 40, &effects.SpeedParams{Speed: edit.Ratio{Num: 1, Den: 2}})
	mod := suggest.Params{Values: (&effects.SpeedParams{Speed: edit.Ratio{Num: 1, Den: 4}}).Values()}
	e.Decision = suggest.Decision{Status: suggest.Modified, Modified: &mod}
	if got, err := FromSuggestion(e, resolve); err != nil || got.Effect.Speed != (edit.Ratio{Num: 1, Den: 4}) {
		t.Errorf("modified speed: %+v %v", got.Effect, err)
	}
	// Media the project lacks, and a suggestion that is not an effect.
	e = entry(effects.Stabilize, &edit.MediaReference{Path: "/r/gone.mov", ContentHash: "sha256:x"}, 0, 10, &effects.StabilizeParams{Radius: 5})
	if _, err := FromSuggestion(e, resolve); err == nil {
		t.Error("missing media accepted")
	}
	e.Kind = "trim"
	if _, err := FromSuggestion(e, resolve); err == nil {
		t.Error("a trim suggestion accepted")
	}
}

func equalRequests(a, b Request) bool { return reflect.DeepEqual(a, b) }
