package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"rushcut/app/rough"
)

// TestLoadingCancel: the loading screen lists each file with its own
// progress, done mark or failure; Cancel during the analysis cancels the
// loader's context; the window says so and stays usable.
func TestLoadingCancel(t *testing.T) {
	test.NewApp()
	w := test.NewWindow(nil)
	defer w.Close()
	started := make(chan struct{})
	l := NewLoading(w, func(ctx context.Context, _ bool, progress func(Progress)) (*rough.Session, error) {
		progress(Progress{Done: 0, Total: 3, Path: "/r/A001.mov", Frame: 50, Frames: 200})
		progress(Progress{Done: 0, Total: 3, Path: "/r/A002.mov", Frame: 10, Frames: 100})
		progress(Progress{Done: 1, Total: 3, Path: "/r/A001.mov", Finished: true})
		progress(Progress{Done: 2, Total: 3, Path: "/r/A003.mov", Finished: true, Err: "A003.mov: truncated file"})
		close(started)
		<-ctx.Done()
		return nil, ctx.Err()
	})
	l.ended = make(chan struct{})
	l.redraw = time.Hour // no redraw from the timer's goroutine while the test taps (the test driver runs fyne.Do there)
	w.SetContent(l.Content())
	l.Start(false)
	<-started
	var lines []string
	for _, p := range l.Files() {
		lines = append(lines, FileLine(p))
	}
	if got := strings.Join(lines, " | "); got != "✓ A001.mov | … A002.mov — 10% | ✕ A003.mov — A003.mov: truncated file" {
		t.Errorf("files shown as %s", got)
	}
	test.Tap(l.cancel)
	select {
	case <-l.ended:
	case <-time.After(5 * time.Second):
		t.Fatal("Cancel did not stop the analysis")
	}
	if !strings.Contains(l.label.Text, "cancelled") {
		t.Errorf("after Cancel the window says %q", l.label.Text)
	}
}

// TestRecoveryOffer: the dialog's Recover button loads the autosave, the
// other button the saved project.
func TestRecoveryOffer(t *testing.T) {
	for _, c := range []struct {
		button string
		want   bool
	}{{"Recover", true}, {"Open the saved project", false}} {
		test.NewApp()
		w := test.NewWindow(widget.NewLabel(""))
		w.Resize(fyne.NewSize(800, 600))
		got := make(chan bool, 1)
		OfferRecovery(w, "/p/cut.rushcut.autosave", func(recover bool) { got <- recover })
		b := findButton(w.Canvas().Overlays().Top(), c.button)
		if b == nil {
			t.Fatalf("no %q button in the dialog", c.button)
		}
		test.Tap(b)
		if r := <-got; r != c.want {
			t.Errorf("%s: recover = %v", c.button, r)
		}
		w.Close()
	}
}

// findButton finds the button labelled text under o.
func findButton(o fyne.CanvasObject, text string) *widget.Button {
	switch x := o.(type) {
	case *widget.Button:
		if x.Text == text {
			return x
		}
	case fyne.Widget:
		r := test.WidgetRenderer(x)
		for _, c := range r.Objects() {
			if b := findButton(c, text); b != nil {
				return b
			}
		}
	case *fyne.Container:
		for _, c := range x.Objects {
			if b := findButton(c, text); b != nil {
				return b
			}
		}
	}
	return nil
}
