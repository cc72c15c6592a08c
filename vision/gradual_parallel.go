package vision

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// centreFit is what findGradual's fits found at one centre: windows of
// the thumbnail and statistics fits, and of the motion-compensated one
// (late).
type centreFit struct {
	cands, late []window
}

// minParallel is the fewest centres a worker is started for: a centre's
// fits take 0.1-1 ms, a worker's start and ring (220 KB) a few µs.
const minParallel = 2

// forEach calls fit(ring, j) for every j in 0..n-1, on GOMAXPROCS
// workers (one when n is small), each with its own thumbnail ring. The
// calls must be independent of one another but for the ring, which only
// caches thumbnails.
func forEach(n int, fit func(ring *thumbRing, j int)) {
	workers := min(runtime.GOMAXPROCS(0), n/minParallel)
	if workers <= 1 {
		ring := newThumbRing()
		for j := range n {
			fit(ring, j)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ring := newThumbRing()
			for {
				j := int(next.Add(1) - 1)
				if j >= n {
					return
				}
				fit(ring, j)
			}
		}()
	}
	wg.Wait()
}
