package edl

import (
	"bytes"
	"strings"
	"testing"

	"rushcut/app/edit"
)

// TestTransitionNotes: what a W or D line cannot state is a locator at
// the transition's record in, read back as such; a forward wipe and a
// plain dissolve get none, and the W field stays W + three digits.
func TestTransitionNotes(t *testing.T) {
	r := edit.Rate25
	x := mediaAt("/media/X.mov", r, "05:00:00:00", 1000)
	y := mediaAt("/media/Y.mov", r, "06:00:00:00", 1000)
	for _, c := range []struct {
		name string
		tr   *edit.Transition
		line string // the transition's edit field
		note string // "" for none
	}{
		{"forward wipe", &edit.Transition{Kind: edit.Wipe, WipeCode: 1, InOffset: 5, OutOffset: 5, Name: "wipe left to right", Metadata: edit.Metadata{"direction": "right"}}, "W001 010", ""},
		{"reverse wipe", &edit.Transition{Kind: edit.Wipe, WipeCode: 2, InOffset: 5, OutOffset: 4, Name: "wipe bottom to top", Metadata: edit.Metadata{"direction": "up", "reverse": true}}, "W002 009", "W002 REVERSE: wipe bottom to top"},
		{"dissolve", &edit.Transition{Kind: edit.Dissolve, InOffset: 6, OutOffset: 6}, "D    012", ""},
		{"dip to white", &edit.Transition{Kind: edit.Dissolve, InOffset: 12, OutOffset: 11, Metadata: edit.Metadata{"dip": "white"}}, "D    023", "DIP TO WHITE: the dissolve dips through white"},
		{"dip to a colour", &edit.Transition{Kind: edit.Dissolve, InOffset: 12, OutOffset: 11, Metadata: edit.Metadata{"dip": "#3050a0"}}, "D    023", "DIP TO COLOR #3050a0: the dissolve dips through #3050a0"},
	} {
		t.Run(c.name, func(t *testing.T) {
			tl := videoTimeline("Notes", r, false, "01:00:00:00",
				&edit.Clip{Media: x, SourceIn: x.Start + 50, Duration: 100}, c.tr, &edit.Clip{Media: y, SourceIn: y.Start + 50, Duration: 100})
			var buf bytes.Buffer
			if err := Write(&buf, tl); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(buf.String(), " "+c.line+" ") {
				t.Errorf("no %q line in\n%s", c.line, buf.String())
			}
			l, err := Read(&buf, r)
			if err != nil {
				t.Fatal(err)
			}
			ev := l.Events[1]
			var notes []string
			for _, loc := range ev.Locators {
				notes = append(notes, loc.Text)
				if loc.Record != ev.RecordIn {
					t.Errorf("locator at %d, the transition starts at %d", loc.Record, ev.RecordIn)
				}
			}
			switch {
			case c.note == "" && len(notes) > 0:
				t.Errorf("locators %q, want none", notes)
			case c.note != "" && (len(notes) != 1 || notes[0] != c.note):
				t.Errorf("locators %q, want %q", notes, c.note)
			}
		})
	}
}
