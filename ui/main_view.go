package ui

import (
	"fmt"
	"image"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"rushcut/app/project"
	"rushcut/assets"
)

// AppID is the application identifier (also in FyneApp.toml).
const AppID = "org.rushcut.rushcut"

// MainView is the main window's content: the bin on the left, the viewer
// with the selected clip's details on the right.
type MainView struct {
	Bin     *widget.List
	Viewer  *canvas.Image
	Details *widget.Label
	Status  *widget.Label
	root    fyne.CanvasObject
	clips   []*project.Clip
	// thumb decodes a thumbnail.
	thumb func(c *project.Clip, frame, width int) (image.Image, error)
	// shown, when set, receives each time the viewer got a new picture.
	shown chan struct{}
}

// NewMainView builds the view over the project's clips.
func NewMainView(p *project.Project) *MainView {
	v := &MainView{clips: p.Clips(), thumb: project.Thumbnail}
	v.Viewer = canvas.NewImageFromImage(image.NewRGBA(image.Rect(0, 0, 16, 9)))
	v.Viewer.FillMode = canvas.ImageFillContain
	v.Viewer.SetMinSize(fyne.NewSize(480, 270))
	v.Details = widget.NewLabel("Select a clip")
	v.Details.Wrapping = fyne.TextWrapWord
	v.Status = widget.NewLabel(statusText(len(v.clips), len(p.Errors())))
	v.Bin = widget.NewList(
		func() int { return len(v.clips) },
		func() fyne.CanvasObject { return widget.NewLabel("clip name placeholder") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(v.clips[i].Name()) },
	)
	v.Bin.OnSelected = v.show
	bin := container.NewBorder(widget.NewLabelWithStyle("Bin", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, nil, nil, v.Bin)
	viewer := container.NewBorder(nil, v.Details, nil, nil, v.Viewer)
	split := container.NewHSplit(bin, viewer)
	split.Offset = 0.25
	v.root = container.NewBorder(nil, v.Status, nil, nil, split)
	return v
}

// Content is the view's root object.
func (v *MainView) Content() fyne.CanvasObject { return v.root }

func statusText(clips, errs int) string {
	s := fmt.Sprintf("%d clips", clips)
	if errs > 0 {
		s += fmt.Sprintf(", %d files could not be read", errs)
	}
	return s
}

// show puts clip i in the viewer: its details at once, its middle frame
// when decoded.
func (v *MainView) show(i widget.ListItemID) {
	if i < 0 || i >= len(v.clips) {
		return
	}
	c := v.clips[i]
	v.Details.SetText(c.Name() + "\n" + project.Describe(c))
	if c.Info.Video == nil {
		return
	}
	frame := int(c.Info.Video.Frames / 2)
	go func() {
		img, err := v.thumb(c, frame, 640)
		fyne.Do(func() {
			if err != nil {
				v.Status.SetText(err.Error())
				return
			}
			v.Viewer.Image = img
			v.Viewer.Refresh()
			if v.shown != nil {
				v.shown <- struct{}{}
			}
		})
	}()
}

// Run opens the main window over p and blocks until it is closed.
func Run(p *project.Project, title string) {
	a := app.NewWithID(AppID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	w := a.NewWindow(title)
	v := NewMainView(p)
	w.SetContent(v.Content())
	w.Resize(fyne.NewSize(1100, 680))
	if len(v.clips) > 0 {
		v.Bin.Select(0)
	}
	w.ShowAndRun()
}
