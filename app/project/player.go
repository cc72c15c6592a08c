package project

import (
	"context"
	"image"
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
	fr, err := r.Seek(cur)
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
