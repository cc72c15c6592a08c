package analysis

import (
	"context"
	"reflect"
	"testing"
)

// TestDetectOnly checks that an analysis that keeps no features
// (DetectOnly without the cache) finds what the full analysis finds, with
// the ViT's cut cue and without, on real footage with cuts and damage;
// that it holds no features, embeddings or seek index; and that with the
// cache on DetectOnly keeps the analysis for the cache as before.
func TestDetectOnly(t *testing.T) {
	for _, name := range []string{"Megamind.avi", "Megamind_bugy.avi"} {
		p := opencvData(t, name)
		for _, vit := range []bool{false, true} {
			opt := noCache
			if vit {
				opt = withViT(t)
			}
			full, err := Analyze(context.Background(), p, opt)
			if err != nil {
				t.Fatal(err)
			}
			opt.DetectOnly = true
			lean, err := Analyze(context.Background(), p, opt)
			if err != nil {
				t.Fatal(err)
			}
			if lean.Features != nil || lean.Embeddings != nil || lean.seek != nil {
				t.Errorf("%s (ViT %v): DetectOnly kept %d features, embeddings %v, a seek index %v", name, vit, len(lean.Features), lean.Embeddings != nil, lean.seek != nil)
			}
			if lean.Frames() != full.Frames() || len(lean.Times) != full.Frames() || lean.Model != full.Model {
				t.Errorf("%s (ViT %v): %d frames, %d times, model %q; want %d, %q", name, vit, lean.Frames(), len(lean.Times), lean.Model, full.Frames(), full.Model)
			}
			want, got := full.Detect(), lean.Detect()
			if len(want.Transitions) == 0 {
				t.Fatalf("%s: the full analysis found no transitions", name)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s (ViT %v): DetectOnly found %v, the full analysis %v", name, vit, got.Transitions, want.Transitions)
			}
		}
	}
	cached, err := Analyze(context.Background(), opencvData(t, "tree.avi"), Options{CacheDir: t.TempDir(), NoFaces: true, DetectOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if cached.Frames() == 0 || len(cached.Features) != cached.Frames() {
		t.Errorf("with the cache, DetectOnly kept %d features of %d frames", len(cached.Features), cached.Frames())
	}
}
