package effects_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"rushcut/app/edit"
	"rushcut/app/effects"
	"rushcut/app/export/edl"
	"rushcut/app/suggest"
	"rushcut/vision"
	"rushcut/vision/reels"
)

// editorClip is the clip of the vision editor set (ffmpeg xfade and fade
// filters over the opencv-doc footage, truth by construction) named name.
func editorClip(t *testing.T, name string) reels.Clip {
	t.Helper()
	for _, c := range reels.Editor() {
		if c.Name == name {
			return c
		}
	}
	t.Fatalf("no editor clip %s", name)
	return reels.Clip{}
}

// TestSourceTransitionsToEDL runs wipes, pushes and dips that ffmpeg
// puts into a source through the whole pipeline: analyse the file, cut
// all of it but its ends, propose, apply, write the EDL and read it back.
// Each must come back as the edit transition an NLE conforms: a W line
// with the SMPTE code of its direction (a locator saying a reversed
// pattern is reversed), or for a dip one D line over the whole dip with a
// locator naming its colour; the duration and position those of the
// source's transition.
func TestSourceTransitionsToEDL(t *testing.T) {
	if testing.Short() {
		t.Skip("generates and analyses footage")
	}
	for _, c := range []struct {
		clip      string
		kind      suggest.Kind
		direction string // wipes: the ffmpeg transition's
		code      int
		reverse   bool
		dip       string
	}{
		{clip: "wipe-megamind-tree", kind: effects.Wipe, direction: "right", code: 1},                 // xfade wiperight
		{clip: "wipe-tree-vtest", kind: effects.Wipe, direction: "left", code: 1, reverse: true},      // wipeleft
		{clip: "wipe-tree-megamind-down", kind: effects.Wipe, direction: "down", code: 2},             // wipedown
		{clip: "wipe-vtest-megamind-up", kind: effects.Wipe, direction: "up", code: 2, reverse: true}, // wipeup
		{clip: "push-megamind-vtest", kind: effects.Wipe, direction: "left", code: 1, reverse: true},  // slideleft
		{clip: "dip-white-vtest-megamind", kind: effects.Dissolve, dip: "white"},
		{clip: "fade-vtest-megamind", kind: effects.Dissolve, dip: "black"},      // fade out, 10 black frames, fade in
		{clip: "dip-blue-megamind-tree", kind: effects.Dissolve, dip: "#3050a0"}, // measured by the colour sampler
	} {
		t.Run(c.clip, func(t *testing.T) {
			rc := editorClip(t, c.clip)
			path, err := reels.GenerateClip(context.Background(), t.TempDir(), rc)
			if err != nil {
				t.Fatal(err)
			}
			// The truth: the transition's first and last frame.
			var first, last int
			for _, x := range rc.Transitions {
				switch x.Kind {
				case vision.Wipe, vision.FadeOut, vision.FadeOutWhite, vision.FadeOutColor:
					first, last = x.Start, x.End
				case vision.FadeIn, vision.FadeInWhite, vision.FadeInColor:
					last = x.End
				}
			}
			tk := analyse(t, path)
			m := tk.ref
			n := int64(len(tk.src.Frames))
			clipIn := m.Start + 5
			rate := m.Rate
			tl := &edit.Timeline{Name: "t", Rate: rate, Start: int64(3600 * rate.Base()), Tracks: []*edit.Track{{Name: "V1", Kind: edit.Video,
				Items: []edit.Item{edit.ClipFromSource(m, edit.TimeRange{Start: clipIn, Duration: n - 10, Rate: m.Rate}, rate)}}}}
			tl.EnsureIDs()
			list, err := effects.Propose(effects.Input{Timeline: tl, Sources: map[string]*effects.Source{tk.src.Key: tk.src}, Color: sampler}, effects.Options{})
			if err != nil {
				t.Fatal(err)
			}
			var got []suggest.Suggestion
			for _, s := range list {
				t.Logf("%s %s: %s", s.ID, s.Kind, s.Reason)
				switch s.Kind {
				case effects.Wipe, effects.Dissolve:
					got = append(got, s)
				case effects.Speed, effects.Stabilize:
					// the transition's frame changes are not action
					if r := s.Target.Range; r.Start-m.Start <= int64(last) && r.End()-m.Start > int64(first) {
						t.Errorf("%s over the source's transition: %s", s.Kind, s.Reason)
					}
				}
			}
			if len(got) != 1 || got[0].Kind != c.kind {
				t.Fatalf("transition suggestions %v, want one %s", got, c.kind)
			}
			s := got[0]
			r := s.Target.Range
			if a, b := r.Start-m.Start, r.End()-1-m.Start; a < int64(first)-2 || a > int64(first)+2 || b < int64(last)-2 || b > int64(last)+2 {
				t.Errorf("suggested over frames %d–%d, the source's transition is %d–%d", a, b, first, last)
			}
			p, err := effects.Of(s.Kind, s.Params)
			if err != nil {
				t.Fatal(err)
			}
			var in, out int64
			var reason string
			switch p := p.(type) {
			case *effects.WipeParams:
				in, out = p.InOffset, p.OutOffset
				if p.Direction != c.direction {
					t.Errorf("direction %q, want %q", p.Direction, c.direction)
				}
				reason = "wipes " + map[string]string{"right": "left to right", "left": "right to left", "down": "top to bottom", "up": "bottom to top"}[c.direction]
			case *effects.DissolveParams:
				in, out = p.InOffset, p.OutOffset
				if !p.Source || !sameColour(p.Dip, c.dip) {
					t.Errorf("dissolve %+v, want one the source holds dipping to %q", p, c.dip)
				}
				c.dip = p.Dip
				reason = "dips to " + c.dip
			}
			if in+out != r.Duration {
				t.Errorf("transition of %d+%d frames over a %d-frame range", in, out, r.Duration)
			}
			if !strings.Contains(s.Reason, reason) {
				t.Errorf("reason %q does not say %q", s.Reason, reason)
			}

			set := suggest.NewSet()
			if _, err := set.Merge(list); err != nil {
				t.Fatal(err)
			}
			// Everything proposed applies together, the transition too.
			all, warns := effects.Apply(tl, set.Entries(), effects.Proposed)
			if len(warns) > 0 {
				t.Errorf("applying every proposal: %v", warns)
			}
			var made int
			for _, it := range all.TracksOf(edit.Video)[0].Items {
				if tr, ok := it.(*edit.Transition); ok && tr.Provenance != nil && tr.Provenance.Suggestion == s.ID {
					made++
				}
			}
			if made != 1 {
				t.Errorf("applying every proposal made %d transitions of %s, want 1", made, s.ID)
			}
			if err := set.Accept(s.ID); err != nil {
				t.Fatal(err)
			}
			var es []suggest.Entry
			for _, e := range set.Entries() {
				if e.ID == s.ID {
					es = append(es, e)
				}
			}
			applied, warns := effects.Apply(tl, es, effects.Accepted)
			if len(warns) > 0 {
				t.Fatalf("apply: %v", warns)
			}
			var buf bytes.Buffer
			if err := edl.Write(&buf, applied); err != nil {
				t.Fatal(err)
			}
			t.Logf("EDL:\n%s", buf.String())
			l, err := edl.Read(&buf, rate)
			if err != nil {
				t.Fatal(err)
			}
			if len(l.Events) != 2 {
				t.Fatalf("%d events, want the head cut and the transition", len(l.Events))
			}
			ev := l.Events[1]
			wantType := edl.Dissolve
			if c.kind == effects.Wipe {
				wantType = edl.Wipe
			}
			if ev.Type != wantType || ev.WipeCode != c.code || ev.Frames != r.Duration {
				t.Errorf("event 2: %s code %d over %d frames, want %s code %d over %d", ev.Type, ev.WipeCode, ev.Frames, wantType, c.code, r.Duration)
			}
			// Position: the outgoing side runs to the source transition's
			// first frame, the incoming one starts after its last, and the
			// transition is centred on that cut.
			cut := r.Start - clipIn
			if ev.RecordIn != tl.Start+cut-in || ev.From == nil || ev.From.In != r.Start-in || ev.Source.In != r.End()-in {
				t.Errorf("event 2 at record %d (from %v, source in %d), want record %d, outgoing from %d, incoming from %d",
					ev.RecordIn-tl.Start, ev.From, ev.Source.In, cut-in, r.Start-in, r.End()-in)
			}
			var note string
			for _, loc := range ev.Locators {
				if loc.Record == ev.RecordIn {
					note = loc.Text
				}
			}
			switch {
			case c.reverse && !strings.HasPrefix(note, "W001 REVERSE") && !strings.HasPrefix(note, "W002 REVERSE"):
				t.Errorf("reversed wipe: locator %q, want it to say W%03d REVERSE", note, c.code)
			case c.kind == effects.Wipe && !c.reverse && note != "":
				t.Errorf("forward wipe with a note %q", note)
			case c.dip == "white" && !strings.HasPrefix(note, "DIP TO WHITE:"),
				c.dip == "black" && !strings.HasPrefix(note, "DIP TO BLACK:"),
				c.dip != "" && c.dip != "white" && c.dip != "black" && !strings.HasPrefix(note, "DIP TO COLOR "+c.dip+":"):
				t.Errorf("dip to %s: locator %q", c.dip, note)
			}
			back, warns, err := l.Timeline(nil)
			if err != nil {
				t.Fatal(err)
			}
			var x *edit.Transition
			for _, it := range back.TracksOf(edit.Video)[0].Items {
				if tr, ok := it.(*edit.Transition); ok {
					x = tr
				}
			}
			wantKind := map[suggest.Kind]edit.TransitionKind{effects.Wipe: edit.Wipe, effects.Dissolve: edit.Dissolve}[c.kind]
			if x == nil || x.Kind != wantKind || x.WipeCode != c.code || x.Duration() != r.Duration {
				t.Errorf("read back %+v (warnings %v), want a %s, code %d, of %d frames", x, warns, wantKind, c.code, r.Duration)
			}
		})
	}
}

// sameColour reports whether colour names a and b are the same: equal,
// or both "#rrggbb" within 8 code values a channel (H.264 at CRF 18 and
// 4:2:0 move a flat field's code values by a few).
func sameColour(a, b string) bool {
	if a == b {
		return true
	}
	var x, y [3]int
	if n, err := fmt.Sscanf(a, "#%02x%02x%02x", &x[0], &x[1], &x[2]); n != 3 || err != nil {
		return false
	}
	if n, err := fmt.Sscanf(b, "#%02x%02x%02x", &y[0], &y[1], &y[2]); n != 3 || err != nil {
		return false
	}
	for i := range 3 {
		if d := x[i] - y[i]; d > 8 || d < -8 {
			return false
		}
	}
	return true
}
