package vision

import "testing"

// still makes n frames of one still picture (seed), tracked and steady.
func still(seed, n int) []Features {
	return sequence(repeat(seed, n))
}

// mixFrame sets f to picture a with the cells where take(x, y) holds from
// picture b, and the step features of a frame that changed by share of
// its picture.
func mixFrame(f *Features, a, b *Features, take func(x, y int) bool) {
	*f = *a
	for k := range f.Thumb {
		if take(k%ThumbW, k/ThumbW) {
			f.Thumb[k] = b.Thumb[k]
		}
	}
	f.HistDist, f.EdgeChange, f.HashDist = 0.1, 0.4, 8
	f.Motion = Motion{Zoom: 1, Inliers: 0.5, Residual: 12}
}

// TestWipe: an edge crossing the picture, the new shot behind it, is one
// wipe over the frames it crosses, and no cut.
func TestWipe(t *testing.T) {
	for _, vertical := range []bool{false, true} {
		fs := append(still(1, 40), still(2, 40)...)
		a, b := fs[0], fs[79]
		const start, d = 40, 12 // frames start..start+d-1 mixed
		for i := 0; i < d; i++ {
			cover := float64(i+1) / float64(d+1)
			mixFrame(&fs[start+i], &a, &b, func(x, y int) bool {
				if vertical {
					return float64(y) < cover*ThumbH
				}
				return float64(ThumbW-1-x) < cover*ThumbW
			})
		}
		fs[start+d].HistDist, fs[start+d].EdgeChange, fs[start+d].HashDist = 0.1, 0.4, 8
		res := Detect(fs)
		if len(res.Transitions) != 1 || res.Transitions[0].Kind != Wipe {
			t.Fatalf("vertical %v: transitions %+v, want one wipe", vertical, res.Transitions)
		}
		if w := res.Transitions[0]; w.Start > start || w.End < start+d-1 || w.Start < start-3 || w.End > start+d+1 {
			t.Errorf("vertical %v: wipe %d..%d, want about %d..%d", vertical, w.Start, w.End, start, start+d-1)
		}
	}
}

// push makes a push from picture 1 to picture 2 over d frames after 40
// still frames (both slide left by a frame's width; the tracker sees the
// slide), then 40 still frames; moveBefore sets the motion of the frame
// before the push.
func push(d int, before Motion) []Features {
	fs := append(still(1, 40), still(2, 40)...)
	a, b := fs[0], fs[79]
	fs[39].Motion = before
	for i := 0; i < d; i++ {
		u := float64(i+1) / float64(d) * ThumbW // cells slid
		f := &fs[40+i]
		*f = a
		for k := range f.Thumb {
			x, y := k%ThumbW, k/ThumbW
			s := float64(x) + u
			s0 := int(s)
			fr := s - float64(s0)
			at := func(s int) float64 {
				if s < ThumbW {
					return float64(a.Thumb[y*ThumbW+s])
				}
				return float64(b.Thumb[y*ThumbW+min(ThumbW-1, s-ThumbW)])
			}
			f.Thumb[k] = uint8((1-fr)*at(s0) + fr*at(s0+1) + 0.5)
		}
		f.HistDist, f.EdgeChange, f.HashDist = 0.15, 0.5, 12
		f.Motion = Motion{Zoom: 1, Inliers: 0.9, Residual: 2, DX: -AnalysisWidth / float32(d)}
	}
	return fs
}

// TestPush: the new shot pushing the old one out of frame is one wipe,
// not a camera move; the same slide starting at a cut (the tracker lost,
// as in a fast pan cut into) is not a push.
func TestPush(t *testing.T) {
	fs := push(13, Motion{Zoom: 1, Inliers: 0.9, Residual: 1})
	res := Detect(fs)
	if len(res.Transitions) != 1 || res.Transitions[0].Kind != Wipe {
		t.Fatalf("transitions %+v, want one wipe", res.Transitions)
	}
	if w := res.Transitions[0]; w.Start != 39 || w.End != 52 {
		t.Errorf("push %d..%d, want 39..52", w.Start, w.End)
	}
	fs = push(13, Motion{Zoom: 1, Inliers: 0.1, Residual: 30})
	for _, w := range findWipes(fs, make([]bool, len(fs))) {
		t.Errorf("a slide starting at a cut taken for a push: %+v", w)
	}
}

// fadeTo makes frames a → flat field of level v over d frames (or from it
// when in), with the picture statistics a fade gives.
func fadeTo(a Features, v float64, d int, in bool) []Features {
	out := make([]Features, d)
	for i := range out {
		al := float64(i+1) / float64(d+1)
		if in {
			al = 1 - al
		}
		f := a
		for k := range f.Thumb {
			f.Thumb[k] = uint8((1-al)*float64(a.Thumb[k]) + al*v + 0.5)
		}
		f.Luma = float32((1-al)*float64(a.Luma) + al*v)
		f.LumaStd = float32((1 - al) * float64(a.LumaStd))
		if al > 0.95 && v >= 235 {
			f.White = 1
		}
		f.HistDist, f.EdgeChange, f.HashDist = 0.05, 0.1, 3
		f.Motion = Motion{Zoom: 1, Inliers: 0.9, Residual: 2}
		out[i] = f
	}
	return out
}

// field makes n frames of a flat field of level v (white at 255).
func field(v float64, n int) []Features {
	out := make([]Features, n)
	for i := range out {
		f := &out[i]
		for k := range f.Thumb {
			f.Thumb[k] = uint8(v)
		}
		f.Luma, f.LumaStd = float32(v), 1
		if v >= 235 {
			f.White = 1
		}
		f.Motion = Motion{Zoom: 1, Inliers: 0.9, Residual: 1}
	}
	return out
}

// TestDips: a fade to white and up from it are typed as such, and so are
// a fade to a (mid-grey) colour and up from it; neither is a cut or a
// dissolve.
func TestDips(t *testing.T) {
	for _, c := range []struct {
		level   float64
		out, in Kind
	}{{255, FadeOutWhite, FadeInWhite}, {150, FadeOutColor, FadeInColor}} {
		a, b := still(1, 40), still(2, 40)
		fs := append(append(append(append(a, fadeTo(a[0], c.level, 15, false)...), field(c.level, 5)...), fadeTo(b[0], c.level, 15, true)...), b...)
		res := Detect(fs)
		var kinds []Kind
		for _, tr := range res.Transitions {
			kinds = append(kinds, tr.Kind)
		}
		if len(kinds) != 2 || kinds[0] != c.out || kinds[1] != c.in {
			t.Errorf("level %v: transitions %+v, want %s then %s", c.level, res.Transitions, c.out, c.in)
		}
	}
}
