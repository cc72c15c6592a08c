package ui

import (
	"context"
	"fmt"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"rushcut/app/edit"
	"rushcut/app/effects"
	"rushcut/app/preview"
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
	Bin       *Bin
	Timeline  *Timeline
	Inspector *Inspector
	Viewer    *Viewer
	Status    *widget.Label
	// Threshold is the confidence "Accept all ≥" accepts from.
	Threshold *widget.Select
	root      fyne.CanvasObject
	window    fyne.Window
	// play starts playback (project.Play; tests swap it); stop ends the
	// playback running, nil when none.
	play    func(ctx context.Context, tl *edit.Timeline, from int64, width int) <-chan project.PlayedFrame
	shuttle func(ctx context.Context, tl *edit.Timeline, from int64, speed float64, width int, frame project.FrameFunc) <-chan project.PlayedFrame
	stop    context.CancelFunc
	speed   float64
	frame   FrameSource
	// render renders effect previews (preview.Render; tests swap it);
	// stopPreview cancels the one rendering.
	render      func(ctx context.Context, req preview.Request, opt preview.Options) (preview.Result, error)
	stopPreview context.CancelFunc
	// previewRate and previewFrames describe the last preview clip.
	previewRate   edit.Rate
	previewFrames int64
	// async runs a preview's rendering off the Fyne goroutine (tests run
	// it inline); previewEnded, when set, receives when one ends (tests).
	async        func(func())
	previewEnded chan string
}

// NewCutView builds the view over session s, decoding the viewer's
// frames with frame.
func NewCutView(s *rough.Session, frame FrameSource) *CutView {
	v := &CutView{Session: s, Status: widget.NewLabel(""), Viewer: NewViewer(frame), play: project.Play, shuttle: project.Shuttle, frame: frame, render: preview.Render,
		async: func(f func()) { go f() }}
	v.Timeline = NewTimeline(s.Project().Timeline)
	v.Timeline.SetSuggestions(s.Entries())
	v.Inspector = NewInspector()
	v.Timeline.SetArt(NewClipArt(project.FrameFunc(frame), dayLevels(s.Day()), v.Timeline.Refresh))
	v.Threshold = widget.NewSelect([]string{"0.95", "0.9", "0.8", "0.7", "0.5"}, nil)
	v.Threshold.SetSelected("0.9")
	v.Bin = NewBin()
	v.Bin.SetEntries(s.Bin())
	v.Bin.OnSelect = v.showTake
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
	v.Timeline.OnTrim = func(id string, edge Edge, n int64) {
		if edge == Head {
			v.trim(id, n, 0)
		} else {
			v.trim(id, 0, n)
		}
	}
	v.Inspector.OnAccept = func(id string) { v.do(func() error { return s.Accept(id) }, id) }
	v.Inspector.OnReject = func(id string) { v.do(func() error { return s.Reject(id) }, id) }
	v.Inspector.OnReset = func(id string) { v.do(func() error { return s.Reset(id) }, id) }
	v.Inspector.OnUseTake = func(id, key string) { v.do(func() error { return s.UseTake(id, key) }, id) }
	v.Inspector.IsEffect = effects.IsEffect
	v.Inspector.OnCancelPreview = v.cancelPreview
	v.Inspector.OnPlayPreview = v.playPreview
	v.Inspector.OnModify = func(id string, p suggest.Params) { v.do(func() error { return s.Modify(id, p) }, id) }
	v.Inspector.Frames = FrameFormat{
		Text: func(e suggest.Entry, f int64) string {
			if m := s.MediaOf(e.Target); m != nil {
				return m.Rate.Timecode(f, m.DropFrame)
			}
			return fmt.Sprint(f)
		},
		Parse: func(e suggest.Entry, text string) (int64, error) {
			if m := s.MediaOf(e.Target); m != nil {
				return m.Rate.ParseTimecode(text, m.DropFrame)
			}
			return strconv.ParseInt(text, 10, 64)
		},
	}
	bar := container.NewHBox(
		widget.NewButton("Play / Stop", v.TogglePlay),
		widget.NewButton("Undo", func() { v.do(s.Undo, v.Timeline.SelectedSuggestion()) }),
		widget.NewButton("Redo", func() { v.do(s.Redo, v.Timeline.SelectedSuggestion()) }),
		widget.NewButton("Accept all ≥", func() { v.AcceptAbove(v.threshold()) }),
		v.Threshold,
		widget.NewButton("Save", v.save),
		widget.NewButton("Export…", v.export),
		widget.NewButton("Fit", v.Timeline.ZoomToFit),
	)
	right := container.NewHSplit(v.Viewer, container.NewVScroll(v.Inspector))
	right.Offset = 0.6
	top := container.NewHSplit(v.Bin, right)
	top.Offset = 0.22
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
	c, n, ok := project.SourceAt(tl, f)
	if !ok {
		return
	}
	caption := fmt.Sprintf("%s  REC %s  SRC %s", c.DisplayName(), tl.Rate.Timecode(tl.Start+f, tl.DropFrame),
		c.Media.Rate.Timecode(c.Media.Start+n, c.Media.DropFrame))
	v.Viewer.ShowFrame(c.Media.Path, int(n), caption)
}

