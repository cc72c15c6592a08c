package render

import (
	"image"
	"math"

	"gocv.io/x/gocv"
)

// Motion is the camera's motion from one frame to the next, as the
// similarity that maps the previous frame's points onto the current
// frame's: a translation in pixels (of the frames given to Tracker.Step)
// and a rotation in radians about the frame's centre.
type Motion struct {
	DX, DY, DA float64
}

// Tracker measures the frame-to-frame camera motion: good features to
// track on the previous frame, followed into the current one by pyramidal
// Lucas-Kanade flow, and a RANSAC similarity fit
// (EstimateAffinePartial2D). Frames are shrunk to TrackWidth first.
type Tracker struct {
	prev, cur, small gocv.Mat
	corners          gocv.Mat
	has              bool
	w, h             int
}

// TrackWidth is the width frames are tracked at: wide enough for
// sub-pixel motion at preview sizes, small enough to be cheap.
const TrackWidth = 480

// minPoints is the fewest tracked points a motion fit needs; fewer gives
// no motion (a flat or blank frame).
const minPoints = 10

// fbMax is the forward-backward tracking error, in tracking pixels, above
// which a point is dropped.
const fbMax = 0.5

// NewTracker returns a Tracker; Close frees it.
func NewTracker() *Tracker {
	return &Tracker{prev: gocv.NewMat(), cur: gocv.NewMat(), small: gocv.NewMat(), corners: gocv.NewMat()}
}

// Close frees the Tracker's Mats.
func (t *Tracker) Close() {
	t.prev.Close()
	t.cur.Close()
	t.small.Close()
	t.corners.Close()
}

// Step takes the next frame (BGR or gray) and returns the motion from the
// previous frame to it, in the frame's own pixels; the first frame gives
// zero motion, as does a frame where too few points could be tracked.
func (t *Tracker) Step(frame gocv.Mat) Motion {
	w, h := frame.Cols(), frame.Rows()
	scale := 1.0
	src := frame
	if w > TrackWidth {
		scale = float64(w) / TrackWidth
		gocv.Resize(frame, &t.small, image.Pt(TrackWidth, int(float64(h)/scale+0.5)), 0, 0, gocv.InterpolationArea)
		src = t.small
	}
	if src.Channels() == 3 {
		gocv.CvtColor(src, &t.cur, gocv.ColorBGRToGray)
	} else {
		src.CopyTo(&t.cur)
	}
	var m Motion
	if t.has && t.w == w && t.h == h {
		m = t.fit()
		m.DX *= scale
		m.DY *= scale
	}
	t.prev, t.cur = t.cur, t.prev
	t.has, t.w, t.h = true, w, h
	return m
}

// fit tracks the previous frame's corners into the current frame and fits
// a similarity about the frame's centre.
func (t *Tracker) fit() Motion {
	gocv.GoodFeaturesToTrack(t.prev, &t.corners, 300, 0.01, 12)
	n := t.corners.Rows()
	if n < minPoints {
		return Motion{}
	}
	next, back, status, bstatus, errs := gocv.NewMat(), gocv.NewMat(), gocv.NewMat(), gocv.NewMat(), gocv.NewMat()
	defer next.Close()
	defer back.Close()
	defer status.Close()
	defer bstatus.Close()
	defer errs.Close()
	gocv.CalcOpticalFlowPyrLK(t.prev, t.cur, t.corners, next, &status, &errs)
	// Forward-backward check: a point tracked back must land where it
	// started, else it is on something that moved or was occluded.
	gocv.CalcOpticalFlowPyrLK(t.cur, t.prev, next, back, &bstatus, &errs)
	from, err1 := t.corners.DataPtrFloat32()
	to, err2 := next.DataPtrFloat32()
	ok, err3 := status.DataPtrUint8()
	bk, err4 := back.DataPtrFloat32()
	bok, err5 := bstatus.DataPtrUint8()
	if err1 != nil || err2 != nil || err3 != nil || err4 != nil || err5 != nil || len(to) < 2*n || len(ok) < n || len(bk) < 2*n || len(bok) < n {
		return Motion{}
	}
	cx, cy := float32(t.prev.Cols())/2, float32(t.prev.Rows())/2
	var src, dst []gocv.Point2f
	for i := 0; i < n; i++ {
		ex, ey := bk[2*i]-from[2*i], bk[2*i+1]-from[2*i+1]
		if ok[i] == 1 && bok[i] == 1 && ex*ex+ey*ey < fbMax*fbMax {
			src = append(src, gocv.Point2f{X: from[2*i] - cx, Y: from[2*i+1] - cy})
			dst = append(dst, gocv.Point2f{X: to[2*i] - cx, Y: to[2*i+1] - cy})
		}
	}
	if len(src) < minPoints {
		return Motion{}
	}
	fv, tv := gocv.NewPoint2fVectorFromPoints(src), gocv.NewPoint2fVectorFromPoints(dst)
	defer fv.Close()
	defer tv.Close()
	tf := gocv.EstimateAffinePartial2D(fv, tv)
	defer tf.Close()
	if tf.Empty() || tf.Rows() != 2 || tf.Cols() != 3 {
		return Motion{}
	}
	a, b := tf.GetDoubleAt(0, 0), tf.GetDoubleAt(1, 0)
	m := Motion{DX: tf.GetDoubleAt(0, 2), DY: tf.GetDoubleAt(1, 2), DA: math.Atan2(b, a)}
	if math.IsNaN(m.DX) || math.IsNaN(m.DY) || math.IsNaN(m.DA) {
		return Motion{}
	}
	return m
}
