package vision

import (
	"math"
	"testing"
)

// unit is a unit vector along axis k of a dim-long space, tilted by eps
// towards the next axis (so frames of one "shot" differ a little).
func unit(dim, k int, eps float64) []float32 {
	v := make([]float32, dim)
	v[k%dim] = float32(math.Cos(eps))
	v[(k+1)%dim] = float32(math.Sin(eps))
	return v
}

// shotEmbeddings embeds every frame: frame i gets the axis of its shot
// (shotOf(i)) with a small per-frame wobble.
func shotEmbeddings(n int, shotOf func(i int) int) *Embeddings {
	e := &Embeddings{}
	for i := 0; i < n; i++ {
		e.Add(i, unit(16, shotOf(i), 0.05*math.Sin(float64(i))))
	}
	return e
}

func TestEmbeddingsLookup(t *testing.T) {
	e := &Embeddings{}
	e.Add(0, unit(4, 0, 0))
	e.Add(8, unit(4, 0, 0))
	e.Add(9, unit(4, 1, 0))
	if e.Len() != 3 || e.Dim != 4 {
		t.Fatalf("len %d dim %d", e.Len(), e.Dim)
	}
	if e.At(1) != nil || e.At(8) == nil || e.At(10) != nil {
		t.Error("At finds frames that have no vector, or misses one that has")
	}
	if d, ok := e.Dist(0, 8); !ok || d > 1e-6 {
		t.Errorf("same vector: dist %v ok %v", d, ok)
	}
	if d, ok := e.Dist(8, 9); !ok || math.Abs(d-1) > 1e-6 {
		t.Errorf("orthogonal vectors: dist %v ok %v, want 1", d, ok)
	}
	if _, ok := e.Dist(0, 5); ok {
		t.Error("Dist to a frame without a vector reports ok")
	}
	m := e.Mean(0, 9) // (2·x + y)/|…|
	if math.Abs(float64(m[0])-2/math.Sqrt(5)) > 1e-6 || math.Abs(float64(m[1])-1/math.Sqrt(5)) > 1e-6 {
		t.Errorf("mean %v", m)
	}
	if e.Mean(1, 7) != nil {
		t.Error("mean of a range without vectors is not nil")
	}
	var none *Embeddings
	if none.Len() != 0 || none.At(0) != nil || none.Mean(0, 9) != nil {
		t.Error("nil Embeddings are not empty")
	}
}

// litFeatures are n frames of a well-lit, contrasty picture with no change.
func litFeatures(n int) []Features {
	fs := make([]Features, n)
	for i := range fs {
		fs[i].Luma, fs[i].LumaStd, fs[i].Motion.Zoom = 110, 40, 1
	}
	return fs
}

func TestSemanticCut(t *testing.T) {
	const n = 80
	fs := litFeatures(n)
	for _, c := range []struct {
		name   string
		shotOf func(i int) int
		step   int
		want   bool
	}{
		{"cut", func(i int) int { return b2i(i >= 40) }, 40, true},
		{"inside a shot", func(i int) int { return b2i(i >= 40) }, 20, false},
		// An object fills the frame for 6 frames and leaves: neither its
		// arrival nor its departure is a cut.
		{"object arrives", func(i int) int { return b2i(i >= 40 && i < 46) }, 40, false},
		{"object leaves", func(i int) int { return b2i(i >= 40 && i < 46) }, 46, false},
	} {
		e := shotEmbeddings(n, c.shotOf)
		if _, got := semanticCut(fs, e, c.step); got != c.want {
			t.Errorf("%s: semanticCut at %d = %v, want %v", c.name, c.step, got, c.want)
		}
	}
	// A whip pan: the picture turns from one shot's look to another's over
	// six frames, each step a sixth of the way.
	e := &Embeddings{}
	for i := 0; i < n; i++ {
		a := math.Pi / 2 * math.Min(1, math.Max(0, float64(i-40)/6))
		e.Add(i, unit(16, 0, a))
	}
	for i := 40; i <= 47; i++ {
		if _, ok := semanticCut(fs, e, i); ok {
			t.Errorf("whip pan: semanticCut at %d", i)
		}
	}
	// Near-flat frames (the end of a fade) are not trusted; dark but
	// contrasty ones (a night interior) are.
	e = shotEmbeddings(n, func(i int) int { return b2i(i >= 40) })
	flat := litFeatures(n)
	flat[39].Luma, flat[39].LumaStd = 10, 4
	if _, ok := semanticCut(flat, e, 40); ok {
		t.Error("cut accepted out of a near-black frame")
	}
	night := litFeatures(n)
	night[40].Luma, night[40].LumaStd = 22, 36
	if _, ok := semanticCut(night, e, 40); !ok {
		t.Error("cut into a dark, contrasty frame refused")
	}
	// Without vectors around the step the cue says nothing.
	sparse := &Embeddings{}
	for i := 0; i < n; i += 8 {
		sparse.Add(i, e.At(i))
	}
	if _, ok := semanticCut(fs, sparse, 40); ok {
		t.Error("cut accepted without vectors on both sides of the step")
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestDetectWithRescuesMotionCut builds features where one abrupt step
// looks like a camera move to the pixel statistics (most tracked points
// fit one global motion, little residual): Detect leaves it, DetectWith
// makes it a cut when the embeddings change shot there, and not when they
// do not.
func TestDetectWithRescuesMotionCut(t *testing.T) {
	const n, at = 80, 40
	fs := litFeatures(n)
	fs[at].HistDist, fs[at].EdgeChange, fs[at].HashDist = 0.3, 1, 28
	fs[at].Motion = Motion{DX: 12, Zoom: 1, Inliers: 0.8, Residual: 5}
	if stepScore(&fs[at]) < cutMin {
		t.Fatalf("fixture: step score %.2f below cutMin", stepScore(&fs[at]))
	}
	if got := Detect(fs).Transitions; len(got) != 0 {
		t.Fatalf("Detect without the cue: %+v, want nothing (a camera move)", got)
	}
	if got := DetectWith(fs, nil).Transitions; len(got) != 0 {
		t.Fatalf("DetectWith(nil) differs from Detect: %+v", got)
	}
	cut := shotEmbeddings(n, func(i int) int { return b2i(i >= at) })
	got := DetectWith(fs, cut)
	if len(got.Transitions) != 1 || got.Transitions[0].Kind != Cut || got.Transitions[0].Frame != at {
		t.Fatalf("DetectWith: %+v, want one cut at %d", got.Transitions, at)
	}
	if c := got.Transitions[0].Confidence; c <= 0 || c > 1 {
		t.Errorf("confidence %v outside (0, 1]", c)
	}
	if len(got.Shots) != 2 || got.Shots[1].Start != at {
		t.Errorf("shots %+v, want two split at %d", got.Shots, at)
	}
	same := shotEmbeddings(n, func(int) int { return 0 })
	if got := DetectWith(fs, same).Transitions; len(got) != 0 {
		t.Errorf("DetectWith, one shot throughout: %+v, want nothing", got)
	}
}
