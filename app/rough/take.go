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
	// Embedding is the mean ViT embedding of the usable range (nil without
	// the model), for grouping takes into setups.
	Embedding []float32 `json:"-"`
	// Quality is what ranking reads of the usable range.
	Quality Quality `json:"quality"`
}

// AnalyzeTake analyses one take: the one-pass picture analysis (cached),
// the audio levels, then the usable range. A file with no audio stream is
// a take shot MOS, trimmed from the picture alone.
func AnalyzeTake(ctx context.Context, path string, opt analysis.Options) (*TakeReport, error) {
	a, err := analysis.Analyze(ctx, path, opt)
	if err != nil {
		return nil, err
	}
	levels, err := media.AudioLevels(path)
	mos := false
	switch {
	case errors.Is(err, media.ErrNoAudio):
		mos, levels = true, nil
	case err != nil:
		return nil, fmt.Errorf("audio levels: %w", err)
	}
	info, err := media.Probe(path)
	if err != nil {
		return nil, err
	}
	m, _, err := assemble.MediaFromInfo(info)
	if err != nil {
		return nil, &media.InputError{Path: path, Reason: err.Error(), Err: err}
	}
	tk := a.Take(levels)
	r := &TakeReport{Path: path, Frames: a.Frames(), FPS: a.FPS, MOS: mos, Trim: trim.Analyze(tk), Analysis: a, Take: tk, Media: m, Cached: a.Cached}
	if m.HasTimecode {
		r.Start = float64(m.Start) * float64(m.Rate.Den) / float64(m.Rate.Num)
	}
	r.Label = labelFromName(path)
	r.Embedding = meanEmbedding(a, r.Trim.Usable)
	r.Quality = measure(tk, r.Trim.Usable)
	return r, nil
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
