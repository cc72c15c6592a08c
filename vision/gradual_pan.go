package vision

import "math"

// panResidual is how much of the change between frames a and b is left
// once frame a's thumbnail is moved by the camera's tracked move over
// a..b: the least mean absolute difference between the moved thumbnail
// and b's, over the cells the move keeps in the picture, relative to
// their difference unmoved. ok is false where the camera was not tracked
// on most steps (no move to undo).
func panResidual(fs []Features, a, b int) (float64, bool) {
	var sx, sy float64
	tracked := 0
	for t := a + 1; t <= b; t++ {
		m := fs[t].Motion
		if m.Inliers >= 0.5 {
			tracked++
		}
		sx += float64(m.DX)
		sy += float64(m.DY)
	}
	if 2*tracked <= b-a {
		return 0, false
	}
	// A thumbnail cell is AnalysisWidth/ThumbW pixels wide; its height
	// depends on the aspect ratio, from 9 (2.39:1) to 16 (4:3) pixels.
	cw := float64(AnalysisWidth) / ThumbW
	dx := sx / cw
	best := math.Inf(1)
	for _, ch := range []float64{9, 12, 16} {
		if r := shiftedMAD(&fs[a], &fs[b], dx, sy/ch); r < best {
			best = r
		}
	}
	base := shiftedMAD(&fs[a], &fs[b], 0, 0)
	if base == 0 {
		return 0, true
	}
	return best / base, true
}

// shiftedMAD is the mean absolute difference between b's thumbnail and
// a's moved by (dx, dy) cells (bilinear), over the cells of b whose
// source lies inside a.
func shiftedMAD(a, b *Features, dx, dy float64) float64 {
	var s float64
	k := 0
	for y := 0; y < ThumbH; y++ {
		for x := 0; x < ThumbW; x++ {
			v, ok := sample(a, float64(x)-dx, float64(y)-dy)
			if !ok {
				continue
			}
			s += math.Abs(float64(b.Thumb[y*ThumbW+x]) - v)
			k++
		}
	}
	if k == 0 {
		return math.Inf(1)
	}
	return s / float64(k)
}

// panLeft is the largest share of a window's change that may be left
// once the tracked camera move is undone for its ends to show one
// picture moved. On the tuned editor clips the false short dissolves
// inside slow pans leave 0.065 and 0.067, every true dissolve or fade
// 0.52 or more.
const panLeft = 0.3

// panned reports whether frame b shows frame a's picture moved by the
// tracked camera: a slow, well-tracked pan shifts the thumbnail by less
// than a cell or two over a short window, which a linear mix of the
// window's ends imitates (interpolating between cells is a sub-cell
// shift), so the thumbnail fit takes it for a dissolve.
func panned(fs []Features, a, b int) bool {
	r, ok := panResidual(fs, a, b)
	return ok && r < panLeft
}
