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
		// the edge travels from the right edge leftwards, or downwards
		if got, want := res.Transitions[0].Direction, map[bool]string{false: "left", true: "down"}[vertical]; got != want {
			t.Errorf("vertical %v: direction %q, want %q", vertical, got, want)
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
	if d := res.Transitions[0].Direction; d != "left" {
		t.Errorf("push direction %q, want left", d)
	}
	// the same push mirrored slides right
	for i := range fs {
		for y := 0; y < ThumbH; y++ {
			row := fs[i].Thumb[y*ThumbW : (y+1)*ThumbW]
			for x := 0; x < ThumbW/2; x++ {
				row[x], row[ThumbW-1-x] = row[ThumbW-1-x], row[x]
			}
		}
		fs[i].Motion.DX = -fs[i].Motion.DX
	}
	if ts := Detect(fs).Transitions; len(ts) != 1 || ts[0].Kind != Wipe || ts[0].Direction != "right" {
		t.Errorf("mirrored push: transitions %+v, want one wipe to the right", ts)
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

// TestPushThroughLowInliers: a push whose tracking holds fewer points for
// a frame or two in its middle (the seam between the pictures, points
// leaving the frame) is still one push; frames the tracker lost (as
// across a cut) break it.
func TestPushThroughLowInliers(t *testing.T) {
	fs := push(13, Motion{Zoom: 1, Inliers: 0.9, Residual: 1})
	fs[45].Motion.Inliers, fs[46].Motion.Inliers = 0.45, 0.4
	res := Detect(fs)
	if len(res.Transitions) != 1 || res.Transitions[0].Kind != Wipe {
		t.Fatalf("transitions %+v, want one wipe", res.Transitions)
	}
	if w := res.Transitions[0]; w.Start != 39 || w.End != 52 {
		t.Errorf("push %d..%d, want 39..52", w.Start, w.End)
	}
	fs[45].Motion.Inliers, fs[46].Motion.Inliers = 0.1, 0.1
	if runs := pushRuns(fs); len(runs) != 0 {
		t.Errorf("a push the tracker lost in its middle taken as a push: %+v", runs)
	}
	// and a run must begin on a frame most points fit
	fs = push(13, Motion{Zoom: 1, Inliers: 0.9, Residual: 1})
	for i := 40; i < 53; i++ {
		fs[i].Motion.Inliers = 0.4
	}
	if runs := pushRuns(fs); len(runs) != 0 {
		t.Errorf("a slide no frame of which most points fit taken as a push: %+v", runs)
	}
}
