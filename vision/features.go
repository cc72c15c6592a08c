package vision

// Sizes at which the features are computed. The decode gives frames at
// AnalysisWidth; each feature then uses the smallest size that serves it.
const (
	// AnalysisWidth is the width frames should be decoded at (height by
	// aspect). Luma statistics, sharpness and faces use this size.
	AnalysisWidth = 256
	// midWidth is the width for histograms, edges and global motion.
	midWidth = 128
	// ThumbW and ThumbH are the size of the gray thumbnail kept per frame
	// for long-range comparisons (flash bridging, dissolve fitting).
	ThumbW, ThumbH = 16, 12
	// HistBins is the length of the compact colour histogram kept per frame:
	// 8 hue × 4 saturation bins, then 8 value bins.
	HistBins = 40
)

// NoFaces marks a frame on which faces were not counted (faces are counted
// on a stride of frames).
const NoFaces = -1

// Motion is the global motion from the previous frame to this one: a
// similarity transform fitted robustly (RANSAC) to sparse optical flow.
// Shifts are in pixels at AnalysisWidth.
type Motion struct {
	// DX is the horizontal shift (pan; positive: picture content moves right).
	DX float32 `json:"dx"`
	// DY is the vertical shift (tilt; positive: content moves down).
	DY float32 `json:"dy"`
	// Zoom is the scale factor (>1: zooming in).
	Zoom float32 `json:"zoom"`
	// Rot is the rotation in degrees.
	Rot float32 `json:"rot"`
	// Inliers is the fraction of tracked points that fit the transform, 0
	// when tracking failed (as across a cut).
	Inliers float32 `json:"inliers"`
	// Residual is the mean absolute luma difference (0..255) left after
	// warping the previous frame by the transform and removing the mean
	// brightness change: low for camera moves and flicker, high for cuts
	// and for objects moving on their own.
	Residual float32 `json:"residual"`
	// Shake is the jitter of the camera path: the distance of this frame's
	// shift from the smoothed path (filled in by Finish).
	Shake float32 `json:"shake"`
}

// Features are the per-frame measurements, stored compactly in the
// analysis cache. Fields named "to previous" are 0 on frame 0.
type Features struct {
	// HistDist is the Bhattacharyya distance (0..1) between the HSV
	// histograms of this frame and the previous one.
	HistDist float32 `json:"hist_dist"`
	// EdgeChange is the edge change ratio (0..1) to the previous frame.
	EdgeChange float32 `json:"edge_change"`
	// Hash is the 64-bit perceptual (DCT) hash of the frame; HashDist is
	// its Hamming distance to the previous frame's.
	Hash     uint64 `json:"hash"`
	HashDist uint8  `json:"hash_dist"`
	// Faces is the number of faces found, or NoFaces when not sampled.
	Faces int8 `json:"faces"`
	// Luma and LumaStd are the mean and standard deviation of luma (0..255).
	Luma    float32 `json:"luma"`
	LumaStd float32 `json:"luma_std"`
	// Black and White are the fractions of pixels at or below 24 and at or
	// above 235 (clipped shadows and highlights).
	Black float32 `json:"black"`
	White float32 `json:"white"`
	// Sharpness is the variance of the Laplacian of luma.
	Sharpness float32 `json:"sharpness"`
	// Energy is the mean absolute luma difference (0..255) to the previous
	// frame, without motion compensation.
	Energy float32 `json:"energy"`
	// Motion is the global motion from the previous frame.
	Motion Motion `json:"motion"`
	// Thumb is a ThumbW×ThumbH gray thumbnail (area-averaged).
	Thumb [ThumbW * ThumbH]uint8 `json:"-"`
	// Hist is the colour histogram, each bin in 1/255ths of the frame.
	Hist [HistBins]uint8 `json:"-"`
}
