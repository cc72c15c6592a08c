package analysis

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"rushcut/media/mediatest"
	"rushcut/vision"
)

// TestEmbedStage checks what the ViT stage embeds on Megamind: every
// stride-th frame and, around each cut, the two frames before it, the
// cut frame and the one after, in increasing order, each vector unit
// length; and that any number of workers gives the same vectors.
func TestEmbedStage(t *testing.T) {
	p := opencvData(t, "Megamind.avi")
	opt := withViT(t)
	opt.Workers = 1
	one, err := Analyze(context.Background(), p, opt)
	if err != nil {
		t.Fatal(err)
	}
	e := one.Embeddings
	if e == nil || e.Dim != 128 || one.Model == "" {
		t.Fatalf("embeddings %v, model %q", e, one.Model)
	}
	for i := 1; i < len(e.Frames); i++ {
		if e.Frames[i] <= e.Frames[i-1] {
			t.Fatalf("frames out of order at %d: %v", i, e.Frames)
		}
	}
	want := map[int]bool{}
	for f := 0; f < one.Frames(); f += DefaultEmbedStride {
		want[f] = true
	}
	for _, c := range []int{98, 154, 200} { // Megamind's cuts away from the edges
		for f := c - 2; f <= c+1; f++ {
			want[f] = true
		}
	}
	for f := range want {
		v := e.At(f)
		if v == nil {
			t.Errorf("frame %d not embedded", f)
			continue
		}
		var n float64
		for _, x := range v {
			n += float64(x) * float64(x)
		}
		if n < 0.999 || n > 1.001 {
			t.Errorf("frame %d: |v|² = %v", f, n)
		}
	}
	if e.Len() > one.Frames()/2 {
		t.Errorf("%d of %d frames embedded: the stride is not being kept", e.Len(), one.Frames())
	}
	opt.Workers = 3
	three, err := Analyze(context.Background(), p, opt)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(one.Embeddings.Frames, three.Embeddings.Frames) {
		t.Fatalf("1 worker embedded %v, 3 workers %v", one.Embeddings.Frames, three.Embeddings.Frames)
	}
	for i, x := range one.Embeddings.Vecs {
		if d := x - three.Embeddings.Vecs[i]; d > 1e-5 || d < -1e-5 {
			t.Fatalf("vectors differ between 1 and 3 workers at %d: %v vs %v", i, x, three.Embeddings.Vecs[i])
		}
	}
}

// TestEmbedCache checks that embeddings survive the analysis cache, and
// that an analysis without the model does not share the model's entry.
func TestEmbedCache(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(t.TempDir(), "tree.avi")
	src, err := os.ReadFile(opencvData(t, "tree.avi"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, src, 0o644); err != nil {
		t.Fatal(err)
	}
	opt := Options{CacheDir: dir, Embedder: shippedViT(t)}
	first, err := Analyze(context.Background(), p, opt)
	if err != nil {
		t.Fatal(err)
	}
	second, err := Analyze(context.Background(), p, opt)
	if err != nil {
		t.Fatal(err)
	}
	if !second.Cached || !reflect.DeepEqual(first.Embeddings, second.Embeddings) || second.Model != first.Model {
		t.Fatalf("cached analysis: cached=%v, embeddings equal=%v, model %q vs %q",
			second.Cached, reflect.DeepEqual(first.Embeddings, second.Embeddings), second.Model, first.Model)
	}
	plain, err := Analyze(context.Background(), p, Options{CacheDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if plain.Cached || plain.Embeddings != nil {
		t.Fatalf("analysis without the model: cached=%v embeddings=%v", plain.Cached, plain.Embeddings.Len())
	}
	strided, err := Analyze(context.Background(), p, Options{CacheDir: dir, Embedder: shippedViT(t), EmbedStride: 2})
	if err != nil {
		t.Fatal(err)
	}
	if strided.Cached || strided.Embeddings.Len() <= first.Embeddings.Len() {
		t.Fatalf("stride 2: cached=%v, %d vectors (stride 8 had %d)", strided.Cached, strided.Embeddings.Len(), first.Embeddings.Len())
	}
}

// TestRealClipsSemantic checks that the ViT cue changes nothing on the
// labelled opencv-doc clips, where the pixel detector is already exact:
// every Megamind cut and nothing else, nothing in vtest.avi and tree.avi.
func TestRealClipsSemantic(t *testing.T) {
	for _, c := range []string{"Megamind", "Megamind_bugy", "vtest", "tree"} {
		truth, err := vision.LoadTruth(mediatest.Truth(t, c+".json"))
		if err != nil {
			t.Fatal(err)
		}
		a, err := Analyze(context.Background(), opencvData(t, c+".avi"), withViT(t))
		if err != nil {
			t.Fatal(err)
		}
		sc := vision.Score(truth.Transitions, a.Detect().Transitions)
		if sc.Cuts.FP+sc.Cuts.FN+sc.Gradual.FP+sc.Gradual.FN != 0 {
			t.Errorf("%s with the ViT cue: cuts %v gradual %v", c, sc.Cuts, sc.Gradual)
		}
	}
}
