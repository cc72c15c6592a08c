package effects

import (
	"rushcut/app/edit"
)

// Frame is what the picture analysis measured on one frame of a source
// (see vision.Features): the numbers the effect rules read.
type Frame struct {
	// Luma is the mean luma, 0..255.
	Luma float64
	// DX and DY are the global motion from the previous frame, in pixels
	// at the analysis width; Inliers the fraction of tracked points that fit
	// it (0 when tracking failed).
	DX, DY, Inliers float64
	// Shake is the distance of the frame's shift from the smoothed camera
	// path, in pixels at the analysis width.
	Shake float64
	// Energy is the mean absolute luma difference to the previous frame
	// (0..255), Residual the same after compensating the camera's motion:
	// how much moves on its own.
	Energy, Residual float64
	// HueSat is the frame's hue × saturation histogram (fractions summing
	// to about 1), Value its brightness histogram.
	HueSat []float64
	Value  []float64
}

// Gradual is a gradual transition the detector found inside a source, in
// analysis frame indexes (inclusive).
type Gradual struct {
	// Kind is the detector's kind (vision.Kind): "dissolve", "fade_in",
	// "fade_out", "wipe", "fade_out_white", "fade_in_white",
	// "fade_out_color" or "fade_in_color".
	Kind       string
	Start, End int
	Confidence float64
	// Direction is, for a wipe, the way its edge travels across the
	// picture (for a push, the way the pictures slide): "left", "right",
	// "up" or "down" (vision.Transition.Direction); "" for other kinds.
	Direction string
}

// Source is one media file of the cut with its analysis.
type Source struct {
	// Media is the file.
	Media *edit.MediaReference
	// Key is its media key in suggestions (content hash, or path).
	Key string
	// Width and Height are the analysis frame size (shake is in these
	// pixels).
	Width, Height int
	// Frames are the per-frame measurements; Frames[i] is media frame
	// Media.Start+i.
	Frames []Frame
	// Gradual are the gradual transitions found in the source.
	Gradual []Gradual
	// Flashes are single damaged or flash frames (analysis indexes).
	Flashes []int
	// Scene names the scene the source belongs to, when known (from the
	// slate or file name); "" lets the pictures decide.
	Scene string
	// Embedded lists the analysis indexes that have a ViT embedding, in
	// increasing order, and Embeddings their L2-normalised vectors (nil
	// without the model).
	Embedded   []int
	Embeddings [][]float32
}

// index is the analysis index of media frame f.
func (s *Source) index(f int64) int { return int(f - s.Media.Start) }

// media is the media frame of analysis index i.
func (s *Source) media(i int) int64 { return s.Media.Start + int64(i) }

// ColorStats are the colour statistics of sampled frames of a range of a
// source, as vision/color measures them.
type ColorStats struct {
	// Quantiles[c][k] is the Levels[k] quantile of channel c (R, G, B) in
	// 0..1 (display-referred code values).
	Quantiles [3][]float64
	// Levels are the quantile levels, ascending in 0..1.
	Levels []float64
	// Lab is the mean CIE L*a*b* colour.
	Lab [3]float64
}

// ColorSampler measures the colour statistics of media frames
// [in, out) of the file at path (in the media's own numbering, like
// Clip.SourceIn; start is the file's first frame number).
type ColorSampler func(path string, start, in, out int64) (ColorStats, error)

// Input is a cut to propose effects on.
type Input struct {
	// Timeline is the cut; its first video track is read.
	Timeline *edit.Timeline
	// Sources are the cut's media with their analyses, by media key
	// (content hash, or path when unknown).
	Sources map[string]*Source
	// Color measures colour statistics; nil proposes no colour match.
	Color ColorSampler
	// Impulses scores each frame of a file for damage (the fraction of its
	// pixels departing from both neighbours, see vision/impulse); nil
	// leaves flash removal to the detector's flashes.
	Impulses func(path string) ([]float64, error)
}

// key is the media key of m.
func key(m *edit.MediaReference) string {
	if m.ContentHash != "" {
		return m.ContentHash
	}
	return m.Path
}

// source returns the analysed source of clip c, or nil.
func (in *Input) source(c *edit.Clip) *Source {
	if c == nil || c.Media == nil {
		return nil
	}
	if s := in.Sources[key(c.Media)]; s != nil {
		return s
	}
	return in.Sources[c.Media.Path]
}
