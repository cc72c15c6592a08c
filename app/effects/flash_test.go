package effects_test

import (
	"bufio"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"rushcut/app/effects"
	"rushcut/media/mediatest"
	"rushcut/vision/impulse"
)

// visibleDamage returns, per frame, the fraction of pixels (at 360 px
// wide, gray) where damaged differs from clean by more than 40 levels,
// frames paired in decode order.
func visibleDamage(t *testing.T, damaged, clean string) []float64 {
	t.Helper()
	out := filepath.Join(t.TempDir(), "diff.txt")
	mediatest.FFmpeg(t, "null.nut", "-i", damaged, "-i", clean, "-lavfi",
		"[0:v]scale=360:-2,format=gray,settb=1/30,setpts=N[a];[1:v]scale=360:-2,format=gray,settb=1/30,setpts=N[b];"+
			"[a][b]blend=all_mode=difference,lutyuv=y='gt(val\\,40)*255',signalstats,"+
			"metadata=print:key=lavfi.signalstats.YAVG:file="+out, "-f", "nut", "-c:v", "rawvideo")
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var v []float64
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if k, val, ok := strings.Cut(sc.Text(), "lavfi.signalstats.YAVG="); ok && k == "" {
			x, err := strconv.ParseFloat(val, 64)
			if err != nil {
				t.Fatal(err)
			}
			v = append(v, x/255)
		}
	}
	return v
}

// flashFrames proposes effects on a cut holding the whole of path and
// returns the frames the flash removal replaces (0-based).
func flashFrames(t *testing.T, path string) []int {
	t.Helper()
	return removedFrames(t, analyse(t, path))
}

