package vision

import (
	"fmt"
	"testing"

	"rushcut/media/mediatest"
)

// vtestClip makes a 25 fps clip at the editor set's size from the given
// parts of vtest.avi (a still camera over a square, people walking),
// each [start, end) in source frames, the first dissolving into the
// second over its last d frames (d = 0: the parts only concatenated).
func vtestClip(t *testing.T, name string, a0, a1, b0, b1, d int) string {
	t.Helper()
	src := opencvData(t, "vtest.avi")
	part := func(in, s, e int) string {
		return fmt.Sprintf("[%d]trim=start_frame=%d:end_frame=%d,settb=1/25,setpts=N,scale=480:272,setsar=1,format=yuv420p", in, s, e)
	}
	graph := part(0, a0, a1) + "[a];" + part(1, b0, b1) + "[b];"
	if d > 0 {
		graph += fmt.Sprintf("[a][b]xfade=transition=fade:duration=%g:offset=%g,settb=1/25,setpts=N", float64(d)/25, float64(a1-a0-d)/25)
	} else {
		graph += "[a][b]concat=n=2:v=1:a=0"
	}
	return mediatest.FFmpeg(t, name, "-i", src, "-i", src, "-filter_complex", graph,
		"-r", "25", "-c:v", "libx264", "-crf", "18", "-pix_fmt", "yuv420p", "-an")
}

// TestSoftDissolve: a 12-frame dissolve between two moments of vtest.avi
// (source frames 40-124, then 420-504; the mix over output frames
// 73-84) is a dissolve, though its ends correlate far above sameNCC and
// differ by a few levels only where people walked; the same footage
// running on (source frames 40-197, people walking and nothing else)
// holds no transition.
func TestSoftDissolve(t *testing.T) {
	fs := extractFile(t, vtestClip(t, "softdis.mp4", 40, 125, 420, 505, 12), false)
	if c := ncc(&fs[72], &fs[85]); c < sameNCC {
		t.Fatalf("the dissolve's ends correlate %.2f: not the same scene", c)
	}
	got := DetectWith(fs, nil).Transitions
	if len(got) != 1 || got[0].Kind != Dissolve || got[0].Start > 84 || got[0].End < 73 {
		t.Fatalf("want one dissolve overlapping 73-84, got %+v", got)
	}

	still := extractFile(t, vtestClip(t, "walk.mp4", 40, 120, 120, 198, 0), false)
	if got := DetectWith(still, nil).Transitions; len(got) != 0 {
		t.Errorf("people walking in one shot: want no transition, got %+v", got)
	}
}
