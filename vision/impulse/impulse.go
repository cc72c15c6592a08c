// Package impulse finds single damaged or flash frames in a video: frames
// whose pixels depart from both neighbours while the neighbours agree with
// each other (dropouts, scratches, boxes, mirrored or shifted frames,
// photo flashes). Real motion moves pixels between the neighbours too, so
// it does not count. Frames are decoded through package media and
// compared with OpenCV; every Mat is closed.
package impulse

import (
	"errors"
	"fmt"
	"image"
	"io"

	"gocv.io/x/gocv"

	"rushcut/media"
)

// Width is the width frames are compared at.
const Width = 360

// Level is how far (0..255, after a 3×3 blur) a pixel must depart from
// both neighbours beyond what they differ between themselves to count.
const Level = 45

// Scores returns, for every frame of path in presentation order, the
// fraction of its pixels that depart from both neighbours (see Level);
// the first and last frames score 0.
func Scores(path string) ([]float64, error) {
	r, err := media.OpenReader(path, media.ReaderOptions{Width: Width, Format: media.Gray8})
	if err != nil {
		return nil, err
	}
	defer r.Close()
	var win []gocv.Mat // the last three frames, blurred
	defer func() {
		for _, m := range win {
			m.Close()
		}
	}()
	var out []float64
	dp, dn, dpn, imp := gocv.NewMat(), gocv.NewMat(), gocv.NewMat(), gocv.NewMat()
	defer dp.Close()
	defer dn.Close()
	defer dpn.Close()
	defer imp.Close()
	for {
		f, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		m, err := gocv.NewMatFromBytes(f.Height, f.Width, gocv.MatTypeCV8U, f.Data)
		if err != nil {
			return nil, fmt.Errorf("%s: frame %d: %w", path, f.Index, err)
		}
		b := gocv.NewMat()
		gocv.GaussianBlur(m, &b, image.Pt(3, 3), 0, 0, gocv.BorderReplicate)
		m.Close()
		win = append(win, b)
		out = append(out, 0)
		if len(win) > 3 {
			win[0].Close()
			win = win[1:]
		}
		if len(win) < 3 {
			continue
		}
		p, c, n := win[0], win[1], win[2]
		if p.Rows() != c.Rows() || c.Rows() != n.Rows() || p.Cols() != c.Cols() || c.Cols() != n.Cols() {
			continue
		}
		gocv.AbsDiff(c, p, &dp)
		gocv.AbsDiff(c, n, &dn)
		gocv.AbsDiff(p, n, &dpn)
		gocv.Min(dp, dn, &imp)
		gocv.Subtract(imp, dpn, &imp) // saturates at 0
		gocv.Threshold(imp, &imp, Level, 255, gocv.ThresholdBinary)
		out[len(out)-2] = float64(gocv.CountNonZero(imp)) / float64(imp.Rows()*imp.Cols())
	}
	return out, nil
}
