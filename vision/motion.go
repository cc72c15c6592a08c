package vision

import (
	"image"
	"image/color"
	"math"

	"gocv.io/x/gocv"
)

// minTracked is the fewest tracked points a motion fit needs.
const minTracked = 8

// motion measures the global motion from the previous frame to the
// current one at mid size: sparse Lucas-Kanade flow from the previous
// frame's good features, a RANSAC similarity fit, its inlier fraction and
// the luma residual after warping. It also returns the uncompensated mean
// absolute difference (motion energy).
func (e *Extractor) motion() (float32, Motion) {
	p, c := e.prev, e.cur
	gocv.AbsDiff(p.gray, c.gray, &e.diff)
	energy := float32(e.diff.Mean().Val1)
	m := Motion{Zoom: 1, Residual: energy}
	n := p.corners.Rows()
	if n < minTracked {
		return energy, m
	}
	next, status, errs := gocv.NewMat(), gocv.NewMat(), gocv.NewMat()
	defer next.Close()
	defer status.Close()
	defer errs.Close()
	gocv.CalcOpticalFlowPyrLKWithParams(p.gray, c.gray, p.corners, next, &status, &errs,
		image.Pt(15, 15), 2, e.criteria, 0, 1e-4)
	from, err1 := p.corners.DataPtrFloat32()
	to, err2 := next.DataPtrFloat32()
	ok, err3 := status.DataPtrUint8()
	if err1 != nil || err2 != nil || err3 != nil || len(to) < 2*n || len(ok) < n {
		return energy, m
	}
	var src, dst []gocv.Point2f
	for i := 0; i < n; i++ {
		if ok[i] == 1 {
			src = append(src, gocv.Point2f{X: from[2*i], Y: from[2*i+1]})
			dst = append(dst, gocv.Point2f{X: to[2*i], Y: to[2*i+1]})
		}
	}
	if len(src) < minTracked {
		return energy, m
	}
	fv, tv := gocv.NewPoint2fVectorFromPoints(src), gocv.NewPoint2fVectorFromPoints(dst)
	defer fv.Close()
	defer tv.Close()
	tf := gocv.EstimateAffinePartial2D(fv, tv)
	defer tf.Close()
	if tf.Empty() || tf.Rows() != 2 || tf.Cols() != 3 {
		return energy, m
	}
	a, b := tf.GetDoubleAt(0, 0), tf.GetDoubleAt(1, 0)
	tx, ty := tf.GetDoubleAt(0, 2), tf.GetDoubleAt(1, 2)
	in := 0
	for i := range src {
		x, y := float64(src[i].X), float64(src[i].Y)
		px := a*x - b*y + tx
		py := b*x + a*y + ty
		if math.Hypot(px-float64(dst[i].X), py-float64(dst[i].Y)) < 1.0 {
			in++
		}
	}
	scale := float64(e.opt.Width) / float64(e.midW)
	m.DX, m.DY = float32(tx*scale), float32(ty*scale)
	m.Zoom = float32(math.Hypot(a, b))
	m.Rot = float32(math.Atan2(b, a) * 180 / math.Pi)
	m.Inliers = float32(in) / float32(n)
	gocv.WarpAffineWithParams(p.gray, &e.warped, tf, image.Pt(e.midW, e.midH), gocv.InterpolationLinear, gocv.BorderReplicate, color.RGBA{})
	mx, my := e.midW/8, e.midH/8
	roi := image.Rect(mx, my, e.midW-mx, e.midH-my)
	w, g := e.warped.Region(roi), c.gray.Region(roi)
	m.Residual = e.zeroMeanMAD(w, g)
	w.Close()
	g.Close()
	return energy, m
}

// countFaces counts frontal faces on the full-size luma.
func (e *Extractor) countFaces() int8 {
	gocv.EqualizeHist(e.gray, &e.tmp)
	// Faces under an eighth of the frame height are background people;
	// skipping them, and a coarse scale step, keep this cheap.
	minSide := max(16, e.opt.Height/8)
	rects := e.cascade.DetectMultiScaleWithParams(e.tmp, 1.2, 4, 0, image.Pt(minSide, minSide), image.Pt(0, 0))
	return int8(min(len(rects), 127))
}

// zeroMeanMAD is the mean absolute difference of two luma images after
// removing their mean difference, so that a global brightness change
// (flicker, exposure) leaves no residual.
func (e *Extractor) zeroMeanMAD(a, b gocv.Mat) float32 {
	a.ConvertTo(&e.fa, gocv.MatTypeCV32F)
	b.ConvertTo(&e.fb, gocv.MatTypeCV32F)
	gocv.Subtract(e.fa, e.fb, &e.fd)
	m := e.fd.Mean().Val1
	e.fd.ConvertToWithParams(&e.fa, gocv.MatTypeCV32F, 1, float32(-m))
	n := e.fa.Rows() * e.fa.Cols()
	if n == 0 {
		return 0
	}
	return float32(gocv.Norm(e.fa, gocv.NormL1) / float64(n))
}
