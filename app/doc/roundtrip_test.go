package doc

import (
	"bytes"
	"math/rand/v2"
	"path/filepath"
	"testing"
)

func TestRoundTripGenerated(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "cut.rushcut")
	for seed := range uint64(1000) {
		g := gen{rand.New(rand.NewPCG(seed, 7))}
		p := g.project(t)
		if seed%20 != 0 { // in memory; every twentieth through a file
			b, err := Marshal(p)
			if err != nil {
				t.Fatalf("seed %d: %v", seed, err)
			}
			q, err := Unmarshal(b)
			if err != nil {
				t.Fatalf("seed %d: %v", seed, err)
			}
			if diff := sameProject(p, q); diff != "" {
				t.Fatalf("seed %d: %s", seed, diff)
			}
			continue
		}
		if err := Save(path, p); err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		q, autosave, err := Open(path)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		if autosave != "" {
			t.Errorf("seed %d: autosave %q reported after a clean save", seed, autosave)
		}
		if diff := sameProject(p, q); diff != "" {
			t.Fatalf("seed %d: %s", seed, diff)
		}
		// Writing the reloaded project gives the same bytes.
		a, _ := Marshal(p)
		b, _ := Marshal(q)
		if !bytes.Equal(a, b) {
			t.Fatalf("seed %d: reloaded project marshals differently", seed)
		}
	}
}

func TestSaveAssignsItemIDs(t *testing.T) {
	g := gen{rand.New(rand.NewPCG(1, 2))}
	p := g.project(t)
	for p.Timeline == nil || len(p.Timeline.Tracks) == 0 || len(p.Timeline.Tracks[0].Items) < 2 {
		p = g.project(t)
	}
	items := p.Timeline.Tracks[0].Items
	setItemID(items[0], "")
	setItemID(items[1], "")
	path := filepath.Join(t.TempDir(), "ids.rushcut")
	if err := Save(path, p); err != nil {
		t.Fatal(err)
	}
	if items[0].ItemID() == "" || items[1].ItemID() == "" || items[0].ItemID() == items[1].ItemID() {
		t.Errorf("Save left IDs %q, %q", items[0].ItemID(), items[1].ItemID())
	}
	q, _, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if diff := sameProject(p, q); diff != "" {
		t.Fatal(diff)
	}
}
