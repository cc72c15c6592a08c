package vision

import (
	"math/rand"
	"reflect"
	"syscall"
	"testing"
	"time"
)

// withSearch runs f with search as findGradual's window search.
func withSearch(search func(*thumbRing, []Features, []bool, []bool, []bool, int, int, int) (window, bool), f func()) {
	old := windowSearch
	windowSearch = search
	defer func() { windowSearch = old }()
	f()
}

// TestGradualSearchKept checks, on every kept analysis, that the pruned
// window search returns exactly the window of the reference search at
// every candidate centre, and that DetectWith returns the same results
// with either (Detect differs only in the cut cue, before the search).
func TestGradualSearchKept(t *testing.T) {
	runs := keptRuns(t)
	calls, found := 0, 0
	compare := func(ring *thumbRing, fs []Features, black, stop, flash []bool, c, lo, hi int) (window, bool) {
		w, ok := bestWindow(ring, fs, black, stop, flash, c, lo, hi)
		wr, okr := bestWindowRef(ring, fs, black, stop, flash, c, lo, hi)
		calls++
		if ok {
			found++
		}
		if ok != okr || w != wr {
			t.Errorf("centre %d (%d..%d): pruned %v %+v, reference %v %+v", c, lo, hi, ok, w, okr, wr)
		}
		return w, ok
	}
	for _, r := range runs {
		var got, want Result
		withSearch(compare, func() { got = DetectWith(r.Features, r.Embeddings) })
		withSearch(bestWindowRef, func() { want = DetectWith(r.Features, r.Embeddings) })
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: pruned search\n%+v\nreference\n%+v", r.Name, got, want)
		}
	}
	t.Logf("%d kept analyses, %d centres searched, %d with a window: identical", len(runs), calls, found)
}

// cpuNow is the process's user+system CPU time.
func cpuNow() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkDetectKept runs DetectWith over every kept analysis
// (RUSHCUT_EDITOR_DIR) with the pruned window search and with the
// reference search, alternating, and reports the CPU of one pass over
// them all with each and their ratio (reference/pruned: how many times
// cheaper Detect got).
func BenchmarkDetectKept(b *testing.B) {
	runs := keptRuns(b)
	frames := 0
	for _, r := range runs {
		frames += len(r.Features)
	}
	pass := func() time.Duration {
		t0 := cpuNow()
		for _, r := range runs {
			DetectWith(r.Features, r.Embeddings)
		}
		return cpuNow() - t0
	}
	var pruned, ref time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		pruned += pass()
		withSearch(bestWindowRef, func() { ref += pass() })
	}
	b.ReportMetric(pruned.Seconds()/float64(b.N), "cpu-s/pass")
	b.ReportMetric(ref.Seconds()/float64(b.N), "ref-cpu-s/pass")
	b.ReportMetric(ref.Seconds()/pruned.Seconds(), "ref/pruned")
	b.ReportMetric(float64(frames), "frames")
}

// synthSequence makes n frames of thumbnails: shots of random pictures
// that drift and shimmer, joined by cuts, dissolves of 6..60 frames and
// fades through black, so that the window search meets fits that pass,
// fail early and fail late.
func synthSequence(rng *rand.Rand, n int) []Features {
	pic := func() [ThumbW * ThumbH]float64 {
		var p [ThumbW * ThumbH]float64
		base := 30 + rng.Float64()*180
		for i := range p {
			p[i] = base + rng.NormFloat64()*40
		}
		return p
	}
	fs := make([]Features, n)
	cur, next := pic(), pic()
	mixFrom, mixLen := -1, 0
	black := 0
	for t := 0; t < n; t++ {
		if mixFrom < 0 && rng.Intn(40) == 0 {
			switch rng.Intn(3) {
			case 0:
				cur = pic()
			case 1:
				mixFrom, mixLen, next = t, 6+rng.Intn(55), pic()
			default:
				mixFrom, mixLen, next = t, 6+rng.Intn(30), [ThumbW * ThumbH]float64{}
				black = 1
			}
		}
		al := 0.0
		if mixFrom >= 0 {
			al = float64(t-mixFrom) / float64(mixLen)
			if al >= 1 {
				cur, mixFrom, al = next, -1, 0
				if black == 1 {
					next, mixFrom, mixLen, black = pic(), t, 6+rng.Intn(30), 0
				}
			}
		}
		drift := rng.NormFloat64() * 3
		for i := range fs[t].Thumb {
			v := (1-al)*cur[i] + al*next[i] + drift + rng.NormFloat64()*2
			fs[t].Thumb[i] = uint8(max(0, min(255, v)))
			cur[i] += rng.NormFloat64() * 0.7
		}
	}
	return fs
}

// TestGradualSearchMatchesReference checks that the pruned window search
// returns exactly the reference search's window, on synthetic sequences
// at centres across them, with and without flash frames.
func TestGradualSearchMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewSource(11))
	centres, found := 0, 0
	for seq := 0; seq < 4; seq++ {
		n := 160
		fs := synthSequence(rng, n)
		ring := newThumbRing()
		ring.load(fs, 0, n-1)
		black, flash := make([]bool, n), make([]bool, n)
		for i := range fs {
			black[i] = thumbRange(&fs[i]) < 3
			flash[i] = seq%2 == 1 && rng.Intn(25) == 0
		}
		for c := 3 + seq; c < n-3; c += 15 {
			w, ok := bestWindow(ring, fs, black, black, flash, c, 0, n-1)
			wr, okr := bestWindowRef(ring, fs, black, black, flash, c, 0, n-1)
			if ok != okr || w != wr {
				t.Errorf("sequence %d, centre %d: pruned %v %+v, reference %v %+v", seq, c, ok, w, okr, wr)
			}
			centres++
			if ok {
				found++
			}
		}
	}
	if found == 0 || found == centres {
		t.Fatalf("%d of %d centres found a window: the sequences do not exercise the search", found, centres)
	}
	t.Logf("%d centres, %d with a window: identical", centres, found)
}
