package trim

import (
	"reflect"
	"testing"
)

func TestShots(t *testing.T) {
	for _, c := range []struct {
		cuts []int
		u    Range
		want []Range
	}{
		{nil, Range{10, 50}, []Range{{10, 50}}},
		{[]int{5, 20, 40, 60}, Range{10, 50}, []Range{{10, 19}, {20, 39}, {40, 50}}},
		{[]int{10}, Range{10, 50}, []Range{{10, 50}}},
		{[]int{3}, Range{0, -1}, nil},
	} {
		if got := shots(c.cuts, c.u); !reflect.DeepEqual(got, c.want) {
			t.Errorf("shots(%v, %v) = %v, want %v", c.cuts, c.u, got, c.want)
		}
	}
}

// TestAnalyzeSyntheticTake: a take made of numbers (black leader, a still
// slate, a clap in sound and picture, a settling pre-roll, the action and
// a fade to black) is read back at the frames it was made with.
func TestAnalyzeSyntheticTake(t *testing.T) {
	const n, clap, action, fade = 200, 40, 60, 180
	tk := Take{Audio: &Audio{Window: 0.01}}
	for i := range n {
		f := Frame{Time: float64(i) / 25, Luma: 120, LumaStd: 40, Sharpness: 500, Inliers: 1}
		switch {
		case i < 10:
			f.Luma, f.Black = 5, 1
		case i == clap:
			f.Energy = 30
		case i > clap && i < clap+8:
			f.Energy, f.DX = 4, 2
		case i > action && i < fade:
			f.Energy, f.Residual = 5, 3
		case i >= fade:
			f.Luma = float32(120 - 20*(i-fade+1))
			if f.Luma < 20 {
				f.Luma, f.Black = 2, 1
			}
		}
		tk.Frames = append(tk.Frames, f)
	}
	for w := range n * 4 {
		at := float64(w) / 100
		rms, peak := float32(-60), float32(-55)
		switch {
		case at >= float64(clap)/25 && at < float64(clap)/25+0.03:
			rms, peak = -10, -3
		case at >= float64(action)/25 && at < float64(fade)/25:
			rms, peak = -25, -15
		}
		tk.Audio.RMS, tk.Audio.Peak = append(tk.Audio.RMS, rms), append(tk.Audio.Peak, peak)
	}
	r := Analyze(tk)
	if r.Leader != (Range{0, 9}) || r.Clap != clap || r.ClapBy != "audio+picture" {
		t.Errorf("leader %v, clap %d by %q", r.Leader, r.Clap, r.ClapBy)
	}
	if r.Usable.Start != action || r.Usable.End != fade-1 || r.Tail != "black" {
		t.Errorf("usable %v tail %s, want %d-%d black", r.Usable, r.Tail, action, fade-1)
	}
	tk.Audio = nil // the same take shot MOS
	r = Analyze(tk)
	if r.Clap != clap || r.ClapBy != "picture" || r.Usable.End != fade-1 {
		t.Errorf("MOS: clap %d by %q, usable %v", r.Clap, r.ClapBy, r.Usable)
	}
}