// removedFrames proposes effects on a cut holding the whole of take tk
// and returns the frames the flash removal replaces (0-based).
func removedFrames(t *testing.T, tk *take) []int {
	t.Helper()
	in := cutOf([]part{{tk, 0, int64(len(tk.src.Frames))}})
	in.Impulses = impulse.Scores
	list, err := effects.Propose(in, effects.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var out []int
	for _, s := range list {
		if s.Kind != effects.FlashRemove {
			continue
		}
		p, err := effects.Of(s.Kind, s.Params)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range p.(*effects.FlashParams).Frames {
			out = append(out, int(f-tk.ref.Start))
		}
		t.Log(s.Reason)
	}
	sort.Ints(out)
	return out
}

// TestFlashRemovalMegamindBugy scores flash removal on Megamind_bugy.avi,
// OpenCV's deliberately damaged copy of Megamind.avi. A frame is damaged
// when it visibly differs from Megamind.avi's (more than 40 levels over
// more than 20 pixels at 360 px wide), good when no pixel differs by more
// than 40 levels, and faint in between (145, 170, 180: 13 to 20 pixels;
// removing them or not is no error); frame 71, which repeats frame 70
// (media/mediatest/truth/Megamind_bugy.json), is a good picture. The
// issue's target, asserted: every damaged frame removed and no good one.
// The damage score's constants were chosen while looking at this clip
// (with Megamind.avi, vtest.avi and tree.avi), so this is not a held-out
// measurement; TestFlashRemovalInjected is.
func TestFlashRemovalMegamindBugy(t *testing.T) {
	if testing.Short() {
		t.Skip("decodes real footage")
	}
	bugy := mediatest.OpencvData(t, "Megamind_bugy.avi")
	vis := visibleDamage(t, bugy, mediatest.OpencvData(t, "Megamind.avi"))
	if len(vis) != 270 {
		t.Fatalf("%d frames compared, want 270", len(vis))
	}
	const px = 360 * 264
	damaged, good := map[int]bool{}, map[int]bool{}
	for i, v := range vis {
		switch {
		case i == 71 || v == 0:
			good[i] = true
		case v*px > 20:
			damaged[i] = true
		}
	}
	if len(damaged) != 28 {
		t.Fatalf("%d damaged frames, want 28", len(damaged))
	}
	got := flashFrames(t, bugy)
	removed := map[int]bool{}
	var wrong, faint []int
	for _, f := range got {
		removed[f] = true
		if good[f] {
			wrong = append(wrong, f)
		} else if !damaged[f] {
			faint = append(faint, f)
		}
	}
	var missed []int
	for f := range damaged {
		if !removed[f] {
			missed = append(missed, f)
		}
	}
	sort.Ints(missed)
	t.Logf("damaged %d, removed %d (%v): damaged %d, faint %v, good %v; missed %v",
		len(damaged), len(got), got, len(damaged)-len(missed), faint, wrong, missed)
	if len(wrong) > 0 {
		t.Errorf("good frames removed: %v", wrong)
	}
	if len(missed) > 0 {
		t.Errorf("damaged frames not removed: %v", missed)
	}
}

// TestFlashRemovalCleanFootage checks that real footage with motion and
// no damage gets no flash removal: Megamind.avi (the clean original of
// Megamind_bugy.avi: cuts, lip sync, a blink), vtest.avi (walkers),
// tree.avi (leaves, a hand sweeping in front of the lens), and pans with
// sensor noise across three opencv-doc stills the score never saw.
func TestFlashRemovalCleanFootage(t *testing.T) {
	if testing.Short() {
		t.Skip("decodes real footage")
	}
	clips := map[string]*take{}
	for _, c := range []string{"Megamind.avi", "vtest.avi", "tree.avi"} {
		clips[c] = analyse(t, mediatest.OpencvData(t, c))
	}
	clips["starry_night pan"] = noisyPan(t, "starry_night.jpg", 4, "200*t", "40+10*t")
	clips["home pan"] = noisyPan(t, "home.jpg", 4, "500-90*t", "30")
	clips["fruits whip"] = noisyPan(t, "fruits.jpg", 4, "if(lt(t,2),20*t,40+300*(t-2))", "20")
	// Hand-held: pans with a 4-7 Hz shake, each frame jerked away from
	// its neighbours over the whole picture as a frame shifted by damage
	// is. The starry and building ones were looked at while writing the
	// jerk veto (36 and 37 of 120 frames removed without it); the home one
	// was made and run once after it.
	clips["starry_night hand-held"] = noisyPan(t, "starry_night.jpg", 4, "200+50*t+12*sin(39*t)", "100+9*sin(27*t+1)")
	clips["building hand-held"] = noisyPan(t, "building.jpg", 4, "300-40*t+10*sin(33*t+2)", "60+8*sin(45*t)")
	clips["home hand-held (held out)"] = noisyPan(t, "home.jpg", 4, "150+30*t+8*sin(29*t+0.5)+5*sin(47*t)", "40+11*sin(37*t+2)")
	for name, tk := range clips {
		got := removedFrames(t, tk)
		t.Logf("%s: %d frames, removed %v", name, len(tk.src.Frames), got)
		if len(got) > 0 {
			t.Errorf("%s: undamaged frames removed: %v", name, got)
		}
	}
}

// kinds are the one-frame damage TestFlashRemovalInjected injects, as
// ffmpeg filters of a 320-px-wide frame.
var kinds = []string{
	"drawbox=x=200:y=40:w=60:h=40:color=white:t=fill", // white box
	"hflip",                                                // mirrored frame
	"drawgrid=w=0:h=30:t=1:color=black",                    // thin dark lines
	"crop=iw-12:ih:12:0,pad=iw+12:ih:0:0",                  // picture shifted 12 px
	"drawbox=x=60:y=150:w=20:h=14:color=green:t=fill",      // small green box
	"noise=alls=50:allf=t",                                 // noise burst
	"drawbox=x=150:y=100:w=6:h=6:color=black:t=fill",       // dark dust
	"drawbox=x=230:y=0:w=2:h=ih:color=white:t=fill",        // vertical scratch
	"eq=brightness=0.35",                                   // photo flash
	"hue=h=120",                                            // colour only
	"drawbox=x=100:y=60:w=5:h=5:color=white:t=fill",        // white dust
	"crop=iw:ih-10:0:10,pad=iw:ih+10:0:0",                  // picture shifted 10 px up
	"drawbox=x=20:y=20:w=80:h=50:color=magenta@0.5:t=fill", // translucent blotch
	"boxblur=4", // one blurred frame
}

// inject writes frames frames of input (ffmpeg input args; base, a filter
// giving a 320-px-wide picture) with damage[f] applied to frame f only,
// as FFV1.
func inject(t *testing.T, name string, input []string, base string, frames int, damage map[int]string) string {
	t.Helper()
	var keys []int
	for f := range damage {
		keys = append(keys, f)
	}
	sort.Ints(keys)
	chain := "[0:v]" + base + ",scale=320:-2,format=yuv420p,split=" + strconv.Itoa(len(keys)+1) + "[base]"
	for i := range keys {
		chain += "[s" + strconv.Itoa(i) + "]"
	}
	chain += ";"
	last := "base"
	for i, f := range keys {
		d := "d" + strconv.Itoa(i)
		chain += "[s" + strconv.Itoa(i) + "]" + damage[f] + ",scale=320:-2,format=yuv420p[" + d + "];"
		next := "o" + strconv.Itoa(i)
		chain += "[" + last + "][" + d + "]overlay=enable='eq(n\\," + strconv.Itoa(f) + ")'[" + next + "];"
		last = next
	}
	chain = strings.TrimSuffix(chain, ";")
	args := append(append([]string{}, input...), "-frames:v", strconv.Itoa(frames), "-filter_complex", chain, "-map", "["+last+"]", "-an", "-c:v", "ffv1")
	return mediatest.FFmpeg(t, name, args...)
}

// TestFlashRemovalInjected injects one-frame damage of fourteen kinds
// (see kinds) into six clips the damage score was not tuned on at known
// frames (every 16th from 11; the kinds rotate so each meets several
// clips and frames), and scores the removal: precision and recall over
// all clips, misses listed by kind. Clips: vtest.avi from 20 s, tree.avi
// and Megamind.avi (the tuning clips' footage, damaged here at other
// frames with other kinds), and noisy pans across three opencv-doc
// stills. Floors set before the first run of this set: precision ≥ 0.9,
// recall ≥ 0.8.
func TestFlashRemovalInjected(t *testing.T) {
	if testing.Short() {
		t.Skip("decodes real footage")
	}
	pan := func(img, x, y string) ([]string, string) {
		return []string{"-loop", "1", "-framerate", "30", "-i", mediatest.OpencvData(t, img)},
			"scale=1280:-2,crop=480:360:x='" + x + "':y='" + y + "'" + noise
	}
	type clip struct {
		name   string
		input  []string
		base   string
		frames int
	}
	var clips []clip
	clips = append(clips, clip{"vtest", []string{"-ss", "20", "-i", mediatest.OpencvData(t, "vtest.avi")}, "null", 200})
	clips = append(clips, clip{"tree", []string{"-i", mediatest.OpencvData(t, "tree.avi")}, "null", 68})
	clips = append(clips, clip{"Megamind", []string{"-i", mediatest.OpencvData(t, "Megamind.avi")}, "null", 270})
	in, vf := pan("baboon.jpg", "100+60*t", "80+20*t")
	clips = append(clips, clip{"baboon pan", in, vf, 200})
	in, vf = pan("building.jpg", "400-70*t", "60")
	clips = append(clips, clip{"building pan", in, vf, 200})
	in, vf = pan("messi5.jpg", "50+40*t", "100-15*t")
	clips = append(clips, clip{"messi pan", in, vf, 200})
	tp, fp, fn := 0, 0, 0
	missed := map[string]int{}
	for c, cl := range clips {
		damage := map[int]string{}
		for j, f := 0, 11; f+2 < cl.frames; j, f = j+1, f+16 {
			damage[f] = kinds[(j+3*c)%len(kinds)]
		}
		path := inject(t, strings.ReplaceAll(cl.name, " ", "_")+".mkv", cl.input, cl.base, cl.frames, damage)
		got := flashFrames(t, path)
		found := map[int]bool{}
		for _, f := range got {
			if damage[f] != "" {
				tp++
				found[f] = true
			} else {
				fp++
				t.Logf("%s: good frame %d removed", cl.name, f)
			}
		}
		for f, k := range damage {
			if !found[f] {
				fn++
				missed[k]++
				t.Logf("%s: damaged frame %d (%s) missed", cl.name, f, k)
			}
		}
	}
	p, r, f1 := prf(tp, fp, fn)
	t.Logf("injected damage: precision %.2f recall %.2f F1 %.2f (tp %d fp %d fn %d); misses by kind %v", p, r, f1, tp, fp, fn, missed)
	if p < 0.9 {
		t.Errorf("precision %.2f, want ≥ 0.9", p)
	}
	if r < 0.8 {
		t.Errorf("recall %.2f, want ≥ 0.8", r)
	}
}
