package reels

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"rushcut/media"
	"rushcut/vision"
)

// The categories of the editor set: the transitions an editor meets that
// a detector tuned on clean reels misses or invents (issue 11, section 2).
const (
	// MovingDissolve is a cross-dissolve between two panning shots.
	MovingDissolve = "moving-dissolve"
	// FadeBlack is a fade to black and a fade up from it, with or
	// without black frames between: no cut inside the black.
	FadeBlack = "fade-black"
	// Light is a change of light inside one shot (lights switched on, an
	// exposure step, a flare or lightning that decays): no transition.
	Light = "light"
	// LongDissolve is a dissolve of several seconds, at 25 to 59.94 fps.
	LongDissolve = "long-dissolve"
	// Flat is cuts between flat colour fields of similar brightness
	// (title cards, backgrounds), with or without a changing caption.
	Flat = "flat"
	// InBetween is a cut with one frame between the shots: a white or
	// black frame, a one-frame shot, a cut on the second field of an
	// interlaced frame, 3:2 telecine.
	InBetween = "in-between"
	// Jump is a jump cut in the same framing: time skipped, people
	// jump position.
	Jump = "jump"
	// SoftDissolve is a soft dissolve between two moments of one scene in
	// the same framing.
	SoftDissolve = "soft-dissolve"
	// Twos is animation or a pan drawn on twos (every picture held two
	// frames), with and without cuts.
	Twos = "twos"
	// Wipe is a push (slide) or wipe from one shot to the next.
	Wipe = "wipe"
	// Dip is a fade to white or to a colour and a fade up from it (a dip
	// to white or to a colour), with or without frames of the colour
	// between.
	Dip = "dip"
	// DarkLit is very dark but lit shots (mean luma about 6): cuts
	// between them, and never labelled black.
	DarkLit = "dark-lit"
	// Pan is a pan or tilt over a still, slow (a few pixels a frame) or
	// fast, with no transition: nothing to report.
	Pan = "pan"
)

// Editor geometry: clips are made at this size (rates vary by clip; the
// height divisible by 4, as interlaced H.264 wants).
const (
	EditorWidth  = 480
	EditorHeight = 272
)

// Clip is one clip of the editor set: ffmpeg CLI inputs and a filter
// graph that build it from the opencv-doc footage, and its truth by
// construction.
type Clip struct {
	// Name names the clip (and its file, NAME.mp4).
	Name string
	// Category is one of the category constants above.
	Category string
	// Holdout marks the clips the detector was never tuned on.
	Holdout bool
	// Frames is the number of frames the clip has.
	Frames int
	// Rate is the frame rate, as FFmpeg writes it ("25", "30000/1001").
	Rate string
	// Inputs are the ffmpeg input arguments.
	Inputs []string
	// Graph is the filter graph; its output is labelled [v].
	Graph string
	// Interlaced encodes the clip as interlaced (top field first).
	Interlaced bool
	// Transitions is the truth: cuts by first frame of the new shot,
	// gradual transitions by inclusive first and last mixed frame.
	Transitions []vision.Transition
	// Lit is true when every frame shows a lit picture: none may be
	// labelled black.
	Lit bool
}

// GenerateClip makes the clip in dir as NAME.mp4 (H.264, CRF 18) and
// checks that it has the frames its truth counts.
func GenerateClip(ctx context.Context, dir string, c Clip) (string, error) {
	out := filepath.Join(dir, c.Name+".mp4")
	args := append([]string{}, c.Inputs...)
	args = append(args, "-filter_complex", c.Graph, "-map", "[v]", "-an", "-r", c.Rate,
		"-c:v", "libx264", "-preset", "veryfast", "-crf", "18", "-pix_fmt", "yuv420p")
	if c.Interlaced {
		args = append(args, "-flags", "+ilme+ildct", "-x264-params", "tff=1")
	}
	args = append(args, out)
	if err := ffmpeg(ctx, args...); err != nil {
		return "", fmt.Errorf("clip %s: %w", c.Name, err)
	}
	info, err := media.Probe(out)
	if err != nil {
		return "", err
	}
	if info.Video == nil || int(info.Video.Frames) != c.Frames {
		os.Remove(out)
		return "", fmt.Errorf("clip %s: ffmpeg made %v frames, the plan has %d", c.Name, info.Video, c.Frames)
	}
	return out, nil
}

// graph builds a clip's inputs and filter graph: each source becomes one
// labelled stream at the editor size and the clip's rate, one source
// frame per output frame.
type graph struct {
	inputs []string
	chains []string
	rate   string // "num/den"
	n      int    // inputs so far
	labels int
}

func newGraph(rate string) *graph { return &graph{rate: rate} }

func (g *graph) label() string {
	g.labels++
	return fmt.Sprintf("[l%d]", g.labels)
}

// tail is the chain every stream ends with: the rate's time base, one
// timestamp per frame, square pixels, 4:2:0.
func (g *graph) tail() string {
	num, den, _ := strings.Cut(g.rate, "/")
	if den == "" {
		den = "1"
	}
	return fmt.Sprintf("settb=%s/%s,setpts=N,fps=%s,setsar=1,format=yuv420p", den, num, g.rate)
}

