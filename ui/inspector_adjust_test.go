package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"rushcut/app/suggest"
)

// TestInspectorAdjustsATrim: the Adjust section shows a trim's in and out
// as the take's source timecode; typing a new in and pressing Apply makes
// it the editor's trim (modified) and shortens the cut; a timecode that
// does not parse is refused with a message and changes nothing.
func TestInspectorAdjustsATrim(t *testing.T) {
	v, w, _ := transportView(t)
	defer w.Close()
	c := v.Session.Project().Timeline.Tracks[0].Clips()[0]
	var id string
	for _, e := range v.Session.Entries() {
		if e.Kind == suggest.Trim && e.Target.Path == c.Media.Path {
			id = e.ID
		}
	}
	v.inspect(id)
	r := test.WidgetRenderer(v.Inspector).(*inspectorRenderer)
	a := r.adjust
	if len(a.fields) != 2 || a.fields[0].entry.Text != "00:00:40:20" || a.fields[1].entry.Text != "00:00:43:06" {
		t.Fatalf("adjust fields %v, want in 00:00:40:20 and out 00:00:43:06", texts(a))
	}
	before := v.Session.Project().Timeline.Duration()
	a.fields[0].entry.SetText("nonsense")
	test.Tap(a.apply)
	if e, _ := v.Session.Project().Suggestions.Get(id); e.Decision.Status != suggest.Proposed || a.errMsg.Text == "" {
		t.Errorf("a bad timecode left the trim %s with message %q", e.Decision.Status, a.errMsg.Text)
	}
	a.fields[0].entry.SetText("00:00:41:00")
	test.Tap(a.apply)
	got, status := trimOf(t, v, c.Media.Path)
	if status != suggest.Modified || got.In != c.SourceIn+5 {
		t.Errorf("after Apply the trim is %+v (%s), want in %d", got, status, c.SourceIn+5)
	}
	if after := v.Session.Project().Timeline.Duration(); after != before-5 {
		t.Errorf("cut lasts %d, want %d", after, before-5)
	}
}

func texts(a *adjuster) []string {
	var s []string
	for _, f := range a.fields {
		s = append(s, f.name+"="+f.entry.Text)
	}
	return s
}
