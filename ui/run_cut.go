package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"rushcut/app/project"
	"rushcut/app/rough"
	"rushcut/assets"
)

// Loader analyses the rushes and opens the rough cut's session, calling
// progress (from any goroutine) with the files done and their total.
type Loader func(progress func(done, total int)) (*rough.Session, error)

// RunRoughCut opens the main window, shows the analysis's progress while
// load runs off the UI goroutine, then the rough cut. It blocks until the
// window is closed.
func RunRoughCut(title string, load Loader) {
	a := app.NewWithID(AppID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	w := a.NewWindow(title)
	bar := widget.NewProgressBar()
	label := widget.NewLabel("Analysing the rushes…")
	w.SetContent(container.NewCenter(container.NewVBox(label, container.NewGridWrap(fyne.NewSize(420, 36), bar))))
	w.Resize(fyne.NewSize(1280, 720))
	go func() {
		s, err := load(func(done, total int) {
			fyne.Do(func() {
				if total > 0 {
					bar.SetValue(float64(done) / float64(total))
				}
				label.SetText(fmt.Sprintf("Analysing the rushes… %d of %d takes", done, total))
			})
		})
		fyne.Do(func() {
			if err != nil {
				label.SetText("Could not open the rushes: " + err.Error())
				return
			}
			frames := project.NewFrames(6, 256<<20)
			w.SetOnClosed(frames.Close)
			v := NewCutView(s, frames.Frame)
			w.SetContent(v.Content())
			v.Bind(w)
			v.Timeline.ZoomToFit()
		})
	}()
	w.ShowAndRun()
}
