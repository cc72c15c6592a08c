package doc

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"rushcut/app/edit"
	"rushcut/app/suggest"
)

var update = flag.Bool("update", false, "rewrite testdata/v2.rushcut from the writer (review the diff by hand)")

// fixture is a small project with one of everything.
func fixture(t testing.TB) *Project {
	a := &Media{Ref: &edit.MediaReference{Path: "/rushes/A001.mov", ContentHash: "sha256:aa", Rate: edit.Rate2997, Start: 107892,
		HasTimecode: true, DropFrame: true, Duration: 900, Width: 1920, Height: 1080, HasAudio: true, AudioChannels: 2, SampleRate: 48000},
		Size: 123456, Cache: map[string]string{"features": "0f3c"}}
	b := &Media{Ref: &edit.MediaReference{Path: "/rushes/A002.mov", Rate: edit.Rate2997, Duration: 600}, Size: 98765}
	trim := suggest.Suggestion{Kind: suggest.Trim, Target: suggest.Target{Path: a.Ref.Path, Hash: a.Ref.ContentHash,
		Range: a.Ref.AvailableRange()}, Params: suggest.Params{Trim: &suggest.TrimRange{In: 107940, Out: 108600}},
		Confidence: 0.9, Reason: "clap at 1.6 s (audio peak −2 dBFS)",
		Evidence: suggest.Evidence{Measures: []suggest.Measure{{Name: "audio peak", Value: -2, Unit: "dBFS"}},
			Curve: &suggest.Curve{Name: "motion", Origin: 107892, Values: []float64{0.1, 0.5, 0.25}}}}
	take := suggest.Suggestion{Kind: suggest.Take, Target: suggest.Target{Path: b.Ref.Path},
		Params:     suggest.Params{Take: &suggest.TakeChoice{Group: "12A", Chosen: b.Ref.Path, Takes: []string{a.Ref.Path, b.Ref.Path}}},
		Confidence: 0.6, Reason: "steadier (motion 0.2 vs 0.7)"}
	list := suggest.Identify([]suggest.Suggestion{trim, take})
	set := suggest.NewSet()
	if _, err := set.Merge(list); err != nil {
		t.Fatal(err)
	}
	set.Accept(list[0].ID)
	tl := &edit.Timeline{Name: "Rough cut", Rate: edit.Rate2997, DropFrame: true, Start: 107892, Tracks: []*edit.Track{
		{Name: "V1", Kind: edit.Video, Items: []edit.Item{
			&edit.Clip{ID: "c1", Media: a.Ref, SourceIn: 107940, Duration: 660, Markers: []edit.Marker{{Name: "clap", Start: 0}},
				Provenance: &edit.Provenance{Suggestion: list[0].ID, Cue: "clap", Model: "takes/1", Confidence: 0.9}},
			&edit.Transition{ID: "t1", Kind: edit.Dissolve, InOffset: 5, OutOffset: 5},
			&edit.Clip{ID: "c2", Media: b.Ref, SourceIn: 10, Duration: 300, Effects: []edit.Effect{edit.SpeedEffect(1, 2)},
				Metadata: edit.Metadata{"note": "slow"}},
			&edit.Gap{ID: "g1", Duration: 30},
		}},
	}}
	return &Project{Name: "Short film", Media: []*Media{a, b}, Suggestions: set, Timeline: tl}
}

// TestGoldenFile pins the file format: a change to the writer shows up as
// a diff of testdata/v2.rushcut, which must come with a version bump and
// an upgrader when it changes what version 2 means.
func TestGoldenFile(t *testing.T) {
	got, err := Marshal(fixture(t))
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "v2.rushcut")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("Marshal differs from %s (run with -update and review the diff)", golden)
	}
	p, _, err := Open(golden)
	if err != nil {
		t.Fatal(err)
	}
	if diff := sameProject(fixture(t), p); diff != "" {
		t.Error(diff)
	}
}

// TestOpensVersion1 opens the file version 1 wrote (testdata/v1.rushcut,
// written before the project could hold an editor's imported cut): the
// same project, its cut Rushcut's own.
func TestOpensVersion1(t *testing.T) {
	p, _, err := Open(filepath.Join("testdata", "v1.rushcut"))
	if err != nil {
		t.Fatal(err)
	}
	if diff := sameProject(fixture(t), p); diff != "" {
		t.Error(diff)
	}
	if p.Imported != "" {
		t.Errorf("imported %q; want none", p.Imported)
	}
}

// TestImportedRoundTrip: the name of an imported cut's file survives a
// save.
func TestImportedRoundTrip(t *testing.T) {
	p := fixture(t)
	p.Imported = "/edit/reel 1 – v3.edl"
	b, err := Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	q, err := Unmarshal(b)
	if err != nil {
		t.Fatal(err)
	}
	if q.Imported != p.Imported {
		t.Errorf("imported %q; want %q", q.Imported, p.Imported)
	}
}

