package ui

import (
	"context"
	"image"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"rushcut/app/assemble"
	"rushcut/app/doc"
	"rushcut/app/edit"
	"rushcut/app/project"
	"rushcut/app/rough"
	"rushcut/app/suggest"
	"rushcut/app/trim"
)

// syntheticDay is two setups of two takes each, labelled by slate, with
// made-up measurements: no media is decoded.
func syntheticDay(t *testing.T) *rough.Day {
	t.Helper()
	var rs []*rough.TakeReport
	for i, l := range []rough.Label{{Setup: "1", Scene: 1, Take: 1}, {Setup: "1", Scene: 1, Take: 2}, {Setup: "2", Scene: 2, Take: 1}, {Setup: "2", Scene: 2, Take: 2}} {
		l.By = "slate"
		name := filepath.Join(t.TempDir(), "take"+string(rune('A'+i))+".mov")
		m := &edit.MediaReference{Path: name, Rate: edit.Rate{Num: 25, Den: 1}, Duration: 100, Start: int64(i * 1000), HasTimecode: true}
		r := &rough.TakeReport{Path: name, Frames: 100, Media: m, Label: l, Start: float64(i * 40)}
		r.FPS.Num, r.FPS.Den = 25, 1
		for f := range 100 {
			r.Take.Frames = append(r.Take.Frames, trim.Frame{Time: float64(f) / 25})
		}
		r.Trim = trim.Result{Clap: 10, Usable: trim.Range{Start: 20, End: 80}}
		r.Quality = rough.Quality{Frames: 61, Sharpness: 1}
		if i%2 == 0 {
			r.Quality.Sharpness = 0.2 // the first take of each setup is soft
		}
		rs = append(rs, r)
	}
	return rough.NewDay(rs, []string{"h0", "h1", "h2", "h3"})
}

// syntheticSession is the synthetic day's rough cut at 25 fps, with its
// project saved as dir/cut.rushcut.
func syntheticSession(t *testing.T, dir string) *rough.Session {
	t.Helper()
	d := syntheticDay(t)
	p := doc.New("cut")
	opts := assemble.TimelineOptions{Name: "cut", Rate: edit.Rate{Num: 25, Den: 1}, Start: 90000, Audio: "none"}
	for _, r := range d.Takes {
		p.Media = append(p.Media, &doc.Media{Ref: r.Media})
	}
	if _, err := p.Suggestions.Merge(d.Suggestions()); err != nil {
		t.Fatal(err)
	}
	tl, _, err := d.Cut(p.Suggestions, opts)
	if err != nil {
		t.Fatal(err)
	}
	p.Timeline = tl
	return rough.NewSession(filepath.Join(dir, "cut.rushcut"), p, d, opts)
}

func firstClip(v *CutView) string {
	return v.Session.Project().Timeline.Tracks[0].Clips()[0].Media.Path
}

