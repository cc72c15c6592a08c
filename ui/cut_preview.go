package ui

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"

	"rushcut/app/edit"
	"rushcut/app/preview"
	"rushcut/app/suggest"
)

// startPreview renders the before/after preview of effect suggestion e
// in the background (cancelling the one before; cached by the preview
// package), showing its progress and then its still in the inspector.
func (v *CutView) startPreview(e suggest.Entry) {
	v.cancelPreview()
	req, err := preview.FromSuggestion(e, v.resolve)
	if err != nil {
		v.Inspector.SetPreview(PreviewState{ID: e.ID, Err: err.Error()})
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	v.stopPreview = cancel
	v.Inspector.SetPreview(PreviewState{ID: e.ID, Busy: true})
	current := func() bool { return ctx.Err() == nil && v.Inspector.Preview().ID == e.ID }
	v.async(func() {
		res, err := v.render(ctx, req, preview.Options{Progress: func(done, total int) {
			if done%4 != 0 && done != total {
				return
			}
			fyne.Do(func() {
				if current() {
					v.Inspector.SetPreview(PreviewState{ID: e.ID, Busy: true, Done: done, Total: total})
				}
			})
		}})
		fyne.Do(func() {
			switch {
			case errors.Is(err, context.Canceled) || ctx.Err() != nil:
				if v.Inspector.Preview().ID == e.ID {
					v.Inspector.SetPreview(PreviewState{ID: e.ID, Err: "cancelled"})
				}
			case v.Inspector.Preview().ID != e.ID:
			case err != nil:
				v.Inspector.SetPreview(PreviewState{ID: e.ID, Err: err.Error()})
			default:
				v.Inspector.SetPreview(PreviewState{ID: e.ID, Still: res.Still, Clip: res.Clip})
				v.previewRate = edit.Rate{Num: res.Rate.Num, Den: res.Rate.Den}
				v.previewFrames = int64(res.Frames)
			}
			if v.previewEnded != nil {
				v.previewEnded <- e.ID
			}
		})
	})
}

// cancelPreview stops the preview rendering, if one is.
func (v *CutView) cancelPreview() {
	if v.stopPreview != nil {
		v.stopPreview()
		v.stopPreview = nil
	}
}

// resolve finds the project's media by key or path, for previews.
func (v *CutView) resolve(key, path string) *edit.MediaReference {
	return v.Session.Project().Ref(key, path)
}

// playPreview plays the before/after clip in the viewer, at its rate.
func (v *CutView) playPreview(clip string) {
	v.Stop()
	if !v.previewRate.Valid() || v.previewFrames <= 0 {
		return
	}
	m := &edit.MediaReference{Path: clip, Rate: v.previewRate, Duration: v.previewFrames}
	tl := &edit.Timeline{Rate: m.Rate, Tracks: []*edit.Track{{Name: "V1", Kind: edit.Video, Items: []edit.Item{&edit.Clip{Media: m, Duration: m.Duration}}}}}
	ctx, cancel := context.WithCancel(context.Background())
	v.stop, v.speed = cancel, 1
	ch := v.play(ctx, tl, 0, 640)
	go func() {
		for f := range ch {
			fyne.Do(func() {
				if ctx.Err() == nil {
					v.Viewer.ShowImage(f.Image, "BEFORE | AFTER  "+tl.Rate.Timecode(f.Record, false))
				}
			})
		}
		fyne.Do(func() {
			if ctx.Err() == nil {
				v.stop, v.speed = nil, 0
				cancel()
			}
		})
	}()
}