// video is frames [start, start+frames) of a clip, scaled to the editor
// size, plus extra filters (may be empty).
func (g *graph) video(name string, start, frames int, extra string) string {
	g.inputs = append(g.inputs, "-i", src(name))
	l := g.label()
	chain := fmt.Sprintf("[%d]trim=start_frame=%d:end_frame=%d,%s,scale=%d:%d", g.n, start, start+frames, g.tail(), EditorWidth, EditorHeight)
	if extra != "" {
		chain += "," + extra
	}
	g.chains = append(g.chains, chain+","+g.tail()+l)
	g.n++
	return l
}

// still is a still image blown up to 1440 lines with a window of the
// editor size travelling over it at x(n) (an ffmpeg expression of the
// frame number n; "" centres it), plus extra filters.
func (g *graph) still(name string, frames int, x, extra string) string {
	if x == "" {
		x = "(iw-ow)/2"
	}
	g.inputs = append(g.inputs, "-loop", "1", "-i", src(name))
	l := g.label()
	chain := fmt.Sprintf("[%d]scale=-2:1440,trim=end_frame=%d,%s,crop=%d:%d:'%s':585", g.n, frames, g.tail(), EditorWidth, EditorHeight, x)
	if extra != "" {
		chain += "," + extra
	}
	g.chains = append(g.chains, chain+","+g.tail()+l)
	g.n++
	return l
}

// color is a flat colour field.
func (g *graph) color(c string, frames int) string {
	g.inputs = append(g.inputs, "-f", "lavfi", "-i", fmt.Sprintf("color=c=%s:s=%dx%d:r=%s", c, EditorWidth, EditorHeight, g.rate))
	l := g.label()
	g.chains = append(g.chains, fmt.Sprintf("[%d]trim=end_frame=%d,%s%s", g.n, frames, g.tail(), l))
	g.n++
	return l
}

// concat joins streams end to end.
func (g *graph) concat(ls ...string) string {
	l := g.label()
	g.chains = append(g.chains, fmt.Sprintf("%sconcat=n=%d:v=1:a=0,%s%s", strings.Join(ls, ""), len(ls), g.tail(), l))
	return l
}

// xfade joins a (of aFrames frames) to b with an xfade transition of d
// frames starting at a's frame aFrames-d.
func (g *graph) xfade(a, b string, aFrames, d int, transition string) string {
	l := g.label()
	sec := g.seconds(d)
	off := g.seconds(aFrames - d)
	g.chains = append(g.chains, fmt.Sprintf("%s%sxfade=transition=%s:duration=%.6f:offset=%.6f,%s%s", a, b, transition, sec, off, g.tail(), l))
	return l
}

// seconds converts frames to seconds at the graph's rate.
func (g *graph) seconds(frames int) float64 {
	var num, den float64 = 25, 1
	fmt.Sscanf(strings.Replace(g.rate, "/", " ", 1), "%g %g", &num, &den)
	return float64(frames) * den / num
}

// clip finishes the graph: out is the last stream.
func (g *graph) clip(name, cat string, holdout bool, frames int, out string, ts ...vision.Transition) Clip {
	chains := append(append([]string{}, g.chains...), out+"null[v]")
	rate := g.rate
	return Clip{Name: name, Category: cat, Holdout: holdout, Frames: frames, Rate: rate,
		Inputs: g.inputs, Graph: strings.Join(chains, ";"), Transitions: ts, Lit: true}
}

func cutAt(f int) vision.Transition {
	return vision.Transition{Kind: vision.Cut, Frame: f, Start: f, End: f}
}

// Editor is the editor set: the cases of issue 11 section 2, several
// variants each; Holdout marks the ones written after the detector's
// changes were tuned on the others.
func Editor() []Clip {
	var cs []Clip
	cs = append(cs, movingDissolves()...)
	cs = append(cs, fadesThroughBlack()...)
	cs = append(cs, lightChanges()...)
	cs = append(cs, longDissolves()...)
	cs = append(cs, flatFields()...)
	cs = append(cs, inBetweens()...)
	cs = append(cs, jumps()...)
	cs = append(cs, onTwos()...)
	cs = append(cs, wipes()...)
	cs = append(cs, verticalPushes()...)
	cs = append(cs, dips()...)
	cs = append(cs, darkLit()...)
	cs = append(cs, slowPans()...)
	cs = append(cs, darkJumps()...)
	cs = append(cs, fastMoves()...)
	return cs
}