func TestOpenRefuses(t *testing.T) {
	good, err := Marshal(fixture(t))
	if err != nil {
		t.Fatal(err)
	}
	s := string(good)
	mod := func(old, new string) string {
		if !strings.Contains(s, old) {
			t.Fatalf("fixture has no %q", old)
		}
		return strings.Replace(s, old, new, 1)
	}
	bad := strings.Index(s, `"id": "m1"`) + len(`"id":`) // the space after a colon becomes "@"
	tests := []struct {
		name, data, want string
		is               error
	}{
		{"future project", mod(`"Rushcut.Project.2"`, `"Rushcut.Project.9"`),
			"cut.rushcut: unsupported version Rushcut.Project.9 (this Rushcut reads up to 2)", ErrVersion},
		{"future clip", mod(`"Clip.1"`, `"Clip.7"`), "cut.rushcut: unsupported version Clip.7 (this Rushcut reads up to 1)", ErrVersion},
		{"truncated", s[:120], "cut.rushcut: not a Rushcut project: invalid JSON: ends early at byte 120", ErrNotProject},
		{"garbage", s[:bad] + "@" + s[bad+1:], fmt.Sprintf("cut.rushcut: not a Rushcut project: invalid JSON at byte %d", bad+1), ErrNotProject},
		{"empty", "", "cut.rushcut: not a Rushcut project: empty file", ErrNotProject},
		{"array", "[1]", "cut.rushcut: not a Rushcut project: not a JSON object", ErrNotProject},
		{"other JSON", `{"OTIO_SCHEMA": "Timeline.1"}`, "cut.rushcut: not a Rushcut project: no schema", ErrNotProject},
		{"other schema", `{"schema": "Timeline.1"}`, `cut.rushcut: not a Rushcut project: schema "Timeline.1"`, ErrNotProject},
		{"trailing data", s + "{}", "cut.rushcut: not a Rushcut project: data after the project at byte", ErrNotProject},
		{"unknown schema", mod(`"Gap.1"`, `"Wobble.1"`), `cut.rushcut: damaged project: project.timeline.tracks[0].items[3]: unknown schema "Wobble.1"`, ErrDamaged},
		{"missing schema", mod(`"schema": "Gap.1"`, `"kind": "Gap.1"`), "cut.rushcut: damaged project: project.timeline.tracks[0].items[3] has no schema", ErrDamaged},
		{"misplaced schema", mod(`"Gap.1"`, `"Media.1"`), `cut.rushcut: damaged project: track 1 item 4: schema "Media.1" is not a clip, gap or transition`, ErrDamaged},
		{"unknown field", mod(`"source_in"`, `"source_out"`), `cut.rushcut: damaged project: track 1 item 1: json: unknown field "source_out"`, ErrDamaged},
		{"wrong type", mod(`"duration": 30,`, `"duration": "30",`), "cut.rushcut: damaged project: track 1 item 4: duration is a JSON string, want int64", ErrDamaged},
		{"wrong type at the top", mod(`"size": 98765`, `"size": true`), "cut.rushcut: damaged project: media.size is a JSON bool, want int64", ErrDamaged},
		{"unknown media", mod(`"media": "m2"`, `"media": "m9"`), `cut.rushcut: damaged project: track 1 item 3: clip c2 plays unknown media "m9"`, ErrDamaged},
		{"repeated item ID", mod(`"id": "g1"`, `"id": "c1"`), `cut.rushcut: damaged project: track 1 item 4: item ID "c1" is empty or repeated`, ErrDamaged},
		{"bad status", mod(`"status": "accepted"`, `"status": "maybe"`), `unknown status "maybe"`, ErrDamaged},
		{"bad confidence", mod(`"confidence": 0.6`, `"confidence": 1.6`), "confidence 1.6 is outside 0..1", ErrDamaged},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		path := filepath.Join(dir, "cut.rushcut")
		if err := os.WriteFile(path, []byte(tt.data), 0o644); err != nil {
			t.Fatal(err)
		}
		p, _, err := Open(path)
		if p != nil || err == nil {
			t.Errorf("%s: opened", tt.name)
			continue
		}
		msg := strings.TrimPrefix(err.Error(), dir+string(filepath.Separator))
		if !strings.Contains(msg, tt.want) || strings.Contains(msg, "\n") || !errors.Is(err, tt.is) {
			t.Errorf("%s: error %q, want one line containing %q, wrapping %v", tt.name, msg, tt.want, tt.is)
		}
	}
	if _, _, err := Open(filepath.Join(dir, "none.rushcut")); err == nil || !errors.Is(err, os.ErrNotExist) ||
		!strings.HasSuffix(err.Error(), "none.rushcut: open: no such file or directory") {
		t.Errorf("missing file: %v", err)
	}
}
