package vision

import "math"

// Wipe and push parameters.
const (
	// wipeBand is the least share of a step's thumbnail change that lies
	// in a band of three columns (or rows) for the step to move a wipe's
	// edge: a wipe changes the picture only where its edge passes.
	wipeBand = 0.5
	// wipeStepMin is the least mean thumbnail change (0..255) of a step
	// of a wipe.
	wipeStepMin = 2.0
	// wipeMinSteps is the fewest steps a wipe or push takes.
	wipeMinSteps = 4
	// wipeCover is the least share of the picture the edge crosses
	// during the run of steps.
	wipeCover = 0.6
	// wipeTol is the largest mean deviation of the frames from the wipe
	// or push model, relative to the change across the window.
	wipeTol = 0.3
	// pushSpeed is the least global motion (pixels a frame at
	// AnalysisWidth) of a push, and pushStill the largest share of the
	// push's speed the frames before and after it move at.
	pushSpeed = 4.0
	pushStill = 0.25
	// pushKeep is the least share of tracked points that fit the global
	// motion for a frame to carry on a push that frames fitted by at
	// least half of them began: near the seam between the two pictures,
	// and as points leave the frame, the fit of a push holds fewer of
	// them for a frame or two (the least the tracker finds across a cut
	// is far below).
	pushKeep = 0.25
)

// pushSlide bounds how far a push slides the pictures, relative to the
// frame's size along its axis (the tracker measures a little more or less
// than the frame near its edges).
var pushSlide = [2]float64{0.8, 1.2}

// findWipes finds wipes (an edge moving across the picture, the new shot
// on one side, the old on the other) and pushes (the new shot pushing the
// old one out of frame: both move) as windows of kind Wipe.
func findWipes(fs []Features, flash []bool) []window {
	var out []window
	for _, r := range edgeRuns(fs) {
		if w, ok := bestWipe(fs, flash, r); ok {
			out = append(out, w)
		}
	}
	for _, r := range pushRuns(fs) {
		if w, ok := fitPush(fs, flash, r); ok {
			out = append(out, w)
		}
	}
	return out
}

// run is a stretch of steps first..last (step t: frame t-1 to t) that may
// be a wipe along an axis (vertical: the edge moves up or down).
type run struct {
	first, last int
	vertical    bool
}

// edgeRuns lists the runs of steps whose change lies in a narrow band of
// columns (or rows) that moves one way, crossing most of the picture.
func edgeRuns(fs []Features) []run {
	n := len(fs)
	var out []run
	for _, vertical := range []bool{false, true} {
		size := ThumbW
		if vertical {
			size = ThumbH
		}
		pos := make([]int, n)
		ok := make([]bool, n)
		for t := 1; t < n; t++ {
			pos[t], ok[t] = edgeStep(&fs[t-1], &fs[t], vertical)
		}
		for t := 1; t < n; t++ {
			if !ok[t] {
				continue
			}
			dir, e := 0, t
			for e+1 < n && ok[e+1] {
				d := pos[e+1] - pos[e]
				if d*dir < -1 || d > 3 || d < -3 {
					break // the band turned back or jumped
				}
				if dir == 0 && d != 0 {
					dir = sign(d)
				}
				e++
			}
			if e-t+1 >= wipeMinSteps && float64(iabs(pos[e]-pos[t])+1) >= wipeCover*float64(size) {
				out = append(out, run{first: t, last: e, vertical: vertical})
			}
			t = e
		}
	}
	return out
}

// edgeStep returns the centre of the band of three columns (rows when
// vertical) holding most of the thumbnail change from a to b, and whether
// the change is large and concentrated enough to be a wipe's edge moving.
func edgeStep(a, b *Features, vertical bool) (int, bool) {
	var prof [ThumbW]float64
	size := ThumbW
	if vertical {
		size = ThumbH
	}
	tot := 0.0
	for i := range a.Thumb {
		d := math.Abs(float64(a.Thumb[i]) - float64(b.Thumb[i]))
		k := i % ThumbW
		if vertical {
			k = i / ThumbW
		}
		prof[k] += d
		tot += d
	}
	if tot/float64(len(a.Thumb)) < wipeStepMin {
		return 0, false
	}
	best, at := 0.0, 0
	for k := 0; k < size; k++ {
		s := prof[k]
		if k > 0 {
			s += prof[k-1]
		}
		if k+1 < size {
			s += prof[k+1]
		}
		if s > best {
			best, at = s, k
		}
	}
	return at, best >= wipeBand*tot
}

