package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"rushcut/app/edit"
	"rushcut/app/effects"
	"rushcut/app/preview"
	"rushcut/app/suggest"
	"rushcut/media"
)

// stabilizeView is the transport view with a stabilize suggestion on
// takeB's frames 20–60 merged into its project; it returns its ID.
func stabilizeView(t *testing.T) (*CutView, func(), *[]float64, string) {
	v, w, speeds := transportView(t)
	s := v.Session
	m := s.Day().Takes[1].Media
	stab := suggest.Suggestion{Kind: effects.Stabilize, Confidence: 0.7, Reason: "shaky",
		Target: suggest.Target{Path: m.Path, Hash: "h1", Range: edit.TimeRange{Start: m.Start + 20, Duration: 40, Rate: m.Rate}},
		Params: suggest.Params{Values: (&effects.StabilizeParams{Radius: 12, Crop: 0.05}).Values()}}
	if _, err := s.Project().Suggestions.Merge(suggest.Identify(append(s.Day().Suggestions(), stab))); err != nil {
		t.Fatal(err)
	}
	for _, e := range s.Entries() {
		if e.Kind == effects.Stabilize {
			return v, w.Close, speeds, e.ID
		}
	}
	t.Fatal("no stabilize suggestion")
	return nil, nil, nil, ""
}

// TestEffectPreviewInInspector: inspecting an effect suggestion renders
// its before/after preview from the suggestion's media and range and
// parameters (the rendering replaced by a recorder), shows its progress,
// then the still; Play plays the before/after clip in the viewer.
func TestEffectPreviewInInspector(t *testing.T) {
	v, done, speeds, id := stabilizeView(t)
	defer done()
	v.async = func(f func()) { f() }
	var got preview.Request
	var during PreviewState
	v.render = func(ctx context.Context, req preview.Request, opt preview.Options) (preview.Result, error) {
		got = req
		opt.Progress(4, 8)
		during = v.Inspector.Preview()
		return preview.Result{Still: "/nonexistent/still.png", Clip: "/nonexistent/clip.mp4", Frames: 40, Rate: media.Rational{Num: 25, Den: 1}}, nil
	}
	v.inspect(id)
	m := v.Session.Day().Takes[1].Media
	if got.Source.Path != m.Path || got.Source.In != 20 || got.Source.Out != 60 || got.Effect.Kind != preview.Stabilize || got.Effect.Radius != 12 {
		t.Errorf("render asked for %+v", got)
	}
	if !during.Busy || during.Done != 4 || during.Total != 8 {
		t.Errorf("progress shown as %+v", during)
	}
	if p := v.Inspector.Preview(); p.Busy || p.Still != "/nonexistent/still.png" || p.ID != id {
		t.Errorf("after rendering the inspector shows %+v", p)
	}
	test.Tap(test.WidgetRenderer(v.Inspector).(*inspectorRenderer).preview.play)
	if len(*speeds) == 0 || (*speeds)[len(*speeds)-1] != 1 || !v.Playing() {
		t.Errorf("Play did not play the preview clip: %v", *speeds)
	}
}

// TestEffectPreviewCancels: Cancel stops a render in flight (its context
// is cancelled) and the inspector says so.
func TestEffectPreviewCancels(t *testing.T) {
	v, done, _, id := stabilizeView(t)
	defer done()
	v.previewEnded = make(chan string, 1)
	started := make(chan struct{})
	v.render = func(ctx context.Context, req preview.Request, opt preview.Options) (preview.Result, error) {
		close(started)
		<-ctx.Done()
		return preview.Result{}, ctx.Err()
	}
	v.inspect(id)
	<-started
	test.Tap(test.WidgetRenderer(v.Inspector).(*inspectorRenderer).preview.cancel)
	if got := <-v.previewEnded; got != id {
		t.Fatalf("ended %s", got)
	}
	if p := v.Inspector.Preview(); p.Busy || p.Err != "cancelled" {
		t.Errorf("after Cancel the inspector shows %+v", p)
	}
}

// TestExportEffectsChoice: the export dialog's effects choice decides
// whether a proposed stabilisation reaches the EDL (as its locator).
func TestExportEffectsChoice(t *testing.T) {
	v, done, _, _ := stabilizeView(t)
	defer done()
	f := NewExportForm(v.Session)
	dir := t.TempDir()
	for _, c := range []struct {
		choice string
		want   bool
	}{{"Accepted effects", false}, {"All proposed effects", true}, {"No effects", false}} {
		f.Path.SetText(filepath.Join(dir, "cut.edl"))
		f.Effects.SetSelected(c.choice)
		if err := f.Export(v.Session); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(dir, "cut.edl"))
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(strings.ToUpper(string(b)), "STABILIZE"); got != c.want {
			t.Errorf("%s: stabilize in the EDL %v, want %v\n%s", c.choice, got, c.want, b)
		}
	}
}
