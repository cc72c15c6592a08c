package ui

import (
	"math"
	"sort"

	"fyne.io/fyne/v2"
)

// minMarkerPx is the narrowest a marker is drawn (and hit), in units.
const minMarkerPx = 3

// rowAt returns the index of the track row under y, or -1.
func (t *Timeline) rowAt(y float32) int {
	top := t.tracksTop()
	if y < top {
		return -1
	}
	i := int((y - top) / TimelineTrackHeight)
	if i >= len(t.rows) {
		return -1
	}
	return i
}

// laneAt returns the index of the marker lane under y, or -1.
func (t *Timeline) laneAt(y float32) int {
	top := t.markersTop()
	if y < top {
		return -1
	}
	i := int((y - top) / TimelineLaneHeight)
	if i >= len(t.lanes) {
		return -1
	}
	return i
}

// clipIndexAt returns the index in r of the clip playing frame f, or -1.
func clipIndexAt(r row, f float64) int {
	ss := r.clips.spans
	i := sort.Search(len(ss), func(i int) bool { return float64(ss[i].start) > f }) - 1
	if i < 0 || float64(ss[i].end) <= f {
		return -1
	}
	return i
}

// ItemAt returns the ID of the clip under pos (in the widget's
// coordinates), and whether there is one.
func (t *Timeline) ItemAt(pos fyne.Position) (clipID string, ok bool) {
	r := t.rowAt(pos.Y)
	if r < 0 || pos.X < TimelineHeaderWidth {
		return "", false
	}
	i := clipIndexAt(t.rows[r], t.FrameAt(pos.X))
	if i < 0 {
		return "", false
	}
	return t.rows[r].clips.spans[i].item.ItemID(), true
}

// MarkerAt returns the ID of the suggestion whose marker is under pos (the
// most confident one where markers overlap), and whether there is one.
func (t *Timeline) MarkerAt(pos fyne.Position) (suggestionID string, ok bool) {
	l := t.laneAt(pos.Y)
	if l < 0 || pos.X < TimelineHeaderWidth {
		return "", false
	}
	f := t.FrameAt(pos.X)
	x := t.lanes[l].markers
	lo, hi := x.window(f-minMarkerPx/t.ppf, f+1e-9)
	best := -1
	for _, s := range x.spans[lo:hi] {
		x0, x1 := t.XForFrame(float64(s.start)), t.XForFrame(float64(s.end))
		if pos.X < x0 || pos.X >= max(x1, x0+minMarkerPx) {
			continue
		}
		if best < 0 || t.entries[s.entry].Confidence > t.entries[best].Confidence {
			best = s.entry
		}
	}
	if best < 0 {
		return "", false
	}
	return t.entries[best].ID, true
}

// ZoomAt multiplies the zoom by factor, keeping the frame under x (in the
// widget's coordinates) where it is, as far as scrolling limits allow.
func (t *Timeline) ZoomAt(factor float64, x float32) {
	if !(factor > 0) || math.IsInf(factor, 0) {
		return
	}
	f := t.FrameAt(x)
	t.ppf = math.Min(math.Max(t.ppf*factor, minPixelsPerFrame), maxPixelsPerFrame)
	t.offset = t.clampOffset(f - float64(x-TimelineHeaderWidth)/t.ppf)
	t.Refresh()
}

// zoomPivot is where ZoomIn and ZoomOut zoom about: the playhead when it
// is in view, else the middle of the view.
func (t *Timeline) zoomPivot() float32 {
	x := t.XForFrame(float64(t.playhead))
	if x >= TimelineHeaderWidth && x <= t.Size().Width {
		return x
	}
	return TimelineHeaderWidth + float32(t.frameArea()/2)
}

// ZoomIn doubles the zoom about the playhead (or the middle of the view).
func (t *Timeline) ZoomIn() { t.ZoomAt(2, t.zoomPivot()) }

// ZoomOut halves the zoom about the playhead (or the middle of the view).
func (t *Timeline) ZoomOut() { t.ZoomAt(0.5, t.zoomPivot()) }

// ZoomToFit shows the whole timeline in the view's width.
func (t *Timeline) ZoomToFit() {
	if t.duration > 0 {
		t.ppf = math.Min(math.Max(t.frameArea()/float64(t.duration), minPixelsPerFrame), maxPixelsPerFrame)
	}
	t.offset = 0
	t.Refresh()
}

