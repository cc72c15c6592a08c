package effects

import (
	"reflect"
	"testing"

	"rushcut/app/edit"
	"rushcut/app/suggest"
)

func TestParamsRoundTrip(t *testing.T) {
	cdl := edit.CDL{Slope: [3]float64{1.1, 0.95, 1}, Offset: [3]float64{-0.01, 0, 0.02}, Power: [3]float64{1, 1.05, 0.9}, Sat: 0.9}
	for _, p := range []Params{
		&DissolveParams{InOffset: 6, OutOffset: 6, From: "abc", FromPath: "/a.mov", FromOut: 120},
		&DissolveParams{InOffset: 5, OutOffset: 4, Source: true},
		&DissolveParams{InOffset: 12, OutOffset: 11, Source: true, Dip: "white"},
		&WipeParams{InOffset: 6, OutOffset: 5, Direction: "up"},
		&FadeParams{Frames: 24},
		&FadeParams{Out: true, Frames: 12},
		&StabilizeParams{Radius: 15, Crop: 0.042},
		&SpeedParams{Speed: edit.Ratio{Num: 1, Den: 2}},
		&ColorParams{CDL: cdl, Reference: "h1", ReferencePath: "/r.mov", ReferenceIn: 10, ReferenceOut: 90},
		&FlashParams{Frames: []int64{3, 40, 41}},
	} {
		got, err := Decode(p.Kind(), p.Values())
		if err != nil {
			t.Fatalf("%s: %v", p.Kind(), err)
		}
		if !reflect.DeepEqual(got, p) {
			t.Errorf("%s: round trip gave %+v, want %+v", p.Kind(), got, p)
		}
	}
}

func TestDecodeRefuses(t *testing.T) {
	for _, c := range []struct {
		kind string
		v    map[string]string
	}{
		{"dissolve", map[string]string{"in_offset": "0", "out_offset": "0", "from": "x", "from_out": "1", "from_path": ""}},
		{"dissolve", map[string]string{"in_offset": "3", "out_offset": "3"}},
		{"dissolve", map[string]string{"in_offset": "3", "out_offset": "3", "from": "x", "from_out": "1", "from_path": "", "dip": "white"}},
		{"wipe", map[string]string{"in_offset": "3", "out_offset": "3", "direction": "sideways"}},
		{"wipe", map[string]string{"in_offset": "3", "out_offset": "3"}},
		{"wipe", map[string]string{"in_offset": "0", "out_offset": "0", "direction": "left"}},
		{"fade_in", map[string]string{"frames": "-1"}},
		{"stabilize", map[string]string{"radius": "0", "crop": "0.01"}},
		{"stabilize", map[string]string{"radius": "5", "crop": "NaN"}},
		{"speed", map[string]string{"speed": "0/1"}},
		{"speed", map[string]string{"speed": "-1/2"}},
		{"color", map[string]string{"slope": "1 1", "offset": "0 0 0", "power": "1 1 1", "sat": "1"}},
		{"color", map[string]string{"slope": "1 0 1", "offset": "0 0 0", "power": "1 1 1", "sat": "1"}},
		{"flash_remove", map[string]string{"frames": "4,3"}},
		{"flash_remove", map[string]string{"frames": ""}},
		{"trim", map[string]string{}},
	} {
		if _, err := Decode(suggestKind(c.kind), c.v); err == nil {
			t.Errorf("%s %v: decoded, want an error", c.kind, c.v)
		}
	}
}

func TestEditForms(t *testing.T) {
	if tr := (&FadeParams{Out: true, Frames: 12}).Transition(); tr.Kind != edit.FadeOut || tr.InOffset != 12 || tr.OutOffset != 0 {
		t.Errorf("fade out: %+v", tr)
	}
	if tr := (&FadeParams{Frames: 10}).Transition(); tr.Kind != edit.FadeIn || tr.OutOffset != 10 || tr.InOffset != 0 {
		t.Errorf("fade in: %+v", tr)
	}
	for _, c := range []struct {
		dir     string
		code    int
		reverse bool
	}{{"right", 1, false}, {"left", 1, true}, {"down", 2, false}, {"up", 2, true}} {
		tr := (&WipeParams{InOffset: 4, OutOffset: 3, Direction: c.dir}).Transition()
		if rev, _ := tr.Metadata["reverse"].(bool); tr.Kind != edit.Wipe || tr.WipeCode != c.code || rev != c.reverse || tr.Duration() != 7 {
			t.Errorf("wipe %s: %+v, want code %d reverse %v", c.dir, tr, c.code, c.reverse)
		}
	}
	if tr := (&DissolveParams{InOffset: 4, OutOffset: 4, Source: true, Dip: "white"}).Transition(); tr.Kind != edit.Dissolve || tr.Metadata["dip"] != "white" {
		t.Errorf("dip: %+v", tr)
	}
	e := (&ColorParams{CDL: edit.IdentityCDL(), Reference: "r"}).Effect()
	if e.Kind != edit.EffectColor || e.CDL == nil || *e.CDL != edit.IdentityCDL() {
		t.Errorf("color effect: %+v", e)
	}
	if e := (&StabilizeParams{Radius: 9, Crop: 0.05}).Effect(); e.Params["radius"] != "9" || e.Params["crop"] != "0.05" {
		t.Errorf("stabilize effect: %+v", e)
	}
}

func suggestKind(s string) suggest.Kind { return suggest.Kind(s) }
