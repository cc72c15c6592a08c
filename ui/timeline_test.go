package ui

import (
	"math"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"rushcut/app/suggest"
)

// newTestTimeline shows a fixture of n clips in a 1000×300 window.
func newTestTimeline(t *testing.T, n int) (*Timeline, fyne.Window) {
	darkApp(t)
	tl, es := fixture(n)
	w := NewTimeline(tl)
	w.SetSuggestions(es)
	win := test.NewTempWindow(t, w)
	win.SetPadded(false)
	win.Resize(fyne.NewSize(1000, 300))
	return w, win
}

// clipPos is the middle of clip id on row r (0 is V1, 1 is A1).
func clipPos(w *Timeline, id string, r int) fyne.Position {
	start, n := clipStart(w.tl, id)
	return fyne.NewPos(w.XForFrame(float64(start)+float64(n)/2), w.tracksTop()+float32(r)*TimelineTrackHeight+TimelineTrackHeight/2)
}

// lanePos is the middle of the marker lane of kind k at frame f.
func lanePos(w *Timeline, k suggest.Kind, f float64) fyne.Position {
	for i, l := range w.lanes {
		if l.kind == k {
			return fyne.NewPos(w.XForFrame(f), w.markersTop()+float32(i)*TimelineLaneHeight+TimelineLaneHeight/2)
		}
	}
	panic("no lane " + k)
}

func TestTimelineHitTestingAtSeveralZooms(t *testing.T) {
	w, _ := newTestTimeline(t, 40)
	for _, z := range []struct {
		ppf    float64
		offset float64
	}{{0.5, 0}, {2, 300}, {8, 1200}, {0, 0}} {
		if z.ppf == 0 {
			w.ZoomToFit()
		} else {
			w.ppf = z.ppf
			w.SetOffset(z.offset)
		}
		for _, id := range []string{"c3", "c10", "c17", "c24"} {
			p := clipPos(w, id, 0)
			if p.X < TimelineHeaderWidth || p.X > 1000 {
				continue
			}
			if got, ok := w.ItemAt(p); !ok || got != id {
				t.Errorf("ppf %v: ItemAt(%v) = %q, %v; want %s", w.ppf, p, got, ok, id)
			}
			p.Y += TimelineTrackHeight
			if got, ok := w.ItemAt(p); !ok || got != "a"+id[1:] {
				t.Errorf("ppf %v: ItemAt on A1 = %q, %v; want a%s", w.ppf, got, ok, id[1:])
			}
			start, n := clipStart(w.tl, id)
			if got, ok := w.MarkerAt(lanePos(w, suggest.Remove, float64(start)+float64(n)/2)); !ok || got != "remove-"+id[1:] {
				t.Errorf("ppf %v: MarkerAt remove lane = %q, %v; want remove-%s", w.ppf, got, ok, id[1:])
			}
		}
		// The gap after clip 9, the header and the space under the tracks
		// hold no clip.
		gs, gn := clipStart(w.tl, "c9")
		gap := fyne.NewPos(w.XForFrame(float64(gs+gn)+10), clipPos(w, "c9", 0).Y)
		if id, ok := w.ItemAt(gap); ok && w.ppf*20 > 2 {
			t.Errorf("ppf %v: ItemAt(gap) = %q", w.ppf, id)
		}
		if id, ok := w.ItemAt(fyne.NewPos(10, gap.Y)); ok {
			t.Errorf("ItemAt(header) = %q", id)
		}
		if id, ok := w.ItemAt(fyne.NewPos(500, 299)); ok {
			t.Errorf("ItemAt(below tracks) = %q", id)
		}
	}
}

func TestTimelineZoomKeepsPointUnderCursor(t *testing.T) {
	w, _ := newTestTimeline(t, 200)
	w.ppf = 2
	w.SetOffset(1000)
	for _, x := range []float32{100, 400, 900} {
		before := w.FrameAt(x)
		w.ZoomAt(2, x)
		if got := w.FrameAt(x); math.Abs(got-before) > 1e-6 {
			t.Errorf("zoom in at x=%v: frame %v, was %v", x, got, before)
		}
		w.ZoomAt(0.5, x)
		if got := w.FrameAt(x); math.Abs(got-before) > 1e-6 {
			t.Errorf("zoom out at x=%v: frame %v, was %v", x, got, before)
		}
	}
	// Ctrl + scroll zooms about the pointer.
	w.mods = func() fyne.KeyModifier { return fyne.KeyModifierControl }
	before := w.FrameAt(600)
	w.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(600, 100)}, Scrolled: fyne.Delta{DY: 40}})
	if w.ppf != 4 || math.Abs(w.FrameAt(600)-before) > 1e-6 {
		t.Errorf("ctrl+scroll: ppf %v (want 4), frame under pointer %v (was %v)", w.ppf, w.FrameAt(600), before)
	}
	w.ZoomIn()
	if w.ppf != 8 {
		t.Errorf("ZoomIn: ppf %v, want 8", w.ppf)
	}
	w.ZoomOut()
	w.ZoomOut()
	if w.ppf != 2 {
		t.Errorf("ZoomOut twice: ppf %v, want 2", w.ppf)
	}
	w.ZoomToFit()
	if x := w.XForFrame(float64(w.duration)); w.offset != 0 || math.Abs(float64(x-1000)) > 1e-3 {
		t.Errorf("ZoomToFit: offset %v, end at x=%v, want 0 and 1000", w.offset, x)
	}
}