// movingDissolves: two stills, each panned at v px a frame (at 1440
// lines, about v/3 px at analysis size), the second the other way,
// dissolved over d frames; 100 frames a shot.
func movingDissolves() []Clip {
	mk := func(name string, hold bool, a, b string, v, d int) Clip {
		g := newGraph("25")
		x := g.still(a, 100, fmt.Sprintf("n*%d", v), "")
		y := g.still(b, 100, fmt.Sprintf("iw-ow-n*%d", v), "")
		o := g.xfade(x, y, 100, d, "fade")
		return g.clip(name, MovingDissolve, hold, 200-d, o, gradualT(vision.Dissolve, 100-d, 99))
	}
	return []Clip{
		mk("movdis-building-starry", false, "building.jpg", "starry_night.jpg", 8, 25),
		mk("movdis-fruits-home", false, "fruits.jpg", "home.jpg", 4, 20),
		mk("movdis-aero3-graf1", false, "aero3.jpg", "graf1.png", 12, 16),
		mk("movdis-leuven-messi", true, "leuvenA.jpg", "messi5.jpg", 6, 30),
		mk("movdis-home-leuven", true, "home.jpg", "leuvenA.jpg", 10, 24),
		// session 18 (issue 11 §2.1): other frame sizes, crop rows and
		// pairs, some of two pictures that share a layout (bright top,
		// dark bottom), whose mix keeps more spread than unrelated ones
		sized("movdis-building-starry-640-r300", false, "building.jpg", "starry_night.jpg", 6, 25, 640, 360, 1440, 300),
		sized("movdis-building-starry-720-r900", false, "building.jpg", "starry_night.jpg", 8, 25, 1280, 720, 2160, 900),
		sized("movdis-starry-building-640-r700", false, "starry_night.jpg", "building.jpg", 5, 20, 640, 360, 1440, 700),
		sized("movdis-fruits-home-720-r400", false, "fruits.jpg", "home.jpg", 7, 30, 1280, 720, 2160, 400),
		sized("movdis-baboon-fruits-640-r100", false, "baboon.jpg", "fruits.jpg", 4, 25, 640, 360, 1440, 100),
		sized("movdis-home-building-640-r500", false, "home.jpg", "building.jpg", 8, 22, 640, 360, 1440, 500),
		sized("movdis-building-starry-640-r620", false, "building.jpg", "starry_night.jpg", 8, 25, 640, 360, 1440, 620),
		sized("movdis-building-starry-720-r1300", false, "building.jpg", "starry_night.jpg", 7, 25, 1280, 720, 2160, 1300),
		sized("movdis-starry-building-640-r450", false, "starry_night.jpg", "building.jpg", 8, 25, 640, 360, 1440, 450),
		sizedFrom("movdis-building-starry-640-r560-x1000", false, "building.jpg", "starry_night.jpg", "1000", 8, 25, 640, 360, 1440, 560),
		sizedFrom("movdis-building-starry-640-r560-x1200", false, "building.jpg", "starry_night.jpg", "1200", 8, 25, 640, 360, 1440, 560),
		sizedFrom("movdis-building-starry-720-r800-x1500", false, "building.jpg", "starry_night.jpg", "1500", 8, 25, 1280, 720, 2160, 800),
		sizedFrom("movdis-starry-building-640-r500-x300", false, "starry_night.jpg", "building.jpg", "300", 6, 25, 640, 360, 1440, 500),
		// held out: written with the tuned ones above, not looked at
		// until the spread model was settled
		sized("movdis-building-home-720-r1200", true, "building.jpg", "home.jpg", 6, 25, 1280, 720, 2160, 1200),
		sized("movdis-starry-fruits-640-r200", true, "starry_night.jpg", "fruits.jpg", 8, 25, 640, 360, 1440, 200),
		sized("movdis-leuven-building-640-r800", true, "leuvenA.jpg", "building.jpg", 7, 20, 640, 360, 1440, 800),
		sized("movdis-graf1-baboon-720-r600", true, "graf1.png", "baboon.jpg", 4, 25, 1280, 720, 2160, 600),
	}
}

// sized is a moving dissolve of w×h windows travelling at v px a frame
// (the second the other way) at row y over stills blown up to sh lines,
// dissolved over d frames; 100 frames a shot.
func sized(name string, hold bool, a, b string, v, d, w, h, sh, y int) Clip {
	return sizedFrom(name, hold, a, b, "iw-ow", v, d, w, h, sh, y)
}

// sizedFrom is sized with the second window starting at x = bx (an
// ffmpeg expression) instead of the image's right edge.
func sizedFrom(name string, hold bool, a, b, bx string, v, d, w, h, sh, y int) Clip {
	g := newGraph("25")
	pan := func(img, x string) string {
		g.inputs = append(g.inputs, "-loop", "1", "-i", src(img))
		l := g.label()
		g.chains = append(g.chains, fmt.Sprintf("[%d]scale=-2:%d,trim=end_frame=100,%s,crop=%d:%d:'%s':%d,%s%s", g.n, sh, g.tail(), w, h, x, y, g.tail(), l))
		g.n++
		return l
	}
	x := pan(a, fmt.Sprintf("n*%d", v))
	z := pan(b, fmt.Sprintf("%s-n*%d", bx, v))
	o := g.xfade(x, z, 100, d, "fade")
	return g.clip(name, MovingDissolve, hold, 200-d, o, gradualT(vision.Dissolve, 100-d, 99))
}

func gradualT(k vision.Kind, a, b int) vision.Transition {
	return vision.Transition{Kind: k, Start: a, End: b, Frame: (a + b) / 2}
}

// fadesThroughBlack: clip A fades out over fo frames, k black frames,
// clip B fades in over fi frames.
func fadesThroughBlack() []Clip {
	type part struct {
		name          string
		start, frames int
	}
	mk := func(name string, hold bool, a part, fo, k int, b part, fi int) Clip {
		g := newGraph("25")
		extra := fmt.Sprintf("fade=t=out:s=%d:n=%d", a.frames-fo, fo)
		if k > 0 {
			extra += fmt.Sprintf(",tpad=stop=%d", k)
		}
		x := g.video(a.name, a.start, a.frames, extra)
		y := g.video(b.name, b.start, b.frames, fmt.Sprintf("fade=t=in:n=%d", fi))
		o := g.concat(x, y)
		n := a.frames + k
		c := g.clip(name, FadeBlack, hold, n+b.frames, o,
			gradualT(vision.FadeOut, a.frames-fo, a.frames-1), gradualT(vision.FadeIn, n, n+fi-1))
		c.Lit = false
		return c
	}
	return []Clip{
		mk("fade-vtest-megamind", false, part{"vtest.avi", 0, 100}, 25, 10, part{"Megamind.avi", 200, 70}, 25),
		mk("fade-megamind-tree", false, part{"Megamind.avi", 5, 90}, 15, 0, part{"tree.avi", 0, 68}, 12),
		mk("fade-tree-vtest", false, part{"tree.avi", 0, 68}, 20, 4, part{"vtest.avi", 300, 100}, 20),
		mk("fade-megamind-vtest", true, part{"Megamind.avi", 100, 50}, 12, 6, part{"vtest.avi", 500, 100}, 18),
		mk("fade-vtest-megamind2", true, part{"vtest.avi", 600, 100}, 30, 2, part{"Megamind.avi", 160, 40}, 10),
	}
}

