package analysis

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"rushcut/media"
	"rushcut/media/mediatest"
	"rushcut/vision"
	"rushcut/vision/reels"
)

// Floors from the issue: hard-cut F1 ≥ 0.95 and gradual-transition F1 ≥
// 0.85 over the generated set.
const (
	cutF1Floor     = 0.95
	gradualF1Floor = 0.85
)

// TestGeneratedSet scores the detector on every labelled reel, tuning,
// held-out and hidden-cut sets apart, with the ViT cue and without it
// (pixel statistics alone) from one analysis per reel. It checks each
// set's F1 floors with the cue, that the cue never lowers a set's F1, and
// that the trap reels (whip pans, an object filling the frame, a
// brightness ramp, flicker, flashes) yield only their true cuts. ffmpeg's
// scdet is scored on the same files for comparison.
func TestGeneratedSet(t *testing.T) {
	if testing.Short() {
		t.Skip("generates reels with ffmpeg")
	}
	dir := reelSet(t)
	opt := withViT(t)
	for _, set := range []struct {
		name  string
		reels []reels.Reel
	}{{"tuning", reels.Set()}, {"held-out", reels.Holdout()}, {"hidden-cuts", reels.Hidden()}, {"hidden-dark", reels.HiddenDark()}} {
		t.Run(set.name, func(t *testing.T) { scoreSet(t, dir, set.reels, opt) })
	}
}

// scoreSet scores one set of reels and checks its floors.
func scoreSet(t *testing.T, dir string, set []reels.Reel, opt Options) {
	var vit, pixels, scdet vision.Scores
	for _, r := range set {
		video := filepath.Join(dir, r.Name+".mp4")
		truth, err := vision.LoadTruth(filepath.Join(dir, r.Name+".json"))
		if err != nil {
			t.Fatal(err)
		}
		a, err := Analyze(context.Background(), video, opt)
		if err != nil {
			t.Fatal(err)
		}
		if a.Frames() != truth.Frames {
			t.Fatalf("%s: %d frames decoded, plan has %d", r.Name, a.Frames(), truth.Frames)
		}
		res := a.Detect()
		sc := vision.Score(truth.Transitions, res.Transitions)
		sp := vision.Score(truth.Transitions, a.DetectPixels().Transitions)
		sd, err := Scdet(context.Background(), video, DefaultScdetThreshold, media.DefaultStream)
		if err != nil {
			t.Fatal(err)
		}
		ss := vision.Score(truth.Transitions, sd)
		t.Logf("%-14s rushcut cuts %v gradual %v | pixels only cuts %v | scdet cuts %v", r.Name, sc.Cuts, sc.Gradual, sp.Cuts, ss.Cuts)
		missed, spurious := vision.Unmatched(truth.Transitions, res.Transitions)
		if len(missed)+len(spurious) > 0 {
			t.Logf("%-14s missed %v false %v", r.Name, missed, spurious)
		}
		if strings.Contains(r.Name, "traps") && len(spurious) > 0 {
			t.Errorf("%s: false transitions on traps: %v", r.Name, spurious)
		}
		vit = vit.Add(sc)
		pixels = pixels.Add(sp)
		scdet = scdet.Add(ss)
	}
	t.Logf("SET rushcut     cuts %v gradual %v", vit.Cuts, vit.Gradual)
	t.Logf("SET pixels only cuts %v gradual %v", pixels.Cuts, pixels.Gradual)
	t.Logf("SET scdet       cuts %v gradual %v", scdet.Cuts, scdet.Gradual)
	if f := vit.Cuts.F1(); f < cutF1Floor {
		t.Errorf("hard-cut F1 %.3f below %.2f", f, cutF1Floor)
	}
	if f := vit.Gradual.F1(); f < gradualF1Floor {
		t.Errorf("gradual F1 %.3f below %.2f", f, gradualF1Floor)
	}
	if vit.Cuts.F1() < pixels.Cuts.F1() || vit.Gradual.F1() < pixels.Gradual.F1() {
		t.Errorf("the ViT cue lowers F1: cuts %.3f → %.3f, gradual %.3f → %.3f",
			pixels.Cuts.F1(), vit.Cuts.F1(), pixels.Gradual.F1(), vit.Gradual.F1())
	}
}

// TestRealClipsPipeline runs the labelled opencv-doc clips through the
// whole pipeline: every Megamind cut within ±1 frame and nothing else, no
// transition at all in vtest.avi and tree.avi.
func TestRealClipsPipeline(t *testing.T) {
	for _, c := range []struct{ clip, truth string }{
		{"Megamind.avi", "Megamind.json"},
		{"Megamind_bugy.avi", "Megamind_bugy.json"},
		{"vtest.avi", "vtest.json"},
		{"tree.avi", "tree.json"},
	} {
		truth, err := vision.LoadTruth(mediatest.Truth(t, c.truth))
		if err != nil {
			t.Fatal(err)
		}
		a, err := Analyze(context.Background(), opencvData(t, c.clip), noCache)
		if err != nil {
			t.Fatal(err)
		}
		res := a.Detect()
		sc := vision.Score(truth.Transitions, res.Transitions)
		if sc.Cuts.FP+sc.Cuts.FN+sc.Gradual.FP+sc.Gradual.FN != 0 {
			t.Errorf("%s: cuts %v gradual %v: %+v", c.clip, sc.Cuts, sc.Gradual, res.Transitions)
		}
	}
}
