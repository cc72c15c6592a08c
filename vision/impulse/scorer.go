package impulse

import (
	"image"
	"image/color"

	"gocv.io/x/gocv"
)

// Level is how far (0..255, 8-bit CIE L*) a pixel's lightness must lie
// outside the 3×3 range of both neighbours, motion-compensated or not,
// beyond what the compensated neighbours differ between themselves, to
// depart from them.
const Level = 30

// ChromaLevel is Level for the a* and b* channels (8-bit, 128 is grey):
// colour damage that keeps the lightness of what it covers.
const ChromaLevel = 20

// MinBlob is the fewest connected departing pixels (at Width) that count;
// smaller specks are sensor noise, compression or flow error.
const MinBlob = 12

// Zone is how near (pixels at Width) to where the compensated neighbours
// differ between themselves by ZoneLevel (L*) a departing pixel is put
// down to motion the flow did not follow, and the margin around a blob
// whose neighbour difference its contrast is weighed against.
const Zone = 6

// Ring is the margin (pixels at Width) around a blob over which the
// neighbours' own difference is measured for the Contrast test.
const Ring = 18

// ZoneLevel is the L* difference between the compensated neighbours that
// marks motion the flow did not follow.
const ZoneLevel = 15

// Contrast is how many times a blob's mean departure must exceed the
// mean difference (plus one level) between the compensated neighbours
// over the blob and its Ring margin: a mouth opening for one frame in a
// moving face departs too, but where the neighbours differ as well.
const Contrast = 18

// LineLevel and LineLength define a line: departing lightness of at least
// LineLevel along a straight horizontal or vertical run of LineLength
// pixels (at Width) — a scratch or a dropout line, which the blob test
// may miss where it crosses dark or moving parts of the picture.
const (
	LineLevel  = 12
	LineLength = 41
)

// LineContrast is Contrast for lines.
const LineContrast = 8

// A Scorer scores the middle frame of every three frames pushed to it.
// The zero value is ready to use; Close frees its Mats. It is not safe
// for concurrent use.
type Scorer struct {
	win []frame // the last three frames pushed
	// work Mats, reused from frame to frame
	flow, fx, fy, gx, gy, mapx, mapy       gocv.Mat
	wp, wn, dil, ero, a, b, a2, dp, dn     gocv.Mat
	dpn, imp, ch, mask, move, still, lines gocv.Mat
	labels, stats, cent                    gocv.Mat
	kernel, zone, ring, hline, vline       gocv.Mat
	made                                   bool
	// trace, when set (tests), sees every blob of MinBlob or more: its
	// area, size, mean departure and neighbour difference, and whether it
	// counted.
	trace func(area, w, h int, dep, diff float64, line, kept bool)
}

// frame is a pushed frame in Lab and its lightness for the flow.
type frame struct{ lab, l gocv.Mat }

func (f frame) close() {
	f.lab.Close()
	f.l.Close()
}

func (s *Scorer) work() []*gocv.Mat {
	return []*gocv.Mat{&s.flow, &s.fx, &s.fy, &s.gx, &s.gy, &s.mapx, &s.mapy, &s.wp, &s.wn, &s.dil, &s.ero,
		&s.a, &s.b, &s.a2, &s.dp, &s.dn, &s.dpn, &s.imp, &s.ch, &s.mask, &s.move, &s.still, &s.lines, &s.labels, &s.stats, &s.cent}
}

func (s *Scorer) init() {
	if s.made {
		return
	}
	s.made = true
	for _, m := range s.work() {
		*m = gocv.NewMat()
	}
	s.kernel = gocv.GetStructuringElement(gocv.MorphRect, image.Pt(3, 3))
	s.zone = gocv.GetStructuringElement(gocv.MorphEllipse, image.Pt(2*Zone+1, 2*Zone+1))
	s.ring = gocv.GetStructuringElement(gocv.MorphEllipse, image.Pt(2*Ring+1, 2*Ring+1))
	s.hline = gocv.GetStructuringElement(gocv.MorphRect, image.Pt(LineLength, 1))
	s.vline = gocv.GetStructuringElement(gocv.MorphRect, image.Pt(1, LineLength))
}

