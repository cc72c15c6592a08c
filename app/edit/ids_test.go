package edit

import (
	"reflect"
	"testing"
)

func TestEnsureIDs(t *testing.T) {
	m := media("a.mov", Rate24, 0, 1000)
	a := &Clip{ID: "c1", Media: m, Duration: 10}
	dup := &Clip{ID: "c1", Media: m, Duration: 10}
	tl := &Timeline{Rate: Rate24, Tracks: []*Track{
		{Kind: Video, Items: []Item{a, &Transition{Kind: Dissolve, OutOffset: 2}, &Clip{Media: m, Duration: 5}, &Gap{Duration: 3}}},
		{Kind: Audio, Items: []Item{dup, &Gap{ID: "g1", Duration: 4}, &Clip{ID: "x", Media: m, Duration: 2}}},
	}}
	if !tl.EnsureIDs() {
		t.Fatal("EnsureIDs reported no change")
	}
	var got []string
	for _, tr := range tl.Tracks {
		for _, it := range tr.Items {
			got = append(got, it.ItemID())
		}
	}
	// c1, g1 and x are taken; the duplicate c1 (later in track order) and
	// the items without an ID get the smallest free numbers.
	want := []string{"c1", "t1", "c2", "g2", "c3", "g1", "x"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("IDs %v, want %v", got, want)
	}
	if tl.EnsureIDs() {
		t.Error("second EnsureIDs changed IDs")
	}
	if tr, i := tl.Find("g2"); tr != tl.Tracks[0] || i != 3 {
		t.Errorf("Find(g2) = %v, %d", tr, i)
	}
	if tr, i := tl.Find("nope"); tr != nil || i != -1 {
		t.Errorf("Find(nope) = %v, %d", tr, i)
	}
	if _, i := tl.Find(""); i != -1 {
		t.Error("Find(\"\") found an item")
	}
}

func TestCloneKeepsIdentity(t *testing.T) {
	m := media("a.mov", Rate24, 0, 1000)
	prov := &Provenance{Suggestion: "trim-3f9a2c10", Cue: "clap", Model: "takes/1", Confidence: 0.9}
	md := Metadata{"note": "x", "nested": map[string]any{"k": []any{1.0, "a"}}}
	tl := &Timeline{Rate: Rate24, Tracks: []*Track{{Kind: Video, Items: []Item{
		&Clip{ID: "c1", Media: m, Duration: 10, Provenance: prov, Metadata: md},
		&Transition{ID: "t1", Kind: Dissolve, OutOffset: 2, Provenance: prov, Metadata: md},
		&Clip{ID: "c2", Media: m, Duration: 10},
		&Gap{ID: "g1", Duration: 3, Provenance: prov, Metadata: md},
	}}}}
	c := tl.Clone()
	if !reflect.DeepEqual(c, tl) {
		t.Fatal("clone differs from the original")
	}
	for i, it := range c.Tracks[0].Items {
		if it.ItemID() != tl.Tracks[0].Items[i].ItemID() {
			t.Errorf("item %d: ID %q, want %q", i, it.ItemID(), tl.Tracks[0].Items[i].ItemID())
		}
	}
	cc := c.Tracks[0].Items[0].(*Clip)
	cc.Provenance.Confidence = 0
	cc.Metadata["note"] = "changed"
	cc.Metadata["nested"].(map[string]any)["k"].([]any)[0] = 2.0
	c.Tracks[0].Items[1].(*Transition).Metadata["note"] = "changed"
	c.Tracks[0].Items[3].(*Gap).Provenance.Cue = "changed"
	if prov.Confidence != 0.9 || prov.Cue != "clap" || md["note"] != "x" || md["nested"].(map[string]any)["k"].([]any)[0] != 1.0 {
		t.Error("Clone shares provenance or metadata with the original")
	}
}
