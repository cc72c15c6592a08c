package ui

import (
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"rushcut/app/edit"
	"rushcut/app/suggest"
)

// Timeline geometry, in Fyne units.
const (
	// TimelineHeaderWidth is the width of the track-name column on the left;
	// frames are drawn to its right.
	TimelineHeaderWidth float32 = 48
	// TimelineRulerHeight is the height of the timecode ruler at the top.
	TimelineRulerHeight float32 = 22
	// TimelineLaneHeight is the height of one suggestion-marker lane (one
	// lane per suggestion kind, under the ruler).
	TimelineLaneHeight float32 = 8
	// TimelineTrackHeight is the height of one track row.
	TimelineTrackHeight float32 = 40
)

// Zoom limits, in pixels per frame.
const (
	minPixelsPerFrame = 1e-4
	maxPixelsPerFrame = 64
)

// Timeline shows an edit.Timeline: its tracks as rows (video above audio),
// clips as named boxes, transitions as marked overlaps, a timecode ruler,
// a playhead and the markers of suggestions, one lane per kind, coloured
// by kind, as opaque as they are confident, rejected ones grey. It zooms
// (pixels per frame) and scrolls (the frame at its left edge); the
// renderer draws only what the viewport shows. Use it from the Fyne
// goroutine only.
type Timeline struct {
	widget.BaseWidget

	// OnSelectClip is called with a clip's ID when the user taps it.
	OnSelectClip func(id string)
	// OnSelectSuggestion is called with a suggestion's ID when the user
	// taps its marker.
	OnSelectSuggestion func(id string)
	// OnSeek is called with the new playhead frame (from the timeline's
	// start) when the user taps the ruler.
	OnSeek func(frame int64)
	// OnTrim is called when the user drags a clip's edge: the clip's ID,
	// which edge, and by how many timeline frames (positive: later).
	OnTrim func(clipID string, edge Edge, frames int64)

	tl       *edit.Timeline
	entries  []suggest.Entry
	rows     []row
	lanes    []lane
	duration int64

	ppf       float64 // pixels per frame
	offset    float64 // frame at the left edge of the frame area
	playhead  int64
	markIn    int64 // -1: no mark
	markOut   int64 // exclusive; -1: no mark
	trim      *trimDrag
	art       ClipArt
	panning   bool
	scrubbing bool
	selClip   string
	selSugg   string
	// mods reports the keyboard modifiers held (the desktop driver's, by
	// default); tests replace it.
	mods func() fyne.KeyModifier
}

var (
	_ fyne.Widget     = (*Timeline)(nil)
	_ fyne.Tappable   = (*Timeline)(nil)
	_ fyne.Scrollable = (*Timeline)(nil)
	_ fyne.Draggable  = (*Timeline)(nil)
)

// NewTimeline returns a timeline widget showing tl (which may be nil) at
// 2 pixels per frame.
func NewTimeline(tl *edit.Timeline) *Timeline {
	t := &Timeline{ppf: 2, mods: driverModifiers, markIn: -1, markOut: -1}
	t.ExtendBaseWidget(t)
	t.SetTimeline(tl)
	return t
}

func driverModifiers() fyne.KeyModifier {
	if a := fyne.CurrentApp(); a != nil {
		if d, ok := a.Driver().(desktop.Driver); ok {
			return d.CurrentKeyModifiers()
		}
	}
	return 0
}

// SetTimeline shows tl (nil for none), keeping the zoom, and places the
// current suggestions' markers on it.
func (t *Timeline) SetTimeline(tl *edit.Timeline) {
	t.tl = tl
	t.rows = buildRows(tl)
	t.duration = 0
	if tl != nil {
		t.duration = tl.Duration()
	}
	t.lanes = buildLanes(tl, t.rows, t.entries)
	t.offset = t.clampOffset(t.offset)
	t.Refresh()
}

// SetSuggestions shows markers for entries (as a suggest.Set lists them).
func (t *Timeline) SetSuggestions(entries []suggest.Entry) {
	t.entries = entries
	t.lanes = buildLanes(t.tl, t.rows, entries)
	t.Refresh()
}

