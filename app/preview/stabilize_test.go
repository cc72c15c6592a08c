package preview

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"rushcut/media/mediatest"
)

// shakeClip is a real clip with a known shake added.
type shakeClip struct {
	name   string
	src    string
	start  int // first source frame
	frames int
	// heldOut is true for clips the stabiliser was never looked at on
	// while it was designed and tuned (radius, features, tracking width,
	// the crop-limited radius): the floors apply to these.
	heldOut bool
	// pan, for a still image, is the camera's own slow pan in pixels per
	// frame under the shake.
	pan float64
	// shake is the added shake path (x and y crop offsets).
	shake [2]string
}

// The shake path, in pixels of the 480-wide output: a sum of sines of
// incommensurate periods (4.8, 2.2 and 9 frames in x; 3.7, 6.3 and 2.6
// in y), up to ±20 px in x and ±15 px in y (±4% of the width), as a
// hand-held camera's jitter. The clip is scaled to 520 px wide and a
// 480-wide window moves over it by the path (ffmpeg crop, per frame).
var (
	shakeA = [2]string{"20+20*(0.5*sin(1.3*n)+0.3*sin(2.9*n+0.7)+0.2*sin(0.7*n+2))",
		"15+15*(0.5*sin(1.7*n+1)+0.3*sin(1.0*n+0.3)+0.2*sin(2.4*n+1.4))"}
	// shakeB, for the held-out clips, has other periods (5.7, 2.5 and 12.6
	// frames in x; 3.1, 7.9 and 2.3 in y) and phases.
	shakeB = [2]string{"20+20*(0.45*sin(1.1*n+0.4)+0.35*sin(2.5*n+2.1)+0.2*sin(0.5*n+1))",
		"15+15*(0.4*sin(2.0*n+0.2)+0.4*sin(0.8*n+1.9)+0.2*sin(2.7*n+0.5))"}
	// shakeC, for the design clip of the smooth-pan work, has periods 4.2,
	// 2.4 and 10.5 frames in x; 3.5, 5.2 and 2.1 in y.
	shakeC = [2]string{"20+20*(0.5*sin(1.5*n+0.9)+0.3*sin(2.6*n+0.2)+0.2*sin(0.6*n+2.5))",
		"15+15*(0.45*sin(1.8*n+0.6)+0.35*sin(1.2*n+2.2)+0.2*sin(3.0*n+1.1))"}
	// shakeD, for the held-out clip added with it, has periods 5.0, 2.3
	// and 7.9 frames in x; 4.5, 2.8 and 11.4 in y.
	shakeD = [2]string{"20+20*(0.4*sin(1.25*n+1.3)+0.4*sin(2.7*n+0.1)+0.2*sin(0.8*n+0.6))",
		"15+15*(0.5*sin(1.4*n+2.4)+0.3*sin(2.25*n+0.9)+0.2*sin(0.55*n+0.3))"}
)

var shakeClips = []shakeClip{
	// Looked at while designing (shake path A).
	{name: "vtest", src: "vtest.avi", start: 0, frames: 150, shake: shakeA},
	{name: "megamind-1", src: "Megamind.avi", start: 1, frames: 97, shake: shakeA},
	{name: "megamind-2", src: "Megamind.avi", start: 98, frames: 56, shake: shakeA},
	{name: "megamind-4", src: "Megamind.avi", start: 200, frames: 70, shake: shakeA},
	{name: "tree", src: "tree.avi", start: 0, frames: 68, shake: shakeA},
	{name: "building-pan", src: "building.jpg", frames: 100, pan: 0.8, shake: shakeA},
	// Held out (shake path B): measured only once the design was frozen.
	{name: "megamind-3", src: "Megamind.avi", start: 154, frames: 46, shake: shakeB, heldOut: true},
	{name: "vtest-late", src: "vtest.avi", start: 500, frames: 150, shake: shakeB, heldOut: true},
	{name: "fruits-pan", src: "fruits.jpg", frames: 100, pan: 0.6, shake: shakeB, heldOut: true},
	{name: "tree-b", src: "tree.avi", start: 0, frames: 68, shake: shakeB, heldOut: true},
	// Held out, added with the smooth-pan work (issue 14) before it was
	// first measured: another still panned, under its own shake path D.
	{name: "baboon-pan", src: "baboon.jpg", frames: 100, pan: 0.7, shake: shakeD, heldOut: true},
}

// designClips were made for the smooth-pan work (issue 14): another
// still panned under a new shake path C, looked at while designing.
var designClips = []shakeClip{
	{name: "starry-pan", src: "starry_night.jpg", frames: 100, pan: 0.5, shake: shakeC},
}

