package vision

import (
	"math"
	"testing"

	"rushcut/media/mediatest"
)

// TestMovingDissolveFast: a 16-frame dissolve (84-99) between two pans
// at 12 px a frame (6.5 px at analysis size) over aero3.jpg and
// graf1.png, the second the other way (the editor set's
// movdis-aero3-graf1). The pictures' statistics drift through the mix
// (mean luma falls to 119 between ends of 132 and 134), so neither the
// thumbnail fit nor the statistics fit holds; the mix of the two
// pictures moved on by their shots' tracked velocities does.
func TestMovingDissolveFast(t *testing.T) {
	a, b := opencvData(t, "aero3.jpg"), opencvData(t, "graf1.png")
	p := mediatest.FFmpeg(t, "movfast.mp4", "-loop", "1", "-i", a, "-loop", "1", "-i", b, "-filter_complex",
		"[0]scale=-2:1440,trim=end_frame=100,settb=1/25,setpts=N,crop=480:272:'n*12':585,setsar=1,format=yuv420p[a];"+
			"[1]scale=-2:1440,trim=end_frame=100,settb=1/25,setpts=N,crop=480:272:'iw-ow-n*12':585,setsar=1,format=yuv420p[b];"+
			"[a][b]xfade=duration=0.64:offset=3.36,settb=1/25,setpts=N",
		"-r", "25", "-c:v", "libx264", "-crf", "18", "-pix_fmt", "yuv420p", "-an")
	fs := extractFile(t, p, false)
	got := DetectWith(fs, nil).Transitions
	if len(got) != 1 {
		t.Fatalf("want one dissolve over 84-99, got %+v", got)
	}
	if d := got[0]; d.Kind != Dissolve || d.Start < 83 || d.Start > 85 || d.End < 98 || d.End > 100 {
		t.Fatalf("want a dissolve over 84-99 (±1), got %+v", d)
	}
}

// TestMovingFitPan: within one pan frame b is frame a moved on, so the
// two moved pictures are one and the fit's reference (their difference)
// vanishes: a window found there must be rejected as the camera's own
// move (panned).
func TestMovingFitPan(t *testing.T) {
	fs := make([]Features, 60)
	for i := range fs {
		for k := range fs[i].Thumb {
			x, y := float64(k%ThumbW)+0.4*float64(i), float64(k/ThumbW)
			fs[i].Thumb[k] = uint8(128 + 50*math.Sin(x*1.1+y*0.4) + 40*math.Sin(y*0.9-x*0.5+1))
		}
		fs[i].Motion = Motion{DX: -0.4 * AnalysisWidth / ThumbW, Zoom: 1, Inliers: 0.95, Residual: 1}
	}
	flash := make([]bool, len(fs))
	for c := 15; c < 45; c += 5 {
		if w, ok := movingWindow(fs, flash, c, 0, len(fs)-1); ok && !panned(fs, w.a, w.b) {
			t.Errorf("centre %d: window %d-%d of a pan is not panned", c, w.a, w.b)
		}
	}
}