// EditTimeline returns the timeline shown.
func (t *Timeline) EditTimeline() *edit.Timeline { return t.tl }

// PixelsPerFrame returns the zoom.
func (t *Timeline) PixelsPerFrame() float64 { return t.ppf }

// Offset returns the frame (from the timeline's start) at the left edge of
// the frame area; it may be fractional.
func (t *Timeline) Offset() float64 { return t.offset }

// SetOffset scrolls so that frame is at the left edge, within the
// timeline's length.
func (t *Timeline) SetOffset(frame float64) {
	t.offset = t.clampOffset(frame)
	t.Refresh()
}

// Playhead returns the playhead's frame (from the timeline's start).
func (t *Timeline) Playhead() int64 { return t.playhead }

// SetPlayhead moves the playhead to frame.
func (t *Timeline) SetPlayhead(frame int64) {
	t.playhead = max(0, frame)
	t.Refresh()
}

// SetArt makes the timeline draw thumbnails and waveforms in its clips
// from a (nil: plain boxes).
func (t *Timeline) SetArt(a ClipArt) {
	t.art = a
	t.Refresh()
}

// SetMarks sets the in and out marks (record frames from the timeline's
// start; out is the first frame after the marked range), -1 for none.
func (t *Timeline) SetMarks(in, out int64) {
	t.markIn, t.markOut = in, out
	t.Refresh()
}

// Marks returns the in and out marks (-1 for none).
func (t *Timeline) Marks() (in, out int64) { return t.markIn, t.markOut }

// SelectedClip returns the selected clip's ID ("" when none).
func (t *Timeline) SelectedClip() string { return t.selClip }

// SelectedSuggestion returns the selected suggestion's ID ("" when none).
func (t *Timeline) SelectedSuggestion() string { return t.selSugg }

// SelectClip highlights the clip with the given ID ("" for none) without
// calling OnSelectClip.
func (t *Timeline) SelectClip(id string) {
	t.selClip = id
	t.Refresh()
}

// SelectSuggestion highlights the markers of the suggestion with the given
// ID ("" for none) without calling OnSelectSuggestion.
func (t *Timeline) SelectSuggestion(id string) {
	t.selSugg = id
	t.Refresh()
}

// frameArea returns the width of the area frames are drawn in.
func (t *Timeline) frameArea() float64 {
	return math.Max(1, float64(t.Size().Width-TimelineHeaderWidth))
}

// XForFrame returns the x position of frame's left edge.
func (t *Timeline) XForFrame(frame float64) float32 {
	return TimelineHeaderWidth + float32((frame-t.offset)*t.ppf)
}

// FrameAt returns the (fractional) frame under x.
func (t *Timeline) FrameAt(x float32) float64 {
	return t.offset + float64(x-TimelineHeaderWidth)/t.ppf
}

// markersTop and tracksTop are where the marker lanes and the tracks start.
func (t *Timeline) markersTop() float32 { return TimelineRulerHeight }
func (t *Timeline) tracksTop() float32 {
	return TimelineRulerHeight + float32(len(t.lanes))*TimelineLaneHeight + 2
}

// clampOffset keeps the left edge between the start and the point where
// the timeline's end reaches the right edge.
func (t *Timeline) clampOffset(f float64) float64 {
	hi := math.Max(0, float64(t.duration)-t.frameArea()/t.ppf)
	return math.Min(math.Max(f, 0), hi)
}

// MinSize is one track row and the ruler, 200 units wide.
func (t *Timeline) MinSize() fyne.Size {
	t.ExtendBaseWidget(t)
	return fyne.NewSize(TimelineHeaderWidth+200, t.tracksTop()+TimelineTrackHeight)
}

// Resize keeps the scroll position valid for the new width.
func (t *Timeline) Resize(s fyne.Size) {
	t.BaseWidget.Resize(s)
	if o := t.clampOffset(t.offset); o != t.offset {
		t.offset = o
		t.Refresh()
	}
}

// CreateRenderer returns the timeline's renderer.
func (t *Timeline) CreateRenderer() fyne.WidgetRenderer {
	t.ExtendBaseWidget(t)
	return newTimelineRenderer(t)
}
