package vision

/*
#cgo pkg-config: opencv4
#cgo CXXFLAGS: --std=c++11
void rc_cv_set_num_threads(int n);
int rc_cv_get_num_threads(void);
*/
import "C"

import "sync"

// SetOpenCVThreads sets how many threads OpenCV's own parallel loops use,
// process-wide (0 runs them sequentially, like 1). It is the program's
// choice, for main to make: a library should scope its need with
// LimitOpenCVThreads instead.
func SetOpenCVThreads(n int) { C.rc_cv_set_num_threads(C.int(n)) }

// OpenCVThreads is OpenCV's current thread count for parallel loops.
func OpenCVThreads() int { return int(C.rc_cv_get_num_threads()) }

// cvLimit tracks the LimitOpenCVThreads scopes in force.
var cvLimit struct {
	sync.Mutex
	depth int // scopes open
	saved int // the thread count before the first one
}

// LimitOpenCVThreads sets OpenCV's thread count to n while the caller runs
// its own per-core workers (OpenCV's inner threads would only contend with
// them), and returns the function that ends the scope. Scopes may overlap
// (concurrent analyses): the count the process had before the first one is
// restored when the last one ends, so a preview rendered afterwards in the
// same process gets all its threads back.
func LimitOpenCVThreads(n int) (restore func()) {
	cvLimit.Lock()
	if cvLimit.depth == 0 {
		cvLimit.saved = OpenCVThreads()
	}
	cvLimit.depth++
	SetOpenCVThreads(n)
	cvLimit.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			cvLimit.Lock()
			defer cvLimit.Unlock()
			if cvLimit.depth--; cvLimit.depth == 0 {
				SetOpenCVThreads(cvLimit.saved)
			}
		})
	}
}
