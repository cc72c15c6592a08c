package rough

import (
	"path/filepath"
	"testing"

	"rushcut/app/assemble"
	"rushcut/app/doc"
	"rushcut/app/edit"
	"rushcut/app/effects"
	"rushcut/app/takes/rushgen"
)

// TestSessionProposesEffects: on the small day's real analyses, the
// session proposes effects on its cut (a fade from black at the head at
// least), keeps them as suggestions, and accepting the head fade puts a
// FadeIn transition on the cut, autosaved.
func TestSessionProposesEffects(t *testing.T) {
	rs, _ := analyzed(t, rushgen.Small(), false)
	hashes, err := Hashes(rs)
	if err != nil {
		t.Fatal(err)
	}
	d := NewDay(rs, hashes)
	opts, err := assemble.DefaultTimeline(Refs(rs), "day")
	if err != nil {
		t.Fatal(err)
	}
	p := doc.New("day")
	if _, err := Apply(p, d, opts); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "day.rushcut")
	s := NewSession(path, p, d, opts)
	n, err := s.ProposeEffects(nil)
	if err != nil || n == 0 {
		t.Fatalf("proposed %d effects: %v", n, err)
	}
	fade := ""
	for _, e := range s.Entries() {
		if e.Kind == effects.FadeIn && !e.Orphaned {
			fade = e.ID
		}
	}
	if fade == "" {
		t.Fatal("no fade from black proposed at the head of the cut")
	}
	if err := s.Accept(fade); err != nil {
		t.Fatal(err)
	}
	if tr, ok := s.Project().Timeline.Tracks[0].Items[0].(*edit.Transition); !ok || tr.Kind != edit.FadeIn {
		t.Errorf("after accepting the fade the cut opens with %T", s.Project().Timeline.Tracks[0].Items[0])
	}
	if _, auto, err := doc.Open(path); err == nil || auto == "" {
		t.Errorf("no autosave after the decision (auto %q, %v)", auto, err)
	}
}
