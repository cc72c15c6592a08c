package project

import (
	"context"
	"image"
	"math"
	"time"

	"rushcut/app/edit"
	"rushcut/media"
)

// PlayedFrame is one frame of playback: the record frame (from the
// timeline's start) and its picture.
type PlayedFrame struct {
	Record int64
	Image  image.Image
}

// Play plays tl's video track from record frame from, at the timeline's
// rate, decoding each clip's media sequentially (one seek per clip) at
// about width pixels, and sends the frames on the returned channel. When
// the receiver falls behind, frames are dropped, never queued: the
// channel holds one frame and a newer one replaces it. The channel closes
// at the end of the timeline, on a decoding error, or when ctx is done.
func Play(ctx context.Context, tl *edit.Timeline, from int64, width int) <-chan PlayedFrame {
	out := make(chan PlayedFrame, 1)
	go func() {
		defer close(out)
		if tl == nil || len(tl.Tracks) == 0 || !tl.Rate.Valid() {
			return
		}
		period := time.Duration(float64(time.Second) * float64(tl.Rate.Den) / float64(tl.Rate.Num))
		tick := time.NewTicker(period)
		defer tick.Stop()
		tr := tl.Tracks[0]
		for i, it := range tr.Items {
			pos, n := tr.Position(i), it.TrackLength()
			if from >= pos+n {
				continue
			}
			c, ok := it.(*edit.Clip)
			if !ok || c.Media == nil {
				for f := max(from, pos); f < pos+n; f++ { // a gap: time passes
					if !wait(ctx, tick) {
						return
					}
				}
				continue
			}
			if !playClip(ctx, c, tl.Rate, pos, max(from, pos), width, tick, out) {
				return
			}
		}
	}()
	return out
}

// playClip plays clip c (at record position pos) from record frame from.
func playClip(ctx context.Context, c *edit.Clip, rate edit.Rate, pos, from int64, width int, tick *time.Ticker, out chan PlayedFrame) bool {
	r, err := media.OpenReader(c.Media.Path, media.ReaderOptions{Width: width, Format: media.RGBA})
	if err != nil {
		return false
	}
	defer r.Close()
	src := func(f int64) int {
		return int(c.SourceIn - c.Media.Start + edit.SourceFrames(f-pos, c.Speed(), c.Media.Rate, rate))
	}
	cur := src(from)
	if idx := storedIndex(c.Media.Path); idx != nil {
		r.SetIndex(idx)
	}
	fr, err := r.SeekContext(ctx, cur)
	if err != nil {
		return false
	}
	for f := from; f < pos+c.Duration; f++ {
		for want := src(f); cur < want; cur++ {
			if fr, err = r.Next(); err != nil {
				return false
			}
		}
		img := &image.RGBA{Pix: fr.Data, Stride: fr.Stride, Rect: image.Rect(0, 0, fr.Width, fr.Height)}
		select { // replace an unread older frame: drop, never queue
		case <-out:
		default:
		}
		out <- PlayedFrame{Record: f, Image: img}
		if !wait(ctx, tick) {
			return false
		}
	}
	return true
}

// wait waits for the next tick; false when ctx is done.
func wait(ctx context.Context, tick *time.Ticker) bool {
	select {
	case <-ctx.Done():
		return false
	case <-tick.C:
		return true
	}
}

// SourceAt returns the clip of tl's first (picture) track playing record
// frame f (from the timeline's start) and the media frame it shows there,
// counted from the media's first frame; ok is false over a gap or past
// the end.
func SourceAt(tl *edit.Timeline, f int64) (c *edit.Clip, n int64, ok bool) {
	if tl == nil || len(tl.Tracks) == 0 {
		return nil, 0, false
	}
	tr := tl.Tracks[0]
	for i, it := range tr.Items {
		c, isClip := it.(*edit.Clip)
		pos := tr.Position(i)
		if !isClip || c.Media == nil || f < pos || f >= pos+c.Duration {
			continue
		}
		src := c.SourceIn + edit.SourceFrames(f-pos, c.Speed(), c.Media.Rate, tl.Rate)
		return c, src - c.Media.Start, true
	}
	return nil, 0, false
}

// FrameFunc decodes frame n of the media at path about width pixels wide
// (Frames.Frame).
type FrameFunc func(ctx context.Context, path string, n, width int) (image.Image, error)

// Shuttle plays tl from record frame from at speed times the timeline's
// rate (negative: backwards), as J and L do in an NLE, fetching pictures
// with frame. The record frame shown follows the wall clock, so frames the
// decoder cannot keep up with are skipped, never queued; as with Play the
// channel holds one frame, a newer one replacing it. Over a gap it sends
// nil pictures. The channel closes at either end of the timeline, on a
// decoding error, or when ctx is done.
func Shuttle(ctx context.Context, tl *edit.Timeline, from int64, speed float64, width int, frame FrameFunc) <-chan PlayedFrame {
	out := make(chan PlayedFrame, 1)
	go func() {
		defer close(out)
		if tl == nil || !tl.Rate.Valid() || speed == 0 {
			return
		}
		period := time.Duration(float64(time.Second) * float64(tl.Rate.Den) / float64(tl.Rate.Num))
		tick := time.NewTicker(period)
		defer tick.Stop()
		end, start := tl.Duration(), time.Now()
		last := int64(-1)
		for {
			f := from + int64(math.Round(time.Since(start).Seconds()*tl.Rate.Float()*speed))
			if f < 0 || f >= end {
				return
			}
			if f != last {
				last = f
				pf := PlayedFrame{Record: f}
				if c, n, ok := SourceAt(tl, f); ok {
					img, err := frame(ctx, c.Media.Path, int(n), width)
					if err != nil {
						return
					}
					pf.Image = img
				}
				select { // replace an unread older frame
				case <-out:
				default:
				}
				out <- pf
			}
			if !wait(ctx, tick) {
				return
			}
		}
	}()
	return out
}