// gain is a lutyuv that multiplies luma (above black) and chroma (around
// grey) by k, clipped to video range, on the frames where enable holds.
func gain(k float64, enable string) string {
	return fmt.Sprintf("lutyuv=y='clip(16+(val-16)*%g,16,235)':u='clip(128+(val-128)*%g,16,240)':v='clip(128+(val-128)*%g,16,240)':enable='%s'", k, k, k, enable)
}

// decay is a flare or lightning at frame at: gains ks on the frames from
// at on, one a frame.
func decay(at int, ks ...float64) string {
	var fs []string
	for i, k := range ks {
		fs = append(fs, gain(k, fmt.Sprintf("eq(n,%d)", at+i)))
	}
	return strings.Join(fs, ",")
}

// lightChanges: one shot, its light changing; no transition.
func lightChanges() []Clip {
	mk := func(name string, hold bool, clip string, start, frames int, extra string) Clip {
		g := newGraph("25")
		o := g.video(clip, start, frames, extra)
		return g.clip(name, Light, hold, frames, o)
	}
	return []Clip{
		mk("light-on-vtest", false, "vtest.avi", 0, 250, gain(0.4, "lt(n,100)")),
		mk("light-exposure-megamind", false, "Megamind.avi", 5, 90, gain(1.4, "gte(n,45)")),
		mk("light-flare-tree", false, "tree.avi", 0, 68, decay(30, 1.8, 1.6, 1.4, 1.2, 1.1)),
		mk("light-off-vtest", true, "vtest.avi", 300, 250, gain(0.5, "gte(n,120)")),
		mk("light-lightning-megamind", true, "Megamind.avi", 200, 70, decay(35, 2.2, 1.8, 1.5, 1.25, 1.1)),
		mk("light-exposure-down-megamind", true, "Megamind.avi", 98, 56, gain(0.7, "gte(n,25)")),
	}
}

// longDissolves: dissolves of several seconds at 25, 29.97 and 59.94 fps.
func longDissolves() []Clip {
	mk := func(name string, hold bool, rate string, aFrames, bFrames, d int, a, b func(g *graph, frames int) string) Clip {
		g := newGraph(rate)
		x, y := a(g, aFrames), b(g, bFrames)
		o := g.xfade(x, y, aFrames, d, "fade")
		return g.clip(name, LongDissolve, hold, aFrames+bFrames-d, o, gradualT(vision.Dissolve, aFrames-d, aFrames-1))
	}
	vid := func(clip string, start int) func(g *graph, frames int) string {
		return func(g *graph, frames int) string { return g.video(clip, start, frames, "") }
	}
	pan := func(img, x string) func(g *graph, frames int) string {
		return func(g *graph, frames int) string { return g.still(img, frames, x, "") }
	}
	return []Clip{
		mk("longdis-25-100", false, "25", 200, 180, 100, vid("vtest.avi", 0), pan("home.jpg", "n")),
		mk("longdis-2997-90", false, "30000/1001", 180, 160, 90, vid("vtest.avi", 300), pan("fruits.jpg", "")),
		mk("longdis-5994-150", true, "60000/1001", 250, 250, 150, pan("building.jpg", "n"), pan("aero3.jpg", "iw-ow-n")),
		mk("longdis-25-80", true, "25", 92, 140, 80, vid("Megamind.avi", 5), vid("vtest.avi", 500)),
		mk("longdis-2997-120", true, "30000/1001", 200, 200, 120, pan("starry_night.jpg", "2*n"), vid("vtest.avi", 100)),
	}
}

// flatFields: three colour cards of similar brightness, 75 frames each,
// with a frame counter as a caption or none.
func flatFields() []Clip {
	mk := func(name string, hold bool, caption string, cols ...string) Clip {
		g := newGraph("25")
		var ls []string
		for _, c := range cols {
			ls = append(ls, g.color(c, 75))
		}
		o := g.concat(ls...)
		if caption != "" {
			l := g.label()
			g.chains = append(g.chains, fmt.Sprintf("%sdrawtext=text='%%{eif\\:n\\:d}':fontsize=24:fontcolor=white:%s%s", o, caption, l))
			o = l
		}
		var ts []vision.Transition
		for i := 1; i < len(cols); i++ {
			ts = append(ts, cutAt(75*i))
		}
		return g.clip(name, Flat, hold, 75*len(cols), o, ts...)
	}
	return []Clip{
		mk("flat-olive-caption", false, "x=20:y=20", "0x6e6a48", "0x70587a", "0x487070"),
		mk("flat-greys", false, "", "0x505050", "0x485a50", "0x5a4850"),
		mk("flat-blue-caption", true, "x=20:y=20", "0x3c5a78", "0x5a3c78", "0x785a3c"),
		mk("flat-warm-caption-low", true, "x=(w-tw)/2:y=h-40", "0x807060", "0x708060", "0x607080"),
	}
}

