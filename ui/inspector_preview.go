package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// PreviewState is what the inspector shows of an effect's before/after
// preview: rendering (with progress), done (the still, and the clip to
// play), or failed.
type PreviewState struct {
	// ID is the suggestion the preview is of.
	ID string
	// Busy is true while it renders; Done and Total count frames.
	Busy        bool
	Done, Total int
	// Still is the before/after picture (a PNG file); Clip the
	// before/after H.264 clip, when rendered.
	Still, Clip string
	// Err says why it could not be rendered.
	Err string
}

// previewPane is the inspector's preview section for effect suggestions:
// a progress bar and Cancel while rendering, then the before/after still
// and a Play button that plays the clip in the viewer.
type previewPane struct {
	in     *Inspector
	label  *widget.Label
	bar    *widget.ProgressBar
	cancel *widget.Button
	play   *widget.Button
	still  *canvas.Image
	root   *fyne.Container
}

func newPreviewPane(in *Inspector) *previewPane {
	p := &previewPane{in: in, label: widget.NewLabel(""), bar: widget.NewProgressBar()}
	p.label.Wrapping = fyne.TextWrapWord
	p.cancel = widget.NewButton("Cancel", func() {
		if in.OnCancelPreview != nil {
			in.OnCancelPreview()
		}
	})
	p.play = widget.NewButton("Play before/after", func() {
		if in.OnPlayPreview != nil && in.preview.Clip != "" {
			in.OnPlayPreview(in.preview.Clip)
		}
	})
	p.still = canvas.NewImageFromFile("")
	p.still.FillMode = canvas.ImageFillContain
	p.still.SetMinSize(fyne.NewSize(320, 180))
	p.root = container.NewVBox(widget.NewLabelWithStyle("Before / after", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		p.label, p.bar, p.still, container.NewHBox(p.cancel, p.play))
	return p
}

// show shows the preview state for the inspected suggestion; hidden for
// suggestions that are not effects.
func (p *previewPane) show(id string, effect bool) {
	st := p.in.preview
	if !effect || st.ID != id {
		p.root.Hide()
		return
	}
	p.root.Show()
	p.bar.Hidden, p.cancel.Hidden = !st.Busy, !st.Busy
	p.play.Hidden = st.Clip == ""
	switch {
	case st.Busy:
		p.label.SetText("Rendering the preview…")
		if st.Total > 0 {
			p.bar.SetValue(float64(st.Done) / float64(st.Total))
		}
	case st.Err != "":
		p.label.SetText("No preview: " + st.Err)
	default:
		p.label.SetText(fmt.Sprintf("Left: as shot. Right: with the effect."))
	}
	if p.still.File != st.Still {
		p.still.File = st.Still
		p.still.Image = nil
		p.still.Refresh()
	}
	p.still.Hidden = st.Still == ""
}
