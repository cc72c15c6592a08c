// Package rough makes the smart rough cut: it analyses each take of a
// folder of rushes (picture features, audio levels, the usable range and
// the clap), and turns the results into suggestions an editor accepts or
// rejects. It orchestrates the analysis layers and holds no pixel or
// sample work of its own.
package rough

import (
	"context"
	"errors"
	"fmt"
	"math"

	"rushcut/app/analysis"
	"rushcut/app/assemble"
	"rushcut/app/edit"
	"rushcut/app/trim"
	"rushcut/media"
	"rushcut/models"
	"rushcut/vision/slate"
)

// TakeReport is the analysis of one take file.
type TakeReport struct {
	// Path is the media file.
	Path string `json:"path"`
	// Frames is the number of frames analysed; FPS the nominal rate.
	Frames int            `json:"frames"`
	FPS    media.Rational `json:"fps"`
	// MOS is true when the file has no sound.
	MOS bool `json:"mos"`
	// Trim is the usable range, clap and dead stretches.
	Trim trim.Result `json:"trim"`
	// Cached is true when the picture analysis came from the cache.
	Cached bool `json:"cached"`
	// Analysis is the per-frame analysis the report was made from.
	Analysis *analysis.Analysis `json:"-"`
	// Take is what the trim analysis read (frames and audio levels).
	Take trim.Take `json:"-"`
	// Media is the file as an edit reference (rate, start timecode, reel).
	Media *edit.MediaReference `json:"media"`
	// Start is the take's start timecode in seconds since midnight (0 when
	// it has none): the shooting order.
	Start float64 `json:"start_s"`
	// Label is the setup and take the file's slate or name says, when read.
	Label Label `json:"label"`
	// Slate is what the slate reader made of the board (nil when slates
	// were not read).
	Slate *slate.Result `json:"slate,omitempty"`
	// Embedding is the mean ViT embedding of the usable range (nil without
	// the model), for grouping takes into setups.
	Embedding []float32 `json:"-"`
	// SelfSimilarity is the cosine similarity of the mean embeddings of the
	// usable range's two halves: how alike one shot is to itself, the
	// day's yardstick for "the same setup" when nothing else gives one
	// (NaN without the model or embedded frames in both halves).
	SelfSimilarity float64 `json:"-"`
	// Quality is what ranking reads of the usable range.
	Quality Quality `json:"quality"`
}

// AnalyzeTake analyses one take: the one-pass picture analysis (cached),
// the audio levels, then the usable range, and with slates (nil: none) the
// slate board just before the clap. A file with no audio stream is a take
// shot MOS, trimmed from the picture alone.
func AnalyzeTake(ctx context.Context, path string, opt analysis.Options, slates *slate.Reader) (*TakeReport, error) {
	a, err := analysis.Analyze(ctx, path, opt)
	if err != nil {
		return nil, err
	}
	key := ""
	if !opt.NoCache {
		key, _ = takeKey(path, a, slates != nil)
	}
	e, hit := takeEntry{}, false
	if key != "" {
		e, hit = loadTake(opt, key)
	}
	if hit {
		a.SetDetection(e.Detection)
	} else if e, err = measureTake(path, a); err != nil {
		return nil, err
	}
	m := e.Media
	tk := a.Take(e.Levels)
	r := &TakeReport{Path: path, Frames: a.Frames(), FPS: a.FPS, MOS: e.MOS, Trim: trim.Analyze(tk), Analysis: a, Take: tk, Media: m, Cached: a.Cached && hit}
	if m.HasTimecode {
		r.Start = float64(m.Start) * float64(m.Rate.Den) / float64(m.Rate.Num)
	}
	r.Label = labelFromName(path)
	if slates != nil && !hit {
		if frames := slateFrames(r.Trim); len(frames) > 0 {
			res, err := slates.Read(path, frames)
			if err != nil {
				return nil, err
			}
			e.Slate = &res
		}
	}
	if slates != nil && e.Slate != nil {
		r.Slate = e.Slate
		if s := e.Slate; s.OK {
			r.Label = Label{Setup: s.Slate.Setup, Scene: sceneOf(s.Slate.Scene), Take: s.Slate.Take, Pickup: s.Slate.Pickup, By: "slate"}
		}
	}
	if key != "" && !hit {
		e.Slates = slates != nil
		saveTake(opt, key, e)
	}
	r.Embedding = meanEmbedding(a, r.Trim.Usable)
	r.SelfSimilarity = selfSimilarity(a, r.Trim.Usable)
	r.Quality = measure(tk, r.Trim.Usable)
	return r, nil
}

// measureTake measures what a take needs beyond its picture analysis: the
// detector's result, the sound's levels (none for a take shot MOS) and
// the media reference.
func measureTake(path string, a *analysis.Analysis) (takeEntry, error) {
	e := takeEntry{Detection: a.Detect()}
	levels, err := media.AudioLevels(path)
	switch {
	case errors.Is(err, media.ErrNoAudio):
		e.MOS = true
	case err != nil:
		return e, fmt.Errorf("audio levels: %w", err)
	default:
		e.Levels = levels
	}
	info, err := media.Probe(path)
	if err != nil {
		return e, err
	}
	m, _, err := assemble.MediaFromInfo(info)
	if err != nil {
		return e, &media.InputError{Path: path, Reason: err.Error(), Err: err}
	}
	e.Media = m
	return e, nil
}

// slateFrames are the frames to read the slate from: the three before
// the clap, or without one, three a little after the leader.
func slateFrames(t trim.Result) []int {
	at := t.Clap
	if at < 0 {
		at = t.Leader.End + 1 + 12
	}
	var out []int
	for f := max(t.Leader.End+1, at-3); f < at; f++ {
		out = append(out, f)
	}
	return out
}

// selfSimilarity compares the two halves of u (NaN when either half has
// no embedded frame).
func selfSimilarity(a *analysis.Analysis, u trim.Range) float64 {
	mid := u.Start + u.Len()/2
	x := meanEmbedding(a, trim.Range{Start: u.Start, End: mid - 1})
	y := meanEmbedding(a, trim.Range{Start: mid, End: u.End})
	if x == nil || y == nil {
		return math.NaN()
	}
	return models.Cosine(x, y)
}

// meanEmbedding is the normalised mean of the ViT vectors of frames in u.
func meanEmbedding(a *analysis.Analysis, u trim.Range) []float32 {
	e := a.Embeddings
	if e.Len() == 0 {
		return nil
	}
	sum := make([]float32, e.Dim)
	n := 0
	for i, f := range e.Frames {
		if int(f) < u.Start || int(f) > u.End {
			continue
		}
		for j, x := range e.Vecs[i*e.Dim : (i+1)*e.Dim] {
			sum[j] += x
		}
		n++
	}
	if n == 0 {
		return nil
	}
	var norm float64
	for _, x := range sum {
		norm += float64(x) * float64(x)
	}
	if norm == 0 {
		return nil
	}
	k := float32(1 / math.Sqrt(norm))
	for j := range sum {
		sum[j] *= k
	}
	return sum
}
