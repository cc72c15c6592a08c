package vision

import "testing"

// picture fills a frame's signatures (thumbnail, histogram, hash) with a
// picture made from seed; gain scales its brightness.
func picture(f *Features, seed int, gain float64) {
	for k := range f.Thumb {
		v := float64((k*7+seed*31)%97+(k%ThumbW)*seed%53) * gain
		f.Thumb[k] = uint8(min(255, v+20))
	}
	for k := range f.Hist {
		f.Hist[k] = uint8((k*seed + 3) % 23)
	}
	f.Hash = uint64(seed) * 0x9E3779B97F4A7C15
	f.Luma, f.LumaStd = float32(80*gain), 40
}

// sequence makes frames showing pictures seeds[i], with the step
// features of a cut wherever the picture changes.
func sequence(seeds []int) []Features {
	fs := make([]Features, len(seeds))
	for i, s := range seeds {
		picture(&fs[i], s, 1)
		fs[i].Motion.Zoom = 1
		if i > 0 && s != seeds[i-1] {
			fs[i].HistDist, fs[i].EdgeChange, fs[i].HashDist = 0.3, 1, 28
			fs[i].Motion.Residual = 30
		} else if i > 0 {
			fs[i].HistDist, fs[i].EdgeChange, fs[i].HashDist = 0.01, 0.02, 2
			fs[i].Motion = Motion{Zoom: 1, Inliers: 0.9, Residual: 1}
		}
	}
	return fs
}

func repeat(seed, n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = seed
	}
	return out
}

// TestCutWithOneFrameBetween: a white frame or a one-frame shot between
// two shots is one cut (at the second step, the odd frame a flash), where
// two large steps in a row used to fail the single-spike test.
func TestCutWithOneFrameBetween(t *testing.T) {
	seeds := append(append(repeat(1, 40), 9), repeat(2, 40)...)
	fs := sequence(seeds)
	white := &fs[40] // a white frame: flat, bright, all in the top bins
	for k := range white.Thumb {
		white.Thumb[k] = 235
	}
	white.Hist = [HistBins]uint8{}
	white.Hist[0], white.Hist[HistBins-1] = 255, 255
	white.Hash, white.Luma, white.LumaStd = 0, 235, 0
	res := Detect(fs)
	if len(res.Transitions) != 1 || res.Transitions[0].Kind != Cut || res.Transitions[0].Frame != 41 {
		t.Fatalf("transitions %+v, want one cut at 41", res.Transitions)
	}
	if len(res.Flashes) != 1 || res.Flashes[0] != 40 {
		t.Errorf("flashes %v, want [40]", res.Flashes)
	}
	// A frame that returns to the first shot is a flash, not a cut.
	back := append(append(repeat(1, 40), 9), repeat(1, 40)...)
	if got := Detect(sequence(back)).Transitions; len(got) != 0 {
		t.Errorf("flash frame: transitions %+v, want none", got)
	}
}

// TestLightChange: a picture brightened (a gain, clipping included)
// keeps the order of its thumbnail cells; another picture does not.
func TestLightChange(t *testing.T) {
	fs := make([]Features, 3)
	picture(&fs[0], 1, 1)
	picture(&fs[1], 1, 2.5)
	picture(&fs[2], 2, 1)
	if !lightChange(fs[:2], 1) {
		t.Errorf("gain 2.5 on one picture: rank correlation %.3f, want a light change", rankCorr(&fs[0], &fs[1]))
	}
	if lightChange(fs[1:], 1) {
		t.Errorf("two pictures: rank correlation %.3f, want no light change", rankCorr(&fs[1], &fs[2]))
	}
	// The cut detector drops the light step.
	seq := sequence(append(repeat(1, 40), repeat(2, 40)...))
	for i := 40; i < 80; i++ {
		picture(&seq[i], 1, 2.5)
	}
	if got := Detect(seq).Transitions; len(got) != 0 {
		t.Errorf("lights on: transitions %+v, want none", got)
	}
}

// TestBlackAndDarkLit: black is dark without structure; a very dark shot
// with the shapes of a picture is not black, and a step between black and
// a dark frame is never a cut.
func TestBlackAndDarkLit(t *testing.T) {
	var black, lit Features
	black.Luma, black.LumaStd, black.Black = 2, 2, 1
	lit = black
	for k := range lit.Thumb {
		lit.Thumb[k] = uint8(k % 16)
	}
	if !isBlack(&black) || isBlack(&lit) {
		t.Errorf("isBlack: black %v (want true), dark lit %v (want false)", isBlack(&black), isBlack(&lit))
	}
	fs := []Features{lit, black}
	fs[1].HistDist, fs[1].EdgeChange, fs[1].HashDist = 0.9, 0, 32
	if !inBlack(fs, []bool{false, true}, 1) {
		t.Error("a step from a dark frame into black counts as a possible cut")
	}
}

// TestFlatFieldCut: two flat colour cards of one brightness differ in hue
// and saturation only; pairScore sees the cut, stepScore does not.
func TestFlatFieldCut(t *testing.T) {
	var a, b Features
	a.Luma, a.LumaStd = 100, 0.5
	b = a
	a.Hist[3], a.Hist[32+4] = 255, 255
	b.Hist[20], b.Hist[32+4] = 255, 255
	b.HistDist = 1
	if s := pairScore(&a, &b); s < cutMin {
		t.Errorf("flat cards of different colour: pair score %.2f below cutMin", s)
	}
	if s := pairScore(&a, &a); s >= jumpMinScore {
		t.Errorf("one flat card: pair score %.2f", s)
	}
}
