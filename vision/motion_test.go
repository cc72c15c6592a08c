package vision

import (
	"fmt"
	"math"
	"sort"
	"testing"

	"rushcut/media/mediatest"
)

// TestMotionFollowsPan checks the global motion fit on pans of known speed
// over a real photograph: a 512x288 window slid across building.jpg by a
// fixed number of pixels a frame (lossless, so the shift is exact), read at
// analysis size (half). From a slow drift to a whip pan of a tenth of the
// width a frame, the fitted shift must be the pan's, with the points
// agreeing (at 24 px a frame a tenth of them leave the picture), and no
// tilt found in a pure pan. A guard for the Lucas-Kanade settings: with
// its window cut from 15 to 9 px the 24 px pan kept 0.74 of its points.
func TestMotionFollowsPan(t *testing.T) {
	src := mediatest.OpencvData(t, "building.jpg")
	for _, speed := range []int{2, 8, 16, 24} { // pixels a frame at AnalysisWidth
		t.Run(fmt.Sprintf("%dpx", speed), func(t *testing.T) {
			step := 2 * speed // at the clip's 512 px
			frames := min(20, (1736-512)/step)
			clip := mediatest.FFmpeg(t, "pan.mkv", "-loop", "1", "-i", src,
				"-vf", fmt.Sprintf("scale=-2:1200,crop=512:288:'n*%d':400,format=yuv444p", step),
				"-frames:v", fmt.Sprint(frames), "-c:v", "ffv1")
			fs := extractFile(t, clip, false)
			if len(fs) != frames {
				t.Fatalf("%d frames, want %d", len(fs), frames)
			}
			var dx, dy, inl []float64
			for _, f := range fs[1:] {
				dx = append(dx, float64(f.Motion.DX))
				dy = append(dy, float64(f.Motion.DY))
				inl = append(inl, float64(f.Motion.Inliers))
			}
			want := -float64(speed) // content moves left as the window slides right
			if m := median(dx); math.Abs(m-want) > 0.25 {
				t.Errorf("median DX %.2f px, want %.0f (all: %.1f)", m, want, dx)
			}
			for i, v := range dx {
				if math.Abs(v-want) > 1 {
					t.Errorf("frame %d: DX %.2f px, want %.0f ±1", i+1, v, want)
				}
			}
			if m := median(dy); math.Abs(m) > 0.25 {
				t.Errorf("median DY %.2f px in a horizontal pan", m)
			}
			if m := median(inl); m < 0.8 {
				t.Errorf("median inlier fraction %.2f, want ≥ 0.8 on a rigid pan", m)
			}
		})
	}
}

func median(v []float64) float64 {
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	return s[len(s)/2]
}
