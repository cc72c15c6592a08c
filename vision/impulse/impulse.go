// Package impulse finds single damaged or flash frames in a video: frames
// holding something that neither neighbour holds while the neighbours,
// once their motion is compensated, agree with each other (dust, dots,
// scratches, lines, colour blotches, mirrored or shifted pictures, noise
// bursts, photo flashes). Each frame is compared, per channel in CIE Lab,
// with its neighbours as they are and warped onto it along the optical
// flow between them, so real motion does not count; what departs counts
// in connected blobs that stand out from the neighbours' own difference,
// and in straight lines. Frames are decoded through package media and
// compared with OpenCV; every Mat is closed.
package impulse

import (
	"errors"
	"fmt"
	"io"

	"gocv.io/x/gocv"

	"rushcut/media"
)

// Width is the width frames are compared at.
const Width = 360

// Scores returns, for every frame of path in presentation order, the
// fraction of its pixels that depart from both neighbours (see Scorer);
// the first and last frames score 0.
func Scores(path string) ([]float64, error) { return scores(path, nil) }

// scores is Scores with a trace of every blob (tests).
func scores(path string, trace func(frame, area, w, h int, dep, diff float64, line, kept bool)) ([]float64, error) {
	r, err := media.OpenReader(path, media.ReaderOptions{Width: Width, Format: media.BGR24, Sequential: true})
	if err != nil {
		return nil, err
	}
	defer r.Close()
	var s Scorer
	defer s.Close()
	var out []float64
	for {
		f, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		m, err := gocv.NewMatFromBytes(f.Height, f.Width, gocv.MatTypeCV8UC3, f.Data)
		if err != nil {
			return nil, fmt.Errorf("%s: frame %d: %w", path, f.Index, err)
		}
		if trace != nil {
			at := len(out) - 1
			s.trace = func(area, w, h int, dep, diff float64, line, kept bool) { trace(at, area, w, h, dep, diff, line, kept) }
		}
		v, ok := s.Push(m)
		m.Close()
		out = append(out, 0)
		if ok {
			out[len(out)-2] = v
		}
	}
	return out, nil
}
