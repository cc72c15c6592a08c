package ui

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"rushcut/app/project"
	"rushcut/app/rough"
	"rushcut/assets"
)

// Loader analyses the rushes and opens the rough cut's session, calling
// progress (from any goroutine, one call at a time) as files are
// analysed. It stops with ctx's error when ctx is cancelled. recover says
// whether to open the project's autosave instead of its saved file (see
// Opening).
type Loader func(ctx context.Context, recover bool, progress func(Progress)) (*rough.Session, error)

// Progress is where the analysis stands: the files finished and their
// total, and the file the report is about, if any, with its frames
// analysed and expected, whether it is finished, and why it failed.
type Progress struct {
	Done, Total   int
	Path          string
	Frame, Frames int
	Finished      bool
	Err           string
}

// Opening is what the rough-cut window opens.
type Opening struct {
	// Title is the window's title.
	Title string
	// Autosave, when set, describes an autosave newer than the saved
	// project (left by a crash): the window asks whether to recover it
	// before loading.
	Autosave string
	// Load opens the session.
	Load Loader
	// Probe, when set, receives the UI loop's latency every 20 ms and
	// when the cut is shown (for benchmarks; see probe); Started is when
	// the process began.
	Probe   io.Writer
	Started time.Time
	// Reopen makes the opening for other rushes or another project (the
	// File menu and files dropped on the window); nil disables both.
	Reopen func(paths []string) (Opening, error)
	// After, when set, runs off the UI goroutine once the cut is shown
	// (proposing effects); what it returns is said in the status line and
	// the view shows the session as it left it.
	After func(s *rough.Session) (string, error)
}

// RunRoughCut opens the main window, offers the autosave back when there
// is one, shows the analysis's progress with a Cancel button while Load
// runs off the UI goroutine, then the rough cut. It blocks until the
// window is closed.
func RunRoughCut(o Opening) {
	a := app.NewWithID(AppID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	w := a.NewWindow(o.Title)
	w.Resize(fyne.NewSize(1280, 720))
	var l *Loading
	start := func(o Opening) {
		if l != nil {
			l.Closed() // the session before: its readers and probe
		}
		w.SetTitle(o.Title)
		l = NewLoading(w, o.Load)
		l.After = o.After
		w.SetContent(l.Content())
		if o.Probe != nil {
			stop := make(chan struct{})
			l.onClose = append(l.onClose, func() { close(stop) })
			p := startProbe(o.Probe, o.Started, 20*time.Millisecond, stop)
			l.OnOpen = func(*CutView) { p.mark("cut_shown") }
		}
		if o.Autosave != "" {
			OfferRecovery(w, o.Autosave, l.Start)
		} else {
			l.Start(false)
		}
	}
	w.SetOnClosed(func() {
		if l != nil {
			l.Closed()
		}
	})
	if o.Reopen != nil {
		reopen := func(paths []string) {
			next, err := o.Reopen(paths)
			if err != nil {
				dialog.ShowError(err, w)
				return
			}
			if l != nil {
				l.Cancel()
			}
			start(next)
		}
		w.SetMainMenu(fileMenu(w, reopen))
		w.SetOnDropped(func(_ fyne.Position, uris []fyne.URI) {
			var paths []string
			for _, u := range uris {
				paths = append(paths, u.Path())
			}
			if len(paths) > 0 {
				reopen(paths)
			}
		})
	}
	start(o)
	w.ShowAndRun()
}

// fileMenu is the window's File menu: open a folder of rushes or a
// project (the autosave keeps the session before).
func fileMenu(w fyne.Window, reopen func([]string)) *fyne.MainMenu {
	folder := fyne.NewMenuItem("Open Rushes Folder…", func() {
		dialog.ShowFolderOpen(func(u fyne.ListableURI, err error) {
			if err == nil && u != nil {
				reopen([]string{u.Path()})
			}
		}, w)
	})
	proj := fyne.NewMenuItem("Open Project…", func() {
		d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
			if err == nil && r != nil {
				path := r.URI().Path()
				r.Close()
				reopen([]string{path})
			}
		}, w)
		d.SetFilter(storage.NewExtensionFileFilter([]string{".rushcut"}))
		d.Show()
	})
	return fyne.NewMainMenu(fyne.NewMenu("File", folder, proj))
}

// OfferRecovery asks in w whether to recover the autosave at path, and
// calls start with the answer.
func OfferRecovery(w fyne.Window, path string, start func(recover bool)) {
	d := dialog.NewConfirm("Recover unsaved changes?", path+"\n\nRushcut closed before these changes were saved. Recover them?\n(If not, the autosave is kept aside, dated.)", start, w)
	d.SetConfirmText("Recover")
	d.SetDismissText("Open the saved project")
	d.Show()
}