// TestCutViewRejectAndUndo: rejecting the first setup's take through the
// inspector puts its other take in the cut (rebuilt and autosaved);
// Ctrl+Z brings the first choice back.
func TestCutViewRejectAndUndo(t *testing.T) {
	test.NewApp()
	v := NewCutView(syntheticSession(t, t.TempDir()), func(context.Context, string, int, int) (image.Image, error) {
		return image.NewRGBA(image.Rect(0, 0, 16, 9)), nil
	})
	v.Timeline.SetArt(nil) // thumbnails decode on goroutines, which the test driver runs fyne.Do on (clip art has its own tests)
	v.Viewer.shown = make(chan int, 8)
	w := test.NewWindow(v.Content())
	defer w.Close()
	v.Bind(w)
	<-v.Viewer.shown // the test driver runs fyne.Do on the decoding goroutine: wait for it
	// Selecting the first clip shows its first frame with both timecodes
	// (record 01:00:00:00; source: takeB's start 00:00:40:00 + in 20).
	v.Timeline.OnSelectClip(v.Session.Project().Timeline.Tracks[0].Clips()[0].ID)
	<-v.Viewer.shown
	if c := v.Viewer.Caption(); !strings.Contains(c, "REC 01:00:00:00") || !strings.Contains(c, "SRC 00:00:40:20") {
		t.Errorf("viewer caption %q", c)
	}
	best := firstClip(v)
	if filepath.Base(best) != "takeB.mov" {
		t.Fatalf("first clip %s, want the sharp takeB", best)
	}
	var takeID string
	for _, e := range v.Session.Entries() {
		if e.Kind == suggest.Take && e.Params.Take.Group == "1" {
			takeID = e.ID
		}
	}
	v.Timeline.SelectSuggestion(takeID)
	v.inspect(takeID)
	if e, ok := v.Inspector.Entry(); !ok || e.ID != takeID {
		t.Fatalf("inspector shows %v", e.ID)
	}
	v.Inspector.OnReject(takeID)
	if got := filepath.Base(firstClip(v)); got != "takeA.mov" {
		t.Errorf("after rejecting takeB the cut opens with %s, want takeA", got)
	}
	if _, _, err := doc.Open(doc.AutosavePath(v.Session.Path())); err != nil {
		t.Errorf("no autosave after the decision: %v", err)
	}
	// Ctrl+Z undoes the rejection; A accepts the selected suggestion.
	w.Canvas().(fyne.Shortcutable).TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierControl})
	if got := filepath.Base(firstClip(v)); got != "takeB.mov" {
		t.Errorf("after Ctrl+Z the cut opens with %s, want takeB back", got)
	}
	w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyA})
	if e, _ := v.Session.Project().Suggestions.Get(takeID); e.Decision.Status != suggest.Accepted {
		t.Errorf("A left the take suggestion %s", e.Decision.Status)
	}
	// Space starts playback from the playhead; Space again stops it.
	var from int64 = -1
	stopped := make(chan struct{})
	v.play = func(ctx context.Context, tl *edit.Timeline, f int64, width int) <-chan project.PlayedFrame {
		from = f
		ch := make(chan project.PlayedFrame)
		go func() { <-ctx.Done(); close(ch); close(stopped) }()
		return ch
	}
	v.Timeline.SetPlayhead(12)
	w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeySpace})
	if !v.Playing() || from != 12 {
		t.Errorf("Space: playing %v from %d, want from 12", v.Playing(), from)
	}
	w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeySpace})
	select {
	case <-stopped:
	case <-time.After(2 * time.Second):
		t.Fatal("Space did not stop playback")
	}
	if v.Playing() {
		t.Error("still playing after the second Space")
	}
}

// TestExportForm: the dialog's choices reach the file: FCP 7 XML,
// FCPXML, then an EDL at 25 fps starting at 10:00:00:00.
func TestExportForm(t *testing.T) {
	test.NewApp()
	dir := t.TempDir()
	s := syntheticSession(t, dir)
	f := NewExportForm(s)
	if f.Path.Text != filepath.Join(dir, "cut.edl") || f.Rate.Text != "25/1" {
		t.Errorf("defaults: %q at %q", f.Path.Text, f.Rate.Text)
	}
	f.Format.SetSelected("FCP 7 XML")
	if f.Path.Text != filepath.Join(dir, "cut.xml") {
		t.Errorf("format change left the path %q", f.Path.Text)
	}
	if err := f.Export(s); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "cut.xml")); err != nil || !strings.Contains(string(b), "<xmeml") {
		t.Errorf("no FCP 7 XML: %v", err)
	}
	f.Format.SetSelected("FCPXML 1.10 (Final Cut Pro, Resolve)")
	if err := f.Export(s); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "cut.fcpxml")); err != nil || !strings.Contains(string(b), `<fcpxml version="1.10"`) {
		t.Errorf("no FCPXML 1.10: %v", err)
	}
	f.Format.SetSelected("EDL (CMX3600)")
	f.RecordStart.SetText("10:00:00:00")
	if err := f.Export(s); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "cut.edl"))
	if err != nil || !strings.Contains(string(b), " 10:00:00:00 ") {
		t.Errorf("EDL does not start at 10:00:00:00: %v\n%s", err, b)
	}
	f.DropFrame.SetChecked(true)
	if err := f.Export(s); err == nil {
		t.Error("drop-frame at 25 fps was not refused")
	}
}
