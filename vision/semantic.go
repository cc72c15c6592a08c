package vision

import (
	"math"
	"sort"
)

// Embeddings are semantic frame embeddings (from the models package's
// vision transformer) for some frames of a file: a stride of frames plus
// the frames around every abrupt pixel change. The detector uses them as
// an extra cut cue, and shot and take matching compares shots by them.
type Embeddings struct {
	// Dim is the length of each vector.
	Dim int
	// Frames lists the frames that have a vector, in increasing order.
	Frames []int32
	// Vecs holds the L2-normalised vectors, Dim floats per entry of
	// Frames, in the same order.
	Vecs []float32
}

// Len is the number of embedded frames.
func (e *Embeddings) Len() int {
	if e == nil {
		return 0
	}
	return len(e.Frames)
}

// At returns frame i's vector, or nil when frame i has none.
func (e *Embeddings) At(i int) []float32 {
	if e == nil || e.Dim == 0 {
		return nil
	}
	k := sort.Search(len(e.Frames), func(k int) bool { return int(e.Frames[k]) >= i })
	if k == len(e.Frames) || int(e.Frames[k]) != i {
		return nil
	}
	return e.Vecs[k*e.Dim : (k+1)*e.Dim]
}

// Dist is the cosine distance (0: same direction, up to 2) between the
// vectors of frames a and b; ok is false when either frame has none.
func (e *Embeddings) Dist(a, b int) (d float64, ok bool) {
	va, vb := e.At(a), e.At(b)
	if va == nil || vb == nil {
		return 0, false
	}
	return cosineDistance(va, vb), true
}

// Mean is the normalised mean of the vectors of the frames in [start,
// end], nil when none of them has one. It describes a shot as a whole.
func (e *Embeddings) Mean(start, end int) []float32 {
	if e == nil || e.Dim == 0 {
		return nil
	}
	k := sort.Search(len(e.Frames), func(k int) bool { return int(e.Frames[k]) >= start })
	sum := make([]float64, e.Dim)
	n := 0
	for ; k < len(e.Frames) && int(e.Frames[k]) <= end; k++ {
		for j, x := range e.Vecs[k*e.Dim : (k+1)*e.Dim] {
			sum[j] += float64(x)
		}
		n++
	}
	if n == 0 {
		return nil
	}
	var norm float64
	for _, x := range sum {
		norm += x * x
	}
	out := make([]float32, e.Dim)
	if norm == 0 {
		return out
	}
	s := 1 / math.Sqrt(norm)
	for j, x := range sum {
		out[j] = float32(x * s)
	}
	return out
}

// Add appends frame i's vector; frames must be added in increasing order
// and vectors must be Dim long (the first call sets Dim).
func (e *Embeddings) Add(i int, v []float32) {
	if e.Dim == 0 {
		e.Dim = len(v)
	}
	e.Frames = append(e.Frames, int32(i))
	e.Vecs = append(e.Vecs, v...)
}

// cosineDistance is 1 - cos(a, b); 1 when either vector is zero.
func cosineDistance(a, b []float32) float64 {
	var dot, na, nb float64
	for i := range a {
		x, y := float64(a[i]), float64(b[i])
		dot += x * y
		na += x * x
		nb += y * y
	}
	if na == 0 || nb == 0 {
		return 1
	}
	return 1 - dot/math.Sqrt(na*nb)
}

// Thresholds of the semantic cut cue, on the cosine distance between the
// embeddings of consecutive frames. Measured with the shipped model
// (models/README.md): 0.32–0.67 at Megamind's four cuts, at most 0.012
// between frames of one of its shots and 0.116 when a hand enters
// tree.avi's frame.
const (
	// semCutMin is the least distance across a cut the cue accepts.
	semCutMin = 0.2
	// semSpike is how far the distance across the cut must stand above
	// the distances of the steps just before and after it (inside one
	// shot, even a whip pan changes the picture over several steps), and
	// above the distance from either side to the pictures around it (an
	// object that fills the frame and leaves again is not a cut).
	semSpike = 3.0
	// semLookaround is how many frames (about a second) the cue searches
	// before and after a step for the picture on its other side.
	semLookaround = 25
	// semMinContrast is the least spread of luma (standard deviation,
	// 0..255) of a frame whose embedding the cue trusts: the embeddings of
	// near-flat frames, as at the ends of fades, say little. Contrast, not
	// mean brightness, is what makes a picture: a dark interior (mean luma
	// 22, spread 36) is a picture like any other.
	semMinContrast = 12
)

// NeedsEmbedding reports whether the step into a frame with features f
// is abrupt enough that the semantic cue may be asked about it: callers
// that compute embeddings on a stride should also embed the two frames
// before such a frame, the frame itself and the one after.
func NeedsEmbedding(f *Features) bool { return stepScore(f) >= cutMin }

// semanticCut reports whether the embeddings show a cut at step i (frame
// i-1 to frame i): a large change in what the picture shows, standing
// well above the steps on both sides, to a picture not seen in the second
// before, from one not seen again in the second after. It returns the
// distance across the step.
func semanticCut(fs []Features, sem *Embeddings, i int) (float64, bool) {
	if sem.Len() == 0 || !trusted(&fs[i-1]) || !trusted(&fs[i]) {
		return 0, false
	}
	d, ok := sem.Dist(i-1, i)
	if !ok || d < semCutMin {
		return d, false
	}
	before, ok1 := sem.Dist(i-2, i-1)
	after, ok2 := sem.Dist(i, i+1)
	if !ok1 || !ok2 || d < semSpike*max(before, after) {
		return d, false
	}
	for j := max(0, i-semLookaround); j < i-1; j++ {
		if dj, ok := sem.Dist(j, i); ok && d >= semSpike*dj {
			return d, false // the new picture was there a moment ago
		}
	}
	for j := i + 1; j < min(len(fs), i+semLookaround); j++ {
		if dj, ok := sem.Dist(i-1, j); ok && d >= semSpike*dj {
			return d, false // the old picture comes back
		}
	}
	return d, true
}

// trusted reports whether a frame is varied enough for its embedding to
// mean something.
func trusted(f *Features) bool { return f.LumaStd >= semMinContrast }
