package edl

import (
	"bytes"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"rushcut/app/edit"
)

// relinkByFile relinks each event to the timeline's media by source file.
func relinkByFile(tl *edit.Timeline) Relink {
	byPath := map[string]*edit.MediaReference{}
	for _, m := range tl.Media() {
		byPath[filepath.Clean(m.Path)] = m
	}
	return func(_ *Event, s *Source) (*edit.MediaReference, error) {
		if m := byPath[filepath.Clean(s.File)]; m != nil {
			return m, nil
		}
		return nil, errNoMedia
	}
}

type noMedia struct{}

func (noMedia) Error() string { return "no media" }

var errNoMedia = noMedia{}

// withEffects adds to a random timeline what the effect suggestions add:
// fades from black on clips that open the track or follow a gap, fades to
// black on clips that close it or precede a gap, CDLs and stabilize /
// flash-removal effects.
func withEffects(rng *rand.Rand, tl *edit.Timeline) {
	v := tl.TracksOf(edit.Video)[0]
	var items []edit.Item
	for i, it := range v.Items {
		c, ok := it.(*edit.Clip)
		if !ok {
			items = append(items, it)
			continue
		}
		var inOut, nextIn int64 // OutOffset of the transition before, InOffset of the one after
		if tr, ok := itemAt(v.Items, i-1).(*edit.Transition); ok {
			inOut = tr.OutOffset
		}
		if tr, ok := itemAt(v.Items, i+1).(*edit.Transition); ok {
			nextIn = tr.InOffset
		}
		// Markers inside the next transition's head belong to the next
		// event in an EDL; keep them out of the way.
		var keep []edit.Marker
		for _, m := range c.Markers {
			if m.Start < c.Duration-nextIn {
				keep = append(keep, m)
			}
		}
		c.Markers = keep
		switch itemAt(v.Items, i-1).(type) {
		case nil, *edit.Gap:
			if rng.Intn(2) == 0 {
				items = append(items, &edit.Transition{Kind: edit.FadeIn, OutOffset: 1 + rng.Int63n(5)})
			}
		}
		items = append(items, c)
		if rng.Intn(3) == 0 {
			cdl := edit.CDL{Sat: float64(rng.Intn(20000)) / 10000}
			for k := 0; k < 3; k++ {
				cdl.Slope[k] = float64(rng.Intn(30000)) / 10000
				cdl.Offset[k] = float64(rng.Intn(2000)-1000) / 10000
				cdl.Power[k] = float64(1+rng.Intn(30000)) / 10000
			}
			c.Effects = append(c.Effects, edit.Effect{Kind: edit.EffectColor, CDL: &cdl})
		}
		if rng.Intn(5) == 0 {
			c.Effects = append(c.Effects, edit.Effect{Kind: edit.EffectStabilize, Params: map[string]string{"radius": "15", "crop": "0.062"}})
		}
		if rng.Intn(7) == 0 {
			c.Effects = append(c.Effects, edit.Effect{Kind: edit.EffectFlashRemove, Params: map[string]string{"frames": "12,40"}})
		}
		switch itemAt(v.Items, i+1).(type) {
		case nil, *edit.Gap:
			if room := c.Duration - inOut - 7; room > 0 && rng.Intn(2) == 0 {
				items = append(items, &edit.Transition{Kind: edit.FadeOut, InOffset: 1 + rng.Int63n(6)})
			}
		}
	}
	v.Items = items
}

