package otio

import (
	"encoding/json"
	"testing"

	"rushcut/app/edit"
)

// TestFadesAndCDL: fades are Transitions at the track's edge (in_offset 0
// for a fade in, out_offset 0 for a fade out) with their kind in
// metadata; a CDL is in the clip's "cdl" metadata in the form OTIO's
// cmx_3600 adapter reads and writes, and in the color effect's
// parameters; stabilize keeps its parameters.
func TestFadesAndCDL(t *testing.T) {
	m := &edit.MediaReference{Path: "/r/a.mov", Rate: edit.Rate24, Duration: 1000}
	cdl := edit.CDL{Slope: [3]float64{1.1, 1, 0.9}, Offset: [3]float64{0.01, 0, -0.02}, Power: [3]float64{1, 1, 1.2}, Sat: 0.85}
	tl := &edit.Timeline{Name: "fx", Rate: edit.Rate24, Tracks: []*edit.Track{{Name: "V1", Kind: edit.Video, Items: []edit.Item{
		&edit.Transition{Kind: edit.FadeIn, OutOffset: 12},
		&edit.Clip{Media: m, SourceIn: 100, Duration: 48, Effects: []edit.Effect{{Kind: edit.EffectColor, CDL: &cdl},
			{Kind: edit.EffectStabilize, Params: map[string]string{"radius": "15", "crop": "0.062"}}}},
		&edit.Transition{Kind: edit.FadeOut, InOffset: 24},
	}}}}
	b, err := Marshal(tl)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Tracks struct {
			Children []struct {
				Children []map[string]json.RawMessage `json:"children"`
			} `json:"children"`
		} `json:"tracks"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	items := doc.Tracks.Children[0].Children
	if len(items) != 3 {
		t.Fatalf("%d children", len(items))
	}
	type tr struct {
		Schema   string                  `json:"OTIO_SCHEMA"`
		Type     string                  `json:"transition_type"`
		In       struct{ Value float64 } `json:"in_offset"`
		Out      struct{ Value float64 } `json:"out_offset"`
		Metadata struct {
			Rushcut struct{ Kind string } `json:"rushcut"`
		} `json:"metadata"`
	}
	for i, want := range []struct {
		in, out float64
		kind    string
	}{{0, 12, "fade_in"}, {24, 0, "fade_out"}} {
		raw, _ := json.Marshal(items[2*i])
		var x tr
		json.Unmarshal(raw, &x)
		if x.Schema != "Transition.1" || x.Type != "SMPTE_Dissolve" || x.In.Value != want.in || x.Out.Value != want.out || x.Metadata.Rushcut.Kind != want.kind {
			t.Errorf("transition %d: %+v", i, x)
		}
	}
	var clip struct {
		Metadata struct {
			CDL struct {
				Sat float64 `json:"asc_sat"`
				SOP struct {
					Slope, Offset, Power [3]float64
				} `json:"asc_sop"`
			} `json:"cdl"`
		} `json:"metadata"`
		Effects []struct {
			Name     string `json:"effect_name"`
			Metadata struct {
				Rushcut map[string]any `json:"rushcut"`
			} `json:"metadata"`
		} `json:"effects"`
	}
	raw, _ := json.Marshal(items[1])
	if err := json.Unmarshal(raw, &clip); err != nil {
		t.Fatal(err)
	}
	got := edit.CDL{Slope: clip.Metadata.CDL.SOP.Slope, Offset: clip.Metadata.CDL.SOP.Offset, Power: clip.Metadata.CDL.SOP.Power, Sat: clip.Metadata.CDL.Sat}
	if got != cdl {
		t.Errorf("cdl metadata %+v, want %+v", got, cdl)
	}
	if len(clip.Effects) != 2 || clip.Effects[0].Name != "color" || clip.Effects[0].Metadata.Rushcut["cdl"] == nil ||
		clip.Effects[1].Name != "stabilize" || clip.Effects[1].Metadata.Rushcut["radius"] != "15" || clip.Effects[1].Metadata.Rushcut["crop"] != "0.062" {
		t.Errorf("effects %+v", clip.Effects)
	}
}
