package vision

import (
	"testing"

	"rushcut/media/mediatest"
)

func loadTruth(t *testing.T, name string) *Truth {
	t.Helper()
	tr, err := LoadTruth(mediatest.Truth(t, name))
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// TestRealClips checks the detector on the labelled opencv-doc clips: all
// Megamind cuts within ±1 frame and nothing else, no transition at all in
// the one-shot clips (tree.avi's hand entering the frame is a trap), and
// the damaged frames of Megamind_bugy.avi reported as flashes.
func TestRealClips(t *testing.T) {
	for _, c := range []struct{ clip, truth string }{
		{"Megamind.avi", "Megamind.json"},
		{"Megamind_bugy.avi", "Megamind_bugy.json"},
		{"vtest.avi", "vtest.json"},
		{"tree.avi", "tree.json"},
	} {
		t.Run(c.clip, func(t *testing.T) {
			tr := loadTruth(t, c.truth)
			fs := extractFile(t, opencvData(t, c.clip), false)
			if len(fs) != tr.Frames {
				t.Fatalf("%d frames, truth has %d", len(fs), tr.Frames)
			}
			res := Detect(fs)
			sc := Score(tr.Transitions, res.Transitions)
			t.Logf("cuts %v; gradual %v; found %+v; black %v; flashes %v", sc.Cuts, sc.Gradual, res.Transitions, res.Black, res.Flashes)
			if sc.Cuts.FN != 0 || sc.Cuts.FP != 0 || sc.Gradual.FP != 0 || sc.Gradual.FN != 0 {
				t.Errorf("want exactly the true transitions, got cuts %v gradual %v", sc.Cuts, sc.Gradual)
			}
		})
	}
}