// inBetweens: cuts with one frame between the shots.
func inBetweens() []Clip {
	pad := func(name string, hold bool, a string, as, an int, color string, b string, bs, bn int) Clip {
		g := newGraph("25")
		x := g.video(a, as, an, "tpad=stop=1:color="+color)
		y := g.video(b, bs, bn, "")
		o := g.concat(x, y)
		c := g.clip(name, InBetween, hold, an+1+bn, o, cutAt(an+1))
		c.Lit = color != "black"
		return c
	}
	oneShot := func(name string, hold bool, a string, as, an int, m string, ms int, b string, bs, bn int) Clip {
		g := newGraph("25")
		x := g.video(a, as, an, "")
		y := g.video(m, ms, 1, "")
		z := g.video(b, bs, bn, "")
		o := g.concat(x, y, z)
		return g.clip(name, InBetween, hold, an+1+bn, o, cutAt(an+1))
	}
	// A cut on the second field: 50 pictures a second woven two by two
	// into 25 interlaced frames, the new shot starting on an odd picture
	// (an bottom-field picture), so one frame carries both shots.
	field := func(name string, hold bool, a string, as, an int, b string, bs, bn int) Clip {
		g := newGraph("50")
		x := g.video(a, as, an, "")
		y := g.video(b, bs, bn, "")
		o := g.concat(x, y)
		l := g.label()
		g.chains = append(g.chains, o+"tinterlace=mode=merge,settb=1/25,setpts=N"+l)
		c := g.clip(name, InBetween, hold, (an+bn)/2, l, cutAt(an/2+1))
		c.Rate, c.Interlaced = "25", true
		return c
	}
	return []Clip{
		pad("between-white-vtest-megamind", false, "vtest.avi", 0, 100, "white", "Megamind.avi", 200, 70),
		oneShot("between-oneshot-megamind-vtest", false, "Megamind.avi", 5, 56, "tree.avi", 30, "vtest.avi", 300, 60),
		field("between-field-megamind-vtest", false, "Megamind.avi", 10, 81, "vtest.avi", 100, 79),
		telecine(),
		pad("between-black-tree-vtest", true, "tree.avi", 0, 68, "black", "vtest.avi", 100, 100),
		pad("between-white-megamind-vtest", true, "Megamind.avi", 100, 51, "white", "vtest.avi", 600, 80),
		oneShot("between-oneshot-vtest-tree", true, "vtest.avi", 50, 70, "Megamind.avi", 120, "tree.avi", 0, 60),
		field("between-field-vtest-tree", true, "vtest.avi", 200, 61, "tree.avi", 0, 67),
	}
}

// MegamindCuts are the cuts of Megamind.avi (the first frames of its
// shots), as media/mediatest/truth/Megamind.json labels them.
var MegamindCuts = []int{1, 98, 154, 200}

// telecine is Megamind.avi (23.976 fps) pulled down 3:2 to 29.97 fps
// interlaced: source frames give 2, 3, 2, 3... fields, and an output frame
// is two consecutive fields, so a cut whose first field is odd lands in a
// frame that mixes the shots; the truth is the first frame all new.
func telecine() Clip {
	field := func(k int) int { return 2*((k+1)/2) + 3*(k/2) } // first field of source frame k
	var ts []vision.Transition
	for _, k := range MegamindCuts {
		ts = append(ts, cutAt((field(k)+1)/2))
	}
	c := Clip{Name: "between-telecine-megamind", Category: InBetween, Frames: (field(270) + 1) / 2, Rate: "30000/1001",
		Inputs:     []string{"-i", src("Megamind.avi")},
		Graph:      fmt.Sprintf("[0]scale=%d:%d,setsar=1,telecine=pattern=23[v]", EditorWidth, EditorHeight),
		Interlaced: true, Transitions: ts, Lit: false}
	return c
}

// jumps: jump cuts in the same framing and soft dissolves between two
// moments of one scene.
func jumps() []Clip {
	cut := func(name string, hold bool, clip string, as, an, bs, bn int) Clip {
		g := newGraph("25")
		x := g.video(clip, as, an, "")
		y := g.video(clip, bs, bn, "")
		o := g.concat(x, y)
		return g.clip(name, Jump, hold, an+bn, o, cutAt(an))
	}
	dis := func(name string, hold bool, clip string, as, an, bs, bn, d int) Clip {
		g := newGraph("25")
		x := g.video(clip, as, an, "")
		y := g.video(clip, bs, bn, "")
		o := g.xfade(x, y, an, d, "fade")
		return g.clip(name, SoftDissolve, hold, an+bn-d, o, gradualT(vision.Dissolve, an-d, an-1))
	}
	return []Clip{
		cut("jump-vtest-125", false, "vtest.avi", 0, 125, 400, 125),
		cut("jump-vtest-200-650", false, "vtest.avi", 200, 100, 650, 100),
		cut("jump-megamind-shot1", false, "Megamind.avi", 5, 45, 70, 27),
		dis("jumpdis-vtest", false, "vtest.avi", 0, 125, 400, 125, 12),
		cut("jump-vtest-100-500", true, "vtest.avi", 100, 100, 500, 100),
		cut("jump-megamind-shot4", true, "Megamind.avi", 200, 31, 245, 25),
		dis("jumpdis-vtest-300-700", true, "vtest.avi", 300, 100, 700, 95, 15),
		// session 18: more tuned variants (a jump back in time, a short
		// skip, dissolves of 10 and 20 frames), and held-out ones written
		// before the jump-cut and soft-dissolve rules were tuned
		cut("jump-vtest-450-0", false, "vtest.avi", 450, 100, 0, 100),
		cut("jump-vtest-520-610", false, "vtest.avi", 520, 60, 610, 80),
		dis("jumpdis-vtest-450-50", false, "vtest.avi", 450, 100, 50, 100, 10),
		dis("jumpdis-vtest-200-600", false, "vtest.avi", 200, 90, 600, 90, 20),
		cut("jump-vtest-60-350", false, "vtest.avi", 60, 90, 350, 90),
		cut("jump-vtest-700-30", false, "vtest.avi", 700, 80, 30, 80),
		cut("jump-vtest-260-480", false, "vtest.avi", 260, 80, 480, 80),
		cut("jump-megamind-shot1b", false, "Megamind.avi", 5, 30, 60, 37),
		cut("jump-vtest-560-250", true, "vtest.avi", 560, 90, 250, 90),
		dis("jumpdis-vtest-740-120", true, "vtest.avi", 740, 55, 120, 80, 14),
		// written after jump-vtest-100-500's step numbers were seen
		cut("jump-vtest-380-720", true, "vtest.avi", 380, 90, 720, 75),
	}
}

