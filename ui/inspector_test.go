package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"rushcut/app/rough"
	"rushcut/app/suggest"
)

// inspected returns a set of a trim (with measures and a curve) and a take
// suggestion, and an inspector wired to it the way the app does: each
// callback decides in the set and shows the updated entry.
func inspected(t *testing.T) (*suggest.Set, *Inspector, *inspectorRenderer, []TakeRow) {
	darkApp(t)
	curve := &suggest.Curve{Name: "audio RMS", Values: make([]float64, 1000)}
	for i := range curve.Values {
		curve.Values[i] = float64(i % 37)
	}
	trim := suggest.Suggestion{Kind: suggest.Trim, Target: suggest.Target{Path: "/r/a.mov", Hash: "ha"},
		Params: suggest.Params{Trim: &suggest.TrimRange{In: 40, Out: 400}}, Confidence: 0.95,
		Reason:   "clap at 1.6 s (audio+picture); slate in frames 0–39; a long reason that the label wraps over several lines in a narrow inspector",
		Evidence: suggest.Evidence{Measures: []suggest.Measure{{Name: "in", Value: 1.6, Unit: "s"}, {Name: "clap", Value: 1.6, Unit: "s"}, {Name: "frames", Value: 1234}}, Curve: curve}}
	take := suggest.Suggestion{Kind: suggest.Take, Target: suggest.Target{Path: "/r/b.mov", Hash: "hb"},
		Params:     suggest.Params{Take: &suggest.TakeChoice{Group: "12A", Chosen: "hb", Takes: []string{"ha", "hb", "hc"}}},
		Confidence: 0.6, Reason: "best of 3 takes"}
	set := suggest.NewSet()
	if _, err := set.Merge(suggest.Identify([]suggest.Suggestion{trim, take})); err != nil {
		t.Fatal(err)
	}
	rows := []TakeRow{
		{Key: "hb", Name: "12A-2", Score: rough.Score{Total: 0.93, Focus: 1, Exposure: 0.9, Stability: 1, Completeness: 0.8, Sound: 1, Faces: 1}},
		{Key: "hc", Name: "12A-3", Score: rough.Score{Total: 0.81, Focus: 0.7}},
		{Key: "ha", Name: "12A-1", Score: rough.Score{Total: 0.42, Completeness: 0.1}},
	}
	in := NewInspector()
	show := func(id string) {
		e, _ := set.Get(id)
		var takes []TakeRow
		if e.Kind == suggest.Take {
			takes = rows
		}
		in.SetEntry(e, takes)
	}
	in.OnAccept = func(id string) { set.Accept(id); show(id) }
	in.OnReject = func(id string) { set.Reject(id); show(id) }
	in.OnReset = func(id string) { set.Reset(id); show(id) }
	in.OnUseTake = func(id, key string) {
		e, _ := set.Get(id)
		p := e.Params.Clone()
		p.Take.Chosen = key
		set.Modify(id, p)
		show(id)
	}
	test.NewTempWindow(t, in).Resize(fyne.NewSize(700, 700))
	return set, in, test.WidgetRenderer(in).(*inspectorRenderer), rows
}

func idOf(set *suggest.Set, k suggest.Kind) string {
	for _, e := range set.Entries() {
		if e.Kind == k {
			return e.ID
		}
	}
	return ""
}

func TestInspectorEmpty(t *testing.T) {
	_, in, r, _ := inspected(t)
	if r.empty.Hidden || !r.details.Hidden {
		t.Error("an inspector with no entry shows details")
	}
	test.Tap(r.accept) // hidden and without an entry: nothing to call
	if _, ok := in.Entry(); ok {
		t.Error("Entry reports one")
	}
}

func TestInspectorShowsTrimAndDecisions(t *testing.T) {
	set, in, r, _ := inspected(t)
	id := idOf(set, suggest.Trim)
	e, _ := set.Get(id)
	in.SetEntry(e, nil)
	if r.title.Text != "Trim" || r.status.Text != "Proposed" || r.confidence.Value != 0.95 {
		t.Errorf("title %q, status %q, confidence %v", r.title.Text, r.status.Text, r.confidence.Value)
	}
	if r.reason.Text != e.Reason || r.reason.Wrapping != fyne.TextWrapWord {
		t.Errorf("reason %q, wrapping %v", r.reason.Text, r.reason.Wrapping)
	}
	var cells []string
	for _, o := range r.measures.Objects {
		cells = append(cells, o.(*widget.Label).Text)
	}
	if want := []string{"in", "1.6 s", "clap", "1.6 s", "frames", "1234"}; len(cells) != len(want) || cells[1] != want[1] || cells[5] != want[5] {
		t.Errorf("measures table %q, want %q", cells, want)
	}
	if !r.takes.Hidden {
		t.Error("a trim shows a takes table")
	}
	if r.accept.Disabled() || r.reject.Disabled() || !r.reset.Disabled() {
		t.Error("proposed: want Accept and Reject enabled, Reset disabled")
	}

	test.Tap(r.accept)
	if got, _ := set.Get(id); got.Decision.Status != suggest.Accepted {
		t.Fatalf("after Accept the set says %s", got.Decision.Status)
	}
	if r.status.Text != "Accepted" || !r.accept.Disabled() || r.reject.Disabled() || r.reset.Disabled() {
		t.Errorf("after Accept: status %q, accept disabled %v, reject %v, reset %v", r.status.Text, r.accept.Disabled(), r.reject.Disabled(), r.reset.Disabled())
	}
	test.Tap(r.reject)
	if r.status.Text != "Rejected" || r.accept.Disabled() || !r.reject.Disabled() || r.reset.Disabled() {
		t.Errorf("after Reject: status %q, accept disabled %v, reject %v, reset %v", r.status.Text, r.accept.Disabled(), r.reject.Disabled(), r.reset.Disabled())
	}
	test.Tap(r.reset)
	if got, _ := in.Entry(); got.Decision.Status != suggest.Proposed || r.status.Text != "Proposed" {
		t.Errorf("after Reset: entry %s, status %q", got.Decision.Status, r.status.Text)
	}
	if !set.Undo() || !set.Undo() {
		t.Fatal("undo")
	}
	e, _ = set.Get(id)
	in.SetEntry(e, nil)
	if r.status.Text != "Accepted" {
		t.Errorf("after two undos: status %q, want Accepted", r.status.Text)
	}
}

