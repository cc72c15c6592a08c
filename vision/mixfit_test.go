package vision

import (
	"testing"

	"rushcut/media/mediatest"
)

// TestMixFitCorrelated: a 1 s dissolve (frames 100-124) between two
// pans at 8 px a frame over building.jpg and starry_night.jpg, whose
// 640×360 windows share a layout (bright top, dark bottom): the mix's
// spread dips less than that of unrelated pictures, which the
// uncorrelated model took for no mix at all (issue 11 §2.1).
func TestMixFitCorrelated(t *testing.T) {
	a, b := opencvData(t, "building.jpg"), opencvData(t, "starry_night.jpg")
	p := mediatest.FFmpeg(t, "movdis.mp4", "-loop", "1", "-i", a, "-loop", "1", "-i", b, "-filter_complex",
		"[0]scale=-2:1440,crop=640:360:'n*8':560,trim=end_frame=150,settb=1/25,setpts=N,setsar=1,format=yuv420p[a];"+
			"[1]scale=-2:1440,crop=640:360:'1000-n*8':560,trim=end_frame=150,settb=1/25,setpts=N,setsar=1,format=yuv420p[b];"+
			"[a][b]xfade=duration=1:offset=4,settb=1/25,setpts=N",
		"-r", "25", "-c:v", "libx264", "-crf", "18", "-pix_fmt", "yuv420p", "-an")
	fs := extractFile(t, p, false)
	got := DetectWith(fs, nil).Transitions
	if len(got) != 1 {
		t.Fatalf("want one dissolve over 100-124, got %+v", got)
	}
	if d := got[0]; d.Kind != Dissolve || d.Start < 99 || d.Start > 101 || d.End < 123 || d.End > 125 {
		t.Fatalf("want a dissolve over 100-124 (±1), got %+v", d)
	}
}
