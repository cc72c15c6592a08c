// Package trim finds the usable part of a take: the black leader, the
// slate and its clap (the sync point), the settling pre-roll, the action,
// and the tail where the camera drifts off, defocuses, goes black or falls
// silent. It works from per-frame picture measurements (the vision
// features the analysis already computes) and per-window audio levels, so
// it is pure Go: the analysis layer converts its results into these types.
// A take shot MOS (no audio) is trimmed from the picture alone.
package trim

// Frame is what the take analysis needs of one frame's picture.
type Frame struct {
	// Time is the frame's time in seconds from frame 0 (from timestamps).
	Time float64
	// Luma and LumaStd are the mean and spread of luma (0..255).
	Luma, LumaStd float32
	// Black is the fraction of pixels at or below 24.
	Black float32
	// White is the fraction of pixels at or above 235 (clipped highlights).
	White float32
	// Sharpness is the variance of the Laplacian of luma.
	Sharpness float32
	// Energy is the mean absolute luma difference to the previous frame.
	Energy float32
	// DX and DY are the global shift from the previous frame, in pixels at
	// the analysis width; Inliers is the fraction of tracked points that
	// fit it (0 when tracking failed).
	DX, DY, Inliers float32
	// Residual is the luma difference left after compensating the global
	// motion: things moving on their own (the action), not the camera.
	Residual float32
	// Shake is the jitter of the camera path around its smoothed course.
	Shake float32
	// Faces is the number of faces found, or -1 when not sampled.
	Faces int8
}

// Audio is a take's sound as consecutive level windows (nil for MOS).
type Audio struct {
	// Start is the first window's time in seconds from frame 0.
	Start float64
	// Window is each window's length in seconds.
	Window float64
	// RMS and Peak are each window's levels in dBFS.
	RMS, Peak []float32
}

// at returns the window holding time t (seconds from frame 0), clamped.
func (a *Audio) at(t float64) int {
	i := int((t - a.Start) / a.Window)
	return min(max(i, 0), len(a.RMS)-1)
}

// time returns the start of window i in seconds from frame 0.
func (a *Audio) time(i int) float64 { return a.Start + float64(i)*a.Window }

// Take is everything the analysis knows about one take.
type Take struct {
	// Frames are the take's frames in presentation order.
	Frames []Frame
	// Cuts are the frames where the transition detector saw a hard cut
	// (the first frame of the new picture).
	Cuts []int
	// Audio is nil for a take shot MOS.
	Audio *Audio
}

// Range is an inclusive range of frames.
type Range struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len is the number of frames in r.
func (r Range) Len() int { return r.End - r.Start + 1 }

// Result is what Analyze found in a take. Frame numbers are 0-based
// indexes of the take's frames.
type Result struct {
	// Leader is the black at the head (Len 0 when none).
	Leader Range `json:"leader"`
	// Clap is the sync point: the first frame after the slate board left
	// and the clap sounded; -1 when the take has none.
	Clap int `json:"clap"`
	// ClapBy says what found the clap: "audio+picture", "audio",
	// "picture", or "" when there is none.
	ClapBy string `json:"clap_by,omitempty"`
	// Usable is the action: in after the slate, the clap and the settling
	// pre-roll; out before the tail.
	Usable Range `json:"usable"`
	// Tail says why the usable range ends where it does: "drift",
	// "defocus", "black", "silence" or "end" (the file ends).
	Tail string `json:"tail"`
	// Dead are still, silent stretches of at least a second inside Usable.
	Dead []Range `json:"dead,omitempty"`
	// Shots are the shots inside Usable, split at the detector's cuts.
	Shots []Range `json:"shots"`
	// Floor is the room tone's level in dBFS (0 for MOS).
	Floor float32 `json:"floor_db,omitempty"`
	// Reasons are the measured evidence, one sentence each, for the clap,
	// the in point and the out point, in that order.
	Reasons []string `json:"reasons"`
}