// inputArgs encode the shaky and unshaken takes as a camera's compressed
// footage would be: x264 at CRF 20, on one thread, because x264's frame
// threads make CRF output differ from run to run.
var inputArgs = []string{"-an", "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-pix_fmt", "yuv420p", "-threads", "1"}

// encodeArgs are the x264 settings every compared output uses: lossless
// (qp 0), as Rushcut's render is here (Options.Lossless), so that what is
// measured is each stabiliser's output, not coding noise. At CRF 20, with
// x264's threads, the same render measured 0.022–0.031% of the width on
// baboon-pan from one run to the next, against vidstab's 0.030%.
var encodeArgs = []string{"-an", "-c:v", "libx264", "-preset", "veryfast", "-qp", "0", "-pix_fmt", "yuv420p"}

// makeShaky writes the clip's frames with the shake path added, and the
// same frames without it (the content's own motion).
func makeShaky(t testing.TB, c shakeClip) (shaky, still string) {
	t.Helper()
	in := []string{"-i", mediatest.OpencvData(t, c.src)}
	trim := fmt.Sprintf("trim=start_frame=%d:end_frame=%d,setpts=PTS-STARTPTS,scale=520:-2", c.start, c.start+c.frames)
	px := "0"
	if c.pan != 0 {
		// A still: looped at 25 fps, wider, so the window can pan over it.
		in = []string{"-loop", "1", "-framerate", "25", "-i", mediatest.OpencvData(t, c.src)}
		trim = fmt.Sprintf("trim=end_frame=%d,scale=%d:-2", c.frames, 520+int(c.pan*float64(c.frames)+1))
		px = fmt.Sprintf("%g*n", c.pan)
	}
	shaky = mediatest.FFmpeg(t, c.name+"-shaky.mp4", append(append(in, "-vf",
		trim+",crop=480:ih-30:'"+px+"+"+c.shake[0]+"':'"+c.shake[1]+"'"), inputArgs...)...)
	still = mediatest.FFmpeg(t, c.name+"-still.mp4", append(append(in, "-vf",
		trim+",crop=480:ih-30:'"+px+"+20':15"), inputArgs...)...)
	return shaky, still
}

// stabRow is one method's result on one clip.
type stabRow struct {
	method string
	jitter float64 // percent of the width
	crop   float64 // fraction of width and height lost (−1: unknown)
}

// stabilizeAll stabilises a shaky clip with ours and with FFmpeg's
// vidstab (at our zoom, and at its own optimal zoom) and deshake, and
// measures each output's jitter.
func stabilizeAll(t *testing.T, c shakeClip, radius int) []stabRow {
	shaky, still := makeShaky(t, c)
	skip := radius // the ends of a smoothed path are only half-smoothed
	rows := []stabRow{
		{"no shake added", jitter(t, still, skip), 0},
		{"shaky input", jitter(t, shaky, skip), 0},
	}
	res, err := Render(context.Background(), Request{Source: Source{Path: shaky, Out: c.frames},
		Effect: Effect{Kind: Stabilize, Radius: radius, MaxCrop: 0.10}, Width: 480, Layout: After, MaxSeconds: 600},
		Options{CacheDir: t.TempDir(), Preset: "veryfast", Lossless: true}) // encodeArgs' preset
	if err != nil {
		t.Fatal(err)
	}
	rows = append(rows, stabRow{"rushcut", jitter(t, res.Clip, skip), res.Crop})
	dir := t.TempDir()
	trf := filepath.Join(dir, "t.trf")
	ffmpeg(t, "-i", shaky, "-vf", "vidstabdetect=shakiness=10:accuracy=15:result="+trf, "-f", "null", "-")
	zoom := 100 * (1/(1-res.Crop) - 1)
	same := filepath.Join(dir, "vidstab-same.mp4")
	ffmpeg(t, append([]string{"-i", shaky, "-vf", fmt.Sprintf("vidstabtransform=input=%s:smoothing=%d:optzoom=0:zoom=%.3f", trf, radius, zoom)}, append(encodeArgs, same)...)...)
	rows = append(rows, stabRow{"vidstab, same zoom", jitter(t, same, skip), res.Crop})
	// The same zoom with vidstab's shift limited to what the zoom hides
	// vertically (the tighter side), as ours is: no border shows.
	lim := filepath.Join(dir, "vidstab-limited.mp4")
	maxShift := int(res.Crop * float64(res.Height) / 2)
	ffmpeg(t, append([]string{"-i", shaky, "-vf", fmt.Sprintf("vidstabtransform=input=%s:smoothing=%d:optzoom=0:zoom=%.3f:maxshift=%d:crop=black", trf, radius, zoom, maxShift)}, append(encodeArgs, lim)...)...)
	rows = append(rows, stabRow{"vidstab, same zoom, shift ≤ crop", jitter(t, lim, skip), res.Crop})
	opt := filepath.Join(dir, "vidstab-opt.mp4")
	ffmpeg(t, append([]string{"-i", shaky, "-vf", fmt.Sprintf("vidstabtransform=input=%s:smoothing=%d:optzoom=1", trf, radius)}, append(encodeArgs, opt)...)...)
	rows = append(rows, stabRow{"vidstab, optzoom=1", jitter(t, opt, skip), -1})
	de := filepath.Join(dir, "deshake.mp4")
	ffmpeg(t, append([]string{"-i", shaky, "-vf", "deshake"}, append(encodeArgs, de)...)...)
	rows = append(rows, stabRow{"deshake", jitter(t, de, skip), 0})
	return rows
}

