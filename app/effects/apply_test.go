package effects

import (
	"strings"
	"testing"

	"rushcut/app/edit"
	"rushcut/app/suggest"
)

// synthetic media: 200 frames at 25 fps starting at frame 1000.
func media(name string) *edit.MediaReference {
	return &edit.MediaReference{Path: "/r/" + name + ".mov", ContentHash: "h-" + name, Rate: edit.Rate25, Start: 1000, Duration: 200, Width: 256, Height: 144}
}

// still makes a source of n frames with the given luma, no motion, and a
// hue histogram peaked at bin hue.
func still(m *edit.MediaReference, luma float64, hue int) *Source {
	s := &Source{Media: m, Key: m.ContentHash, Width: 256, Height: 144}
	for range m.Duration {
		hs := make([]float64, 32)
		hs[hue] = 1
		s.Frames = append(s.Frames, Frame{Luma: luma, Inliers: 1, Energy: 2, HueSat: hs, Value: make([]float64, 8)})
	}
	return s
}

// twoClips is a cut of a [1050, 1100) then b [1020, 1080), with audio
// under each, and the sources.
func twoClips() (*edit.Timeline, map[string]*Source, *edit.MediaReference, *edit.MediaReference) {
	a, b := media("a"), media("b")
	tl := &edit.Timeline{Name: "t", Rate: edit.Rate25, Tracks: []*edit.Track{
		{Name: "V1", Kind: edit.Video, Items: []edit.Item{
			&edit.Clip{Media: a, SourceIn: 1050, Duration: 50}, &edit.Clip{Media: b, SourceIn: 1020, Duration: 60}}},
		{Name: "A1", Kind: edit.Audio, Items: []edit.Item{
			&edit.Clip{Media: a, SourceIn: 1050, Duration: 50}, &edit.Clip{Media: b, SourceIn: 1020, Duration: 60}}},
	}}
	tl.EnsureIDs()
	src := map[string]*Source{a.ContentHash: still(a, 120, 3), b.ContentHash: still(b, 90, 20)}
	return tl, src, a, b
}