// Scrolled scrolls the view sideways (either wheel axis); with Ctrl (or
// Cmd) held it zooms about the pointer instead.
func (t *Timeline) Scrolled(ev *fyne.ScrollEvent) {
	d := ev.Scrolled.DX
	if d == 0 {
		d = ev.Scrolled.DY
	}
	if t.mods != nil && t.mods()&(fyne.KeyModifierControl|fyne.KeyModifierSuper) != 0 {
		t.ZoomAt(math.Pow(2, float64(ev.Scrolled.DY)/40), ev.Position.X)
		return
	}
	t.SetOffset(t.offset - float64(d)/t.ppf)
}

// Tapped moves the playhead on the ruler, selects a marker in the marker
// lanes and a clip on the tracks (clearing the selection on empty track
// space).
func (t *Timeline) Tapped(ev *fyne.PointEvent) {
	p := ev.Position
	if p.X < TimelineHeaderWidth {
		return
	}
	switch {
	case p.Y < t.markersTop():
		f := int64(math.Floor(t.FrameAt(p.X)))
		t.SetPlayhead(min(max(f, 0), t.duration))
		if t.OnSeek != nil {
			t.OnSeek(t.playhead)
		}
	case t.laneAt(p.Y) >= 0:
		if id, ok := t.MarkerAt(p); ok {
			t.SelectSuggestion(id)
			if t.OnSelectSuggestion != nil {
				t.OnSelectSuggestion(id)
			}
		}
	default:
		id, ok := t.ItemAt(p)
		t.SelectClip(id)
		if ok && t.OnSelectClip != nil {
			t.OnSelectClip(id)
		}
	}
}

// Edge is a clip's head or tail.
type Edge int

// Clip edges.
const (
	Head Edge = iota
	Tail
)

// edgeGrab is how near a clip's edge a drag must start to trim it.
const edgeGrab = 6

// trimDrag is a clip edge being dragged.
type trimDrag struct {
	clip   string
	edge   Edge
	frame  int64   // the edge's frame when the drag began
	startX float32 // where the drag began
	x      float32 // where it is now
}

// Frames returns how many frames the edge has moved.
func (d *trimDrag) frames(ppf float64) int64 {
	return int64(math.Round(float64(d.x-d.startX) / ppf))
}

// EdgeAt returns the clip whose head or tail is under pos (within a few
// units), and which edge.
func (t *Timeline) EdgeAt(pos fyne.Position) (clipID string, edge Edge, ok bool) {
	r := t.rowAt(pos.Y)
	if r < 0 || pos.X < TimelineHeaderWidth {
		return "", 0, false
	}
	f := t.FrameAt(pos.X)
	x := t.rows[r].clips
	lo, hi := x.window(f-edgeGrab/t.ppf, f+edgeGrab/t.ppf)
	best := float32(edgeGrab + 1)
	for _, s := range x.spans[lo:hi] {
		for _, e := range []struct {
			at   int64
			edge Edge
		}{{s.start, Head}, {s.end, Tail}} {
			if d := abs32(t.XForFrame(float64(e.at)) - pos.X); d <= edgeGrab && d < best {
				best, clipID, edge, ok = d, s.item.ItemID(), e.edge, true
			}
		}
	}
	return clipID, edge, ok
}

func abs32(x float32) float32 { return max(x, -x) }

// Dragged scrubs when the drag began on the ruler (the playhead follows
// the pointer, OnSeek on each new frame), trims a clip when it began on
// its edge, else pans the view.
func (t *Timeline) Dragged(ev *fyne.DragEvent) {
	if t.trim == nil && !t.panning && !t.scrubbing {
		start := ev.Position.Subtract(ev.Dragged)
		if start.Y < t.markersTop() && start.X >= TimelineHeaderWidth {
			t.scrubbing = true
		} else if id, edge, ok := t.EdgeAt(start); ok && t.OnTrim != nil {
			t.trim = &trimDrag{clip: id, edge: edge, frame: int64(math.Round(t.FrameAt(start.X))), startX: start.X}
		} else {
			t.panning = true
		}
	}
	if t.trim != nil {
		t.trim.x = ev.Position.X
		t.Refresh()
		return
	}
	if t.scrubbing {
		f := int64(math.Floor(t.FrameAt(max(ev.Position.X, TimelineHeaderWidth))))
		if f = min(max(f, 0), max(t.duration-1, 0)); f != t.playhead {
			t.SetPlayhead(f)
			if t.OnSeek != nil {
				t.OnSeek(f)
			}
		}
		return
	}
	t.SetOffset(t.offset - float64(ev.Dragged.DX)/t.ppf)
}

// DragEnd ends a pan, or a trim by calling OnTrim.
func (t *Timeline) DragEnd() {
	d := t.trim
	t.trim, t.panning, t.scrubbing = nil, false, false
	if d == nil {
		return
	}
	t.Refresh()
	if n := d.frames(t.ppf); n != 0 {
		t.OnTrim(d.clip, d.edge, n)
	}
}