func ffmpeg(t testing.TB, args ...string) {
	t.Helper()
	full := append([]string{"-hide_banner", "-nostdin", "-loglevel", "error", "-y"}, args...)
	if b, err := exec.Command("ffmpeg", full...).CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg %v: %v\n%s", full, err, b)
	}
}

// TestStabilizeAgainstFFmpeg is the stabilisation measurement: on shaky
// takes made from real clips with a known shake path, the residual
// high-frequency camera motion (phase correlation, not the stabiliser's
// own estimator) after Rushcut's stabilisation, side by side with
// vidstab and deshake on the same clips in the same run. It runs the
// held-out clips; RUSHCUT_STAB_ALL=1 adds the clips looked at while
// designing.
//
// Floors, on each held-out clip, set before they were first measured: a
// crop of at most 10%, and at least 85% of the jitter the shake added
// removed. A third floor set beforehand (at most 1.1× the jitter of
// vidstab at the same zoom with its shift limited to what the zoom hides)
// failed on its first run on fruits-pan (0.038% against 0.016% of the
// width, both under the unshaken pan's own 0.098%), and was dropped
// rather than loosened. The cause was then found on design clips only
// (building-pan and a new starry-pan, TestStabilizeDiagnose): the
// tracker's error was 0.004–0.013 px, but the Gaussian window cut at
// ±radius let 0.08–0.10 px of the shake through; a Blackman window
// replaced it. The floor is now the target, set before the next
// held-out run: lower jitter than that vidstab on every held-out clip,
// baboon-pan (added then) included.
//
// That floor once failed in CI on baboon-pan (0.031% against 0.030%)
// and passed here (0.022%, 0.025%): the outputs were encoded at CRF 20,
// and x264's frame threads made the same render's pixels differ from run
// to run by more than the two stabilisers differ. The outputs compared
// are now lossless and the inputs encoded on one thread, so each run
// measures the same pixels; the floor is unchanged.
func TestStabilizeAgainstFFmpeg(t *testing.T) {
	if testing.Short() {
		t.Skip("measurement")
	}
	const radius = DefaultRadius
	all := os.Getenv("RUSHCUT_STAB_ALL") != ""
	for _, c := range append(shakeClips, designClips...) {
		if !c.heldOut && !all {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			rows := stabilizeAll(t, c, radius)
			for _, r := range rows {
				crop := "—"
				if r.crop >= 0 {
					crop = strconv.FormatFloat(100*r.crop, 'f', 1, 64) + "%"
				}
				t.Logf("%-12s %-34s jitter %.3f%% of width  crop %s", c.name, r.method, r.jitter, crop)
			}
			base, shaky, ours, limited := rows[0].jitter, rows[1].jitter, rows[2], rows[4]
			removed := (shaky - ours.jitter) / (shaky - base)
			t.Logf("%-12s rushcut removes %.0f%% of the added jitter; %.2f× vidstab's (shift ≤ crop), %.2f× vidstab's (same zoom) (held out: %v)",
				c.name, 100*removed, ours.jitter/limited.jitter, ours.jitter/rows[3].jitter, c.heldOut)
			if !c.heldOut {
				return
			}
			if ours.crop > 0.10+1e-9 {
				t.Errorf("crop %.3f over 10%%", ours.crop)
			}
			if ours.jitter >= limited.jitter {
				t.Errorf("rushcut %.3f%% is not below vidstab's %.3f%% (same zoom, shift ≤ crop)", ours.jitter, limited.jitter)
			}
			if removed < 0.85 {
				t.Errorf("rushcut removed only %.0f%% of the added jitter (%.3f%% → %.3f%%, unshaken %.3f%%)", 100*removed, shaky, ours.jitter, base)
			}
		})
	}
}
