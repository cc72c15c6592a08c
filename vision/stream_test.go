package vision

import (
	"math"
	"reflect"
	"testing"

	"rushcut/media/mediatest"
)

// longSequence is the features of real footage one after another (1,746
// frames): Megamind's trailer (cuts), then a made clip of it dissolving
// into the walking crowd of vtest and fading through black into a tree in
// wind, the damaged copy of the trailer, the made clip again and the
// trailer again; with made-up embeddings on every fourth frame (one
// direction per shot, turned a little frame by frame) so that the
// semantic cue has vectors to read in every window.
func longSequence(t *testing.T) ([]Features, *Embeddings) {
	t.Helper()
	made := mediatest.FFmpeg(t, "dissolve-fade.mp4",
		"-i", opencvData(t, "Megamind.avi"), "-i", opencvData(t, "vtest.avi"), "-i", opencvData(t, "tree.avi"),
		"-filter_complex", "[0]scale=320:180,setsar=1,settb=1/25,setpts=N,fps=25[a];"+
			"[1]trim=end_frame=200,scale=320:180,setsar=1,settb=1/25,setpts=N,fps=25[b];"+
			"[2]scale=320:180,setsar=1,settb=1/25,setpts=N,fps=25,fade=t=in:n=15[c];"+
			"[a][b]xfade=transition=fade:duration=1:offset=8,fade=t=out:s=360:n=20[ab];[ab][c]concat",
		"-r", "25", "-c:v", "libx264", "-threads", "1", "-crf", "18", "-pix_fmt", "yuv420p", "-an")
	var fs []Features
	clips := map[string][]Features{}
	for _, p := range []string{opencvData(t, "Megamind.avi"), made, opencvData(t, "Megamind_bugy.avi"), made, opencvData(t, "Megamind.avi")} {
		if clips[p] == nil {
			clips[p] = extractFile(t, p, false)
		}
		fs = append(fs, clips[p]...)
	}
	const dim = 8
	sem := &Embeddings{Dim: dim}
	clip := 0
	for i := range fs {
		if i > 0 && fs[i].HistDist > 0.5 {
			clip++
		}
		if i%4 != 0 {
			continue
		}
		v := make([]float32, dim)
		for k := range v {
			v[k] = float32(math.Sin(float64(clip*dim+k)) + 0.01*math.Cos(float64(i+k)))
		}
		var norm float64
		for _, x := range v {
			norm += float64(x * x)
		}
		for k := range v {
			v[k] /= float32(math.Sqrt(norm))
		}
		sem.Add(i, v)
	}
	return fs, sem
}

// streamed runs fs and sem through a StreamDetector of the given window
// sizes, a few frames at a time as the analysis gives them, and reports
// the most frames it held at once.
func streamed(fs []Features, sem *Embeddings, step, margin int) (Result, int) {
	d := newStreamDetector(step, margin)
	held, k := 0, 0
	for i := 0; i < len(fs); i += 8 {
		j := min(len(fs), i+8)
		for ; sem != nil && k < sem.Len() && int(sem.Frames[k]) < j; k++ {
			d.Embed(int(sem.Frames[k]), sem.At(int(sem.Frames[k])))
		}
		d.Add(fs[i:j])
		held = max(held, d.Held())
	}
	return d.Result(), held
}

// TestStreamMatchesWhole checks that detecting in windows, as the
// analysis does on long files, gives exactly what the detector gives on
// the whole sequence, with and without embeddings, at window sizes that
// put borders inside dissolves and fades and on cuts; and that the
// detector never holds more than one window.
func TestStreamMatchesWhole(t *testing.T) {
	fs, sem := longSequence(t)
	for _, c := range []struct {
		sem          *Embeddings
		step, margin int
	}{
		{sem, 482, 260}, // borders in the dissolves (470-495)
		{nil, 640, 260}, // in the fade out
		{sem, 424, 260}, // on cuts
	} {
		want := DetectWith(fs, c.sem)
		if len(want.Transitions) < 12 {
			t.Fatalf("the sequence has %d transitions: too few to test window borders", len(want.Transitions))
		}
		got, held := streamed(fs, c.sem, c.step, c.margin)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("windows of %d+2×%d (embeddings %v): the result differs from the whole sequence's", c.step, c.margin, c.sem != nil)
			diffResults(t, got, want)
		}
		if held > c.step+2*c.margin {
			t.Errorf("windows of %d+2×%d: held %d frames at once", c.step, c.margin, held)
		}
	}
}

// diffResults logs where two results differ.
func diffResults(t *testing.T, got, want Result) {
	t.Helper()
	missed, spurious := Unmatched(want.Transitions, got.Transitions)
	t.Logf("frames %d/%d; transitions %d/%d (missed %v, extra %v); flashes %d/%d; black %d/%d; shots %d/%d",
		got.Frames, want.Frames, len(got.Transitions), len(want.Transitions), missed, spurious,
		len(got.Flashes), len(want.Flashes), len(got.Black), len(want.Black), len(got.Shots), len(want.Shots))
	for i := range min(len(got.Transitions), len(want.Transitions)) {
		if got.Transitions[i] != want.Transitions[i] {
			t.Logf("first differing transition: got %+v, want %+v", got.Transitions[i], want.Transitions[i])
			break
		}
	}
}
