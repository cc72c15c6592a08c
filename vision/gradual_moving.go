package vision

import "math"

// Parameters of the motion-compensated fit for dissolves between two
// moving shots.
const (
	// movingSteps is the number of steps on each side of a window whose
	// tracked motion gives each shot's velocity.
	movingSteps = 6
	// movingMin is the least speed (thumbnail cells a frame) of either
	// shot for the fit to be tried: slower shots move less than a cell
	// over a dissolve, which the plain thumbnail fit absorbs.
	movingMin = 0.1
	// movingCover is the least number of thumbnail cells of every frame
	// inside the window both moved pictures must cover: half of them.
	movingCover = ThumbW * ThumbH / 2
)

// movingWindow searches, around centre c (ends within lo..hi and
// fineHalf of c), for a dissolve between two moving shots whose pictures
// carry on moving through it: every frame t inside a..b is the mix
// (1-α)A(t) + αB(t) of frame a's thumbnail moved on by the first shot's
// velocity and frame b's moved back by the second's, each velocity the
// tracked motion of the movingSteps steps outside the window on its
// side. Where both shots are still this is bestWindow's fit; it is tried
// only where one moves by movingMin or more and the other searches found
// nothing. The fit is measured on the cells both moved pictures cover,
// relative to the difference between them, with bestWindow's tolerance.
func movingWindow(fs []Features, flash []bool, c, lo, hi int) (window, bool) {
	best := window{}
	found := false
	for a := c - 1; a >= max(lo+movingSteps, c-fineHalf); a-- {
		va, ok := velocity(fs, a-movingSteps+1, a)
		if !ok {
			continue
		}
		for b := c + 1; b <= min(hi-movingSteps, c+fineHalf); b++ {
			if b-a < 2*minGradual {
				continue
			}
			vb, ok := velocity(fs, b+1, b+movingSteps)
			if !ok || math.Hypot(va[0], va[1]) < movingMin && math.Hypot(vb[0], vb[1]) < movingMin {
				continue
			}
			net := thumbMAD(&fs[a], &fs[b])
			if net < netMin || found && net <= best.obj {
				continue
			}
			err := movingFit(fs, flash, a, b, va, vb)
			if err >= fitTol {
				continue
			}
			if obj := net * (1 - err/fitTol); !found || obj > best.obj {
				best = window{a: a, b: b, net: net, err: err, obj: obj}
				found = true
			}
		}
	}
	return best, found
}

// velocity is the mean tracked motion of steps lo..hi in thumbnail cells
// a frame (a 16:9 picture's cells: AnalysisWidth/ThumbW pixels wide, 12
// high), and ok is false unless every step was tracked.
func velocity(fs []Features, lo, hi int) ([2]float64, bool) {
	var v [2]float64
	for t := lo; t <= hi; t++ {
		m := fs[t].Motion
		if m.Inliers < 0.5 {
			return v, false
		}
		v[0] += float64(m.DX)
		v[1] += float64(m.DY)
	}
	n := float64(hi - lo + 1)
	return [2]float64{v[0] / n / (float64(AnalysisWidth) / ThumbW), v[1] / n / 12}, true
}

// movingFit is the deviation of the frames inside a..b from the mix of
// the two moved pictures (see movingWindow), relative to the difference
// between them, summed over the frames; fitTol when no cell is covered.
func movingFit(fs []Features, flash []bool, a, b int, va, vb [2]float64) float64 {
	var dev, diff float64
	for t := a + 1; t < b; t++ {
		if flash[t] {
			continue
		}
		al := float64(t-a) / float64(b-a)
		da, db := float64(t-a), float64(t-b)
		covered := 0
		for y := 0; y < ThumbH; y++ {
			for x := 0; x < ThumbW; x++ {
				pa, ok := sample(&fs[a], float64(x)-va[0]*da, float64(y)-va[1]*da)
				if !ok {
					continue
				}
				pb, ok := sample(&fs[b], float64(x)-vb[0]*db, float64(y)-vb[1]*db)
				if !ok {
					continue
				}
				dev += math.Abs(float64(fs[t].Thumb[y*ThumbW+x]) - ((1-al)*pa + al*pb))
				diff += math.Abs(pa - pb)
				covered++
			}
		}
		if covered < movingCover {
			return fitTol // too little of the frame to tell
		}
	}
	if diff == 0 {
		return fitTol
	}
	return dev / diff
}

// sample is f's thumbnail at (x, y) in cells, bilinear; ok is false
// outside it.
func sample(f *Features, x, y float64) (float64, bool) {
	if x < 0 || y < 0 || x > ThumbW-1 || y > ThumbH-1 {
		return 0, false
	}
	x0, y0 := min(int(x), ThumbW-2), min(int(y), ThumbH-2)
	fx, fy := x-float64(x0), y-float64(y0)
	at := func(i, j int) float64 { return float64(f.Thumb[j*ThumbW+i]) }
	return (1-fy)*((1-fx)*at(x0, y0)+fx*at(x0+1, y0)) + fy*((1-fx)*at(x0, y0+1)+fx*at(x0+1, y0+1)), true
}
