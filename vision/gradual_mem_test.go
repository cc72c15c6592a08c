package vision

import (
	"math/rand"
	"runtime"
	"testing"
)

// allocBytes is the heap DetectWith allocates (in all, not at its peak)
// on fs.
func allocBytes(fs []Features) uint64 {
	var m0, m1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m0)
	DetectWith(fs, nil)
	runtime.ReadMemStats(&m1)
	return m1.TotalAlloc - m0.TotalAlloc
}

// footage makes n frames as an edited file shows them: shots of 2–8 s at
// 25 fps joined by cuts and, one time in four, by a dissolve of 10–40
// frames.
func footage(rng *rand.Rand, n int) []Features {
	var seeds []int
	for seed := 1; len(seeds) < n; seed++ {
		seeds = append(seeds, repeat(seed, 50+rng.Intn(150))...)
	}
	fs := sequence(seeds[:n])
	for t := 1; t < n; t++ {
		if seeds[t] == seeds[t-1] || rng.Intn(4) != 0 {
			continue
		}
		// frames t-d+1..t-1 mix the shots, t shows the new one
		d := min(t-1, 10+rng.Intn(31))
		a, b := fs[t-d], fs[t]
		for k := 1; k < d; k++ {
			al := float64(k) / float64(d)
			f := &fs[t-d+k]
			for i := range f.Thumb {
				f.Thumb[i] = uint8((1-al)*float64(a.Thumb[i]) + al*float64(b.Thumb[i]) + 0.5)
			}
			f.HistDist, f.EdgeChange, f.HashDist = 0.03, 0.1, 4
			f.Motion = Motion{Zoom: 1, Inliers: 0.8, Residual: 3}
		}
		fs[t].HistDist, fs[t].EdgeChange, fs[t].HashDist = 0.03, 0.1, 4
		fs[t].Motion = Motion{Zoom: 1, Inliers: 0.8, Residual: 3}
	}
	return fs
}

// TestDetectAllocPerFrame checks that what the detector allocates grows
// by less than a thumbnail (ThumbW×ThumbH bytes) per frame of the file:
// the thumbnail fits work on a few hundred frames at a time, so a long
// file costs the features it already has and a few flags a frame, not a
// copy of every thumbnail.
func TestDetectAllocPerFrame(t *testing.T) {
	long := footage(rand.New(rand.NewSource(3)), 6000)
	short := long[:3000]
	allocBytes(short) // warm up whatever is made once
	grow := float64(allocBytes(long)) - float64(allocBytes(short))
	perFrame := grow / float64(len(long)-len(short))
	t.Logf("DetectWith allocates %.0f B more per frame", perFrame)
	if perFrame >= ThumbW*ThumbH {
		t.Errorf("DetectWith allocates %.0f B per frame, a thumbnail is %d", perFrame, ThumbW*ThumbH)
	}
}

// TestFootage checks that footage is what DetectWith's memory is measured
// on: mostly cuts, some dissolves.
func TestFootage(t *testing.T) {
	res := Detect(footage(rand.New(rand.NewSource(3)), 3000))
	kinds := map[Kind]int{}
	for _, tr := range res.Transitions {
		kinds[tr.Kind]++
	}
	if kinds[Cut] < 10 || kinds[Dissolve] < 2 {
		t.Errorf("transitions by kind %v: want cuts and some dissolves", kinds)
	}
	t.Logf("%v", kinds)
}