// bestWipe fits the wipe model to windows around a run of moving-edge
// steps (the window's first frame the last of the old shot, its last the
// first of the new) and returns the best.
func bestWipe(fs []Features, flash []bool, r run) (window, bool) {
	n := len(fs)
	best := window{}
	found := false
	for a := r.first - 3; a <= r.first+1; a++ {
		for b := r.last - 2; b <= r.last+2; b++ {
			if a < 0 || b >= n || b-a < minGradual {
				continue
			}
			net := thumbMAD(&fs[a], &fs[b])
			if net < netMin {
				continue
			}
			for _, fromEnd := range []bool{false, true} {
				err := wipeError(fs, flash, a, b, net, r.vertical, fromEnd)
				if err >= wipeTol {
					continue
				}
				if obj := net * (1 - err/wipeTol); !found || obj > best.obj {
					best = window{a: a, b: b, net: net, err: err / wipeTol * fitTol, obj: obj, kind: Wipe, dir: direction(r.vertical, !fromEnd)}
					found = true
				}
			}
		}
	}
	return best, found
}

// wipeError is the mean deviation of the frames strictly inside a..b from
// a wipe from frame a to frame b, relative to net: an edge crossing the
// picture at constant speed, frame b's picture behind it, frame a's ahead
// (the edge leaving from the last column, or row, when fromEnd; one
// cell's width soft).
func wipeError(fs []Features, flash []bool, a, b int, net float64, vertical, fromEnd bool) float64 {
	size := ThumbW
	if vertical {
		size = ThumbH
	}
	ta, tb := &fs[a].Thumb, &fs[b].Thumb
	var sum float64
	k := 0
	for t := a + 1; t < b; t++ {
		if flash[t] {
			continue
		}
		tt := &fs[t].Thumb
		cover := float64(t-a) / float64(b-a) * float64(size)
		var d float64
		for i := range tt {
			q := i % ThumbW
			if vertical {
				q = i / ThumbW
			}
			if fromEnd {
				q = size - 1 - q
			}
			al := max(0, min(1, cover-float64(q)))
			p := float64(ta[i]) + al*(float64(tb[i])-float64(ta[i]))
			d += math.Abs(float64(tt[i]) - p)
		}
		sum += d / float64(len(tt))
		k++
	}
	if k == 0 {
		return 1
	}
	return sum / float64(k) / net
}

// pushRuns lists the runs of frames that move together fast one way by
// about a frame's size, the picture held still before and after (not a
// cut): the frames of a push (frame t's motion is from t-1 to t). A pan
// of exactly one frame that starts and stops at once looks the same.
func pushRuns(fs []Features) []run {
	n := len(fs)
	var out []run
	moving := func(t int, inliers float32) bool {
		m := fs[t].Motion
		return m.Inliers >= inliers && math.Hypot(float64(m.DX), float64(m.DY)) >= pushSpeed
	}
	for t := 1; t < n; t++ {
		if !moving(t, 0.5) {
			continue
		}
		e := t
		var sx, sy float64
		for e < n && moving(e, pushKeep) {
			m := fs[e].Motion
			if sx*float64(m.DX)+sy*float64(m.DY) < 0 {
				break // turned back
			}
			sx += float64(m.DX)
			sy += float64(m.DY)
			e++
		}
		e--
		steps := e - t + 1
		speed := math.Hypot(sx, sy) / float64(steps)
		still := func(f int) bool {
			if f < 1 || f >= n {
				return f == n // a push needs the old shot before it
			}
			// tracked and slow: not a cut, not a pan going on
			m := fs[f].Motion
			return m.Inliers >= 0.5 && math.Hypot(float64(m.DX), float64(m.DY)) < pushStill*speed
		}
		vertical := math.Abs(sy) > math.Abs(sx)
		// A push slides the pictures by a whole frame: its width, or its
		// height (from 16:9 to 4:3 of AnalysisWidth).
		lo, hi := pushSlide[0]*AnalysisWidth, pushSlide[1]*AnalysisWidth
		slide := math.Abs(sx)
		if vertical {
			lo, hi, slide = lo*9/16, hi*3/4, math.Abs(sy)
		}
		if steps >= wipeMinSteps && still(t-1) && still(e+1) && slide >= lo && slide <= hi {
			out = append(out, run{first: t, last: e, vertical: vertical})
		}
		t = e
	}
	return out
}

