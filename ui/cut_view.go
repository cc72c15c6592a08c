package ui

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"rushcut/app/edit"
	"rushcut/app/project"
	"rushcut/app/rough"
	"rushcut/app/suggest"
)

// CutView is the rough cut's window content: the timeline with its
// suggestions, the inspector of the selected suggestion, and a toolbar.
// Decisions go to the session (which rebuilds the cut and autosaves); the
// view then shows the new cut. Use it from the Fyne goroutine only.
type CutView struct {
	Session   *rough.Session
	Timeline  *Timeline
	Inspector *Inspector
	Viewer    *Viewer
	Status    *widget.Label
	root      fyne.CanvasObject
	window    fyne.Window
	// play starts playback (project.Play; tests swap it); stop ends the
	// playback running, nil when none.
	play func(ctx context.Context, tl *edit.Timeline, from int64, width int) <-chan project.PlayedFrame
	stop context.CancelFunc
}

// NewCutView builds the view over session s, decoding the viewer's
// frames with frame.
func NewCutView(s *rough.Session, frame FrameSource) *CutView {
	v := &CutView{Session: s, Status: widget.NewLabel(""), Viewer: NewViewer(frame), play: project.Play}
	v.Timeline = NewTimeline(s.Project().Timeline)
	v.Timeline.SetSuggestions(s.Entries())
	v.Inspector = NewInspector()
	v.Timeline.OnSelectSuggestion = v.inspect
	v.Timeline.OnSelectClip = func(id string) {
		if tl := s.Project().Timeline; tl != nil {
			if tr, i := tl.Find(id); tr != nil {
				v.Timeline.SetPlayhead(tr.Position(i))
				v.view(tr.Position(i))
			}
		}
	}
	v.Timeline.OnSeek = v.view
	v.Inspector.OnAccept = func(id string) { v.do(func() error { return s.Accept(id) }, id) }
	v.Inspector.OnReject = func(id string) { v.do(func() error { return s.Reject(id) }, id) }
	v.Inspector.OnReset = func(id string) { v.do(func() error { return s.Reset(id) }, id) }
	v.Inspector.OnUseTake = func(id, key string) { v.do(func() error { return s.UseTake(id, key) }, id) }
	bar := container.NewHBox(
		widget.NewButton("Play / Stop", v.TogglePlay),
		widget.NewButton("Undo", func() { v.do(s.Undo, v.Timeline.SelectedSuggestion()) }),
		widget.NewButton("Redo", func() { v.do(s.Redo, v.Timeline.SelectedSuggestion()) }),
		widget.NewButton("Accept ≥ 0.9", func() { v.do(func() error { return s.AcceptAbove(0.9) }, v.Timeline.SelectedSuggestion()) }),
		widget.NewButton("Save", v.save),
		widget.NewButton("Export…", v.export),
		widget.NewButton("Fit", v.Timeline.ZoomToFit),
	)
	top := container.NewHSplit(v.Viewer, container.NewVScroll(v.Inspector))
	top.Offset = 0.55
	split := container.NewVSplit(top, v.Timeline)
	split.Offset = 0.55
	v.root = container.NewBorder(bar, v.Status, nil, nil, split)
	v.status("")
	return v
}

// Content is the view's root object.
func (v *CutView) Content() fyne.CanvasObject { return v.root }

// view shows the picture at record frame f (from the timeline's start):
// the video clip there, its source frame and both timecodes.
func (v *CutView) view(f int64) {
	tl := v.Session.Project().Timeline
	if tl == nil || len(tl.Tracks) == 0 {
		return
	}
	tr := tl.Tracks[0]
	for i, it := range tr.Items {
		c, ok := it.(*edit.Clip)
		pos := tr.Position(i)
		if !ok || f < pos || f >= pos+c.Duration || c.Media == nil {
			continue
		}
		src := c.SourceIn + edit.SourceFrames(f-pos, c.Speed(), c.Media.Rate, tl.Rate)
		caption := fmt.Sprintf("%s  REC %s  SRC %s", c.DisplayName(), tl.Rate.Timecode(tl.Start+f, tl.DropFrame),
			c.Media.Rate.Timecode(src, c.Media.DropFrame))
		v.Viewer.ShowFrame(c.Media.Path, int(src-c.Media.Start), caption)
		return
	}
}