// dayLevels returns the sound levels the analysis measured, by file.
func dayLevels(d *rough.Day) func(path string) *Levels {
	m := map[string]*Levels{}
	for _, r := range d.Takes {
		if a := r.Take.Audio; a != nil {
			m[r.Path] = &Levels{Start: a.Start, Window: a.Window, Peak: a.Peak}
		}
	}
	return func(path string) *Levels { return m[path] }
}

// showTake shows a file the editor picked in the bin: where the cut uses
// it (playhead and selection there), else its first usable frame.
func (v *CutView) showTake(e rough.BinEntry) {
	if e.Error != "" {
		v.status(e.Name + ": " + e.Error)
		return
	}
	v.Stop()
	if tl := v.Session.Project().Timeline; tl != nil && len(tl.Tracks) > 0 {
		tr := tl.Tracks[0]
		for i, it := range tr.Items {
			if c, ok := it.(*edit.Clip); ok && c.Media != nil && c.Media.Path == e.Path {
				v.Timeline.SelectClip(c.ID)
				v.seek(tr.Position(i))
				return
			}
		}
	}
	v.Viewer.ShowFrame(e.Path, int(e.Usable), fmt.Sprintf("SOURCE %s (not in the cut)", e.Name))
}

// inspect shows suggestion id in the inspector.
func (v *CutView) inspect(id string) {
	for _, e := range v.Session.Entries() {
		if e.ID == id {
			v.Inspector.SetEntry(e, TakeRows(v.Session.Day(), e))
			if effects.IsEffect(e.Kind) && v.Inspector.Preview().ID != e.ID {
				v.startPreview(e)
			}
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
	v.refresh()
	if id != "" {
		v.Timeline.SelectSuggestion(id)
		v.inspect(id)
	}
	v.status("autosaved")
}

// AcceptAbove accepts every proposed suggestion of at least confidence
// c (one undoable step).
func (v *CutView) AcceptAbove(c float64) {
	v.do(func() error { return v.Session.AcceptAbove(c) }, v.Timeline.SelectedSuggestion())
}

func (v *CutView) threshold() float64 {
	c, err := strconv.ParseFloat(v.Threshold.Selected, 64)
	if err != nil {
		return 1
	}
	return c
}

// refresh shows the session's cut, suggestions and bin as they are now.
func (v *CutView) refresh() {
	v.Timeline.SetTimeline(v.Session.Project().Timeline)
	v.Timeline.SetSuggestions(v.Session.Entries())
	v.Bin.SetEntries(v.Session.Bin())
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

// Speed is the playback speed in multiples of the timeline's rate
// (negative: backwards), 0 when stopped.
func (v *CutView) Speed() float64 { return v.speed }

// TogglePlay starts playback from the playhead at the timeline's rate, or
// stops it.
func (v *CutView) TogglePlay() {
	if v.stop != nil {
		v.Stop()
		return
	}
	v.Shuttle(1)
}

// Forward is L: play forwards, or faster (up to 8×) when already playing
// forwards. Backward is J, the same backwards.
func (v *CutView) Forward() { v.Shuttle(faster(v.speed, 1)) }

// Backward is J: play backwards, or faster when already doing so.
func (v *CutView) Backward() { v.Shuttle(faster(v.speed, -1)) }

func faster(speed, dir float64) float64 {
	if speed*dir > 0 {
		return dir * min(abs(speed)*2, 8)
	}
	return dir
}

func abs(x float64) float64 { return max(x, -x) }

// Stop is K: stop playback where it is.
func (v *CutView) Stop() {
	if v.stop != nil {
		v.stop()
		v.stop = nil
	}
	v.speed = 0
}

// Shuttle plays from the playhead at speed times the timeline's rate
// (negative: backwards). Frames are decoded off the UI goroutine and
// dropped when the UI is behind; the playhead follows the picture.
func (v *CutView) Shuttle(speed float64) {
	v.Stop()
	tl := v.Session.Project().Timeline
	ctx, cancel := context.WithCancel(context.Background())
	v.stop, v.speed = cancel, speed
	var ch <-chan project.PlayedFrame
	if speed == 1 {
		ch = v.play(ctx, tl, v.Timeline.Playhead(), 640)
	} else {
		ch = v.shuttle(ctx, tl, v.Timeline.Playhead(), speed, 640, project.FrameFunc(v.frame))
	}
	sign := "▶"
	if speed < 0 {
		sign = "◀"
	}
	if abs(speed) != 1 {
		sign += fmt.Sprintf(" %g×", abs(speed))
	}
	go func() {
		for f := range ch {
			fyne.Do(func() {
				if ctx.Err() != nil {
					return
				}
				caption := sign + " REC " + tl.Rate.Timecode(tl.Start+f.Record, tl.DropFrame)
				if f.Image != nil {
					v.Viewer.ShowImage(f.Image, caption)
				}
				v.Timeline.SetPlayhead(f.Record)
			})
		}
		fyne.Do(func() {
			if ctx.Err() == nil { // ended by itself
				v.stop, v.speed = nil, 0
				cancel()
				v.view(v.Timeline.Playhead())
			}
		})
	}()
}

// Step stops playback and moves the playhead by n frames (← and →).
func (v *CutView) Step(n int64) { v.Stop(); v.seek(v.Timeline.Playhead() + n) }

// seek moves the playhead to record frame f (within the cut) and shows it.
func (v *CutView) seek(f int64) {
	tl := v.Session.Project().Timeline
	if tl == nil {
		return
	}
	f = min(max(f, 0), max(tl.Duration()-1, 0))
	v.Timeline.SetPlayhead(f)
	v.view(f)
}

// EditPoint stops playback and moves the playhead to the next (dir > 0)
// or previous cut between clips (↓ and ↑).
func (v *CutView) EditPoint(dir int) {
	v.Stop()
	tl := v.Session.Project().Timeline
	if tl == nil || len(tl.Tracks) == 0 {
		return
	}
	cur, tr := v.Timeline.Playhead(), tl.Tracks[0]
	best := int64(-1)
	for i := range tr.Items {
		for _, p := range []int64{tr.Position(i), tr.Position(i) + tr.Items[i].TrackLength()} {
			if dir > 0 && p > cur && (best < 0 || p < best) || dir < 0 && p < cur && (best < 0 || p > best) {
				best = p
			}
		}
	}
	if best >= 0 {
		v.seek(best)
	}
}

// MarkIn and MarkOut set the in and out marks at the playhead (I and O);
// the out mark includes the frame under the playhead.
func (v *CutView) MarkIn() {
	_, out := v.Timeline.Marks()
	p := v.Timeline.Playhead()
	if out >= 0 && out <= p {
		out = -1
	}
	v.Timeline.SetMarks(p, out)
	v.markStatus()
}

// MarkOut sets the out mark after the frame under the playhead (O).
func (v *CutView) MarkOut() {
	in, _ := v.Timeline.Marks()
	p := v.Timeline.Playhead() + 1
	if in >= p {
		in = -1
	}
	v.Timeline.SetMarks(in, p)
	v.markStatus()
}

// ClearMarks removes both marks (G).
func (v *CutView) ClearMarks() { v.Timeline.SetMarks(-1, -1); v.status("marks cleared") }

func (v *CutView) markStatus() {
	tl := v.Session.Project().Timeline
	in, out := v.Timeline.Marks()
	tc := func(f int64) string {
		if f < 0 {
			return "—"
		}
		return tl.Rate.Timecode(tl.Start+f, tl.DropFrame)
	}
	s := "IN " + tc(in) + "  OUT " + tc(out)
	if in >= 0 && out > in {
		s += fmt.Sprintf("  (%d frames)", out-in)
	}
	v.status(s)
}

// TrimToMarks makes the clip holding the in mark start at it and end at
// the out mark (T): the editor's trim of that take, undoable. Either mark
// may be missing; both must lie in one clip.
func (v *CutView) TrimToMarks() {
	tl := v.Session.Project().Timeline
	in, out := v.Timeline.Marks()
	if tl == nil || len(tl.Tracks) == 0 || in < 0 && out < 0 {
		v.status("set an in or out mark (I, O) inside a clip first")
		return
	}
	at := in
	if at < 0 {
		at = out - 1
	}
	tr := tl.Tracks[0]
	for i, it := range tr.Items {
		c, ok := it.(*edit.Clip)
		pos := tr.Position(i)
		if !ok || at < pos || at >= pos+c.Duration {
			continue
		}
		head, tail := int64(0), int64(0)
		if in >= 0 {
			head = in - pos
		}
		if out >= 0 {
			if out > pos+c.Duration {
				v.status("the marks span more than one clip")
				return
			}
			tail = out - (pos + c.Duration)
		}
		v.trim(c.ID, head, tail)
		v.Timeline.SetMarks(-1, -1)
		return
	}
	v.status("no clip at the in mark")
}

// trim moves clip id's head and tail by head and tail frames through the
// session (a modified trim decision).
func (v *CutView) trim(id string, head, tail int64) {
	name := id
	if tl := v.Session.Project().Timeline; tl != nil {
		if tr, i := tl.Find(id); tr != nil {
			if c, ok := tr.Items[i].(*edit.Clip); ok {
				name = c.DisplayName()
			}
		}
	}
	if err := v.Session.TrimClip(id, head, tail); err != nil {
		v.Status.SetText("error: " + err.Error())
		return
	}
	v.do(func() error { return nil }, v.Timeline.SelectedSuggestion())
	v.status(fmt.Sprintf("trimmed %s (head %+d, tail %+d frames)", name, head, tail))
	v.view(v.Timeline.Playhead())
}

// export opens the export dialog (see ShowExport).
func (v *CutView) export() {
	if v.window == nil {
		return
	}
	ShowExport(v.Session, v.window, func(path string) { v.status("exported " + path) })
}

// Bind attaches the view to its window, shows the frame under the
// playhead, and binds the editor's keys: Space play/stop; J, K, L shuttle
// backwards, stop, forwards (again: faster); ← → step a frame; ↑ ↓ the
// previous and next edit point; Home, End; I, O mark in and out, G clears
// the marks, T trims the clip to them; A accept and R reject the selected
// suggestion; Ctrl+Z undo, Ctrl+Shift+Z redo, Ctrl+S save, Ctrl+E export.
func (v *CutView) Bind(w fyne.Window) {
	v.window = w
	c := w.Canvas()
	c.SetOnTypedKey(func(k *fyne.KeyEvent) {
		id := v.Timeline.SelectedSuggestion()
		switch k.Name {
		case fyne.KeySpace:
			v.TogglePlay()
		case fyne.KeyJ:
			v.Backward()
		case fyne.KeyK:
			v.Stop()
		case fyne.KeyL:
			v.Forward()
		case fyne.KeyLeft:
			v.Step(-1)
		case fyne.KeyRight:
			v.Step(1)
		case fyne.KeyUp:
			v.EditPoint(-1)
		case fyne.KeyDown:
			v.EditPoint(1)
		case fyne.KeyHome:
			v.Stop()
			v.seek(0)
		case fyne.KeyEnd:
			v.Stop()
			v.seek(1 << 62)
		case fyne.KeyI:
			v.MarkIn()
		case fyne.KeyO:
			v.MarkOut()
		case fyne.KeyG:
			v.ClearMarks()
		case fyne.KeyT:
			v.TrimToMarks()
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
