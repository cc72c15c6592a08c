package ui

import (
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"rushcut/app/suggest"
)

// takeColumns head the takes table: the take, then the score and its
// components (see rough.Score).
var takeColumns = []string{"Take", "Total", "Focus", "Expo", "Stab", "Compl", "Sound", "Faces"}

// inspectorRenderer lays the Inspector out as a scrolling column of
// standard widgets it keeps, updating them from the inspector's state on
// every Refresh.
type inspectorRenderer struct {
	in *Inspector

	empty      *widget.Label
	title      *widget.Label
	status     *widget.Label
	confidence *widget.ProgressBar
	reason     *widget.Label
	measures   *fyne.Container
	plot       *CurvePlot
	accept     *widget.Button
	reject     *widget.Button
	reset      *widget.Button
	takes      *fyne.Container
	adjust     *adjuster
	preview    *previewPane
	// useTake holds the takes table's buttons, one per row, in rank order.
	useTake []*widget.Button

	details *fyne.Container
	root    *container.Scroll
}

func newInspectorRenderer(in *Inspector) *inspectorRenderer {
	r := &inspectorRenderer{in: in}
	r.empty = widget.NewLabel("Select a suggestion")
	r.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	r.status = widget.NewLabel("")
	r.confidence = widget.NewProgressBar()
	r.reason = widget.NewLabel("")
	r.reason.Wrapping = fyne.TextWrapWord
	r.measures = container.New(layout.NewFormLayout())
	r.plot = NewCurvePlot()
	r.accept = widget.NewButton("Accept", func() { r.call(in.OnAccept) })
	r.reject = widget.NewButton("Reject", func() { r.call(in.OnReject) })
	r.reset = widget.NewButton("Reset", func() { r.call(in.OnReset) })
	r.accept.Importance = widget.HighImportance
	r.takes = container.NewVBox()
	r.adjust = newAdjuster(in)
	r.preview = newPreviewPane(in)
	r.details = container.NewVBox(
		container.NewBorder(nil, nil, r.title, r.status),
		container.NewBorder(nil, nil, widget.NewLabel("Confidence"), nil, r.confidence),
		r.reason,
		r.measures,
		r.plot,
		container.NewHBox(r.accept, r.reject, r.reset),
		r.preview.root,
		r.adjust.root,
		r.takes,
	)
	r.root = container.NewVScroll(container.NewVBox(r.empty, r.details))
	r.Refresh()
	return r
}

// call calls f with the shown suggestion's ID, if both exist.
func (r *inspectorRenderer) call(f func(string)) {
	if f != nil && r.in.entry != nil {
		f(r.in.entry.ID)
	}
}

func (r *inspectorRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.root} }
func (r *inspectorRenderer) MinSize() fyne.Size           { return r.root.MinSize() }
func (r *inspectorRenderer) Layout(size fyne.Size)        { r.root.Resize(size) }
func (r *inspectorRenderer) Destroy()                     {}

// Refresh shows the inspector's current entry.
func (r *inspectorRenderer) Refresh() {
	e := r.in.entry
	if e == nil {
		r.empty.Show()
		r.details.Hide()
		r.root.Refresh()
		return
	}
	r.empty.Hide()
	r.details.Show()
	r.title.SetText(kindTitle(e.Kind))
	r.status.SetText(decisionText(*e))
	r.confidence.SetValue(e.Confidence)
	r.reason.SetText(e.Reason)
	r.measures.Objects = r.measures.Objects[:0]
	for _, m := range e.Evidence.Measures {
		r.measures.Add(widget.NewLabelWithStyle(m.Name, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}))
		r.measures.Add(widget.NewLabel(formatMeasure(m)))
	}
	r.measures.Refresh()
	r.plot.SetCurve(e.Evidence.Curve)
	st := e.Decision.Status
	enable(r.accept, st != suggest.Accepted)
	enable(r.reject, st != suggest.Rejected)
	enable(r.reset, st != suggest.Proposed && st != "")
	r.adjust.show(*e)
	r.preview.show(e.ID, r.in.IsEffect != nil && r.in.IsEffect(e.Kind))
	r.refreshTakes(*e)
	r.root.Refresh()
}

// takeCell is the width of a score column in the takes table.
const takeCell = 64

func (r *inspectorRenderer) refreshTakes(e suggest.Entry) {
	r.takes.Objects = r.takes.Objects[:0]
	r.useTake = r.useTake[:0]
	if len(r.in.takes) == 0 {
		r.takes.Hide()
		return
	}
	r.takes.Show()
	chosen := ""
	if p := e.Effective(); p.Take != nil {
		chosen = p.Take.Chosen
	}
	bold := fyne.TextStyle{Bold: true}
	var heads []fyne.CanvasObject
	for _, c := range takeColumns[1:] {
		heads = append(heads, widget.NewLabelWithStyle(c, fyne.TextAlignLeading, bold))
	}
	for k, t := range r.in.takes {
		s := t.Score
		var cells []fyne.CanvasObject
		for _, v := range []float64{s.Total, s.Focus, s.Exposure, s.Stability, s.Completeness, s.Sound, s.Faces} {
			cells = append(cells, widget.NewLabel(num(v)))
		}
		name := widget.NewLabel(t.Name)
		name.Truncation = fyne.TextTruncateEllipsis
		key := t.Key
		b := widget.NewButton("Use this take", func() {
			if r.in.OnUseTake != nil && r.in.entry != nil {
				r.in.OnUseTake(r.in.entry.ID, key)
			}
		})
		if key == chosen {
			name.TextStyle = bold
			b.Disable()
		}
		if k == 0 {
			spacer := canvas.NewRectangle(color.Transparent)
			spacer.SetMinSize(b.MinSize())
			head := widget.NewLabelWithStyle(takeColumns[0], fyne.TextAlignLeading, bold)
			r.takes.Add(container.NewBorder(nil, nil, nil, spacer, container.NewBorder(nil, nil, nil, fixedGrid(heads), head)))
		}
		r.useTake = append(r.useTake, b)
		r.takes.Add(container.NewBorder(nil, nil, nil, b, container.NewBorder(nil, nil, nil, fixedGrid(cells), name)))
	}
	r.takes.Refresh()
}

// fixedGrid lays cells out in one row of takeCell-wide columns, so that
// the rows of the takes table line up.
func fixedGrid(cells []fyne.CanvasObject) fyne.CanvasObject {
	spacer := canvas.NewRectangle(color.Transparent)
	spacer.SetMinSize(fyne.NewSize(float32(len(cells))*takeCell, 0))
	return container.NewStack(spacer, container.NewGridWithColumns(len(cells), cells...))
}

func num(v float64) string { return fmt.Sprintf("%.2f", v) }

func enable(b *widget.Button, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}
