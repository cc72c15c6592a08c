package doc

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"rushcut/app/edit"
)

func TestRelink(t *testing.T) {
	root := t.TempDir()
	orig := filepath.Join(root, "card")
	moved := filepath.Join(root, "archive", "day1")
	os.MkdirAll(orig, 0o755)
	os.MkdirAll(filepath.Join(moved, "sub"), 0o755)
	write := func(path, content string) *Media {
		os.WriteFile(path, []byte(content), 0o644)
		m := &Media{Ref: &edit.MediaReference{Path: path, Rate: edit.Rate24, Duration: 10}}
		if err := HashMedia(m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	a := write(filepath.Join(orig, "A001.mov"), "take one")
	b := write(filepath.Join(orig, "A002.mov"), "take two")
	c := write(filepath.Join(orig, "A003.mov"), "take three")
	stay := write(filepath.Join(root, "stay.mov"), "here")
	nohash := &Media{Ref: &edit.MediaReference{Path: filepath.Join(orig, "gone.mov")}, Size: 4}
	p := &Project{Media: []*Media{a, b, c, stay, nohash}, Timeline: &edit.Timeline{Rate: edit.Rate24, Tracks: []*edit.Track{
		{Kind: edit.Video, Items: []edit.Item{&edit.Clip{ID: "c1", Media: a.Ref, Duration: 5}}}}}}
	// The card is copied elsewhere, renamed; a decoy of the same size as
	// A001 but other content sits beside it; A003 is lost.
	os.WriteFile(filepath.Join(moved, "aaa-decoy.mov"), []byte("take 1!!"), 0o644)
	os.WriteFile(filepath.Join(moved, "sub", "renamed.mov"), []byte("take one"), 0o444)
	os.WriteFile(filepath.Join(moved, "A002.mov"), []byte("take two"), 0o644)
	os.RemoveAll(orig)
	oldA, oldB, oldC := a.Ref.Path, b.Ref.Path, c.Ref.Path
	res, err := p.Relink(filepath.Join(root, "archive"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{oldA: filepath.Join(moved, "sub", "renamed.mov"), oldB: filepath.Join(moved, "A002.mov")}
	if !reflect.DeepEqual(res.Found, want) {
		t.Errorf("Found %v, want %v", res.Found, want)
	}
	if !reflect.DeepEqual(res.Missing, []string{oldC, nohash.Ref.Path}) {
		t.Errorf("Missing %v", res.Missing)
	}
	if p.Timeline.Tracks[0].Items[0].(*edit.Clip).Media.Path != want[oldA] || stay.Ref.Path != filepath.Join(root, "stay.mov") {
		t.Error("references not updated in place, or present media moved")
	}
	if _, err := p.Relink(filepath.Join(root, "nowhere")); err == nil {
		t.Error("Relink into a missing folder: no error")
	}
}
