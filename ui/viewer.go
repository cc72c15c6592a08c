package ui

import (
	"context"
	"image"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// FrameSource decodes frame n of the media file at path, about width
// pixels wide (see project.Frames.Frame); it may give up with ctx's error
// once ctx is done.
type FrameSource func(ctx context.Context, path string, n, width int) (image.Image, error)

// Viewer shows one frame of the cut with its record and source timecode.
// ShowFrame decodes off the Fyne goroutine; a newer request cancels an
// older one (whose decode, if it has not started, never runs) and makes
// it drop its picture, so a slow decode never paints over a newer frame.
// Use it from the Fyne goroutine only.
type Viewer struct {
	widget.BaseWidget

	img   *canvas.Image
	label *widget.Label
	frame FrameSource

	mu     sync.Mutex
	gen    int                // the latest request
	cancel context.CancelFunc // cancels the latest request
	// shown, when set, receives each picture actually shown (tests).
	shown chan int
	// async runs a decode off the Fyne goroutine (tests run it inline).
	async func(func())
}

// NewViewer returns a viewer that decodes with frame.
func NewViewer(frame FrameSource) *Viewer {
	v := &Viewer{frame: frame, label: widget.NewLabel(""), async: func(f func()) { go f() }}
	v.img = canvas.NewImageFromImage(image.NewRGBA(image.Rect(0, 0, 16, 9)))
	v.img.FillMode = canvas.ImageFillContain
	v.img.SetMinSize(fyne.NewSize(384, 216))
	v.ExtendBaseWidget(v)
	return v
}

// ShowFrame decodes frame n of path and shows it with caption (record and
// source timecode, clip name).
func (v *Viewer) ShowFrame(path string, n int, caption string) {
	ctx := v.next()
	v.mu.Lock()
	gen := v.gen
	v.mu.Unlock()
	v.label.SetText(caption)
	v.async(func() {
		img, err := v.frame(ctx, path, n, 640)
		if ctx.Err() != nil {
			return
		}
		fyne.Do(func() {
			v.mu.Lock()
			stale := gen != v.gen
			v.mu.Unlock()
			if stale {
				return
			}
			if err != nil {
				v.label.SetText(caption + " — " + err.Error())
				return
			}
			v.img.Image = img
			v.img.Refresh()
			if v.shown != nil {
				v.shown <- gen
			}
		})
	})
}

// next starts a new request: it cancels the one before and returns the
// new one's context.
func (v *Viewer) next() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.cancel != nil {
		v.cancel()
	}
	v.gen++
	v.cancel = cancel
	return ctx
}

// ShowImage shows img at once (playback), dropping decodes in flight.
func (v *Viewer) ShowImage(img image.Image, caption string) {
	v.next()
	v.label.SetText(caption)
	v.img.Image = img
	v.img.Refresh()
}

// Caption is the text under the picture.
func (v *Viewer) Caption() string { return v.label.Text }

// CreateRenderer lays the picture over its caption.
func (v *Viewer) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewBorder(nil, v.label, nil, nil, v.img))
}
