package ui

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"rushcut/app/suggest"
)

// FrameFormat writes and reads a media frame of a suggestion's target as
// text (source timecode); the cut view supplies it, the inspector falls
// back to frame numbers.
type FrameFormat struct {
	Text  func(e suggest.Entry, frame int64) string
	Parse func(e suggest.Entry, s string) (int64, error)
}

// adjuster is the inspector's Adjust section: the parameters of the
// shown suggestion as editable fields (a trim's in and out as source
// timecode, an effect's values by name) and an Apply button that calls
// Inspector.OnModify with them.
type adjuster struct {
	in     *Inspector
	form   *fyne.Container
	fields []adjustField
	apply  *widget.Button
	errMsg *widget.Label
	root   *fyne.Container
}

type adjustField struct {
	name  string
	entry *widget.Entry
}

func newAdjuster(in *Inspector) *adjuster {
	a := &adjuster{in: in, form: container.New(layout.NewFormLayout()), errMsg: widget.NewLabel("")}
	a.apply = widget.NewButton("Apply (modify)", a.submit)
	a.root = container.NewVBox(widget.NewLabelWithStyle("Adjust", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), a.form,
		container.NewHBox(a.apply), a.errMsg)
	return a
}

// show fills the fields from e's effective parameters; hidden for kinds
// without editable parameters.
func (a *adjuster) show(e suggest.Entry) {
	a.fields = a.fields[:0]
	a.form.Objects = a.form.Objects[:0]
	a.errMsg.SetText("")
	p := e.Effective()
	add := func(name, label, value string) {
		en := widget.NewEntry()
		en.SetText(value)
		a.fields = append(a.fields, adjustField{name, en})
		a.form.Add(widget.NewLabel(label))
		a.form.Add(en)
	}
	switch {
	case p.Trim != nil:
		add("in", "In", a.text(e, p.Trim.In))
		add("out", "Out", a.text(e, p.Trim.Out))
	case len(p.Values) > 0:
		for _, k := range slices.Sorted(maps.Keys(p.Values)) {
			add(k, k, p.Values[k])
		}
	}
	if len(a.fields) == 0 {
		a.root.Hide()
		return
	}
	a.root.Show()
	a.form.Refresh()
}

func (a *adjuster) text(e suggest.Entry, f int64) string {
	if a.in.Frames.Text != nil {
		return a.in.Frames.Text(e, f)
	}
	return strconv.FormatInt(f, 10)
}

func (a *adjuster) parse(e suggest.Entry, s string) (int64, error) {
	s = strings.TrimSpace(s)
	if a.in.Frames.Parse != nil {
		return a.in.Frames.Parse(e, s)
	}
	return strconv.ParseInt(s, 10, 64)
}

// Params reads the fields back as parameters of e's kind.
func (a *adjuster) params(e suggest.Entry) (suggest.Params, error) {
	p := e.Effective().Clone()
	for _, f := range a.fields {
		switch {
		case p.Trim != nil:
			v, err := a.parse(e, f.entry.Text)
			if err != nil {
				return p, fmt.Errorf("%s: %w", f.name, err)
			}
			if f.name == "in" {
				p.Trim.In = v
			} else {
				p.Trim.Out = v
			}
		default:
			p.Values[f.name] = strings.TrimSpace(f.entry.Text)
		}
	}
	if p.Trim != nil && p.Trim.Out <= p.Trim.In {
		return p, fmt.Errorf("out must come after in")
	}
	return p, nil
}

func (a *adjuster) submit() {
	e := a.in.entry
	if e == nil || a.in.OnModify == nil {
		return
	}
	p, err := a.params(*e)
	if err != nil {
		a.errMsg.SetText(err.Error())
		return
	}
	a.in.OnModify(e.ID, p)
}
