// Package render applies effects to real frames with OpenCV, for the
// before/after previews of effect suggestions: stabilisation (a camera
// path tracked with sparse optical flow, smoothed, and undone with
// WarpAffine behind a fixed zoom so that no border shows), an ASC CDL
// colour correction as a lookup table, frame blending for retimes and
// dissolves, fades, and the split-screen and side-by-side compositions of
// a before and an after frame.
//
// Frames are gocv Mats of 8-bit BGR. Every type that holds Mats has a
// Close that frees them; functions that make a Mat say so and the caller
// closes it.
package render
