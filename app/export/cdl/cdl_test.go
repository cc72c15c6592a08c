package cdl

import (
	"encoding/xml"
	"strconv"
	"strings"
	"testing"

	"rushcut/app/edit"
)

func graded(name string, c edit.CDL) *edit.Clip {
	m := &edit.MediaReference{Path: "/r/" + name + ".mov", Rate: edit.Rate24, Duration: 100}
	return &edit.Clip{Name: name, Media: m, Duration: 10, Effects: []edit.Effect{{Kind: edit.EffectColor, CDL: &c}}}
}

// parsed reads a ColorCorrection back.
type parsed struct {
	ID     string `xml:"id,attr"`
	Slope  string `xml:"SOPNode>Slope"`
	Offset string `xml:"SOPNode>Offset"`
	Power  string `xml:"SOPNode>Power"`
	Sat    string `xml:"SatNode>Saturation"`
}

func floats(t *testing.T, s string) []float64 {
	var out []float64
	for _, f := range strings.Fields(s) {
		v, err := strconv.ParseFloat(f, 64)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	return out
}

func TestCollectionAndFiles(t *testing.T) {
	a := edit.CDL{Slope: [3]float64{1.1, 1, 0.95}, Offset: [3]float64{0.01, 0, -0.0122}, Power: [3]float64{1, 1.05, 1}, Sat: 0.9}
	b := edit.CDL{Slope: [3]float64{0.9127, 0.9127, 0.9127}, Offset: [3]float64{0.0245, 0.0245, 0.0245}, Power: [3]float64{1.01, 1.12, 0.91}, Sat: 1}
	plain := &edit.Clip{Media: &edit.MediaReference{Path: "/r/x.mov", Rate: edit.Rate24, Duration: 100}, Duration: 10}
	tl := &edit.Timeline{Rate: edit.Rate24, Start: 86400, Tracks: []*edit.Track{{Name: "V1", Kind: edit.Video,
		Items: []edit.Item{graded("A001", a), plain, graded("A001", b), graded("shot/1", a)}}}}
	cs, err := Collect(tl)
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 3 || cs[0].ID != "A001" || cs[1].ID != "A001_2" || cs[2].ID != "shot/1" {
		t.Fatalf("corrections %+v", cs)
	}
	if !strings.Contains(cs[1].Description, "record 01:00:00:20") {
		t.Errorf("description %q", cs[1].Description)
	}
	ccc, err := CCC(cs)
	if err != nil {
		t.Fatal(err)
	}
	var coll struct {
		XMLName xml.Name
		CCs     []parsed `xml:"ColorCorrection"`
	}
	if err := xml.Unmarshal(ccc, &coll); err != nil {
		t.Fatal(err)
	}
	if coll.XMLName.Local != "ColorCorrectionCollection" || coll.XMLName.Space != "urn:ASC:CDL:v1.01" || len(coll.CCs) != 3 {
		t.Fatalf("collection %v with %d corrections:\n%s", coll.XMLName, len(coll.CCs), ccc)
	}
	for i, want := range []edit.CDL{a, b, a} {
		got := coll.CCs[i]
		if g := floats(t, got.Slope+" "+got.Offset+" "+got.Power+" "+got.Sat); len(g) != 10 ||
			[3]float64(g[0:3]) != want.Slope || [3]float64(g[3:6]) != want.Offset || [3]float64(g[6:9]) != want.Power || g[9] != want.Sat {
			t.Errorf("correction %d read back as %v, want %+v", i, g, want)
		}
	}
	files, err := Files(cs, false, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"A001.cdl", "A001_2.cdl", "shot_1.cdl"} {
		var doc struct {
			XMLName xml.Name
			CC      parsed `xml:"ColorDecision>ColorCorrection"`
		}
		if err := xml.Unmarshal(files[n], &doc); err != nil || doc.XMLName.Local != "ColorDecisionList" || doc.CC.Slope == "" {
			t.Errorf("%s: %v %+v\n%s", n, err, doc, files[n])
		}
	}
	if len(files) != 3 {
		t.Errorf("files %v", len(files))
	}
	if f, _ := Files(cs, true, "my cut"); f["my cut.ccc"] == nil {
		t.Error("no collection file")
	}
}

func TestRefusesBadCDL(t *testing.T) {
	bad := edit.IdentityCDL()
	bad.Power[1] = 0
	tl := &edit.Timeline{Rate: edit.Rate24, Tracks: []*edit.Track{{Name: "V1", Kind: edit.Video, Items: []edit.Item{graded("a", bad)}}}}
	if _, err := Collect(tl); err == nil || !strings.Contains(err.Error(), "power") {
		t.Errorf("power 0 collected: %v", err)
	}
	c := graded("b", edit.IdentityCDL())
	c.Effects = append(c.Effects, c.Effects[0])
	tl.Tracks[0].Items = []edit.Item{c}
	if _, err := Collect(tl); err == nil || !strings.Contains(err.Error(), "two colour") {
		t.Errorf("two grades collected: %v", err)
	}
}

func TestText(t *testing.T) {
	c := edit.CDL{Slope: [3]float64{1, 2, 3}, Offset: [3]float64{-0.5, 0, 1e-7}, Power: [3]float64{1, 1, 1}, Sat: 1}
	if got, want := Text(&c), "ASC_SOP (1.0 2.0 3.0)(-0.5 0.0 0.0000001)(1.0 1.0 1.0) ASC_SAT 1.0"; got != want {
		t.Errorf("Text = %q, want %q", got, want)
	}
}
