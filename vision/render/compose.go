package render

import (
	"image"
	"image/color"

	"gocv.io/x/gocv"
)

var (
	white = color.RGBA{255, 255, 255, 255}
	black = color.RGBA{0, 0, 0, 255}
)

// Split writes a split screen into dst: before left of the divider at
// fraction pos of the width (0..1), after right of it, a white divider
// line and the labels "before" and "after". before and after have the
// same size; dst gets it.
func Split(before, after gocv.Mat, pos float64, dst *gocv.Mat) {
	w, h := before.Cols(), before.Rows()
	before.CopyTo(dst)
	x := int(min(1, max(0, pos)) * float64(w))
	if x < w {
		r := image.Rect(x, 0, w, h)
		src, out := after.Region(r), dst.Region(r)
		src.CopyTo(&out)
		src.Close()
		out.Close()
	}
	th := max(2, w/320)
	gocv.Line(dst, image.Pt(x, 0), image.Pt(x, h), white, th)
	label(dst, "before", image.Pt(x-8, 0), true)
	label(dst, "after", image.Pt(x+8, 0), false)
}

// SideBySide writes before and after next to each other into dst (twice
// as wide), labelled.
func SideBySide(before, after gocv.Mat, dst *gocv.Mat) {
	gocv.Hconcat(before, after, dst)
	w := before.Cols()
	gocv.Line(dst, image.Pt(w, 0), image.Pt(w, before.Rows()), white, max(2, w/320))
	label(dst, "before", image.Pt(w-8, 0), true)
	label(dst, "after", image.Pt(w+8, 0), false)
}

// label writes text near the top of m, right-aligned to at.X when right,
// else left-aligned, in white on a black outline.
func label(m *gocv.Mat, text string, at image.Point, right bool) {
	scale := max(0.5, float64(m.Rows())/720)
	th := max(1, int(scale*2))
	sz := gocv.GetTextSize(text, gocv.FontHersheySimplex, scale, th)
	x := at.X
	if right {
		x -= sz.X
	}
	if x < 4 || x+sz.X > m.Cols()-4 {
		return
	}
	org := image.Pt(x, 8+sz.Y+int(8*scale))
	gocv.PutText(m, text, org, gocv.FontHersheySimplex, scale, black, th+3)
	gocv.PutText(m, text, org, gocv.FontHersheySimplex, scale, white, th)
}

// Wipe writes into dst the frame at fraction t (0..1) of an edge wipe from
// a to b: b shows where the edge has passed, a elsewhere. dir is the way
// the edge travels, as the detector names a wipe's direction: "right"
// (b comes in from the left side, SMPTE wipe 001), "left" (from the
// right, 001 reversed), "down" (from the top, 002) or "up" (from the
// bottom, 002 reversed). a and b have the same size; dst gets it.
func Wipe(a, b gocv.Mat, t float64, dir string, dst *gocv.Mat) {
	w, h := a.Cols(), a.Rows()
	a.CopyTo(dst)
	t = min(1, max(0, t))
	x, y := int(t*float64(w)+0.5), int(t*float64(h)+0.5)
	var r image.Rectangle
	switch dir {
	case "left":
		r = image.Rect(w-x, 0, w, h)
	case "down":
		r = image.Rect(0, 0, w, y)
	case "up":
		r = image.Rect(0, h-y, w, h)
	default:
		r = image.Rect(0, 0, x, h)
	}
	if r.Empty() {
		return
	}
	src, out := b.Region(r), dst.Region(r)
	src.CopyTo(&out)
	src.Close()
	out.Close()
}