func propose(t *testing.T, in Input) map[suggest.Kind][]suggest.Suggestion {
	t.Helper()
	list, err := Propose(in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[suggest.Kind][]suggest.Suggestion{}
	for _, s := range list {
		if err := s.Validate(); err != nil {
			t.Errorf("invalid suggestion: %v", err)
		}
		if _, err := Of(s.Kind, s.Params); err != nil {
			t.Errorf("%s: params do not decode: %v", s.ID, err)
		}
		out[s.Kind] = append(out[s.Kind], s)
	}
	return out
}

func TestProposeFadesAndDissolve(t *testing.T) {
	tl, src, _, b := twoClips()
	got := propose(t, Input{Timeline: tl, Sources: src})
	if len(got[FadeIn]) != 1 || len(got[FadeOut]) != 1 {
		t.Fatalf("fades: %d in, %d out, want 1 and 1", len(got[FadeIn]), len(got[FadeOut]))
	}
	d := got[Dissolve]
	if len(d) != 1 || d[0].Target.Path != b.Path || d[0].Target.Range.Start != 1020 {
		t.Fatalf("dissolve: %+v, want one into b at 1020", d)
	}
	p, _ := Of(Dissolve, d[0].Params)
	dp := p.(*DissolveParams)
	if dp.InOffset+dp.OutOffset != 25 || dp.From != "h-a" || dp.FromOut != 1100 {
		t.Errorf("dissolve params %+v, want 25 frames from h-a out at 1100", dp)
	}
	// Same picture on both sides: no scene change, no dissolve.
	src["h-b"] = still(b, 120, 3)
	if got := propose(t, Input{Timeline: tl, Sources: src}); len(got[Dissolve]) != 0 {
		t.Errorf("dissolve between two clips of one look: %v", got[Dissolve][0].Reason)
	}
	// Scenes named: same scene, no dissolve, whatever the pictures.
	src["h-b"] = still(b, 90, 20)
	src["h-a"].Scene, src["h-b"].Scene = "4", "4"
	if got := propose(t, Input{Timeline: tl, Sources: src}); len(got[Dissolve]) != 0 {
		t.Error("dissolve inside one named scene")
	}
}

func TestProposeNoHandlesNoDissolve(t *testing.T) {
	tl, src, a, b := twoClips()
	a.Duration = 100 // a ends at 1100, where its clip ends: no handle after
	got := propose(t, Input{Timeline: tl, Sources: src})
	if len(got[Dissolve]) != 1 {
		t.Fatal("no dissolve with a handle on one side")
	}
	p, _ := Of(Dissolve, got[Dissolve][0].Params)
	if dp := p.(*DissolveParams); dp.OutOffset != 0 || dp.InOffset <= 0 {
		t.Errorf("one-sided dissolve %+v, want it all before the cut", dp)
	}
	b.Start, b.Duration = 1020, 180 // b starts where its clip starts: no handle before either
	src["h-b"].Frames = src["h-b"].Frames[20:]
	got = propose(t, Input{Timeline: tl, Sources: src})
	if len(got[Dissolve]) != 0 {
		t.Errorf("dissolve without handles: %s", got[Dissolve][0].Reason)
	}
}

func TestProposeDarkEdgesNoFade(t *testing.T) {
	tl, src, _, _ := twoClips()
	src["h-a"] = still(src["h-a"].Media, 8, 3)
	src["h-b"] = still(src["h-b"].Media, 8, 20)
	got := propose(t, Input{Timeline: tl, Sources: src})
	if len(got[FadeIn])+len(got[FadeOut]) != 0 {
		t.Error("fade proposed on a cut that already starts and ends black")
	}
}

func TestProposeStabilizeAndRefusal(t *testing.T) {
	tl, src, a, _ := twoClips()
	s := src["h-a"]
	// Frames 1060..1089 jitter ±3 px horizontally: shake well above the
	// threshold, a path whose smoothing costs a few per cent.
	for i := 60; i < 90; i++ {
		d := 3.0
		if i%2 == 0 {
			d = -3
		}
		s.Frames[i].DX, s.Frames[i].Shake = d, 3
	}
	got := propose(t, Input{Timeline: tl, Sources: src})
	if len(got[Stabilize]) != 1 {
		t.Fatalf("%d stabilize suggestions, want 1", len(got[Stabilize]))
	}
	st := got[Stabilize][0]
	p, _ := Of(Stabilize, st.Params)
	if sp := p.(*StabilizeParams); sp.Crop <= 0 || sp.Crop > MaxCrop || st.Target.Path != a.Path {
		t.Errorf("stabilize %+v on %s", sp, st.Target.Path)
	}
	// A drift of 60 px over the range cannot be smoothed within 10%.
	for i := 60; i < 90; i++ {
		s.Frames[i].DX = 12
		if i >= 75 {
			s.Frames[i].DX = -12
		}
	}
	if got := propose(t, Input{Timeline: tl, Sources: src}); len(got[Stabilize]) != 0 {
		p, _ := Of(Stabilize, got[Stabilize][0].Params)
		t.Errorf("stabilize proposed at crop %.3f, want refused", p.(*StabilizeParams).Crop)
	}
}

func TestProposeSpeed(t *testing.T) {
	tl, src, _, b := twoClips()
	s := src["h-b"]
	for i := 40; i < 48; i++ { // an 8-frame motion peak inside b's clip (1020..1080)
		s.Frames[i].Energy = 30
	}
	got := propose(t, Input{Timeline: tl, Sources: src})
	if len(got[Speed]) != 1 {
		t.Fatalf("%d speed suggestions, want 1", len(got[Speed]))
	}
	sg := got[Speed][0]
	p, _ := Of(Speed, sg.Params)
	if q := p.(*SpeedParams).Speed; q != (edit.Ratio{Num: 1, Den: 2}) || sg.Target.Path != b.Path || sg.Target.Range.Start > 1040 || sg.Target.Range.End() < 1048 {
		t.Errorf("speed %s over %d+%d of %s, want 1/2 over 1040–1048 of b", q, sg.Target.Range.Start, sg.Target.Range.Duration, sg.Target.Path)
	}
	// A still stretch of 4 s in a longer clip: speed it up.
	a := src["h-a"]
	for i := range a.Frames {
		a.Frames[i].Energy = 0.1
	}
	tl.Tracks[0].Items[0].(*edit.Clip).SourceIn, tl.Tracks[0].Items[0].(*edit.Clip).Duration = 1000, 150
	got = propose(t, Input{Timeline: tl, Sources: src})
	fast := 0
	for _, sg := range got[Speed] {
		if p, _ := Of(Speed, sg.Params); p.(*SpeedParams).Speed.Float() > 1 {
			fast++
		}
	}
	if fast != 1 {
		t.Errorf("%d speed-ups over a 6 s still clip, want 1", fast)
	}
}

func TestProposeFlashes(t *testing.T) {
	tl, src, a, _ := twoClips()
	src["h-a"].Flashes = []int{10, 60, 70} // 10 is outside the clip (1050..1100)
	imp := make([]float64, 200)
	imp[80] = 0.02
	imp[85], imp[84], imp[86] = 0.002, 0.001, 0.001 // not 4× its neighbours
	in := Input{Timeline: tl, Sources: src, Impulses: func(path string) ([]float64, error) {
		if path == a.Path {
			return imp, nil
		}
		return make([]float64, 200), nil
	}}
	got := propose(t, in)
	if len(got[FlashRemove]) != 1 {
		t.Fatalf("%d flash suggestions, want 1", len(got[FlashRemove]))
	}
	p, _ := Of(FlashRemove, got[FlashRemove][0].Params)
	if fr := p.(*FlashParams).Frames; len(fr) != 3 || fr[0] != 1060 || fr[1] != 1070 || fr[2] != 1080 {
		t.Errorf("flash frames %v, want [1060 1070 1080]", fr)
	}
}

// entries decides the proposals: every one accepted except the kinds in
// reject.
func entries(t *testing.T, list []suggest.Suggestion, reject ...suggest.Kind) []suggest.Entry {
	t.Helper()
	set := suggest.NewSet()
	if _, err := set.Merge(list); err != nil {
		t.Fatal(err)
	}
	for _, s := range list {
		st := set.Accept
		for _, k := range reject {
			if s.Kind == k {
				st = set.Reject
			}
		}
		if err := st(s.ID); err != nil {
			t.Fatal(err)
		}
	}
	return set.Entries()
}

func kinds(tr *edit.Track) string {
	var out []string
	for _, it := range tr.Items {
		switch v := it.(type) {
		case *edit.Clip:
			s := "C"
			for _, e := range v.Effects {
				s += "+" + string(e.Kind)
			}
			out = append(out, s)
		case *edit.Transition:
			out = append(out, string(v.Kind))
		case *edit.Gap:
			out = append(out, "gap")
		}
	}
	return strings.Join(out, " ")
}

func TestApply(t *testing.T) {
	tl, src, _, b := twoClips()
	for i := 40; i < 48; i++ {
		src["h-b"].Frames[i].Energy = 30
	}
	src["h-a"].Flashes = []int{60}
	list, err := Propose(Input{Timeline: tl, Sources: src}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Proposed: everything.
	out, warns := Apply(tl, entries(t, list), Proposed)
	if len(warns) > 0 {
		t.Fatalf("warnings: %v", warns)
	}
	v := out.TracksOf(edit.Video)[0]
	if got, want := kinds(v), "fade_in C+flash_remove dissolve C C+speed C fade_out"; got != want {
		t.Errorf("video track %q, want %q", got, want)
	}
	if err := out.Validate(); err != nil {
		t.Errorf("invalid timeline: %v", err)
	}
	// The slowed part plays its 8 media frames over 16 record frames; the
	// sound is retimed with it.
	sped := v.Items[4].(*edit.Clip)
	if sped.Duration != 2*sped.SourceRange(out.Rate).Duration || sped.Media != b {
		t.Errorf("slowed part: %d record frames for %d source frames", sped.Duration, sped.SourceRange(out.Rate).Duration)
	}
	if a := out.TracksOf(edit.Audio)[0]; a.Duration() != v.Duration() {
		t.Errorf("audio %d frames, video %d", a.Duration(), v.Duration())
	}
	for _, it := range v.Items {
		if tr, ok := it.(*edit.Transition); ok && (tr.Provenance == nil || tr.Provenance.Suggestion == "") {
			t.Errorf("%s without provenance", tr.Kind)
		}
	}
	// The input is not changed.
	if got := kinds(tl.Tracks[0]); got != "C C" {
		t.Errorf("input changed: %q", got)
	}
	// Accepted with dissolves and fades rejected: only the clip effects.
	out, _ = Apply(tl, entries(t, list, Dissolve, FadeIn, FadeOut), Accepted)
	if got, want := kinds(out.TracksOf(edit.Video)[0]), "C+flash_remove C C+speed C"; got != want {
		t.Errorf("accepted: %q, want %q", got, want)
	}
	// Undecided suggestions are not applied as accepted; none is none.
	set := suggest.NewSet()
	if _, err := set.Merge(list); err != nil {
		t.Fatal(err)
	}
	for _, m := range []Mode{Accepted, None} {
		if out, _ := Apply(tl, set.Entries(), m); kinds(out.TracksOf(edit.Video)[0]) != "C C" {
			t.Errorf("%s applied undecided suggestions", m)
		}
	}
}

func TestApplyStaleSkipped(t *testing.T) {
	tl, src, _, _ := twoClips()
	list, err := Propose(Input{Timeline: tl, Sources: src}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// The cut changed: b now starts elsewhere, so the dissolve and the
	// fade out no longer find their clip.
	tl.Tracks[0].Items[1].(*edit.Clip).SourceIn = 1030
	out, warns := Apply(tl, entries(t, list), Accepted)
	if len(warns) == 0 {
		t.Error("no warning for a dissolve whose clip moved")
	}
	if err := out.Validate(); err != nil {
		t.Errorf("invalid timeline: %v", err)
	}
}

func TestParseMode(t *testing.T) {
	for _, s := range []string{"proposed", "accepted", "none"} {
		if m, err := ParseMode(s); err != nil || string(m) != s {
			t.Errorf("ParseMode(%q) = %q, %v", s, m, err)
		}
	}
	if _, err := ParseMode("all"); err == nil {
		t.Error(`ParseMode("all") succeeded`)
	}
}

func TestSourceDissolve(t *testing.T) {
	tl, src, a, _ := twoClips()
	// a's media dissolves over frames 1070..1079, inside its clip (1050..1100).
	src["h-a"].Gradual = []Gradual{{Kind: "dissolve", Start: 70, End: 79, Confidence: 0.8}, {Kind: "fade_out", Start: 80, End: 85}}
	got := propose(t, Input{Timeline: tl, Sources: src})
	var sd []suggest.Suggestion
	for _, s := range got[Dissolve] {
		if p, _ := Of(Dissolve, s.Params); p.(*DissolveParams).Source {
			sd = append(sd, s)
		}
	}
	if len(sd) != 1 || sd[0].Target.Path != a.Path || sd[0].Target.Range.Start != 1070 || sd[0].Target.Range.Duration != 10 {
		t.Fatalf("source dissolves %+v, want one over 1070+10 of a", sd)
	}
	out, warns := Apply(tl, entries(t, sd), Accepted)
	if len(warns) > 0 {
		t.Fatalf("warnings: %v", warns)
	}
	v := out.TracksOf(edit.Video)[0]
	if got, want := kinds(v), "C dissolve C C"; got != want {
		t.Fatalf("video %q, want %q", got, want)
	}
	first, second := v.Items[0].(*edit.Clip), v.Items[2].(*edit.Clip)
	if first.SourceRange(out.Rate).End() != 1070 || second.SourceIn != 1080 {
		t.Errorf("split at %d and %d, want 1070 and 1080", first.SourceRange(out.Rate).End(), second.SourceIn)
	}
	if a := out.TracksOf(edit.Audio)[0]; a.Duration() != v.Duration() {
		t.Errorf("audio %d frames, video %d", a.Duration(), v.Duration())
	}
}
