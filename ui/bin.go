package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"rushcut/app/rough"
)

// Bin lists the day's files: each take's name, the best take of its setup
// starred, its setup and take number, length, rate and start timecode, and
// whether the cut uses it; files that could not be analysed say why. Tap
// a file to select it (OnSelect). Use it from the Fyne goroutine only.
type Bin struct {
	widget.BaseWidget

	// OnSelect is called with the file the user taps.
	OnSelect func(rough.BinEntry)

	entries []rough.BinEntry
	list    *widget.List
	title   *widget.Label
}

// NewBin returns an empty bin.
func NewBin() *Bin {
	b := &Bin{title: widget.NewLabelWithStyle("Bin", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})}
	b.list = widget.NewList(
		func() int { return len(b.entries) },
		func() fyne.CanvasObject {
			name := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			name.Truncation = fyne.TextTruncateEllipsis
			info := widget.NewLabel("")
			info.Truncation = fyne.TextTruncateEllipsis
			info.SizeName = theme.SizeNameCaptionText
			return container.NewVBox(name, info)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			c := o.(*fyne.Container)
			name, info := BinLines(b.entries[i])
			c.Objects[0].(*widget.Label).SetText(name)
			c.Objects[1].(*widget.Label).SetText(info)
		})
	b.list.OnSelected = func(i widget.ListItemID) {
		if i >= 0 && i < len(b.entries) && b.OnSelect != nil {
			b.OnSelect(b.entries[i])
		}
	}
	b.ExtendBaseWidget(b)
	return b
}

// SetEntries shows es (see rough.Session.Bin).
func (b *Bin) SetEntries(es []rough.BinEntry) {
	b.entries = es
	n, failed := 0, 0
	for _, e := range es {
		if e.Error != "" {
			failed++
		} else {
			n++
		}
	}
	t := fmt.Sprintf("Bin — %d takes", n)
	if failed > 0 {
		t += fmt.Sprintf(", %d unreadable", failed)
	}
	b.title.SetText(t)
	b.list.Refresh()
}

// Entries returns the files shown.
func (b *Bin) Entries() []rough.BinEntry { return b.entries }

// Select selects row i as a tap would.
func (b *Bin) Select(i int) { b.list.Select(i) }

// BinLines is the two lines the bin shows for e: its name (starred when
// it is its setup's best take) and what is known of it.
func BinLines(e rough.BinEntry) (name, info string) {
	if e.Error != "" {
		return "✕ " + e.Name, "not analysed: " + e.Error
	}
	name = e.Name
	if e.Best {
		name = "★ " + name
	}
	var parts []string
	setup := e.Setup
	if !strings.HasPrefix(setup, "Setup") {
		setup = "Setup " + setup
	}
	if e.Number > 0 {
		setup += fmt.Sprintf(" take %d", e.Number)
	}
	parts = append(parts, setup, e.Length, e.Rate+" fps", "TC "+e.Start)
	if e.InCut {
		parts = append(parts, "in cut")
	}
	return name, strings.Join(parts, " · ")
}

// CreateRenderer lays the title over the list.
func (b *Bin) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewBorder(b.title, nil, nil, nil, b.list))
}