// onTwos: pans and footage drawn on twos (each picture held two frames).
func onTwos() []Clip {
	twosPan := func(v int, left bool) string {
		if left {
			return fmt.Sprintf("iw-ow-floor(n/2)*%d", 2*v)
		}
		return fmt.Sprintf("floor(n/2)*%d", 2*v)
	}
	pan := func(name string, hold bool, img string, v, frames int) Clip {
		g := newGraph("25")
		o := g.still(img, frames, twosPan(v, false), "")
		return g.clip(name, Twos, hold, frames, o)
	}
	panCut := func(name string, hold bool, a, b string, v, an, bn int) Clip {
		g := newGraph("25")
		x := g.still(a, an, twosPan(v, false), "")
		y := g.still(b, bn, twosPan(v, true), "")
		o := g.concat(x, y)
		return g.clip(name, Twos, hold, an+bn, o, cutAt(an))
	}
	// footage on twos: every other frame, each shown twice
	vid := func(name string, hold bool, a string, as, an int, b string, bs, bn int) Clip {
		g := newGraph("25")
		step := "framestep=2,setpts=2*N,fps=25:round=down"
		x := g.video(a, as, 2*an, step)
		y := g.video(b, bs, 2*bn, step)
		o := g.concat(x, y)
		return g.clip(name, Twos, hold, 2*(an+bn), o, cutAt(2*an))
	}
	return []Clip{
		pan("twos-pan-baboon", false, "baboon.jpg", 8, 120),
		panCut("twos-cut-fruits-home", false, "fruits.jpg", "home.jpg", 6, 76, 76),
		vid("twos-megamind-vtest", false, "Megamind.avi", 5, 45, "vtest.avi", 100, 40),
		pan("twos-pan-messi", true, "messi5.jpg", 10, 120),
		panCut("twos-cut-aero3-graf1", true, "aero3.jpg", "graf1.png", 8, 70, 80),
		vid("twos-vtest-megamind", true, "vtest.avi", 400, 50, "Megamind.avi", 200, 35),
	}
}

// slide is a wipe or push clip: an frames of a from frame as, then b from
// frame bs (bn frames) coming in by xfade transition tr over d frames, at
// 25 fps.
func slide(name string, hold bool, tr string, d int, a string, as, an int, b string, bs, bn int) Clip {
	g := newGraph("25")
	x := g.video(a, as, an, "")
	y := g.video(b, bs, bn, "")
	o := g.xfade(x, y, an, d, tr)
	return g.clip(name, Wipe, hold, an+bn-d, o, gradualT(vision.Wipe, an-d, an-1))
}

// wipes: pushes (slides) and wipes.
func wipes() []Clip {
	return []Clip{
		slide("push-megamind-vtest", false, "slideleft", 13, "Megamind.avi", 5, 90, "vtest.avi", 100, 100),
		slide("wipe-tree-vtest", false, "wipeleft", 12, "tree.avi", 0, 68, "vtest.avi", 300, 100),
		slide("push-vtest-megamind", true, "slideright", 15, "vtest.avi", 500, 100, "Megamind.avi", 160, 40),
		slide("wipe-megamind-tree", true, "wiperight", 10, "Megamind.avi", 200, 70, "tree.avi", 0, 68),
		// held out from the wipe and push detector (written with it,
		// never looked at before scoring): vertical wipes and pushes, a
		// one-second push.
		slide("wipe-vtest-megamind-up", true, "wipeup", 12, "vtest.avi", 200, 90, "Megamind.avi", 30, 60),
		slide("push-megamind-tree-down", true, "slidedown", 14, "Megamind.avi", 102, 50, "tree.avi", 10, 58),
		slide("push-tree-vtest-long", true, "slideleft", 25, "tree.avi", 0, 68, "vtest.avi", 650, 100),
		slide("wipe-tree-megamind-down", true, "wipedown", 16, "tree.avi", 5, 60, "Megamind.avi", 205, 60),
	}
}

