package takes

import (
	"context"
	"math"
	"reflect"
	"testing"

	"rushcut/app/analysis"
	"rushcut/media/mediatest"
	"rushcut/models"
	"rushcut/vision"
)

// regrade is the grade and reframe of the copy, as the models package's
// real-footage evaluation makes it: 80 % centre crop-in, brighter, more
// saturated, hue shifted, gamma changed.
const regrade = "crop=iw*0.8:ih*0.8,scale=448:-2,eq=brightness=0.06:contrast=1.1:saturation=1.4:gamma=1.15,hue=h=12"

// TestTakesOnRealFootage analyses Megamind.avi, a regraded and reframed
// copy of it, vtest.avi and tree.avi with the shipped ViT. Megamind has
// four shots from four set-ups (two of them a reverse-angle pair on the
// same character). Every Megamind shot's most similar shot must be its own
// copy, not another angle; and the Megamind shots must be more like each
// other than like anything in the other clips.
func TestTakesOnRealFootage(t *testing.T) {
	if _, _, err := models.Runtime(); err != nil {
		t.Skipf("ONNX Runtime not loadable (run make setup): %v", err)
	}
	emb, err := models.OpenDefault("", models.Options{Provider: models.CPU, Logf: func(string, ...any) {}})
	if err != nil {
		t.Fatal(err)
	}
	defer emb.Close()
	orig := mediatest.OpencvData(t, "Megamind.avi")
	files := []string{
		orig,
		mediatest.FFmpeg(t, "megamind-regraded.mp4", "-i", orig, "-vf", regrade, "-c:v", "libx264", "-crf", "18", "-an"),
		mediatest.OpencvData(t, "vtest.avi"),
		mediatest.OpencvData(t, "tree.avi"),
	}
	var shots []Shot
	for _, f := range files {
		a, err := analysis.Analyze(context.Background(), f, analysis.Options{NoCache: true, Embedder: emb})
		if err != nil {
			t.Fatal(err)
		}
		shots = append(shots, Shots(f, a.Detect(), a.Embeddings)...)
	}
	var mm, copyIdx []int
	for i, s := range shots {
		switch s.File {
		case files[0]:
			mm = append(mm, i)
		case files[1]:
			copyIdx = append(copyIdx, i)
		}
		if s.Vec == nil {
			t.Errorf("%s shot %d (%d-%d) has no description", s.File, s.Index, s.Start, s.End)
		}
	}
	if len(mm) != 4 || len(copyIdx) != 4 || len(shots) != 10 {
		t.Fatalf("shots: %d in Megamind, %d in the copy, %d in all; want 4, 4, 10", len(mm), len(copyIdx), len(shots))
	}
	near, sim := Nearest(shots)
	for k := range mm {
		a, b := mm[k], copyIdx[k]
		t.Logf("Megamind shot %d (%d-%d): nearest %s shot %d, similarity %.3f (to its copy %.3f)",
			k, shots[a].Start, shots[a].End, shots[near[a]].File, shots[near[a]].Index, sim[a], Similarity(shots[a], shots[b]))
		if near[a] != b || near[b] != a {
			t.Errorf("Megamind shot %d: nearest is %d, its copy's nearest is %d; want each other (%d, %d)", k, near[a], near[b], b, a)
		}
	}
	// Scenes: every Megamind shot (either copy) is more like every other
	// Megamind shot than like anything in vtest.avi or tree.avi.
	minIn, maxOut := 2.0, -2.0
	all := append(append([]int{}, mm...), copyIdx...)
	for _, i := range all {
		for _, j := range all {
			if i != j {
				minIn = min(minIn, Similarity(shots[i], shots[j]))
			}
		}
		for _, o := range []int{8, 9} {
			maxOut = max(maxOut, Similarity(shots[i], shots[o]))
		}
	}
	t.Logf("Megamind shots with each other: >= %.3f; with vtest and tree: <= %.3f; vtest with tree: %.3f",
		minIn, maxOut, Similarity(shots[8], shots[9]))
	if minIn <= maxOut {
		t.Errorf("scenes overlap: Megamind shots as low as %.3f with each other, as high as %.3f with other clips", minIn, maxOut)
	}
	// Grouped between those levels, the scenes come apart.
	groups := Group(shots, (minIn+maxOut)/2)
	if len(groups) < 2 || !reflect.DeepEqual(groups[0], []int{0, 1, 2, 3, 4, 5, 6, 7}) {
		t.Errorf("grouped at %.3f: %v, want Megamind's eight shots as the first group", (minIn+maxOut)/2, groups)
	}
}

// unitVec is a unit vector at angle a in the plane of axes 0 and 1.
func unitVec(a float64) []float32 {
	return []float32{float32(math.Cos(a)), float32(math.Sin(a)), 0}
}

func TestGroupAverageLinkage(t *testing.T) {
	shots := []Shot{
		{Vec: unitVec(0)}, {Vec: unitVec(0.1)}, // one setup
		{Vec: []float32{0, 0, 1}},   // another
		{Vec: unitVec(0.05)},        // the first again
		{Vec: nil},                  // never embedded
		{Vec: []float32{0, 0.1, 1}}, // the second again
	}
	got := Group(shots, 0.5)
	want := [][]int{{0, 1, 3}, {2, 5}, {4}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("groups %v, want %v", got, want)
	}
	if got := Group(shots, 1.01); len(got) != len(shots) {
		t.Fatalf("nothing can merge above similarity 1, got %v", got)
	}
	// Average, not single, linkage: a chain of small steps does not make
	// its two ends one setup.
	chain := []Shot{{Vec: unitVec(0)}, {Vec: unitVec(0.7)}, {Vec: unitVec(1.4)}}
	if got := Group(chain, 0.7); len(got) != 2 {
		t.Fatalf("chain grouped as %v; average linkage should leave an end alone", got)
	}
	near, _ := Nearest(shots)
	if near[0] != 3 || near[4] != -1 {
		t.Errorf("nearest %v", near)
	}
	if Similarity(shots[0], shots[4]) != 0 {
		t.Error("similarity to a shot without a description is not 0")
	}
	var e *vision.Embeddings
	if s := Shots("x", vision.Result{Shots: []vision.Shot{{Start: 0, End: 9}}}, e); len(s) != 1 || s[0].Vec != nil {
		t.Errorf("shots without embeddings: %+v", s)
	}
}
