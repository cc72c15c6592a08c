package effects_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"rushcut/app/analysis"
	"rushcut/app/assemble"
	"rushcut/app/edit"
	"rushcut/app/effects"
	"rushcut/app/rough"
	"rushcut/media"
	"rushcut/media/mediatest"
	"rushcut/models/modeltest"
)

// take is a generated take file, analysed.
type take struct {
	path string
	ref  *edit.MediaReference
	src  *effects.Source
}

// ffmpegTake makes a 320×240, 30 fps take from ffmpeg input args and a
// filter, and analyses it.
func ffmpegTake(t *testing.T, name string, seconds float64, in []string, vf string) *take {
	t.Helper()
	args := append(append([]string{}, in...), "-t", fmt.Sprint(seconds), "-vf", vf+",scale=320:240,setsar=1,fps=30",
		"-an", "-c:v", "libx264", "-preset", "veryfast", "-crf", "16", "-g", "30", "-pix_fmt", "yuv420p")
	path := mediatest.FFmpeg(t, name, args...)
	return analyse(t, path)
}

func analyse(t *testing.T, path string) *take {
	t.Helper()
	info, err := media.Probe(path)
	if err != nil {
		t.Fatal(err)
	}
	ref, _, err := assemble.MediaFromInfo(info)
	if err != nil {
		t.Fatal(err)
	}
	a, err := analysis.Analyze(context.Background(), path, analysis.Options{NoCache: true, NoFaces: true, Workers: 1, Embedder: modeltest.ShippedViT(t)})
	if err != nil {
		t.Fatal(err)
	}
	src := rough.SourceOf(a, &rough.TakeReport{Path: path, Media: ref})
	return &take{path: path, ref: ref, src: src}
}

// noisyPan is stillPan with sensor noise.
func noisyPan(t *testing.T, image string, seconds float64, x, y string) *take {
	t.Helper()
	img := mediatest.OpencvData(t, image)
	vf := fmt.Sprintf("scale=1280:-2,crop=480:360:x='%s':y='%s'", x, y) + noise
	return ffmpegTake(t, filepath.Base(image)+".mp4", seconds, []string{"-loop", "1", "-framerate", "30", "-i", img}, vf)
}

// nativeTake is seconds of a real clip from from seconds in, at its own
// frame rate, with sensor noise.
func nativeTake(t *testing.T, clip string, from, seconds float64) *take {
	t.Helper()
	src := mediatest.OpencvData(t, clip)
	args := []string{"-ss", fmt.Sprint(from), "-i", src, "-t", fmt.Sprint(seconds), "-vf", "scale=320:240,setsar=1" + noise,
		"-an", "-c:v", "libx264", "-preset", "veryfast", "-crf", "16", "-g", "30", "-pix_fmt", "yuv420p"}
	return analyse(t, mediatest.FFmpeg(t, fmt.Sprintf("%s-%g.mp4", clip, from), args...))
}

// stillPan is a take panning across a still image: x(t) is the crop's
// left edge in pixels of the image scaled to 1280 wide (an ffmpeg
// expression of t).
func stillPan(t *testing.T, image string, seconds float64, x, y string) *take {
	t.Helper()
	img := mediatest.OpencvData(t, image)
	vf := fmt.Sprintf("scale=1280:-2,crop=480:360:x='%s':y='%s'", x, y)
	return ffmpegTake(t, filepath.Base(image)+".mp4", seconds, []string{"-loop", "1", "-framerate", "30", "-i", img}, vf)
}

// videoTake is seconds of a real clip from from seconds in.
func videoTake(t *testing.T, clip string, from, seconds float64) *take {
	t.Helper()
	return ffmpegTake(t, fmt.Sprintf("%s-%g.mp4", clip, from), seconds, []string{"-ss", fmt.Sprint(from), "-i", mediatest.OpencvData(t, clip)}, "null")
}

// cut lays clips end to end at 30 fps: clip k plays frames [in, out) of
// its take (counted from the take's first frame).
type part struct {
	tk      *take
	in, out int64
}

func cutOf(parts []part) effects.Input {
	rate := edit.Rate30
	tl := &edit.Timeline{Name: "test", Rate: rate, Tracks: []*edit.Track{{Name: "V1", Kind: edit.Video}}}
	in := effects.Input{Timeline: tl, Sources: map[string]*effects.Source{}}
	for _, p := range parts {
		m := p.tk.ref
		c := edit.ClipFromSource(m, edit.TimeRange{Start: m.Start + p.in, Duration: p.out - p.in, Rate: m.Rate}, rate)
		tl.Tracks[0].Items = append(tl.Tracks[0].Items, c)
		in.Sources[p.tk.src.Key] = p.tk.src
	}
	tl.EnsureIDs()
	return in
}

// prf is precision, recall and F1 from counts.
func prf(tp, fp, fn int) (p, r, f float64) {
	p, r = 1, 1
	if tp+fp > 0 {
		p = float64(tp) / float64(tp+fp)
	}
	if tp+fn > 0 {
		r = float64(tp) / float64(tp+fn)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return
}