// Loading is the window's content while the rushes are analysed: a
// progress bar, a count, each file with its own progress or why it
// failed, and a Cancel button; when loading ends it puts the rough cut in
// the window (or says what went wrong).
type Loading struct {
	w      fyne.Window
	load   Loader
	bar    *widget.ProgressBar
	label  *widget.Label
	cancel *widget.Button
	list   *widget.List
	// mu guards latest and files, written by the loader's goroutine.
	mu      sync.Mutex
	latest  Progress
	files   []Progress
	index   map[string]int
	pending bool
	// redraw is how long progress reports wait to share one redraw.
	redraw time.Duration
	stop   context.CancelFunc
	root   fyne.CanvasObject
	// OnOpen is called on the Fyne goroutine with the opened view.
	OnOpen func(*CutView)
	// After runs off the UI goroutine once the cut is shown (see
	// Opening.After).
	After func(s *rough.Session) (string, error)
	// async runs the load (tests run it inline); ended, when set,
	// receives once the window shows the outcome (tests).
	async func(func())
	ended chan struct{}
	// onClose runs when the window closes.
	onClose []func()
}

// Closed releases what the window held (readers, the probe); call it
// when the window closes.
func (l *Loading) Closed() {
	for _, f := range l.onClose {
		f()
	}
	l.onClose = nil
}

// NewLoading returns the loading content of window w for load.
func NewLoading(w fyne.Window, load Loader) *Loading {
	l := &Loading{w: w, load: load, bar: widget.NewProgressBar(), label: widget.NewLabel("Analysing the rushes…"),
		async: func(f func()) { go f() }, redraw: 100 * time.Millisecond}
	l.cancel = widget.NewButton("Cancel", l.Cancel)
	l.index = map[string]int{}
	l.list = widget.NewList(func() int { l.mu.Lock(); defer l.mu.Unlock(); return len(l.files) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			l.mu.Lock()
			p := l.files[i]
			l.mu.Unlock()
			o.(*widget.Label).SetText(FileLine(p))
		})
	files := container.NewGridWrap(fyne.NewSize(560, 300), l.list)
	l.root = container.NewCenter(container.NewVBox(l.label, container.NewGridWrap(fyne.NewSize(560, 36), l.bar), files, container.NewCenter(l.cancel)))
	return l
}

// FileLine is one file's line on the loading screen.
func FileLine(p Progress) string {
	name := filepath.Base(p.Path)
	switch {
	case p.Err != "":
		return "✕ " + name + " — " + p.Err
	case p.Finished:
		return "✓ " + name
	case p.Frames > 0:
		return fmt.Sprintf("… %s — %d%%", name, 100*p.Frame/p.Frames)
	}
	return "… " + name
}

// Files returns each file's progress so far, in the order first seen.
func (l *Loading) Files() []Progress {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]Progress(nil), l.files...)
}

// record keeps a progress report and shows it within a tenth of a second
// (reports coming faster share one redraw).
func (l *Loading) record(ctx context.Context, p Progress) {
	l.mu.Lock()
	l.latest = p
	if p.Path != "" {
		i, ok := l.index[p.Path]
		if !ok {
			i = len(l.files)
			l.index[p.Path] = i
			l.files = append(l.files, Progress{Path: p.Path})
		}
		l.files[i] = p
	}
	schedule := !l.pending
	l.pending = true
	l.mu.Unlock()
	if schedule {
		time.AfterFunc(l.redraw, func() { fyne.Do(func() { l.show(ctx) }) })
	}
}

// show puts the latest progress on screen.
func (l *Loading) show(ctx context.Context) {
	l.mu.Lock()
	l.pending = false
	p := l.latest
	l.mu.Unlock()
	if ctx.Err() != nil {
		return
	}
	if p.Total > 0 {
		l.bar.SetValue(float64(p.Done) / float64(p.Total))
	}
	l.label.SetText(fmt.Sprintf("Analysing the rushes… %d of %d takes", p.Done, p.Total))
	l.list.Refresh()
}

// Content is the loading screen.
func (l *Loading) Content() fyne.CanvasObject { return l.root }

// Cancel stops the analysis; the window says so and stays open.
func (l *Loading) Cancel() {
	l.cancel.Disable()
	l.label.SetText("Cancelling…")
	if l.stop != nil {
		l.stop()
	}
}

// Start runs the load (recovering the autosave when recover is set).
func (l *Loading) Start(recover bool) {
	ctx, cancel := context.WithCancel(context.Background())
	l.stop = cancel
	l.async(func() {
		s, err := l.load(ctx, recover, func(p Progress) { l.record(ctx, p) })
		fyne.Do(func() {
			if l.ended != nil {
				defer close(l.ended)
			}
			l.cancel.Disable()
			switch {
			case ctx.Err() != nil:
				l.label.SetText("Analysis cancelled. Close the window, or open the rushes again to resume (finished takes are cached).")
				return
			case err != nil:
				l.label.SetText("Could not open the rushes: " + err.Error())
				return
			}
			frames := project.NewFrames(6, 256<<20)
			l.onClose = append(l.onClose, frames.Close)
			v := NewCutView(s, frames.Frame)
			l.w.SetContent(v.Content())
			v.Bind(l.w)
			v.Timeline.ZoomToFit()
			if l.OnOpen != nil {
				l.OnOpen(v)
			}
			if l.After != nil {
				v.status("proposing effects…")
				l.async(func() {
					msg, err := l.After(s)
					fyne.Do(func() {
						if err != nil {
							msg = "error: " + err.Error()
						}
						v.refresh()
						v.status(msg)
					})
				})
			}
		})
	})
}