// Close frees the Scorer's Mats.
func (s *Scorer) Close() {
	for _, f := range s.win {
		f.close()
	}
	s.win = nil
	if !s.made {
		return
	}
	for _, m := range append(s.work(), &s.kernel, &s.zone, &s.ring, &s.hline, &s.vline) {
		m.Close()
	}
	s.made = false
}

// Push adds a BGR frame (8-bit, 3 channels; the Scorer keeps its own
// copy) and returns the score of the frame pushed before it: the fraction
// of that frame's pixels that depart from both its neighbours, in blobs
// of MinBlob or more that pass the Contrast test or in lines. ok is false
// until three frames have been pushed and when the three differ in size.
func (s *Scorer) Push(bgr gocv.Mat) (score float64, ok bool) {
	s.init()
	f := frame{lab: gocv.NewMat(), l: gocv.NewMat()}
	gocv.CvtColor(bgr, &f.lab, gocv.ColorBGRToLab)
	gocv.ExtractChannel(f.lab, &f.l, 0)
	s.win = append(s.win, f)
	if len(s.win) > 3 {
		s.win[0].close()
		s.win = s.win[1:]
	}
	if len(s.win) < 3 {
		return 0, false
	}
	p, c, n := s.win[0], s.win[1], s.win[2]
	if p.lab.Rows() != c.lab.Rows() || c.lab.Rows() != n.lab.Rows() || p.lab.Cols() != c.lab.Cols() || c.lab.Cols() != n.lab.Cols() {
		return 0, false
	}
	return s.score(p, c, n), true
}

// score measures c against p and n, each as it is and warped onto c along
// half the optical flow from p to n.
func (s *Scorer) score(p, c, n frame) float64 {
	rows, cols := c.lab.Rows(), c.lab.Cols()
	s.grid(rows, cols)
	gocv.CalcOpticalFlowFarneback(p.l, n.l, &s.flow, 0.5, 3, 15, 3, 5, 1.2, 0)
	gocv.ExtractChannel(s.flow, &s.fx, 0)
	gocv.ExtractChannel(s.flow, &s.fy, 1)
	warp := func(src gocv.Mat, dst *gocv.Mat, k float64) {
		gocv.ScaleAdd(s.fx, k, s.gx, &s.mapx)
		gocv.ScaleAdd(s.fy, k, s.gy, &s.mapy)
		gocv.Remap(src, dst, &s.mapx, &s.mapy, gocv.InterpolationLinear, gocv.BorderReplicate, color.RGBA{})
	}
	warp(p.lab, &s.wp, -0.5)
	warp(n.lab, &s.wn, 0.5)
	s.depart(c.lab, s.wp, &s.dp)
	s.depart(c.lab, p.lab, &s.a2)
	gocv.Min(s.dp, s.a2, &s.dp)
	s.depart(c.lab, s.wn, &s.dn)
	s.depart(c.lab, n.lab, &s.a2)
	gocv.Min(s.dn, s.a2, &s.dn)
	gocv.Min(s.dp, s.dn, &s.imp)
	gocv.AbsDiff(s.wp, s.wn, &s.dpn)
	gocv.Subtract(s.imp, s.dpn, &s.imp) // saturates at 0

	// Where the compensated neighbours differ, with a Zone margin, is
	// motion the flow did not follow.
	gocv.ExtractChannel(s.dpn, &s.ch, 0)
	gocv.Threshold(s.ch, &s.move, ZoneLevel, 255, gocv.ThresholdBinary)
	gocv.BitwiseNot(s.move, &s.still)

	// Lines: departing lightness along long horizontal or vertical runs
	// where the neighbours agree.
	gocv.ExtractChannel(s.imp, &s.ch, 0)
	gocv.Threshold(s.ch, &s.ch, LineLevel, 255, gocv.ThresholdBinary)
	gocv.BitwiseAnd(s.ch, s.still, &s.ch)
	gocv.MorphologyEx(s.ch, &s.lines, gocv.MorphOpen, s.hline)
	gocv.MorphologyEx(s.ch, &s.a2, gocv.MorphOpen, s.vline)
	gocv.BitwiseOr(s.lines, s.a2, &s.lines)

	// Blobs: departing pixels in any channel, away from unfollowed motion.
	gocv.ExtractChannel(s.imp, &s.ch, 0)
	gocv.Threshold(s.ch, &s.mask, Level, 255, gocv.ThresholdBinary)
	for k := 1; k <= 2; k++ {
		gocv.ExtractChannel(s.imp, &s.ch, k)
		gocv.Threshold(s.ch, &s.ch, ChromaLevel, 255, gocv.ThresholdBinary)
		gocv.BitwiseOr(s.mask, s.ch, &s.mask)
	}
	gocv.Dilate(s.move, &s.move, s.zone)
	gocv.BitwiseNot(s.move, &s.move)
	gocv.BitwiseAnd(s.mask, s.move, &s.mask)
	gocv.BitwiseNot(s.lines, &s.ch)
	gocv.BitwiseAnd(s.mask, s.ch, &s.mask) // line pixels count once

	area := s.components(s.lines, LineContrast, true) + s.components(s.mask, Contrast, false)
	return float64(area) / float64(rows*cols)
}

