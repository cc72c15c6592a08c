package edl

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"rushcut/app/edit"
)

// TestOTIOCorpus reads real-world EDLs (OpenTimelineIO's CMX 3600 test
// data, see testdata/otio/README.md) into the edit model: every file
// reads, its timeline is valid, and what NLEs put in them arrives.
func TestOTIOCorpus(t *testing.T) {
	files, err := filepath.Glob("testdata/otio/*.edl")
	if err != nil || len(files) < 20 {
		t.Fatalf("corpus: %d files (%v)", len(files), err)
	}
	got := map[string]*edit.Timeline{}
	lists := map[string]*List{}
	for _, f := range files {
		name := filepath.Base(f)
		rate := edit.Rate24
		if name == "25fps.edl" || name == "timecode_mismatch.edl" {
			rate = edit.Rate25
		}
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		l, err := Read(fh, rate)
		fh.Close()
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		tl, warns, err := l.Timeline(nil)
		if err != nil {
			t.Errorf("%s: Timeline: %v", name, err)
			continue
		}
		if err := tl.Validate(); err != nil {
			t.Errorf("%s: timeline invalid: %v", name, err)
		}
		t.Logf("%s: %d events, %d clips, read warnings %q, timeline warnings %q", name, len(l.Events), len(tl.Tracks[0].Clips()), l.Warnings, warns)
		got[name], lists[name] = tl, l
	}
	clips := func(name string) []*edit.Clip {
		if tl := got[name]; tl != nil {
			return tl.Tracks[0].Clips()
		}
		t.Fatalf("%s was not read", name)
		return nil
	}
	kinds := func(name string) string {
		var ks []string
		for _, it := range got[name].Tracks[0].Items {
			switch x := it.(type) {
			case *edit.Clip:
				ks = append(ks, "clip")
			case *edit.Gap:
				ks = append(ks, "gap")
			case *edit.Transition:
				ks = append(ks, string(x.Kind))
			}
		}
		return strings.Join(ks, " ")
	}
	// CDL comments, both spellings (with ':' and ' * ', without either).
	cdlOf := func(c *edit.Clip) *edit.CDL {
		for _, e := range c.Effects {
			if e.Kind == edit.EffectColor {
				return e.CDL
			}
		}
		return nil
	}
	// Power 0 is outside the ASC range: read, as OpenTimelineIO reads it,
	// with a warning.
	if c := cdlOf(clips("cdl.edl")[0]); c == nil || c.Slope != [3]float64{0.1, 0.2, 0.3} || c.Offset != [3]float64{1, 0.0122, 0.0305} || c.Power != [3]float64{1, 0, 1} || c.Sat != 0.9 {
		t.Errorf("cdl.edl: CDL %+v", c)
	}
	if ws := strings.Join(lists["cdl.edl"].Warnings, " "); !strings.Contains(ws, "line 6") {
		t.Errorf("cdl.edl: want a warning for the zero power on line 6, got %q", ws)
	}
	sc := clips("sample_cdl_edl.edl")
	if c := cdlOf(sc[0]); c == nil || c.Slope != [3]float64{0.9127, 0.9127, 0.9127} || c.Offset != [3]float64{0.0245, 0.0245, 0.0245} || c.Power != [3]float64{1.01, 1.12, 0.91} || c.Sat != 1 {
		t.Errorf("sample_cdl_edl.edl event 1: CDL %+v", c)
	}
	if c := cdlOf(sc[2]); c == nil || c.Slope != [3]float64{0.832, 0.798, 0.964} || c.Sat != 0.7 {
		t.Errorf("sample_cdl_edl.edl event 5: CDL %+v", c)
	}
	// Transitions, including "EFFECTS NAME IS" and an FCM line between the
	// two lines of an event.
	for name, want := range map[string]string{
		"dissolve_test.edl":            "clip dissolve clip clip",
		"dissolve_test_3.edl":          "clip dissolve clip clip",
		"dissolve_test_4.edl":          "clip clip dissolve clip dissolve clip clip clip",
		"wipe_test.edl":                "clip wipe clip clip",
		"transition_duration.edl":      "clip clip dissolve clip clip",
		"sample_cdl_edl_with_gaps.edl": "clip gap clip gap clip gap clip",
		"gap_test.edl":                 "clip gap clip gap clip",
	} {
		if g := kinds(name); g != want {
			t.Errorf("%s: items %q, want %q", name, g, want)
		}
	}
	if tr := got["dissolve_test_3.edl"].Tracks[0].Items[1].(*edit.Transition); tr.OutOffset != 30 {
		t.Errorf("dissolve_test_3.edl: dissolve of %d frames, want 30", tr.OutOffset)
	}
	if tr := got["wipe_test.edl"].Tracks[0].Items[1].(*edit.Transition); tr.WipeCode != 1 || tr.OutOffset != 10 {
		t.Errorf("wipe_test.edl: %+v", tr)
	}
	// Comments without '*' name the clips.
	for i, c := range clips("gap_test.edl") {
		if want := []string{"shot1", "shot2", "shot3"}[i]; c.Name != want {
			t.Errorf("gap_test.edl clip %d named %q, want %q", i+1, c.Name, want)
		}
	}
	// Avid's FROM CLIP and Nucoda's FROM FILE carry the source file.
	for _, name := range []string{"avid_example.edl", "nucoda_example.edl"} {
		if p := clips(name)[1].Media.Path; p != `S:\path\to\ZZ100_502A.take_2.0101.exr` {
			t.Errorf("%s: media %q", name, p)
		}
	}
	// Premiere's AX reels relink by clip name: two media, not one.
	if pc := clips("premiere_example.edl"); pc[0].Media == pc[1].Media {
		t.Error("premiere_example.edl: two AX clips share one media")
	}
	// M2: 46.7 fps at 24 and a freeze frame (M2 0.0).
	se := clips("speed_effects_small.edl")
	if s := se[4].Speed(); s != (edit.Ratio{Num: 467, Den: 240}) {
		t.Errorf("speed_effects_small.edl event 5 speed %s, want 467/240", s)
	}
	if se[1].Metadata["freeze_frame"] != true || se[1].SourceRange(edit.Rate24).Duration != 1 {
		t.Errorf("speed_effects_small.edl event 2: freeze frame read as %+v", se[1])
	}
	// Locators become markers; "PINK" is kept as NLEs name it.
	if m := clips("no_spaces_test.edl")[3].Markers; len(m) != 2 || m[0].Name != "ANIM FIX NEEDED" || m[1].Color != "PINK" {
		t.Errorf("no_spaces_test.edl markers %+v", m)
	}
	// Audio only: read, nothing on the picture track, a warning.
	if n := len(clips("multi_audio.edl")); n != 0 {
		t.Errorf("multi_audio.edl: %d picture clips", n)
	}
	if ws := strings.Join(lists["multi_audio.edl"].Warnings, " "); strings.Contains(ws, "AUD") {
		t.Errorf("multi_audio.edl: AUD line warned about: %q", ws)
	}
}