func TestTimelineScrolling(t *testing.T) {
	w, win := newTestTimeline(t, 200)
	w.ppf = 2
	w.SetOffset(0)
	w.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.Delta{DY: -100}})
	if w.offset != 50 {
		t.Errorf("wheel down 100: offset %v, want 50 frames", w.offset)
	}
	w.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.Delta{DX: 40}})
	if w.offset != 30 {
		t.Errorf("swipe right 40: offset %v, want 30", w.offset)
	}
	w.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.Delta{DY: 1000}})
	if w.offset != 0 {
		t.Errorf("scroll past the start: offset %v, want 0", w.offset)
	}
	w.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.Delta{DY: -1e7}})
	if end := w.XForFrame(float64(w.duration)); math.Abs(float64(end-1000)) > 1e-3 {
		t.Errorf("scroll past the end: the end is at x=%v, want the right edge 1000", end)
	}
	// Dragging pans: the frame under the pointer follows it.
	w.SetOffset(500)
	f := w.FrameAt(500)
	test.Drag(win.Canvas(), fyne.NewPos(500, 150), -60, 0)
	if got := w.FrameAt(440); math.Abs(got-f) > 1e-6 {
		t.Errorf("drag left 60: frame at x=440 is %v, want %v", got, f)
	}
}

func TestTimelineSelectionCallbacks(t *testing.T) {
	w, win := newTestTimeline(t, 40)
	w.ppf = 4
	w.SetOffset(0)
	var clip, sugg string
	var seek int64 = -1
	w.OnSelectClip = func(id string) { clip = id }
	w.OnSelectSuggestion = func(id string) { sugg = id }
	w.OnSeek = func(f int64) { seek = f }

	test.TapCanvas(win.Canvas(), clipPos(w, "c2", 0))
	if clip != "c2" || w.SelectedClip() != "c2" {
		t.Errorf("tap on c2: callback %q, selected %q", clip, w.SelectedClip())
	}
	s, n := clipStart(w.tl, "c4")
	test.TapAt(w, lanePos(w, suggest.Trim, float64(s)+float64(n)/2))
	if sugg != "trim-4" || w.SelectedSuggestion() != "trim-4" {
		t.Errorf("tap on trim-4's marker: callback %q, selected %q", sugg, w.SelectedSuggestion())
	}
	test.TapAt(w, fyne.NewPos(w.XForFrame(100.5), 5))
	if seek != 100 || w.Playhead() != 100 {
		t.Errorf("tap on the ruler at frame 100: OnSeek(%d), playhead %d", seek, w.Playhead())
	}
	test.TapAt(w, fyne.NewPos(500, 299))
	if w.SelectedClip() != "" || clip != "c2" {
		t.Errorf("tap on empty space: selected %q, callback %q (want none, no call)", w.SelectedClip(), clip)
	}
}

// rectAt returns the topmost rectangle the renderer drew over p.
func rectAt(w *Timeline, p fyne.Position) *canvas.Rectangle {
	objs := test.WidgetRenderer(w).Objects()
	for i := len(objs) - 1; i >= 0; i-- {
		if r, ok := objs[i].(*canvas.Rectangle); ok {
			pos, s := r.Position(), r.Size()
			if p.X >= pos.X && p.X < pos.X+s.Width && p.Y >= pos.Y && p.Y < pos.Y+s.Height {
				return r
			}
		}
	}
	return nil
}

