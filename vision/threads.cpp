// OpenCV's global thread count, which gocv does not expose.
#include <opencv2/core/utility.hpp>

extern "C" void rc_cv_set_num_threads(int n) { cv::setNumThreads(n); }
extern "C" int rc_cv_get_num_threads(void) { return cv::getNumThreads(); }
