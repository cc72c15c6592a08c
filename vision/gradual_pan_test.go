package vision

import (
	"math"
	"testing"

	"rushcut/media/mediatest"
)

// TestNoDissolveInSlowPan: a pan at 4 px a frame (about 1.6 px at
// analysis size) over building.jpg, no transition. Over a few frames
// it shifts the 16×12 thumbnail by about a cell, which a linear mix of
// the window's ends imitates, and the thumbnail fit reported a 9-frame
// dissolve (107-116); the ends are one picture moved by the tracked
// camera (panned).
func TestNoDissolveInSlowPan(t *testing.T) {
	p := mediatest.FFmpeg(t, "pan.mp4", "-loop", "1", "-i", opencvData(t, "building.jpg"), "-filter_complex",
		"[0]scale=-2:1440,crop=640:360:'n*4':300,trim=end_frame=120,settb=1/25,setpts=N,setsar=1,format=yuv420p",
		"-r", "25", "-c:v", "libx264", "-crf", "18", "-pix_fmt", "yuv420p", "-an")
	fs := extractFile(t, p, false)
	if got := DetectWith(fs, nil).Transitions; len(got) != 0 {
		t.Fatalf("a slow pan with no transition: got %+v", got)
	}
}

// TestPanned: frame b is frame a's picture moved by the tracked camera
// (a sub-cell and a several-cell shift, horizontal and vertical); not
// when b is another picture, nor when the camera was not tracked.
func TestPanned(t *testing.T) {
	pan := func(dx, dy float64, steps int, inliers float32) []Features {
		fs := make([]Features, steps+1)
		for i := range fs {
			x0, y0 := dx*float64(i)/float64(steps), dy*float64(i)/float64(steps)
			for k := range fs[i].Thumb {
				// a smooth picture moving by (x0, y0) cells
				x, y := float64(k%ThumbW)-x0, float64(k/ThumbW)-y0
				fs[i].Thumb[k] = uint8(128 + 50*math.Sin(x*1.1+y*0.4) + 40*math.Cos(y*0.9-x*0.5))
			}
			if i > 0 {
				cw := float64(AnalysisWidth) / ThumbW
				fs[i].Motion = Motion{DX: float32(dx * cw / float64(steps)), DY: float32(dy * 12 / float64(steps)), Zoom: 1, Inliers: inliers}
			}
		}
		return fs
	}
	for _, c := range []struct {
		name   string
		dx, dy float64
		steps  int
	}{{"right 1 cell", 1, 0, 5}, {"left 2.5 cells", -2.5, 0, 8}, {"down 1.2 cells", 0, 1.2, 6}, {"diagonal", 0.8, -0.6, 4}} {
		fs := pan(c.dx, c.dy, c.steps, 0.9)
		if !panned(fs, 0, c.steps) {
			r, ok := panResidual(fs, 0, c.steps)
			t.Errorf("%s: not panned (residual %.3f, tracked %v)", c.name, r, ok)
		}
		untracked := pan(c.dx, c.dy, c.steps, 0.2)
		if panned(untracked, 0, c.steps) {
			t.Errorf("%s: panned without tracking", c.name)
		}
		other := pan(c.dx, c.dy, c.steps, 0.9)
		for k := range other[c.steps].Thumb {
			other[c.steps].Thumb[k] = uint8(255 - int(other[c.steps].Thumb[k]))
		}
		if panned(other, 0, c.steps) {
			t.Errorf("%s: another picture at the end is panned", c.name)
		}
	}
}
