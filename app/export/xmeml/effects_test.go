package xmeml

import (
	"strings"
	"testing"

	"rushcut/app/edit"
)

// TestFadesAndEffectMarkers: fades are Cross Dissolves at the clip's
// outer edge (alignment start/end) with the clip's own start/end kept;
// the dissolve between the clips is centred with -1 on both sides; speed
// is a Time Remap; a CDL, stabilize and flash removal are markers naming
// the effect with its parameters.
func TestFadesAndEffectMarkers(t *testing.T) {
	a := &edit.MediaReference{Path: "/r/a.mov", Rate: edit.Rate24, Duration: 2400, Start: 864000, HasTimecode: true}
	b := &edit.MediaReference{Path: "/r/b.mov", Rate: edit.Rate24, Duration: 2400}
	cdl := edit.CDL{Slope: [3]float64{1.1, 1, 0.9}, Offset: [3]float64{0.01, 0, -0.02}, Power: [3]float64{1, 1, 1.2}, Sat: 0.85}
	tl := &edit.Timeline{Name: "fx", Rate: edit.Rate24, Start: 86400, Tracks: []*edit.Track{{Name: "V1", Kind: edit.Video, Items: []edit.Item{
		&edit.Transition{Kind: edit.FadeIn, OutOffset: 12},
		&edit.Clip{Media: a, SourceIn: a.Start + 48, Duration: 48, Effects: []edit.Effect{
			{Kind: edit.EffectColor, CDL: &cdl},
			{Kind: edit.EffectStabilize, Params: map[string]string{"radius": "15", "crop": "0.062"}}}},
		&edit.Transition{Kind: edit.Dissolve, InOffset: 6, OutOffset: 6},
		&edit.Clip{Media: b, SourceIn: 100, Duration: 48, Effects: []edit.Effect{edit.SpeedEffect(2, 1),
			{Kind: edit.EffectFlashRemove, Params: map[string]string{"frames": "130"}}}},
		&edit.Transition{Kind: edit.FadeOut, InOffset: 24},
	}}}}
	out, err := Marshal(tl)
	if err != nil {
		t.Fatal(err)
	}
	doc := parse(t, out)
	track := doc.all("sequence/media/video/track")[0]
	trs := track.all("transitionitem")
	if len(trs) != 3 {
		t.Fatalf("%d transitions", len(trs))
	}
	for i, want := range []string{"start 0 12", "center 42 54", "end 72 96"} {
		tr := trs[i]
		if got := tr.get("alignment") + " " + tr.get("start") + " " + tr.get("end"); got != want || tr.get("effect/name") != "Cross Dissolve" {
			t.Errorf("transition %d: %s %q, want %s Cross Dissolve", i, got, tr.get("effect/name"), want)
		}
	}
	clips := track.all("clipitem")
	if got := clips[0].get("start") + " " + clips[0].get("end") + " " + clips[1].get("start") + " " + clips[1].get("end"); got != "0 -1 -1 96" {
		t.Errorf("clip start/end %s, want 0 -1 -1 96", got)
	}
	var marks []string
	for _, c := range clips {
		for _, m := range c.all("marker") {
			marks = append(marks, m.get("name")+"|"+m.get("comment")+"|"+m.get("in"))
		}
	}
	want := []string{"COLOR|ASC_SOP (1.1 1.0 0.9)(0.01 0.0 -0.02)(1.0 1.0 1.2) ASC_SAT 0.85|48", "STABILIZE|crop=0.062 radius=15|48", "FLASH_REMOVE|frames=130|100"}
	if strings.Join(marks, "\n") != strings.Join(want, "\n") {
		t.Errorf("markers\n%s\nwant\n%s", strings.Join(marks, "\n"), strings.Join(want, "\n"))
	}
	var speed string
	for _, p := range clips[1].all("filter/effect/parameter") {
		if p.get("parameterid") == "speed" {
			speed = p.get("value")
		}
	}
	if clips[1].get("filter/effect/name") != "Time Remap" || speed != "200" {
		t.Errorf("speed filter %q %q", clips[1].get("filter/effect/name"), speed)
	}
}
