package rough

import (
	"fmt"
	"math"
	"math/rand"
	"testing"

	"rushcut/models"
)

// takesLike makes reports without timecode (shooting order = file name)
// whose embeddings are noisy copies of one base vector per setup; noise
// sets how alike a setup's takes are, and each take's halves as alike.
func takesLike(setups []int, noise float64, seed int64) []*TakeReport {
	rng := rand.New(rand.NewSource(seed))
	const dim = 64
	base := map[int][]float32{}
	vec := func(b []float32) []float32 {
		v := make([]float32, dim)
		for j := range v {
			v[j] = b[j] + float32(noise*rng.NormFloat64())
		}
		return v
	}
	var rs []*TakeReport
	for i, s := range setups {
		if base[s] == nil {
			b := make([]float32, dim)
			for j := range b {
				b[j] = float32(rng.NormFloat64())
			}
			base[s] = b
		}
		// The take: two halves around its own picture.
		take := vec(base[s])
		h1, h2 := vec(take), vec(take)
		r := &TakeReport{Path: fmt.Sprintf("/r/A001_C%03d.mov", i+1), Embedding: take}
		r.SelfSimilarity = models.Cosine(h1, h2)
		rs = append(rs, r)
	}
	return rs
}

// setupOf maps each take to its setup's index in GroupSetups' result.
func setupOf(n int, got []Setup) []int {
	out := make([]int, n)
	for g, s := range got {
		for _, t := range s.Takes {
			out[t] = g
		}
	}
	return out
}

// samePartition reports whether two labellings group takes alike.
func samePartition(a, b []int) bool {
	for i := range a {
		for j := range a {
			if (a[i] == a[j]) != (b[i] == b[j]) {
				return false
			}
		}
	}
	return true
}

// TestSetupsWithoutTimecode: a folder of files with neither timecode nor
// slate (phone clips, stock, exports) is grouped by picture alone, whether
// the day mixes resets and setup changes, holds only different setups, or
// only takes of one setup.
func TestSetupsWithoutTimecode(t *testing.T) {
	for _, c := range []struct {
		name   string
		setups []int
	}{
		{"mixed", []int{0, 1, 1, 2, 3}},
		{"mixed, pickup", []int{0, 0, 1, 1, 2, 0}},
		{"all different", []int{0, 1, 2, 3}},
		{"all different, two", []int{0, 1}},
		{"one setup", []int{0, 0, 0, 0}},
	} {
		for seed := int64(1); seed <= 5; seed++ {
			rs := takesLike(c.setups, 0.15, seed)
			got := setupOf(len(rs), GroupSetups(rs))
			if !samePartition(got, c.setups) {
				t.Errorf("%s (seed %d): setups %v, want %v", c.name, seed, got, c.setups)
			}
		}
	}
}

// TestSetupsWithoutTimecodeNoSelfSimilarity: without the halves'
// similarity (too few embedded frames) a day of different takes still
// splits; only the pickup rule has no yardstick then.
func TestSetupsWithoutTimecodeNoSelfSimilarity(t *testing.T) {
	rs := takesLike([]int{0, 1, 2}, 0.15, 1)
	for _, r := range rs {
		r.SelfSimilarity = math.NaN()
	}
	if got := GroupSetups(rs); len(got) != 3 {
		t.Errorf("%d setups; want 3", len(got))
	}
}