// verticalPushes: pushes up and down (the new shot sliding in from the
// bottom or the top), of other clips and durations than the held-out
// push-megamind-tree-down (session 18).
func verticalPushes() []Clip {
	return []Clip{
		slide("push-vtest-megamind-up", false, "slideup", 12, "vtest.avi", 300, 90, "Megamind.avi", 160, 40),
		slide("push-tree-vtest-down", false, "slidedown", 16, "tree.avi", 0, 68, "vtest.avi", 450, 90),
		slide("push-megamind-vtest-down", false, "slidedown", 10, "Megamind.avi", 5, 90, "vtest.avi", 600, 80),
		slide("push-vtest-tree-up", false, "slideup", 20, "vtest.avi", 100, 100, "tree.avi", 5, 60),
		slide("push-vtest-megamind-down-long", false, "slidedown", 25, "vtest.avi", 700, 90, "Megamind.avi", 30, 60),
		// held out: written before the vertical pushes were looked at
		// (Megamind cuts at its frame 98: clip frame 58)
		withCut(slide("push-megamind-tree-up", true, "slideup", 18, "Megamind.avi", 40, 90, "tree.avi", 10, 58), 58),
	}
}

// withCut adds a cut of the source footage at clip frame f to c's truth.
func withCut(c Clip, f int) Clip {
	c.Transitions = append([]vision.Transition{cutAt(f)}, c.Transitions...)
	return c
}

// dips: clip A fades to a colour over fo frames, k frames of the colour,
// clip B fades up from it over fi frames.
func dips() []Clip {
	type part struct {
		name          string
		start, frames int
	}
	mk := func(name string, hold bool, color string, a part, fo, k int, b part, fi int) Clip {
		g := newGraph("25")
		extra := fmt.Sprintf("fade=t=out:s=%d:n=%d:color=%s", a.frames-fo, fo, color)
		if k > 0 {
			extra += fmt.Sprintf(",tpad=stop=%d:color=%s", k, color)
		}
		x := g.video(a.name, a.start, a.frames, extra)
		y := g.video(b.name, b.start, b.frames, fmt.Sprintf("fade=t=in:n=%d:color=%s", fi, color))
		o := g.concat(x, y)
		n := a.frames + k
		out, in := vision.FadeOutColor, vision.FadeInColor
		if color == "white" {
			out, in = vision.FadeOutWhite, vision.FadeInWhite
		}
		return g.clip(name, Dip, hold, n+b.frames, o, gradualT(out, a.frames-fo, a.frames-1), gradualT(in, n, n+fi-1))
	}
	return []Clip{
		mk("dip-white-vtest-megamind", false, "white", part{"vtest.avi", 0, 100}, 20, 5, part{"Megamind.avi", 200, 70}, 20),
		mk("dip-blue-megamind-tree", false, "0x3050a0", part{"Megamind.avi", 5, 90}, 15, 0, part{"tree.avi", 0, 68}, 15),
		mk("dip-white-tree-megamind", false, "white", part{"tree.avi", 0, 68}, 10, 0, part{"Megamind.avi", 100, 50}, 12),
		// session 18: long fades into a field held for some frames (the
		// first field frame was a false cut into red)
		mk("dip-green-vtest-megamind", false, "0x28a040", part{"vtest.avi", 150, 100}, 25, 8, part{"Megamind.avi", 200, 70}, 10),
		mk("dip-purple-megamind-vtest", false, "0x703090", part{"Megamind.avi", 5, 90}, 20, 6, part{"vtest.avi", 400, 90}, 14),
		// a crimson just past red's hue (hue bins wrap there)
		mk("dip-crimson-megamind-vtest", false, "0xb01838", part{"Megamind.avi", 5, 90}, 24, 8, part{"vtest.avi", 400, 90}, 12),
		mk("dip-scarlet-vtest-megamind", false, "0xc03020", part{"vtest.avi", 150, 100}, 25, 8, part{"Megamind.avi", 200, 70}, 10),
		// held out: never looked at while typing the fades
		mk("dip-white-megamind-vtest", true, "white", part{"Megamind.avi", 100, 50}, 12, 3, part{"vtest.avi", 500, 100}, 18),
		mk("dip-red-vtest-tree", true, "0xa02828", part{"vtest.avi", 300, 100}, 25, 8, part{"tree.avi", 0, 68}, 10),
		mk("dip-cream-tree-vtest", true, "0xe8e0c0", part{"tree.avi", 0, 68}, 16, 2, part{"vtest.avi", 600, 100}, 16),
		// session 18, written before the field-step fix
		mk("dip-orange-megamind-vtest", true, "0xd08020", part{"Megamind.avi", 100, 50}, 15, 4, part{"vtest.avi", 650, 100}, 12),
	}
}

// darkLit: shots graded down to a mean luma of about 6 (of 255), cut
// together.
func darkLit() []Clip {
	mk := func(name string, hold bool, k float64, a string, as, an int, b string, bs, bn int) Clip {
		g := newGraph("25")
		dark := fmt.Sprintf("lutyuv=y='16+(val-16)*%g':u='128+(val-128)*%g':v='128+(val-128)*%g'", k, k, k)
		x := g.video(a, as, an, dark)
		y := g.video(b, bs, bn, dark)
		o := g.concat(x, y)
		return g.clip(name, DarkLit, hold, an+bn, o, cutAt(an))
	}
	return []Clip{
		mk("darklit-megamind", false, 0.08, "Megamind.avi", 5, 90, "Megamind.avi", 160, 40),
		mk("darklit-vtest-megamind", false, 0.07, "vtest.avi", 100, 80, "Megamind.avi", 200, 70),
		mk("darklit-vtest-tree", true, 0.07, "vtest.avi", 400, 80, "tree.avi", 0, 68),
		mk("darklit-megamind-vtest", true, 0.1, "Megamind.avi", 100, 50, "vtest.avi", 600, 80),
	}
}