// components returns the area of mask's connected components of MinBlob
// pixels or more whose mean departure is at least contrast times the
// neighbours' own difference plus one (see blob).
func (s *Scorer) components(mask gocv.Mat, contrast float64, line bool) int {
	area := 0
	nl := gocv.ConnectedComponentsWithStats(mask, &s.labels, &s.stats, &s.cent)
	frame := image.Rect(0, 0, mask.Cols(), mask.Rows())
	for i := 1; i < nl; i++ {
		a := int(s.stats.GetIntAt(i, int(gocv.CC_STAT_AREA)))
		if a < MinBlob {
			continue
		}
		x, y := int(s.stats.GetIntAt(i, int(gocv.CC_STAT_LEFT))), int(s.stats.GetIntAt(i, int(gocv.CC_STAT_TOP)))
		box := image.Rect(x, y, x+int(s.stats.GetIntAt(i, int(gocv.CC_STAT_WIDTH))), y+int(s.stats.GetIntAt(i, int(gocv.CC_STAT_HEIGHT))))
		dep, diff := s.blob(i, box.Inset(-Ring).Intersect(frame))
		kept := dep >= contrast*(diff+1)
		if s.trace != nil {
			s.trace(a, box.Dx(), box.Dy(), dep, diff, line, kept)
		}
		if kept {
			area += a
		}
	}
	return area
}

// blob returns component i's mean departure (its strongest channel) and
// the mean difference between the compensated neighbours (their most
// different channel) over it and its Ring margin; r bounds both.
func (s *Scorer) blob(i int, r image.Rectangle) (dep, diff float64) {
	lab := s.labels.Region(r)
	defer lab.Close()
	imp := s.imp.Region(r)
	defer imp.Close()
	dpn := s.dpn.Region(r)
	defer dpn.Close()
	m := gocv.NewMat()
	defer m.Close()
	v := gocv.NewScalar(float64(i), 0, 0, 0)
	gocv.InRangeWithScalar(lab, v, v, &m)
	d := imp.MeanWithMask(m)
	gocv.Dilate(m, &m, s.ring)
	e := dpn.MeanWithMask(m)
	return max(d.Val1, d.Val2, d.Val3), max(e.Val1, e.Val2, e.Val3)
}

// depart sets dst to how far each value of c lies outside the 3×3 range
// of x around it (0 inside).
func (s *Scorer) depart(c, x gocv.Mat, dst *gocv.Mat) {
	gocv.Dilate(x, &s.dil, s.kernel)
	gocv.Erode(x, &s.ero, s.kernel)
	gocv.Subtract(c, s.dil, &s.a)
	gocv.Subtract(s.ero, c, &s.b)
	gocv.Max(s.a, s.b, dst)
}

// grid makes the pixel coordinate maps gx, gy for a rows×cols frame.
func (s *Scorer) grid(rows, cols int) {
	if s.gx.Rows() == rows && s.gx.Cols() == cols {
		return
	}
	xs := gocv.NewMatWithSize(1, cols, gocv.MatTypeCV32F)
	defer xs.Close()
	for x := 0; x < cols; x++ {
		xs.SetFloatAt(0, x, float32(x))
	}
	ys := gocv.NewMatWithSize(rows, 1, gocv.MatTypeCV32F)
	defer ys.Close()
	for y := 0; y < rows; y++ {
		ys.SetFloatAt(y, 0, float32(y))
	}
	gocv.Repeat(xs, rows, 1, &s.gx)
	gocv.Repeat(ys, 1, cols, &s.gy)
}