// fitPush checks a run of moving frames against a push: frame first-1
// (the old shot) and frame last (the new shot) side by side, slid across
// the picture by the run's own motion.
func fitPush(fs []Features, flash []bool, r run) (window, bool) {
	a, b := r.first-1, r.last
	if b-a < minGradual {
		return window{}, false
	}
	net := thumbMAD(&fs[a], &fs[b])
	if net < netMin {
		return window{}, false
	}
	shift := func(t int) float64 {
		if r.vertical {
			return float64(fs[t].Motion.DY)
		}
		return float64(fs[t].Motion.DX)
	}
	total := 0.0
	for t := a + 1; t <= b; t++ {
		total += shift(t)
	}
	w, h := ThumbW, ThumbH
	size := w
	if r.vertical {
		size = h
	}
	var sum, cum float64
	k := 0
	for t := a + 1; t < b; t++ {
		cum += shift(t)
		if flash[t] {
			continue
		}
		// u: how far, in cells, the pictures have slid.
		u := cum / total * float64(size)
		tt := &fs[t].Thumb
		var d float64
		for i := range tt {
			x, y := i%w, i/w
			q := x
			if r.vertical {
				q = y
			}
			// Along the strip old|new (content moving back, total < 0)
			// or new|old (moving forward), position s of this cell.
			var s float64
			if total < 0 {
				s = float64(q) + u
			} else {
				s = float64(q) + float64(size) - u
			}
			s = max(0, min(float64(2*size-1), s))
			s0 := int(s)
			s1 := min(2*size-1, s0+1)
			fr := s - float64(s0)
			v := (1-fr)*stripAt(fs, a, b, total < 0, r.vertical, x, y, s0, size) + fr*stripAt(fs, a, b, total < 0, r.vertical, x, y, s1, size)
			d += math.Abs(float64(tt[i]) - v)
		}
		sum += d / float64(len(tt))
		k++
	}
	if k == 0 {
		return window{}, false
	}
	err := sum / float64(k) / net
	if err >= wipeTol {
		return window{}, false
	}
	return window{a: a, b: b, net: net, err: err / wipeTol * fitTol, obj: net * (1 - err/wipeTol), kind: Wipe, dir: direction(r.vertical, total > 0)}, true
}

// direction names a movement along an axis: right or down when forward
// (towards larger x or y), left or up otherwise.
func direction(vertical, forward bool) string {
	switch {
	case vertical && forward:
		return "down"
	case vertical:
		return "up"
	case forward:
		return "right"
	}
	return "left"
}

// stripAt is the value at position s of the strip made of two pictures
// side by side along the push's axis (old then new when oldFirst, the
// other way otherwise), in the row (column) of cell x, y.
func stripAt(fs []Features, a, b int, oldFirst, vertical bool, x, y, s, size int) float64 {
	first, second := a, b
	if !oldFirst {
		first, second = b, a
	}
	f := first
	if s >= size {
		f, s = second, s-size
	}
	if vertical {
		return float64(fs[f].Thumb[s*ThumbW+x])
	}
	return float64(fs[f].Thumb[y*ThumbW+s])
}

func iabs(x int) int { return x * sign(x) }

func sign(x int) int {
	switch {
	case x > 0:
		return 1
	case x < 0:
		return -1
	}
	return 0
}
