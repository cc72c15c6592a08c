package vision

import "math"

// shakeRadius is the half-width, in frames, of the moving average that
// stands for the intended camera path.
const shakeRadius = 5

// Finish completes the features that need the whole sequence: the shake
// measure (each frame's shift against the moving average of shifts around
// it). Call it once after the last frame.
func Finish(fs []Features) {
	n := len(fs)
	for i := range fs {
		var sx, sy float64
		k := 0
		for j := max(1, i-shakeRadius); j <= min(n-1, i+shakeRadius); j++ {
			if fs[j].Motion.Inliers > 0 {
				sx += float64(fs[j].Motion.DX)
				sy += float64(fs[j].Motion.DY)
				k++
			}
		}
		if k == 0 || fs[i].Motion.Inliers == 0 {
			fs[i].Motion.Shake = 0
			continue
		}
		dx := float64(fs[i].Motion.DX) - sx/float64(k)
		dy := float64(fs[i].Motion.DY) - sy/float64(k)
		fs[i].Motion.Shake = float32(math.Hypot(dx, dy))
	}
}
