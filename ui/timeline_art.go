package ui

import (
	"context"
	"image"
	"image/color"
	"image/draw"
	"math"
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"rushcut/app/edit"
	"rushcut/app/project"
)

// ClipArt is what the timeline draws inside clips: picture thumbnails on
// video tracks and the sound's waveform on audio tracks. Both answer at
// once: nil while a picture is still being decoded (ClipArt refreshes the
// timeline when it arrives) or when there is none.
type ClipArt interface {
	// Thumbnail is frame n of the clip's media (from its first frame).
	Thumbnail(c *edit.Clip, n int64) image.Image
	// Waveform is the clip's sound from media frame n0 to n1 (from its
	// first frame) drawn w×h pixels, or nil when it has no levels.
	Waveform(c *edit.Clip, n0, n1 float64, w, h int) image.Image
}

// Levels is a file's sound as peak levels: Peak[i] in dBFS over the
// Window seconds starting Start+i×Window seconds after its first frame.
type Levels struct {
	Start, Window float64
	Peak          []float32
}

// thumbWidth is the pixel width thumbnails are decoded at.
const thumbWidth = 96

// clipArt decodes thumbnails through the frames server, a few at a time
// off the Fyne goroutine, and keeps them; waveforms are drawn from levels.
type clipArt struct {
	frames  project.FrameFunc
	levels  func(path string) *Levels
	refresh func()

	mu      sync.Mutex
	waves   map[waveKey]image.Image
	thumbs  map[thumbKey]image.Image
	pending map[thumbKey]bool
	slots   chan struct{}
	// redraw is true while a refresh for arrived thumbnails is scheduled:
	// arrivals within refreshEvery share one redraw.
	redraw bool
}

// refreshEvery is how often at most arriving thumbnails redraw the
// timeline.
const refreshEvery = 100 * time.Millisecond

type waveKey struct {
	path   string
	n0, n1 float64
	w, h   int
}

type thumbKey struct {
	path string
	n    int64
}

// NewClipArt returns timeline art decoding thumbnails with frames and
// reading sound levels with levels (nil: no waveforms); refresh is called
// on the Fyne goroutine after thumbnails arrive (once for all those that
// arrive within refreshEvery, so that a timeline filling with pictures
// is not redrawn for each).
func NewClipArt(frames project.FrameFunc, levels func(path string) *Levels, refresh func()) ClipArt {
	return &clipArt{frames: frames, levels: levels, refresh: refresh,
		thumbs: map[thumbKey]image.Image{}, waves: map[waveKey]image.Image{}, pending: map[thumbKey]bool{}, slots: make(chan struct{}, 2)}
}

func (a *clipArt) Thumbnail(c *edit.Clip, n int64) image.Image {
	if c.Media == nil {
		return nil
	}
	k := thumbKey{c.Media.Path, n}
	a.mu.Lock()
	defer a.mu.Unlock()
	if img, ok := a.thumbs[k]; ok || a.pending[k] {
		return img
	}
	a.pending[k] = true
	go func() {
		a.slots <- struct{}{}
		img, err := a.frames(context.Background(), k.path, int(k.n), thumbWidth)
		<-a.slots
		fyne.Do(func() {
			a.mu.Lock()
			delete(a.pending, k)
			if err == nil {
				a.thumbs[k] = img
			} else {
				a.thumbs[k] = nil // unreadable: do not ask again
			}
			schedule := err == nil && a.refresh != nil && !a.redraw
			if schedule {
				a.redraw = true
			}
			a.mu.Unlock()
			if schedule {
				time.AfterFunc(refreshEvery, func() {
					fyne.Do(func() {
						a.mu.Lock()
						a.redraw = false
						a.mu.Unlock()
						a.refresh()
					})
				})
			}
		})
	}()
	return nil
}

var waveColor = color.NRGBA{R: 0x9f, G: 0xe6, B: 0xbf, A: 0xd0}

func (a *clipArt) Waveform(c *edit.Clip, n0, n1 float64, w, h int) image.Image {
	if a.levels == nil || c.Media == nil || w <= 0 || h <= 0 {
		return nil
	}
	l := a.levels(c.Media.Path)
	if l == nil || len(l.Peak) == 0 || l.Window <= 0 {
		return nil
	}
	k := waveKey{c.Media.Path, n0, n1, w, h}
	a.mu.Lock()
	defer a.mu.Unlock()
	if img, ok := a.waves[k]; ok {
		return img
	}
	if len(a.waves) > 256 {
		clear(a.waves)
	}
	img := drawWave(l, c.Media.Rate.Float(), n0, n1, w, h)
	a.waves[k] = img
	return img
}

// drawWave draws levels l from media frame n0 to n1 (at rate) as w×h
// pixels: one centred bar per column, as tall as the loudest peak under
// it.
func drawWave(l *Levels, rate, n0, n1 float64, w, h int) image.Image {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	fill := image.NewUniform(waveColor)
	per := (n1 - n0) / float64(w)
	for x := range w { // one bar per column: the loudest window under it
		t0, t1 := (n0+float64(x)*per)/rate, (n0+float64(x+1)*per)/rate
		i0 := int(math.Floor((t0 - l.Start) / l.Window))
		i1 := max(i0+1, int(math.Ceil((t1-l.Start)/l.Window)))
		peak := float32(-120)
		for i := max(i0, 0); i < min(i1, len(l.Peak)); i++ {
			peak = max(peak, l.Peak[i])
		}
		amp := math.Pow(10, float64(peak)/20)
		bar := int(math.Round(amp * float64(h)))
		if bar <= 0 {
			continue
		}
		top := (h - bar) / 2
		draw.Draw(img, image.Rect(x, top, x+1, top+bar), fill, image.Point{}, draw.Src)
	}
	return img
}
