package vision

/*
#cgo pkg-config: opencv4
#cgo CXXFLAGS: --std=c++11
void rc_cv_set_num_threads(int n);
int rc_cv_get_num_threads(void);
*/
import "C"

// SetOpenCVThreads sets how many threads OpenCV's own parallel loops use,
// process-wide (0 runs them sequentially, like 1). When callers already run
// one Extractor per core, OpenCV's inner threads only contend with them and
// with the decoder, so the analysis pipeline sets 1.
func SetOpenCVThreads(n int) { C.rc_cv_set_num_threads(C.int(n)) }

// OpenCVThreads is OpenCV's current thread count for parallel loops.
func OpenCVThreads() int { return int(C.rc_cv_get_num_threads()) }
