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

	"rushcut/app/analysis"
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
	// Analysis is the per-frame analysis the report was made from.
	Analysis *analysis.Analysis `json:"-"`
	// Take is what the trim analysis read (frames and audio levels).
	Take trim.Take `json:"-"`
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
	tk := a.Take(levels)
	return &TakeReport{Path: path, Frames: a.Frames(), FPS: a.FPS, MOS: mos, Trim: trim.Analyze(tk), Analysis: a, Take: tk}, nil
}