// inspect shows suggestion id in the inspector.
func (v *CutView) inspect(id string) {
	for _, e := range v.Session.Entries() {
		if e.ID == id {
			v.Inspector.SetEntry(e, TakeRows(v.Session.Day(), e))
			return
		}
	}
	v.Inspector.Clear()
}

// do runs a decision, then shows the rebuilt cut and keeps id inspected.
func (v *CutView) do(decide func() error, id string) {
	if err := decide(); err != nil {
		v.Status.SetText("error: " + err.Error())
		return
	}
	v.Timeline.SetTimeline(v.Session.Project().Timeline)
	v.Timeline.SetSuggestions(v.Session.Entries())
	if id != "" {
		v.Timeline.SelectSuggestion(id)
		v.inspect(id)
	}
	v.status("autosaved")
}

func (v *CutView) save() {
	if err := v.Session.Save(); err != nil {
		v.Status.SetText("error: " + err.Error())
		return
	}
	v.status("saved " + v.Session.Path())
}

// status says how many suggestions are decided, and what just happened.
func (v *CutView) status(what string) {
	n, decided := 0, 0
	for _, e := range v.Session.Entries() {
		n++
		if e.Decision.Status != suggest.Proposed {
			decided++
		}
	}
	s := fmt.Sprintf("%d takes, %d setups, %d suggestions (%d decided)", len(v.Session.Day().Takes), len(v.Session.Day().Setups), n, decided)
	if what != "" {
		s += " — " + what
	}
	v.Status.SetText(s)
}

// Playing reports whether playback runs.
func (v *CutView) Playing() bool { return v.stop != nil }

// TogglePlay starts playback from the playhead at the timeline's rate, or
// stops it. Frames are decoded off the UI goroutine and dropped when the
// UI is behind; the playhead follows the picture.
func (v *CutView) TogglePlay() {
	if v.stop != nil {
		v.stop()
		v.stop = nil
		return
	}
	tl := v.Session.Project().Timeline
	ctx, cancel := context.WithCancel(context.Background())
	v.stop = cancel
	ch := v.play(ctx, tl, v.Timeline.Playhead(), 640)
	go func() {
		for f := range ch {
			fyne.Do(func() {
				if ctx.Err() != nil {
					return
				}
				v.Viewer.ShowImage(f.Image, "▶ REC "+tl.Rate.Timecode(tl.Start+f.Record, tl.DropFrame))
				v.Timeline.SetPlayhead(f.Record)
			})
		}
		fyne.Do(func() {
			if ctx.Err() == nil { // ended by itself
				v.stop = nil
				cancel()
			}
		})
	}()
}

// export opens the export dialog (see ShowExport).
func (v *CutView) export() {
	if v.window == nil {
		return
	}
	ShowExport(v.Session, v.window, func(path string) { v.status("exported " + path) })
}

// Bind attaches the view to its window, shows the frame under the
// playhead, and binds the editor's keys: Space play/stop, A
// accept and R reject the selected suggestion, Ctrl+Z undo, Ctrl+Shift+Z
// redo, Ctrl+S save, Ctrl+E export.
func (v *CutView) Bind(w fyne.Window) {
	v.window = w
	c := w.Canvas()
	c.SetOnTypedKey(func(k *fyne.KeyEvent) {
		id := v.Timeline.SelectedSuggestion()
		switch k.Name {
		case fyne.KeySpace:
			v.TogglePlay()
		case fyne.KeyA:
			if id != "" {
				v.Inspector.OnAccept(id)
			}
		case fyne.KeyR:
			if id != "" {
				v.Inspector.OnReject(id)
			}
		}
	})
	ctrl := fyne.KeyModifierControl
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: ctrl}, func(fyne.Shortcut) { v.do(v.Session.Undo, v.Timeline.SelectedSuggestion()) })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: ctrl | fyne.KeyModifierShift}, func(fyne.Shortcut) { v.do(v.Session.Redo, v.Timeline.SelectedSuggestion()) })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: ctrl}, func(fyne.Shortcut) { v.save() })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyE, Modifier: ctrl}, func(fyne.Shortcut) { v.export() })
	v.view(v.Timeline.Playhead())
}