// TestRoundTripEffects: a timeline with fades, dissolves, wipes, M2 speed
// changes, CDLs and stabilize / flash-removal effects is written, read
// back into the edit model and written again: the second EDL is the
// first, and the CDLs, fades and effects are on the right clips.
func TestRoundTripEffects(t *testing.T) {
	rng := rand.New(rand.NewSource(14))
	n := 600
	if testing.Short() {
		n = 100
	}
	var fadesIn, fadesOut, cdls, dissolves, speeds int
	for i := 0; i < n; i++ {
		tl := randomTimeline(rng)
		withEffects(rng, tl)
		if err := tl.Validate(); err != nil {
			t.Fatalf("timeline %d: generator made an invalid timeline: %v", i, err)
		}
		text := mustText(t, tl)
		l, err := Read(bytes.NewReader(text), tl.Rate)
		if err != nil {
			t.Fatalf("timeline %d: Read: %v\n%s", i, err, text)
		}
		if len(l.Warnings) > 0 {
			t.Fatalf("timeline %d: warnings on our own EDL: %v", i, l.Warnings)
		}
		back, warns, err := l.Timeline(relinkByFile(tl))
		if err != nil || len(warns) > 0 {
			t.Fatalf("timeline %d: Timeline: %v %v\n%s", i, err, warns, text)
		}
		if err := back.Validate(); err != nil {
			t.Fatalf("timeline %d: read-back timeline invalid: %v\n%s", i, err, text)
		}
		again := mustText(t, back)
		if !bytes.Equal(again, text) {
			os.WriteFile("/tmp/h2/a.edl", text, 0o644)
			os.WriteFile("/tmp/h2/b.edl", again, 0o644)
			t.Fatalf("timeline %d: EDL → timeline → EDL differs (/tmp/h2/a.edl, b.edl)", i)
		}
		// The same clips carry the same CDLs and effects.
		want, got := videoClips(tl), videoClips(back)
		if len(want) != len(got) {
			t.Fatalf("timeline %d: %d clips read back, want %d", i, len(got), len(want))
		}
		for j := range want {
			if w, g := effectSummary(want[j]), effectSummary(got[j]); w != g {
				t.Fatalf("timeline %d clip %d: effects %s, want %s", i, j, g, w)
			}
		}
		for _, it := range back.TracksOf(edit.Video)[0].Items {
			if tr, ok := it.(*edit.Transition); ok {
				switch tr.Kind {
				case edit.FadeIn:
					fadesIn++
				case edit.FadeOut:
					fadesOut++
				default:
					dissolves++
				}
			}
			if c, ok := it.(*edit.Clip); ok {
				if !c.Speed().IsOne() {
					speeds++
				}
				for _, e := range c.Effects {
					if e.Kind == edit.EffectColor {
						cdls++
					}
				}
			}
		}
	}
	if fadesIn == 0 || fadesOut == 0 || cdls == 0 || dissolves == 0 || speeds == 0 {
		t.Fatalf("the generator missed a case: %d fades in, %d out, %d CDLs, %d dissolves/wipes, %d speed changes", fadesIn, fadesOut, cdls, dissolves, speeds)
	}
}

