package effects_test

import (
	"os"
	"testing"

	"rushcut/app/effects"
)

// shot is one clip of a generated cut: a scene name (the truth) and the
// take it plays.
type shot struct {
	scene string
	tk    *take
}

// sceneCut makes takes for the given scenes (stills panned, real clips)
// and lays the middle half of each end to end; the truth is a
// dissolve on every cut between two scenes and none between two setups of
// one scene.
func sceneCut(t *testing.T, shots []shot) ([]shot, effects.Input) {
	var parts []part
	for _, s := range shots {
		n := int64(len(s.tk.src.Frames))
		parts = append(parts, part{s.tk, n / 4, 3 * n / 4})
	}
	return shots, cutOf(parts)
}

func wide(t *testing.T, img string) *take {
	return stillPan(t, img, 3, "100+t*25", "60")
}

func close(t *testing.T, img string) *take {
	return stillPan(t, img, 3, "560-t*25", "280+t*10")
}

// scoreDissolves counts the dissolve suggestions on cuts between scenes
// (true positives), on cuts within a scene (false positives) and the
// scene changes without one (false negatives).
func scoreDissolves(t *testing.T, shots []shot, in effects.Input) (tp, fp, fn int) {
	t.Helper()
	list, err := effects.Propose(in, effects.Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, s := range list {
		if s.Kind != effects.Dissolve {
			continue
		}
		got[s.Target.Path] = true
		t.Logf("%s: %s", s.ID, s.Reason)
	}
	for i := 1; i < len(shots); i++ {
		want := shots[i].scene != shots[i-1].scene
		has := got[shots[i].tk.path]
		switch {
		case want && has:
			tp++
		case !want && has:
			fp++
			t.Logf("false dissolve %s → %s", shots[i-1].scene, shots[i].scene)
		case want && !has:
			fn++
			t.Logf("missed dissolve %s → %s", shots[i-1].scene, shots[i].scene)
		}
	}
	return
}

// TestDissolvePrecisionRecall measures the dissolve rule against
// generated truth: cuts of rushes made from the opencv-doc stills (panned
// across, a wide and a close setup of each) and real clips. The threshold
// and the measure were set on the tuning cuts (two were held out for an
// earlier, colour-only measure and failed it; see each); the held-out cut,
// never run before the rule and its threshold were fixed, must reach
// precision and recall ≥ 0.8.
func TestDissolvePrecisionRecall(t *testing.T) {
	if testing.Short() {
		t.Skip("generates and analyses footage")
	}
	for _, c := range []struct {
		name  string
		held  bool
		shots func(t *testing.T) []shot
	}{
		{"tuning", false, func(t *testing.T) []shot {
			return []shot{
				{"fruits", wide(t, "fruits.jpg")}, {"fruits", close(t, "fruits.jpg")},
				{"building", wide(t, "building.jpg")}, {"building", close(t, "building.jpg")},
				{"vtest", videoTake(t, "vtest.avi", 2, 3)}, {"vtest", videoTake(t, "vtest.avi", 30, 3)},
				{"starry", wide(t, "starry_night.jpg")}, {"fruits", wide(t, "fruits.jpg")},
			}
		}},
		{"tuning-2", false, func(t *testing.T) []shot {
			return []shot{
				{"home", wide(t, "home.jpg")}, {"home", close(t, "home.jpg")},
				{"baboon", wide(t, "baboon.jpg")},
				{"aero1", wide(t, "aero1.jpg")}, {"aero1", close(t, "aero1.jpg")},
				{"tree", videoTake(t, "tree.avi", 1, 3)},
				{"messi5", wide(t, "messi5.jpg")}, {"messi5", close(t, "messi5.jpg")},
				{"megamind", videoTake(t, "Megamind.avi", 0.2, 3)},
				{"orange", wide(t, "orange.jpg")}, {"orange", close(t, "orange.jpg")},
				{"fish", wide(t, "HappyFish.jpg")},
			}
		}},
		// Pairs of photographs opencv-doc ships of one scene from two
		// viewpoints (or exposures), as two setups of a scene: held out for
		// the colour distance alone (precision 0.80, recall 0.67), tuning
		// data since.
		{"tuning-3", false, func(t *testing.T) []shot {
			return []shot{
				{"leuven", wide(t, "leuvenA.jpg")}, {"leuven", wide(t, "leuvenB.jpg")},
				{"graf", wide(t, "graf1.png")}, {"graf", wide(t, "graf3.png")},
				{"aloe", wide(t, "aloeL.jpg")}, {"aloe", wide(t, "aloeR.jpg")},
				{"basketball", wide(t, "basketball1.png")}, {"basketball", wide(t, "basketball2.png")},
				{"suzanne", wide(t, "Blender_Suzanne1.jpg")}, {"suzanne", wide(t, "Blender_Suzanne2.jpg")},
				{"chess", wide(t, "left01.jpg")}, {"chess", wide(t, "right01.jpg")},
				{"aero", wide(t, "aero3.jpg")},
			}
		}},
		// Held out: the four shots of Megamind.avi's conversation (one
		// scene, four setups), real clips and other photographs.
		{"held-out", true, func(t *testing.T) []shot {
			return []shot{
				{"megamind", videoTake(t, "Megamind.avi", 0.1, 3.8)}, {"megamind", videoTake(t, "Megamind.avi", 4.15, 2.2)},
				{"megamind", videoTake(t, "Megamind.avi", 6.5, 1.7)}, {"megamind", videoTake(t, "Megamind.avi", 8.4, 2.8)},
				{"vtest", videoTake(t, "vtest.avi", 50, 3)}, {"tree", videoTake(t, "tree.avi", 10, 3)},
				{"box", wide(t, "box.png")}, {"box", wide(t, "box_in_scene.png")},
				{"ela", wide(t, "ela_original.jpg")}, {"ela", wide(t, "ela_modified.jpg")},
				{"apple", wide(t, "apple.jpg")}, {"board", wide(t, "board.jpg")},
			}
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if !c.held && os.Getenv("RUSHCUT_TUNING") == "" {
				t.Skip("tuning cut: set RUSHCUT_TUNING=1 to score it")
			}
			shots, in := sceneCut(t, c.shots(t))
			tp, fp, fn := scoreDissolves(t, shots, in)
			p, r, f := prf(tp, fp, fn)
			t.Logf("%s: dissolves precision %.2f recall %.2f F1 %.2f (tp %d fp %d fn %d)", c.name, p, r, f, tp, fp, fn)
			if c.held && (p < 0.8 || r < 0.8) {
				t.Errorf("held-out precision %.2f recall %.2f, want both ≥ 0.8", p, r)
			}
		})
	}
}
