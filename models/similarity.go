package models

import "math"

// Cosine is the cosine similarity of two vectors, in [-1, 1]. For the
// L2-normalised embeddings an Embedder returns it is their dot product.
// Vectors of different length, or a zero vector, give 0.
func Cosine(a, b []float32) float64 {
	if len(a) != len(b) || len(a) == 0 {
		return 0
	}
	var dot, na, nb float64
	for i := range a {
		x, y := float64(a[i]), float64(b[i])
		dot += x * y
		na += x * x
		nb += y * y
	}
	if na == 0 || nb == 0 {
		return 0
	}
	return dot / math.Sqrt(na*nb)
}

// CosineDistance is 1 - Cosine(a, b), in [0, 2]: about 0 for two frames of
// the same shot, larger across a transition. It is the cue a transition
// detector compares with a threshold.
func CosineDistance(a, b []float32) float64 { return 1 - Cosine(a, b) }

// normalize scales v to unit length in place (a zero vector stays zero).
func normalize(v []float32) {
	var n float64
	for _, x := range v {
		n += float64(x) * float64(x)
	}
	if n == 0 {
		return
	}
	s := float32(1 / math.Sqrt(n))
	for i := range v {
		v[i] *= s
	}
}
