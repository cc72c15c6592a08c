package ui

import (
	"fmt"
	"math"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"rushcut/app/suggest"
)

// Inspector shows one suggestion (a suggest.Entry): its kind, status and
// confidence, the reason, the evidence measures as a table and the
// evidence curve as a plot, with Accept, Reject and Reset buttons; for a
// take suggestion, the ranked takes with each score component and a "Use
// this take" button per take. It changes nothing itself: the callbacks do,
// and then hand it the updated entry with SetEntry. Use it from the Fyne
// goroutine only.
type Inspector struct {
	widget.BaseWidget

	// OnAccept, OnReject and OnReset are called with the suggestion's ID
	// when the user presses Accept, Reject or Reset.
	OnAccept, OnReject, OnReset func(id string)
	// OnUseTake is called with the suggestion's ID and a take's Key when
	// the user picks that take instead of the suggested one.
	OnUseTake func(suggestionID, takeKey string)
	// OnModify is called with the suggestion's ID and the parameters the
	// user typed in the Adjust section.
	OnModify func(id string, p suggest.Params)
	// Frames writes and reads media frames in the Adjust section.
	Frames FrameFormat
	// IsEffect tells the effect suggestions, which get a preview section.
	IsEffect func(suggest.Kind) bool
	// OnCancelPreview is called when the user cancels a preview's
	// rendering; OnPlayPreview with the before/after clip to play.
	OnCancelPreview func()
	OnPlayPreview   func(clip string)

	preview PreviewState
	entry   *suggest.Entry
	takes   []TakeRow
}

// NewInspector returns an inspector showing nothing.
func NewInspector() *Inspector {
	i := &Inspector{}
	i.ExtendBaseWidget(i)
	return i
}

// SetEntry shows e, with takes (best first; see TakeRows) when it is a take
// suggestion (nil otherwise).
func (i *Inspector) SetEntry(e suggest.Entry, takes []TakeRow) {
	i.entry, i.takes = &e, takes
	i.Refresh()
}

// SetPreview shows the state of a suggestion's before/after preview.
func (i *Inspector) SetPreview(p PreviewState) {
	i.preview = p
	i.Refresh()
}

// Preview returns the preview state shown.
func (i *Inspector) Preview() PreviewState { return i.preview }

// Clear shows nothing.
func (i *Inspector) Clear() {
	i.entry, i.takes = nil, nil
	i.Refresh()
}

// Entry returns the entry shown and whether there is one.
func (i *Inspector) Entry() (suggest.Entry, bool) {
	if i.entry == nil {
		return suggest.Entry{}, false
	}
	return *i.entry, true
}

// CreateRenderer returns the inspector's renderer.
func (i *Inspector) CreateRenderer() fyne.WidgetRenderer {
	i.ExtendBaseWidget(i)
	return newInspectorRenderer(i)
}

// kindTitle is the heading for a kind: "Trim", "Take", "Effect:stabilize".
func kindTitle(k suggest.Kind) string {
	if k == "" {
		return "Suggestion"
	}
	return strings.ToUpper(string(k[:1])) + string(k[1:])
}

// decisionText is how a decision reads in the inspector.
func decisionText(e suggest.Entry) string {
	s := string(e.Decision.Status)
	if s == "" {
		s = string(suggest.Proposed)
	}
	s = kindTitle(suggest.Kind(s))
	if e.Orphaned {
		s += " (no longer proposed by the analysis)"
	}
	return s
}

// formatMeasure writes a measure's value with its unit.
func formatMeasure(m suggest.Measure) string {
	var v string
	if math.Abs(m.Value) >= 100 {
		v = fmt.Sprintf("%.0f", m.Value)
	} else {
		v = fmt.Sprintf("%.3g", m.Value)
	}
	if m.Unit != "" {
		v += " " + m.Unit
	}
	return v
}