func mustText(t *testing.T, tl *edit.Timeline) []byte {
	t.Helper()
	l, err := Build(tl)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	b, err := l.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func videoClips(tl *edit.Timeline) []*edit.Clip { return tl.TracksOf(edit.Video)[0].Clips() }

func effectSummary(c *edit.Clip) string {
	var parts []string
	for _, e := range c.Effects {
		s := string(e.Kind)
		switch e.Kind {
		case edit.EffectSpeed:
			s += " " + e.Speed.Mul(edit.One).String()
		case edit.EffectColor:
			s += " " + FormatSOP(e.CDL) + " " + formatCDLNumber(e.CDL.Sat)
		default:
			s += " " + EffectText(e)
		}
		parts = append(parts, s)
	}
	// An EDL keeps no order between ASC lines, locators and comments.
	sort.Strings(parts)
	return strings.Join(parts, "; ")
}

// TestFadesAndCDLText pins the lines NLEs and OpenTimelineIO read: BL
// events for fades, the M2 line, ASC_SOP/ASC_SAT under the event and
// locators for the effects CMX3600 has no code for.
func TestFadesAndCDLText(t *testing.T) {
	a := mediaAt("/r/A001.mov", edit.Rate24, "10:00:00:00", 2400)
	b := mediaAt("/r/B002.mov", edit.Rate24, "11:00:00:00", 2400)
	cdl := edit.CDL{Slope: [3]float64{1.1, 1, 0.9}, Offset: [3]float64{0.01, 0, -0.02}, Power: [3]float64{1, 1, 1.2}, Sat: 0.85}
	tl := videoTimeline("fx", edit.Rate24, false, "01:00:00:00",
		&edit.Transition{Kind: edit.FadeIn, OutOffset: 12},
		&edit.Clip{Media: a, SourceIn: a.Start + 48, Duration: 48, Effects: []edit.Effect{{Kind: edit.EffectColor, CDL: &cdl}}},
		&edit.Transition{Kind: edit.Dissolve, InOffset: 6, OutOffset: 6},
		&edit.Clip{Media: b, SourceIn: b.Start + 100, Duration: 48, Effects: []edit.Effect{
			edit.SpeedEffect(2, 1),
			{Kind: edit.EffectStabilize, Params: map[string]string{"radius": "15", "crop": "0.062"}}}},
		&edit.Transition{Kind: edit.FadeOut, InOffset: 24},
	)
	text := string(mustText(t, tl))
	for _, want := range []string{
		"001  BL       V     C        00:00:00:00 00:00:00:00 01:00:00:00 01:00:00:00\n001  A001     V     D    012 10:00:02:00 10:00:03:18 01:00:00:00 01:00:01:18\n",
		"* ASC_SOP (1.1 1.0 0.9)(0.01 0.0 -0.02)(1.0 1.0 1.2)\n* ASC_SAT 0.85\n",
		"002  A001     V     C        10:00:03:18 10:00:03:18 01:00:01:18 01:00:01:18\n002  B002     V     D    012 11:00:03:16 11:00:06:04 01:00:01:18 01:00:03:00\nM2   B002          048.0                11:00:03:16\n",
		"* LOC: 01:00:01:18 YELLOW  EFFECT: stabilize crop=0.062 radius=15\n",
		"003  B002     V     C        11:00:06:04 11:00:06:04 01:00:03:00 01:00:03:00\n003  BL       V     D    024 00:00:00:00 00:00:01:00 01:00:03:00 01:00:04:00\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("EDL lacks\n%s\n----\n%s", want, text)
		}
	}
	l, err := Read(strings.NewReader(text), edit.Rate24)
	if err != nil {
		t.Fatal(err)
	}
	back, warns, err := l.Timeline(relinkByFile(tl))
	if err != nil || len(warns) > 0 {
		t.Fatal(err, warns)
	}
	items := back.Tracks[0].Items
	kinds := []string{}
	for _, it := range items {
		switch x := it.(type) {
		case *edit.Transition:
			kinds = append(kinds, string(x.Kind))
		case *edit.Clip:
			kinds = append(kinds, "clip")
		case *edit.Gap:
			kinds = append(kinds, "gap")
		}
	}
	if got := strings.Join(kinds, " "); got != "fade_in clip dissolve clip fade_out" {
		t.Fatalf("items %s", got)
	}
	c0 := items[1].(*edit.Clip)
	if len(c0.Effects) != 1 || c0.Effects[0].CDL == nil || *c0.Effects[0].CDL != cdl {
		t.Errorf("clip 1 effects %+v, want the CDL %+v", c0.Effects, cdl)
	}
	if fo := items[4].(*edit.Transition); fo.InOffset != 24 {
		t.Errorf("fade out %d frames", fo.InOffset)
	}
	c1 := items[3].(*edit.Clip)
	if c1.Speed() != (edit.Ratio{Num: 2, Den: 1}) || len(c1.Effects) != 2 || c1.Effects[1].Params["radius"] != "15" {
		t.Errorf("clip 2 effects %+v", c1.Effects)
	}
}
