package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"rushcut/app/doc"
	"rushcut/app/edit"
	"rushcut/app/export/edl"
	"rushcut/app/suggest"
	"rushcut/app/takes/rushgen"
)

// readCut reads an EDL the assemble command wrote, at 25 fps.
func readCut(t *testing.T, path string) *edl.List {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	l, err := edl.Read(f, edit.Rate{Num: 25, Den: 1})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// TestSmartRoughCut: `assemble RUSHES -o cut.edl --project cut.rushcut` on
// generated rushes gives each setup once, its best take, trimmed to the
// action, in scene order; rejecting a take in the project and assembling
// it again gives the next-best take.
func TestSmartRoughCut(t *testing.T) {
	t.Setenv("RUSHCUT_CACHE_DIR", t.TempDir())
	dir := filepath.Join(t.TempDir(), "rushes")
	tr, err := rushgen.Generate(context.Background(), dir, rushgen.Small())
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	cut, proj := filepath.Join(out, "cut.edl"), filepath.Join(out, "cut.rushcut")
	var o, e strings.Builder
	if code := run([]string{"assemble", dir, "-o", cut, "--project", proj}, &o, &e); code != exitOK {
		t.Fatalf("assemble: exit %d: %s", code, e.String())
	}
	truth := map[string]rushgen.TakeTruth{}
	for _, tt := range tr.Takes {
		truth[tt.File] = tt
	}
	l := readCut(t, cut)
	var got []string
	for _, ev := range l.Events {
		file := filepath.Base(ev.Source.File)
		got = append(got, file)
		tt := truth[file]
		// Source in/out against the truth's usable range (at 25 fps, from
		// the file's start timecode), within half a second.
		in := ev.Source.In - int64(tt.StartFrame)
		out := ev.Source.Out - int64(tt.StartFrame)
		if d := in - int64(tt.In); d < -12 || d > 12 {
			t.Errorf("%s: in at frame %d, truth %d", file, in, tt.In)
		}
		if d := out - int64(tt.Out+1); d < -12 || d > 12 {
			t.Errorf("%s: out at frame %d, truth %d", file, out, tt.Out+1)
		}
	}
	// Each setup once, its best take, in slate scene order.
	if strings.Join(got, " ") != strings.Join(tr.RoughCut, " ") {
		t.Errorf("rough cut %v, truth %v", got, tr.RoughCut)
	}
	// Reject the first setup's take; the rebuilt cut has its next best.
	p, _, err := doc.Open(proj)
	if err != nil {
		t.Fatal(err)
	}
	var reject suggest.Entry
	for _, en := range p.Suggestions.Entries() {
		if en.Kind == suggest.Take && strings.Contains(en.Target.Path, got[0]) {
			reject = en
		}
	}
	if reject.ID == "" {
		t.Fatalf("no take suggestion for %s", got[0])
	}
	e.Reset()
	if code := run([]string{"decide", proj, "--reject", reject.ID}, &o, &e); code != exitOK {
		t.Fatalf("decide: exit %d: %s", code, e.String())
	}
	cut2 := filepath.Join(out, "cut2.edl")
	if code := run([]string{"assemble", proj, "-o", cut2}, &o, &e); code != exitOK {
		t.Fatalf("assemble project: exit %d: %s", code, e.String())
	}
	l2 := readCut(t, cut2)
	first := filepath.Base(l2.Events[0].Source.File)
	if first == got[0] || truth[first].Setup != truth[got[0]].Setup || len(l2.Events) != len(l.Events) {
		t.Errorf("after rejecting %s the cut opens with %s (setup %s), %d events", got[0], first, truth[first].Setup, len(l2.Events))
	}
	p2, _, err := doc.Open(proj)
	if err != nil {
		t.Fatal(err)
	}
	if en, ok := p2.Suggestions.Get(reject.ID); !ok || en.Decision.Status != suggest.Rejected {
		t.Errorf("the rejection did not survive re-assembly: %+v", en.Decision)
	}
}
