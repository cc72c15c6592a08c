package vision

import "testing"

// TestJumpCutDark: a jump cut in a shot graded down to a few levels of
// luma (darklit-megamind's cut at 90: a thumbnail change of 1.16 levels
// against 0.06 in the steps around it) is a jump cut, its floor scaled to
// the picture's spread; the same change of 1.33 levels in a picture of
// ordinary contrast is under the floor and no cut.
func TestJumpCutDark(t *testing.T) {
	mk := func(std float32, lo, step uint8) []Features {
		fs := shotFrames(40, 0)
		for i := range fs {
			fs[i].Luma, fs[i].LumaStd = float32(lo)+4, std
			if std < 12 {
				fs[i].Black = 0.97 // as dark as darklit-megamind
			}
			for k := range fs[i].Thumb {
				fs[i].Thumb[k] = lo + uint8(k%16)/4*step
			}
			fs[i].Thumb[i%192] += uint8(i % 2) // a little coding noise
		}
		// the jump: a third of the picture changes by 4 levels
		for j := 20; j < len(fs); j++ {
			for k := 64; k < 128; k++ {
				fs[j].Thumb[k] += 4
			}
		}
		fs[20].HistDist, fs[20].EdgeChange, fs[20].HashDist = 0.15, 0, 22
		fs[20].Motion = Motion{Inliers: 0.22, Residual: 1.6, Zoom: 1}
		return fs
	}
	quiet := make([]bool, 40)
	dark := mk(3.5, 1, 2)
	if d := thumbMAD(&dark[19], &dark[20]); d >= jumpThumbMin {
		t.Fatalf("the dark jump changes the thumbnail by %.2f, want under %.0f", d, jumpThumbMin)
	}
	sc := scores(dark)
	if !jumpCut(dark, sc, quiet, 20) {
		t.Errorf("a jump in a dark shot (spread 3.5) is not a jump cut (score %.3f)", sc[20])
	}
	cuts, _ := findCuts(dark, sc, quiet, make([]bool, 40), nil)
	if len(cuts) != 1 || cuts[0].Frame != 20 {
		t.Errorf("findCuts on the dark shot: %v, want one cut at 20", cuts)
	}
	lit := mk(50, 60, 30)
	if jumpCut(lit, scores(lit), quiet, 20) {
		t.Error("a change of 1.33 levels in a picture of ordinary contrast is a jump cut")
	}
}