func TestTimelineMarkerColours(t *testing.T) {
	seen := map[any]suggest.Kind{}
	for _, k := range append(slices.Clone(kindOrder), "effect:stabilize") {
		c := KindColor(k)
		if other, dup := seen[c]; dup {
			t.Errorf("kinds %s and %s share colour %v", k, other, c)
		}
		seen[c] = k
	}
	lo := MarkerColor(suggest.Entry{Suggestion: suggest.Suggestion{Kind: suggest.Trim, Confidence: 0.1}})
	hi := MarkerColor(suggest.Entry{Suggestion: suggest.Suggestion{Kind: suggest.Trim, Confidence: 0.9}})
	if lo.A >= hi.A || lo.R != hi.R {
		t.Errorf("confidence 0.1 → %v, 0.9 → %v: want the same hue, more opaque when surer", lo, hi)
	}

	w, _ := newTestTimeline(t, 40)
	w.ppf = 4
	w.SetOffset(0)
	for _, e := range w.entries {
		id := e.ID[len(e.Kind)+1:]
		if id != "1" && id != "3" {
			continue
		}
		s, n := clipStart(w.tl, "c"+id)
		r := rectAt(w, lanePos(w, e.Kind, float64(s)+float64(n)/2))
		if r == nil {
			t.Errorf("%s: no marker drawn", e.ID)
			continue
		}
		want := MarkerColor(e)
		if r.FillColor != want {
			t.Errorf("%s (%s, confidence %.1f): marker colour %v, want %v", e.ID, e.Decision.Status, e.Confidence, r.FillColor, want)
		}
		if e.Decision.Status == suggest.Rejected && want != RejectedColor {
			t.Errorf("%s is rejected but coloured %v", e.ID, want)
		}
	}
}

func TestTimelineDrawsNamesAndTransitions(t *testing.T) {
	w, _ := newTestTimeline(t, 40)
	w.ppf = 8
	w.SetOffset(0)
	var names []string
	lines := 0
	for _, o := range test.WidgetRenderer(w).Objects() {
		switch o := o.(type) {
		case *canvas.Text:
			names = append(names, o.Text)
		case *canvas.Line:
			lines++
		}
	}
	// Clips 0–4 start at frames 0, 50, 110, 180, 260; the dissolve t5
	// sits on the cut at 350, past 119 frames of view.
	if !slices.Contains(names, "take000") || !slices.Contains(names, "V1") || !slices.Contains(names, "01:00:00:00") {
		t.Errorf("texts drawn %q: want the clip name take000, the track V1 and the timecode 01:00:00:00", names)
	}
	if lines != 0 {
		t.Errorf("%d transition lines drawn with no transition in view", lines)
	}
	s, _ := clipStart(w.tl, "c5")
	w.SetOffset(float64(s) - 50)
	lines = 0
	for _, o := range test.WidgetRenderer(w).Objects() {
		if _, ok := o.(*canvas.Line); ok {
			lines++
		}
	}
	if lines != 1 {
		t.Errorf("%d transition lines drawn, want 1 (the dissolve before c5)", lines)
	}
}

func TestTimelineRendererStaysBounded(t *testing.T) {
	w, _ := newTestTimeline(t, 500)
	r := test.WidgetRenderer(w).(*timelineRenderer)
	if len(w.entries) != 2000 {
		t.Fatalf("fixture has %d suggestions, want 2000", len(w.entries))
	}
	w.ZoomToFit()
	for _, ppf := range []float64{w.ppf, 0.5, 2, 8, 32} {
		w.ppf = ppf
		for _, off := range []float64{0, 5000, 20000, 1e9} {
			w.SetOffset(off)
			n := len(r.Objects())
			if n > timelineBudget {
				t.Errorf("ppf %v offset %v: %d objects, want ≤ %d", ppf, off, n, timelineBudget)
			}
			if n < 10 {
				t.Errorf("ppf %v offset %v: only %d objects drawn", ppf, off, n)
			}
		}
	}
	if pool := len(r.rects) + len(r.texts) + len(r.lines); pool > timelineBudget+16 {
		t.Errorf("renderer pools hold %d objects, want ≤ %d", pool, timelineBudget+16)
	}
	// Zoomed in, every clip in view gets its own box.
	w.ppf = 8
	w.SetOffset(3000)
	boxes := 0
	for _, o := range r.Objects() {
		if rc, ok := o.(*canvas.Rectangle); ok && rc.StrokeColor == clipEdgeColor {
			boxes++
		}
	}
	lo, hi := w.rows[0].clips.window(w.FrameAt(TimelineHeaderWidth), w.FrameAt(1000))
	if want := 2 * (hi - lo); boxes < want-4 || boxes > want {
		t.Errorf("ppf 8: %d clip boxes drawn, want about %d (V1 and A1 clips in view)", boxes, want)
	}
}
