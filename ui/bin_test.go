package ui

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestBinListsTakes: the bin lists the four takes by setup, stars and
// marks in the cut the sharp take of each setup, lists an unreadable file
// with its reason; tapping a take the cut uses moves the playhead to its
// clip, tapping another shows its first usable frame as a source.
func TestBinListsTakes(t *testing.T) {
	v, w, _ := transportView(t)
	defer w.Close()
	v.Session.SetFailed(map[string]string{"/rushes/bad.mov": "truncated file"})
	v.Bin.SetEntries(v.Session.Bin())
	es := v.Bin.Entries()
	if len(es) != 5 {
		t.Fatalf("bin has %d files, want 4 takes and the bad file", len(es))
	}
	var lines []string
	for _, e := range es {
		name, info := BinLines(e)
		lines = append(lines, name+" | "+info)
	}
	want := []string{
		"takeA.mov | Setup 1 take 1 · 00:00:04:00 · 25 fps · TC 00:00:00:00",
		"★ takeB.mov | Setup 1 take 2 · 00:00:04:00 · 25 fps · TC 00:00:40:00 · in cut",
		"takeC.mov | Setup 2 take 1 · 00:00:04:00 · 25 fps · TC 00:01:20:00",
		"★ takeD.mov | Setup 2 take 2 · 00:00:04:00 · 25 fps · TC 00:02:00:00 · in cut",
		"✕ bad.mov | not analysed: truncated file",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("bin shows\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	tl := v.Session.Project().Timeline
	second := tl.Tracks[0].Clips()[1]
	v.Bin.Select(3) // takeD: the cut's second clip
	if p := v.Timeline.Playhead(); p != tl.Tracks[0].Items[0].TrackLength() || v.Timeline.SelectedClip() != second.ID {
		t.Errorf("tapping takeD put the playhead at %d selecting %q", p, v.Timeline.SelectedClip())
	}
	v.Bin.Select(0) // takeA: not in the cut
	if c := v.Viewer.Caption(); !strings.Contains(c, "SOURCE takeA.mov") {
		t.Errorf("tapping takeA shows %q", c)
	}
	if filepath.Base(es[0].Path) != "takeA.mov" || es[0].Usable != 20 {
		t.Errorf("takeA's first usable frame %d, want 20", es[0].Usable)
	}
}
