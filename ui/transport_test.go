package ui

import (
	"context"
	"image"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"rushcut/app/edit"
	"rushcut/app/project"
	"rushcut/app/suggest"
)

// transportView is the synthetic session's cut view in a test window,
// playback replaced by a recorder of the speeds asked for.
func transportView(t *testing.T) (*CutView, fyne.Window, *[]float64) {
	test.NewApp()
	v := NewCutView(syntheticSession(t, t.TempDir()), func(context.Context, string, int, int) (image.Image, error) {
		return image.NewRGBA(image.Rect(0, 0, 16, 9)), nil
	})
	v.Timeline.SetArt(nil)                  // thumbnails decode on goroutines, which the test driver runs fyne.Do on (clip art has its own tests)
	v.Viewer.async = func(f func()) { f() } // decode inline: the test driver runs fyne.Do on the calling goroutine
	var speeds []float64
	idle := func(ctx context.Context) <-chan project.PlayedFrame {
		ch := make(chan project.PlayedFrame)
		go func() { <-ctx.Done(); close(ch) }()
		return ch
	}
	v.play = func(ctx context.Context, _ *edit.Timeline, _ int64, _ int) <-chan project.PlayedFrame {
		speeds = append(speeds, 1)
		return idle(ctx)
	}
	v.shuttle = func(ctx context.Context, _ *edit.Timeline, _ int64, s float64, _ int, _ project.FrameFunc) <-chan project.PlayedFrame {
		speeds = append(speeds, s)
		return idle(ctx)
	}
	w := test.NewWindow(v.Content())
	v.Bind(w)
	return v, w, &speeds
}

func key(w fyne.Window, names ...fyne.KeyName) {
	for _, n := range names {
		w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: n})
	}
}

// TestTransportKeys: L, L, L plays forwards at 1×, 2×, 4×; J reverses at
// 1× and doubles; K stops; ← → step a frame, ↓ ↑ jump between edit
// points, Home and End go to the ends.
func TestTransportKeys(t *testing.T) {
	v, w, speeds := transportView(t)
	defer w.Close()
	key(w, fyne.KeyL, fyne.KeyL, fyne.KeyL, fyne.KeyJ, fyne.KeyJ)
	if got := *speeds; len(got) != 5 || got[0] != 1 || got[1] != 2 || got[2] != 4 || got[3] != -1 || got[4] != -2 {
		t.Errorf("L L L J J asked for speeds %v, want [1 2 4 -1 -2]", got)
	}
	key(w, fyne.KeyK)
	if v.Playing() || v.Speed() != 0 {
		t.Errorf("K left playback at %g", v.Speed())
	}
	tl := v.Session.Project().Timeline
	first := tl.Tracks[0].Items[0].TrackLength()
	key(w, fyne.KeyHome, fyne.KeyRight, fyne.KeyRight, fyne.KeyRight, fyne.KeyLeft)
	if p := v.Timeline.Playhead(); p != 2 {
		t.Errorf("Home → → → ←: playhead %d, want 2", p)
	}
	key(w, fyne.KeyDown)
	if p := v.Timeline.Playhead(); p != first {
		t.Errorf("↓: playhead %d, want the first cut at %d", p, first)
	}
	key(w, fyne.KeyUp)
	if p := v.Timeline.Playhead(); p != 0 {
		t.Errorf("↑: playhead %d, want 0", p)
	}
	key(w, fyne.KeyEnd)
	if p := v.Timeline.Playhead(); p != tl.Duration()-1 {
		t.Errorf("End: playhead %d, want %d", p, tl.Duration()-1)
	}
	key(w, fyne.KeyRight)
	if p := v.Timeline.Playhead(); p != tl.Duration()-1 {
		t.Errorf("→ at the end moved the playhead to %d", p)
	}
}

// trimOf returns the kept range of the trim suggestion for media path,
// and its decision.
func trimOf(t *testing.T, v *CutView, path string) (suggest.TrimRange, suggest.Status) {
	t.Helper()
	for _, e := range v.Session.Entries() {
		if e.Kind == suggest.Trim && e.Target.Path == path {
			return *e.Effective().Trim, e.Decision.Status
		}
	}
	t.Fatalf("no trim suggestion for %s", path)
	return suggest.TrimRange{}, ""
}

// TestMarksTrimTheClip: I and O inside the first clip, then T, make the
// marked frames that take's trim (a modified decision); the cut shortens
// and Ctrl+Z brings the proposal back.
func TestMarksTrimTheClip(t *testing.T) {
	v, w, _ := transportView(t)
	defer w.Close()
	c := v.Session.Project().Timeline.Tracks[0].Clips()[0]
	proposed, _ := trimOf(t, v, c.Media.Path)
	before := v.Session.Project().Timeline.Duration()
	key(w, fyne.KeyHome, fyne.KeyRight, fyne.KeyRight, fyne.KeyRight, fyne.KeyRight, fyne.KeyRight, fyne.KeyI)
	for range 20 {
		key(w, fyne.KeyRight)
	}
	key(w, fyne.KeyO) // out after record frame 25
	if in, out := v.Timeline.Marks(); in != 5 || out != 26 {
		t.Fatalf("marks %d, %d; want 5, 26", in, out)
	}
	key(w, fyne.KeyT)
	got, status := trimOf(t, v, c.Media.Path)
	if status != suggest.Modified || got.In != c.SourceIn+5 || got.Out != c.SourceIn+26 {
		t.Errorf("trim %+v (%s), want %d–%d modified", got, status, c.SourceIn+5, c.SourceIn+26)
	}
	if after := v.Session.Project().Timeline.Duration(); after != before-(c.Duration-21) {
		t.Errorf("cut lasts %d after the trim, want %d", after, before-(c.Duration-21))
	}
	if in, out := v.Timeline.Marks(); in >= 0 || out >= 0 {
		t.Errorf("marks %d, %d left after the trim", in, out)
	}
	w.Canvas().(fyne.Shortcutable).TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierControl})
	if got, status := trimOf(t, v, c.Media.Path); got != proposed || status != suggest.Proposed {
		t.Errorf("after Ctrl+Z the trim is %+v (%s), want the proposal %+v", got, status, proposed)
	}
}

