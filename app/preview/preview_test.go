package preview

import (
	"context"
	"errors"
	"image"
	_ "image/png"
	"math"
	"os"
	"path/filepath"
	"testing"

	"rushcut/app/edit"
	"rushcut/media"
	"rushcut/media/mediatest"
)

// small renders a preview of Megamind.avi at 240 px into a fresh cache.
func small(t *testing.T, src Source, e Effect, layout Layout) (Result, string) {
	t.Helper()
	dir := t.TempDir()
	r, err := Render(context.Background(), Request{Source: src, Effect: e, Width: 240, Layout: layout}, Options{CacheDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	return r, dir
}

// frames decodes a rendered clip (gray, at its own size).
func frames(t *testing.T, path string) []*media.Frame {
	t.Helper()
	r, err := media.OpenReader(path, media.ReaderOptions{Format: media.Gray8, Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var fs []*media.Frame
	for {
		f, err := r.Next()
		if err != nil {
			break
		}
		fs = append(fs, f)
	}
	return fs
}

func meanAbsDiff(a, b *media.Frame) float64 {
	var s int
	for i := range a.Data {
		d := int(a.Data[i]) - int(b.Data[i])
		if d < 0 {
			d = -d
		}
		s += d
	}
	return float64(s) / float64(len(a.Data))
}

func mean(f *media.Frame) float64 {
	var s int
	for _, v := range f.Data {
		s += int(v)
	}
	return float64(s) / float64(len(f.Data))
}

func megamind(t *testing.T) string { return mediatest.OpencvData(t, "Megamind.avi") }

// TestRenderCachesAndCancels renders a colour preview: an MP4 and a PNG
// (before and after side by side) of the right sizes; the same request
// again comes from the cache; a cancelled render returns
// context.Canceled and leaves nothing in its cache.
func TestRenderCachesAndCancels(t *testing.T) {
	src := Source{Path: megamind(t), In: 10, Out: 40}
	e := Effect{Kind: Color, CDL: edit.CDL{Slope: [3]float64{1.3, 1, 0.8}, Power: [3]float64{1, 1, 1}, Sat: 1}}
	dir := t.TempDir()
	var calls int
	req := Request{Source: src, Effect: e, Width: 240}
	r, err := Render(context.Background(), req, Options{CacheDir: dir, Progress: func(done, total int) {
		calls++
		if done > total || total != 30 {
			t.Errorf("progress %d/%d", done, total)
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	if r.Cached || r.Frames != 30 || r.Width != 240 || calls != 30 {
		t.Errorf("first render: %+v after %d progress calls", r, calls)
	}
	f, err := os.Open(r.Still)
	if err != nil {
		t.Fatal(err)
	}
	cfg, format, err := image.DecodeConfig(f)
	f.Close()
	if err != nil || format != "png" || cfg.Width != 2*r.Width || cfg.Height != r.Height {
		t.Errorf("still: %s %dx%d %v", format, cfg.Width, cfg.Height, err)
	}
	if got := len(frames(t, r.Clip)); got != 30 {
		t.Errorf("clip has %d frames, want 30", got)
	}
	again, err := Render(context.Background(), req, Options{CacheDir: dir})
	if err != nil || !again.Cached || again.Clip != r.Clip {
		t.Errorf("second render: %+v %v, want the cached files", again, err)
	}
	other := req
	other.Effect.CDL.Slope[0] = 1.31
	if k1, _ := cacheKey(req.withDefaults(), media.EncoderOptions{Preset: Preset}); func() bool {
		k2, _ := cacheKey(other.withDefaults(), media.EncoderOptions{Preset: Preset})
		return k1 == k2
	}() {
		t.Error("a different CDL has the same cache key")
	}

	cdir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	_, err = Render(ctx, Request{Source: src, Effect: e, Width: 240}, Options{CacheDir: cdir, Progress: func(done, _ int) {
		if done == 5 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled render: %v", err)
	}
	if left, _ := filepath.Glob(filepath.Join(cdir, "*")); len(left) != 0 {
		t.Errorf("a cancelled render left %v", left)
	}
}

// TestRefusals checks that bad requests and bad files get one-line
// errors: ErrBadRequest for the request, media.ErrBadInput for the file.
func TestRefusals(t *testing.T) {
	mm := megamind(t)
	notVideo := filepath.Join(t.TempDir(), "x.mp4")
	os.WriteFile(notVideo, []byte("not a video"), 0o644)
	for _, c := range []struct {
		name string
		req  Request
		want error
	}{
		{"empty range", Request{Source: Source{Path: mm, In: 5, Out: 5}, Effect: Effect{Kind: Stabilize}}, ErrBadRequest},
		{"past the end", Request{Source: Source{Path: mm, In: 0, Out: 5000}, Effect: Effect{Kind: Stabilize}}, ErrBadRequest},
		{"unknown effect", Request{Source: Source{Path: mm, Out: 10}, Effect: Effect{Kind: "wobble"}}, ErrBadRequest},
		{"zero speed", Request{Source: Source{Path: mm, Out: 10}, Effect: Effect{Kind: Speed}}, ErrBadRequest},
		{"flash outside", Request{Source: Source{Path: mm, Out: 10}, Effect: Effect{Kind: FlashRemove, Frames: []int{12}}}, ErrBadRequest},
		{"dissolve without handle", Request{Source: Source{Path: mm, In: 2, Out: 40}, Effect: Effect{Kind: Dissolve, From: Source{Path: mm, Out: 90}, InOffset: 5, OutOffset: 5}}, ErrBadRequest},
		{"huge crop", Request{Source: Source{Path: mm, Out: 10}, Effect: Effect{Kind: Stabilize, MaxCrop: 0.9}}, ErrBadRequest},
		{"missing file", Request{Source: Source{Path: "/no/such.mov", Out: 10}, Effect: Effect{Kind: Stabilize}}, media.ErrBadInput},
		{"not a video", Request{Source: Source{Path: notVideo, Out: 10}, Effect: Effect{Kind: Stabilize}}, media.ErrBadInput},
	} {
		_, err := Render(context.Background(), c.req, Options{CacheDir: t.TempDir()})
		if !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
}

// TestFlashRemoved replaces frame 50 of Megamind: in the after, frame 50
// repeats frame 49; in the before it does not.
func TestFlashRemoved(t *testing.T) {
	r, _ := small(t, Source{Path: megamind(t), In: 30, Out: 70}, Effect{Kind: FlashRemove, Frames: []int{50, 51}}, After)
	fs := frames(t, r.Clip)
	// The window opens a second (24 frames) before frame 50: at 30.
	k := 50 - 30
	if d := meanAbsDiff(fs[k-1], fs[k]); d > 1 {
		t.Errorf("after: frame 50 differs from 49 by %.2f, want a repeat", d)
	}
	if d := meanAbsDiff(fs[k], fs[k+1]); d > 1 {
		t.Errorf("after: frame 51 differs from 49 by %.2f, want a repeat", d)
	}
	if d := meanAbsDiff(fs[k+1], fs[k+2]); d < 1 {
		t.Errorf("after: frame 52 repeats 51 (%.2f): only the listed frames are replaced", d)
	}
}

// TestSpeedLength retimes 40 frames: half speed lasts 80 frames, double
// speed 20.
func TestSpeedLength(t *testing.T) {
	for _, c := range []struct {
		speed edit.Ratio
		want  int
	}{{edit.Ratio{Num: 1, Den: 2}, 80}, {edit.Ratio{Num: 2, Den: 1}, 20}} {
		r, _ := small(t, Source{Path: megamind(t), In: 10, Out: 50}, Effect{Kind: Speed, Speed: c.speed}, Split)
		if r.Frames != c.want || len(frames(t, r.Clip)) != c.want {
			t.Errorf("speed %v: %d frames, want %d", c.speed, r.Frames, c.want)
		}
	}
}

// TestFadeAndDissolve: a fade from black starts dark and ends at the
// source's level; a dissolve's middle frame lies between the outgoing and
// incoming frames.
func TestFadeAndDissolve(t *testing.T) {
	mm := megamind(t)
	r, _ := small(t, Source{Path: mm, In: 10, Out: 90}, Effect{Kind: FadeIn, Length: 12}, After)
	fs := frames(t, r.Clip)
	if a, b := mean(fs[0]), mean(fs[12]); a > 0.15*b {
		t.Errorf("fade in: first frame luma %.1f, frame 12 %.1f", a, b)
	}
	// Outgoing: shot 1 up to frame 90 (handles to 97); incoming: shot 3
	// from 170 (handles from 154).
	r, _ = small(t, Source{Path: mm, In: 170, Out: 200}, Effect{Kind: Dissolve, From: Source{Path: mm, Out: 90}, InOffset: 6, OutOffset: 6}, After)
	fs = frames(t, r.Clip)
	pre := len(fs) - (6 + 24) // frames before the cut (24: a second of context)
	if pre < 6 {
		t.Fatalf("dissolve clip of %d frames", len(fs))
	}
	out, in, mid := fs[pre-7], fs[pre+6], fs[pre]
	dOut, dIn, dBoth := meanAbsDiff(mid, out), meanAbsDiff(mid, in), meanAbsDiff(out, in)
	if dOut > 0.8*dBoth || dIn > 0.8*dBoth {
		t.Errorf("dissolve middle: %.1f from outgoing, %.1f from incoming (they differ by %.1f)", dOut, dIn, dBoth)
	}
	if math.IsNaN(dBoth) || dBoth < 5 {
		t.Errorf("outgoing and incoming frames barely differ (%.1f): wrong frames", dBoth)
	}
}

// columnDiff is the mean absolute difference of a and b over the columns
// from fraction lo to hi of the width.
func columnDiff(a, b *media.Frame, lo, hi float64) float64 {
	x0, x1 := int(lo*float64(a.Width)), int(hi*float64(a.Width))
	var s, n int
	for y := 0; y < a.Height; y++ {
		for x := x0; x < x1; x++ {
			i := y*a.Stride + x
			s += max(int(a.Data[i])-int(b.Data[i]), int(b.Data[i])-int(a.Data[i]))
			n++
		}
	}
	return float64(s) / float64(n)
}

// TestWipe renders a wipe from a still of building.jpg to one of
// fruits.jpg (4 s each, so that both have handles), its edge travelling
// right, then left: halfway through, the side the edge has passed shows
// the incoming picture and the other side the outgoing one.
func TestWipe(t *testing.T) {
	still := func(name string) string {
		return mediatest.FFmpeg(t, name+".mp4", "-loop", "1", "-t", "4", "-i", mediatest.OpencvData(t, name+".jpg"),
			"-vf", "scale=320:240,setsar=1,fps=25", "-c:v", "libx264", "-pix_fmt", "yuv420p")
	}
	from, to := still("building"), still("fruits")
	req := Request{Source: Source{Path: to, In: 50, Out: 100}, Width: 240, Layout: After,
		Effect: Effect{Kind: EdgeWipe, From: Source{Path: from, Out: 50}, InOffset: 6, OutOffset: 6}}
	for _, dir := range []string{"right", "left"} {
		req.Effect.Direction = dir
		r, err := Render(context.Background(), req, Options{CacheDir: t.TempDir()})
		if err != nil {
			t.Fatal(err)
		}
		fs := frames(t, r.Clip)
		pre := len(fs) - (6 + 25) // after the cut: the wipe's 6 frames and a second at 25 fps
		if pre < 7 {
			t.Fatalf("%s: wipe clip of %d frames", dir, len(fs))
		}
		// At the cut the edge is 7/13 of the way across.
		out, in, mid := fs[pre-7], fs[pre+6], fs[pre] // the last outgoing, first incoming frames shown whole
		passed, ahead := [2]float64{0, 0.4}, [2]float64{0.65, 1}
		if dir == "left" {
			passed, ahead = [2]float64{0.6, 1}, [2]float64{0, 0.35}
		}
		pIn, pOut := columnDiff(mid, in, passed[0], passed[1]), columnDiff(mid, out, passed[0], passed[1])
		aIn, aOut := columnDiff(mid, in, ahead[0], ahead[1]), columnDiff(mid, out, ahead[0], ahead[1])
		t.Logf("%s: passed side %.1f from incoming, %.1f from outgoing; side ahead %.1f, %.1f", dir, pIn, pOut, aIn, aOut)
		if pIn >= pOut/3 || aOut >= aIn/3 {
			t.Errorf("%s: the passed side is %.1f from the incoming picture (%.1f from the outgoing), the side ahead %.1f from the outgoing (%.1f from the incoming)", dir, pIn, pOut, aOut, aIn)
		}
	}
	req.Effect.Direction = "sideways"
	if _, err := Render(context.Background(), req, Options{CacheDir: t.TempDir()}); !errors.Is(err, ErrBadRequest) {
		t.Errorf("a wipe direction \"sideways\": %v, want a bad request", err)
	}
}

// TestConcurrentRenders renders one preview from two goroutines at once
// into one cache: both succeed with the same complete files.
func TestConcurrentRenders(t *testing.T) {
	dir := t.TempDir()
	req := Request{Source: Source{Path: megamind(t), In: 5, Out: 20}, Effect: Effect{Kind: FadeIn, Length: 5}, Width: 160}
	type out struct {
		r   Result
		err error
	}
	ch := make(chan out, 2)
	for range 2 {
		go func() {
			r, err := Render(context.Background(), req, Options{CacheDir: dir})
			ch <- out{r, err}
		}()
	}
	a, b := <-ch, <-ch
	if a.err != nil || b.err != nil || a.r.Clip != b.r.Clip {
		t.Fatalf("%+v %+v", a, b)
	}
	if n := len(frames(t, a.r.Clip)); n != 15 {
		t.Errorf("clip has %d frames, want 15", n)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "*.tmp*")); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}
