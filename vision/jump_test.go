package vision

import "testing"

// shotFrames makes n frames of one static shot whose thumbnail moves a
// little every step (cells of a walking figure changing by wiggle), with
// the pixel statistics of small motion.
func shotFrames(n int, wiggle uint8) []Features {
	fs := make([]Features, n)
	for i := range fs {
		f := &fs[i]
		f.Luma, f.LumaStd = 120, 50
		for k := range f.Thumb {
			f.Thumb[k] = uint8(40 + (k%16)*10 + (k/16)*3)
		}
		// a figure walking: a band of cells that brightens and darkens
		for k := 0; k < len(f.Thumb); k += 3 {
			f.Thumb[k] += uint8(i%2) * wiggle
		}
		f.HistDist, f.EdgeChange, f.HashDist = 0.04, 0.01, 2
		f.Motion = Motion{Inliers: 1, Residual: 1.5, Zoom: 1}
	}
	return fs
}

// jumpAt replaces frames from i on with the shot after a jump: a part of
// the picture (the people) changed at once, the rest the same.
func jumpAt(fs []Features, i int) {
	for j := i; j < len(fs); j++ {
		for k := 64; k < 128; k++ {
			fs[j].Thumb[k] = 255 - fs[j].Thumb[k]/2
		}
	}
	fs[i].HistDist, fs[i].EdgeChange, fs[i].HashDist = 0.1, 0.07, 10
	fs[i].Motion = Motion{Inliers: 0.84, Residual: 7, Zoom: 1}
}

func scores(fs []Features) []float64 {
	s := make([]float64, len(fs))
	for i := 1; i < len(fs); i++ {
		s[i] = pairScore(&fs[i-1], &fs[i])
	}
	return s
}

// TestJumpCut: a change at once in part of a static shot is a jump cut;
// the same change in a shot whose own motion changes the thumbnail as
// much every step is not.
func TestJumpCut(t *testing.T) {
	fs := shotFrames(40, 1)
	jumpAt(fs, 20)
	sc := scores(fs)
	if sc[20] >= cutMin {
		t.Fatalf("the jump scores %.2f: not a low-scoring step", sc[20])
	}
	quiet := make([]bool, len(fs))
	if !jumpCut(fs, sc, quiet, 20) {
		t.Error("a jump in a static shot is not a jump cut")
	}
	cuts, _ := findCuts(fs, sc, quiet, make([]bool, len(fs)), nil)
	if len(cuts) != 1 || cuts[0].Frame != 20 {
		t.Errorf("findCuts: %v, want one cut at 20", cuts)
	}
	for i := 2; i < len(fs)-1; i++ {
		if i != 20 && jumpCut(fs, sc, quiet, i) {
			t.Errorf("step %d of the shot's own motion is a jump cut", i)
		}
	}

	busy := shotFrames(40, 60) // motion as large as the jump every step
	jumpAt(busy, 20)
	if jumpCut(busy, scores(busy), quiet, 20) {
		t.Error("a change no larger than the shot's own motion is a jump cut")
	}
}

// TestFieldEnd: the last step of a fade into a flat field is no cut, even
// when the fading frame's few colours fall in another hue bin than the
// field's (red lies where hue wraps); a cut from a steady picture to a
// colour card is.
func TestFieldEnd(t *testing.T) {
	const n = 16
	picture := shotFrames(1, 0)[0]
	var field Features
	field.Luma, field.LumaStd = 75, 0.5
	for k := range field.Thumb {
		field.Thumb[k] = 75
	}
	field.Hist[0], field.Hist[32+3] = 255, 255 // red: first hue bin
	fade := make([]Features, n)
	for i := range fade {
		al := min(1, float64(i)/10) // frames 0..10 fade, then the field
		f := picture
		for k := range f.Thumb {
			f.Thumb[k] = uint8(float64(picture.Thumb[k])*(1-al) + 75*al + 0.5)
		}
		f.LumaStd = float32(50 * (1 - al))
		f.Luma = 75
		f.Hist = field.Hist
		if i == 9 {
			f.Hist[0], f.Hist[28] = 0, 255 // hue just across the wrap
		}
		if i >= 10 {
			f = field
		}
		fade[i] = f
	}
	fade[10].HistDist, fade[10].HashDist = 0.98, 32
	sc := scores(fade)
	if sc[10] < cutMin {
		t.Fatalf("the step into the field scores %.2f: no test", sc[10])
	}
	if inField(fade, 10) {
		t.Fatal("inField already sees the step: no test")
	}
	quiet := make([]bool, n)
	if cuts, _ := findCuts(fade, sc, quiet, make([]bool, n), nil); len(cuts) > 0 {
		t.Errorf("fade into a field: cuts %v", cuts)
	}

	card := make([]Features, n)
	for i := range card {
		card[i] = picture
		if i >= 10 {
			card[i] = field
		}
	}
	card[10].HistDist, card[10].HashDist, card[10].EdgeChange = 0.98, 32, 1
	card[10].Motion = Motion{Residual: 40}
	if fieldEnd(card, 10) {
		t.Error("a cut from a steady picture to a colour card is the end of a fade")
	}
}