// TestDragTrimsAClipEdge: dragging the first clip's tail 10 frames left
// on the timeline shortens that take's trim by 10 frames; a drag that
// begins away from an edge pans instead.
func TestDragTrimsAClipEdge(t *testing.T) {
	v, w, _ := transportView(t)
	defer w.Close()
	w.Resize(fyne.NewSize(1000, 700))
	tm := v.Timeline
	tm.SetOffset(0)
	c := tm.EditTimeline().Tracks[0].Clips()[0]
	y := tm.tracksTop() + TimelineTrackHeight/2
	tail := tm.XForFrame(float64(c.Duration))
	dx := float32(-10 * tm.PixelsPerFrame())
	tm.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(tail+dx/2, y)}, Dragged: fyne.NewDelta(dx/2, 0)})
	tm.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(tail+dx, y)}, Dragged: fyne.NewDelta(dx/2, 0)})
	tm.DragEnd()
	got, status := trimOf(t, v, c.Media.Path)
	if status != suggest.Modified || got.In != c.SourceIn || got.Out != c.SourceIn+c.Duration-10 {
		t.Errorf("trim after dragging the tail 10 frames left: %+v (%s), want %d–%d", got, status, c.SourceIn, c.SourceIn+c.Duration-10)
	}
	// A drag from the middle of a clip pans and trims nothing.
	tm.ZoomAt(8, TimelineHeaderWidth)
	off := tm.Offset()
	mid := tm.XForFrame(float64(c.Duration) / 3)
	tm.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(mid-40, y)}, Dragged: fyne.NewDelta(-40, 0)})
	tm.DragEnd()
	if tm.Offset() <= off {
		t.Errorf("a drag inside a clip did not pan (offset %g → %g)", off, tm.Offset())
	}
	if got2, _ := trimOf(t, v, c.Media.Path); got2 != got {
		t.Errorf("a pan changed the trim to %+v", got2)
	}
}

// TestScrubOnTheRuler: dragging along the ruler moves the playhead with
// the pointer and shows each frame it passes (OnSeek), clamped to the cut.
func TestScrubOnTheRuler(t *testing.T) {
	v, w, _ := transportView(t)
	defer w.Close()
	w.Resize(fyne.NewSize(1000, 700))
	tm := v.Timeline
	tm.SetOffset(0)
	var seen []int64
	tm.OnSeek = func(f int64) { seen = append(seen, f) }
	y := TimelineRulerHeight / 2
	x0 := tm.XForFrame(10)
	step := float32(5 * tm.PixelsPerFrame())
	for i := 1; i <= 3; i++ {
		tm.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(x0+float32(i)*step, y)}, Dragged: fyne.NewDelta(step, 0)})
	}
	tm.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(5000, y)}, Dragged: fyne.NewDelta(5000, 0)})
	tm.DragEnd()
	last := tm.EditTimeline().Duration() - 1
	if len(seen) != 4 || seen[0] != 15 || seen[1] != 20 || seen[2] != 25 || seen[3] != last || tm.Playhead() != last {
		t.Errorf("scrub showed frames %v, playhead %d; want 15 20 25 %d", seen, tm.Playhead(), last)
	}
	if tm.Offset() != 0 {
		t.Errorf("scrubbing panned the view to %g", tm.Offset())
	}
}

// TestAcceptAllAbove: "Accept all ≥" accepts exactly the proposed
// suggestions at or above the chosen confidence, in one undoable step.
func TestAcceptAllAbove(t *testing.T) {
	v, w, _ := transportView(t)
	defer w.Close()
	v.Threshold.SetSelected("0.8")
	test.Tap(findButton(v.Content(), "Accept all ≥"))
	n := 0
	for _, e := range v.Session.Entries() {
		accepted := e.Decision.Status == suggest.Accepted
		if accepted != (e.Confidence >= 0.8) {
			t.Errorf("%s (confidence %.2f) is %s", e.ID, e.Confidence, e.Decision.Status)
		}
		if accepted {
			n++
		}
	}
	if n == 0 || n == len(v.Session.Entries()) {
		t.Fatalf("%d of %d accepted: the day needs suggestions on both sides of 0.8 for this test", n, len(v.Session.Entries()))
	}
	w.Canvas().(fyne.Shortcutable).TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierControl})
	for _, e := range v.Session.Entries() {
		if e.Decision.Status != suggest.Proposed {
			t.Errorf("after one Ctrl+Z %s is still %s", e.ID, e.Decision.Status)
		}
	}
}