// slowPans: 640×360 windows travelling over stills blown up to 1440
// lines at a few pixels a frame (about 1-2 px at analysis size), 120
// frames, no transition; and a short dissolve between two such pans.
func slowPans() []Clip {
	mk := panOver
	return []Clip{
		// session 19: a pan at 4 px a frame over building.jpg made a
		// false 9-frame dissolve (the thumbnail's sub-cell shift fits a
		// linear mix); tuned on these
		mk("pan-building-4-r300", false, "building.jpg", "n*4", "300"),
		mk("pan-building-5-r700", false, "building.jpg", "n*5", "700"),
		mk("pan-building-6-r900", false, "building.jpg", "n*6", "900"),
		mk("pan-starry-3-r400", false, "starry_night.jpg", "n*3", "400"),
		mk("pan-starry-6-r200", false, "starry_night.jpg", "n*6", "200"),
		mk("pan-fruits-5-r100", false, "fruits.jpg", "n*5", "100"),
		mk("pan-home-4-r300", false, "home.jpg", "n*4", "300"),
		mk("pan-leuven-5-r600", false, "leuvenA.jpg", "n*5", "600"),
		// held out: written before the pan rule was first scored on them
		mk("pan-baboon-3-r300", true, "baboon.jpg", "n*3", "300"),
		mk("pan-graf1-5-r500", true, "graf1.png", "n*5", "500"),
		mk("pan-starry-left-4-r900", true, "starry_night.jpg", "1000-n*4", "900"),
		mk("tilt-building-4-x300", true, "building.jpg", "300", "n*4"),
		mk("tilt-home-3-x800", true, "home.jpg", "800", "900-n*3"),
		sized("movdis-slow-home-fruits-640-r300-d8", true, "home.jpg", "fruits.jpg", 3, 8, 640, 360, 1440, 300),
		sized("movdis-slow-leuven-starry-640-r500-d12", true, "leuvenA.jpg", "starry_night.jpg", 2, 12, 640, 360, 1440, 500),
	}
}

// darkJumps: more very dark but lit shots (session 19, written before the
// jump-cut floor relative to the picture's spread was scored on them, all
// held out): a jump cut and a cut graded down to a mean luma of a few
// levels, and a dark crowd with no cut.
func darkJumps() []Clip {
	dark := func(k float64) string {
		return fmt.Sprintf("lutyuv=y='16+(val-16)*%g':u='128+(val-128)*%g':v='128+(val-128)*%g'", k, k, k)
	}
	mk := func(name string, k float64, a string, as, an int, b string, bs, bn int) Clip {
		g := newGraph("25")
		x := g.video(a, as, an, dark(k))
		y := g.video(b, bs, bn, dark(k))
		return g.clip(name, DarkLit, true, an+bn, g.concat(x, y), cutAt(an))
	}
	g := newGraph("25")
	none := g.clip("darklit-vtest-nocut", DarkLit, true, 170, g.video("vtest.avi", 300, 170, dark(0.07)))
	return []Clip{
		mk("darklit-jump-vtest-150-600", 0.08, "vtest.avi", 150, 90, "vtest.avi", 600, 80),
		mk("darklit-tree-megamind", 0.06, "tree.avi", 0, 68, "Megamind.avi", 10, 80),
		mk("darklit-jump-megamind-100-136", 0.09, "Megamind.avi", 100, 25, "Megamind.avi", 136, 18),
		none,
	}
}

// panOver is a 640×360 window travelling over a still blown up to 1440
// lines, at x(n), y(n) (ffmpeg expressions of the frame number n), 120
// frames, no transition.
func panOver(name string, hold bool, img, x, y string) Clip {
	g := newGraph("25")
	g.inputs = append(g.inputs, "-loop", "1", "-i", src(img))
	l := g.label()
	g.chains = append(g.chains, fmt.Sprintf("[0]scale=-2:1440,trim=end_frame=120,%s,crop=640:360:'%s':'%s',%s%s", g.tail(), x, y, g.tail(), l))
	g.n++
	return g.clip(name, Pan, hold, 120, l)
}

// fastMoves: dissolves between two shots panning fast (11-14 px a frame
// at 1440 lines, 3.7-7 px at analysis size), whose pictures' statistics
// drift through the mix, and fast pans and a tilt with no transition
// (session 19, all held out: written before the motion-compensated fit
// was scored on them; tuned on movdis-aero3-graf1 alone).
func fastMoves() []Clip {
	return []Clip{
		sized("movfast-leuven-home-480-12-d16", true, "leuvenA.jpg", "home.jpg", 12, 16, 480, 272, 1440, 585),
		sized("movfast-messi-graf1-640-r300-11-d20", true, "messi5.jpg", "graf1.png", 11, 20, 640, 360, 1440, 300),
		sized("movfast-home-aero3-480-r900-14-d12", true, "home.jpg", "aero3.jpg", 14, 12, 480, 272, 1440, 900),
		panOver("pan-fast-messi-13-r500", true, "messi5.jpg", "n*13", "500"),
		panOver("pan-fast-leuven-10-r300", true, "leuvenA.jpg", "n*10", "300"),
		panOver("tilt-fast-home-8-x600", true, "home.jpg", "600", "n*8"),
	}
}