func TestInspectorCurvePlot(t *testing.T) {
	set, in, r, _ := inspected(t)
	e, _ := set.Get(idOf(set, suggest.Trim))
	in.SetEntry(e, nil)
	pr := test.WidgetRenderer(r.plot).(*curveRenderer)
	size := r.plot.Size()
	if size.Width < 100 || size.Height < curvePlotHeight {
		t.Fatalf("plot is %v", size)
	}
	if want := int(size.Width/2) - 1; pr.n != want {
		t.Errorf("%d segments for 1000 values over %v units, want %d (one per 2 units)", pr.n, size.Width, want)
	}
	for _, o := range pr.Objects() {
		if l, ok := o.(*canvas.Line); ok {
			for _, p := range []fyne.Position{l.Position1, l.Position2} {
				if p.X < 0 || p.X > size.Width || p.Y < 0 || p.Y > size.Height {
					t.Fatalf("segment point %v outside the plot %v", p, size)
				}
			}
		}
	}
	take, _ := set.Get(idOf(set, suggest.Take))
	in.SetEntry(take, nil)
	if len(pr.Objects()) != 0 || r.plot.MinSize() != (fyne.Size{}) {
		t.Errorf("a suggestion without a curve plots %d objects", len(pr.Objects()))
	}
}

func TestInspectorTakes(t *testing.T) {
	set, in, r, rows := inspected(t)
	id := idOf(set, suggest.Take)
	e, _ := set.Get(id)
	in.SetEntry(e, rows)
	if r.takes.Hidden || len(r.useTake) != 3 {
		t.Fatalf("takes table hidden %v with %d buttons, want 3", r.takes.Hidden, len(r.useTake))
	}
	// The header, then one row per take: name, total and components.
	texts := map[string]bool{}
	for _, o := range test.LaidOutObjects(r.takes) {
		if l, ok := o.(*widget.Label); ok {
			texts[l.Text] = true
		}
	}
	for _, w := range []string{"Take", "Focus", "Compl", "12A-2", "12A-3", "0.93", "0.81", "0.42", "0.10"} {
		if !texts[w] {
			t.Errorf("takes table lacks %q", w)
		}
	}
	if !r.useTake[0].Disabled() || r.useTake[1].Disabled() {
		t.Error("want the chosen take's button disabled, the others enabled")
	}
	test.Tap(r.useTake[1])
	got, _ := set.Get(id)
	if got.Decision.Status != suggest.Modified || got.Effective().Take.Chosen != "hc" {
		t.Fatalf("after Use this take on 12A-3: %s, chosen %q", got.Decision.Status, got.Effective().Take.Chosen)
	}
	if r.status.Text != "Modified" || r.useTake[0].Disabled() || !r.useTake[1].Disabled() {
		t.Errorf("after picking 12A-3: status %q, buttons %v %v", r.status.Text, r.useTake[0].Disabled(), r.useTake[1].Disabled())
	}
}

func TestTakeRowsFromDay(t *testing.T) {
	d := &rough.Day{
		Takes:  []*rough.TakeReport{{Path: "/r/A_1.mov"}, {Path: "/r/A_2.mov"}, {Path: "/r/B_1.mov"}},
		Hashes: []string{"h1", "", "h3"},
		Setups: []rough.Setup{{Name: "A", Takes: []int{0, 1}}, {Name: "B", Takes: []int{2}}},
		Ranks:  [][]int{{1, 0}, {2}},
		Scores: [][]rough.Score{{{Total: 0.9}, {Total: 0.5}}, {{Total: 1}}},
	}
	e := suggest.Entry{Suggestion: suggest.Suggestion{Kind: suggest.Take, Params: suggest.Params{Take: &suggest.TakeChoice{Group: "A", Chosen: "/r/A_2.mov"}}}}
	rows := TakeRows(d, e)
	if len(rows) != 2 || rows[0] != (TakeRow{Key: "/r/A_2.mov", Name: "A_2", Score: rough.Score{Total: 0.9}}) || rows[1].Key != "h1" {
		t.Errorf("TakeRows = %+v", rows)
	}
	if TakeRows(d, suggest.Entry{}) != nil {
		t.Error("rows for a suggestion that is not a take")
	}
}
