package media

import (
	"math"
	"sort"
)

// standardRates are the frame rates cameras record and NLEs time at.
var standardRates = []Rational{
	{24000, 1001}, {24, 1}, {25, 1}, {30000, 1001}, {30, 1}, {48, 1},
	{50, 1}, {60000, 1001}, {60, 1}, {100, 1}, {120000, 1001}, {120, 1},
	{240, 1},
}

// maxPlausibleRate is the highest nominal frame rate believed from a
// header: above it the "rate" is a time base (phones write 90000/1 into
// r_frame_rate when every frame's duration differs).
const maxPlausibleRate = 1000

// snapRate returns the standard rate nearest fps when it is within 1%
// (so 29.98 is 29.97 and 30.01 is 30), else fps as a rational in
// thousandths (0/0 for a non-positive fps).
func snapRate(fps float64) Rational {
	if !(fps > 0) || math.IsInf(fps, 0) {
		return Rational{}
	}
	best, bestErr := Rational{}, 0.01
	for _, r := range standardRates {
		if e := math.Abs(fps-r.Float()) / r.Float(); e <= bestErr {
			best, bestErr = r, e
		}
	}
	if best.Valid() {
		return best
	}
	return reduce(Rational{int(math.Round(fps * 1000)), 1000})
}

// plausibleRate is the header's nominal rate when it is a frame rate, or
// else the average rate snapped to a standard one.
func plausibleRate(nominal, avg Rational) Rational {
	if nominal.Valid() && nominal.Float() <= maxPlausibleRate {
		return nominal
	}
	if avg.Valid() && avg.Float() <= maxPlausibleRate {
		return snapRate(avg.Float())
	}
	return nominal
}

// commonRate is the rate of the median frame duration among sorted
// timestamps ts (time base num/den), snapped to a standard rate: the
// nominal rate of a variable-frame-rate file, as an NLE would time it. The
// median is the common duration when frames were dropped or the rate
// changed for a while, and the true one under a phone's timestamp jitter.
// 0/0 when there are too few frames.
func commonRate(ts []int64, num, den int) Rational {
	step := medianStep(ts)
	if step <= 0 || num <= 0 || den <= 0 {
		return Rational{}
	}
	return snapRate(float64(den) / (float64(step) * float64(num)))
}

// medianStep is the median step between sorted timestamps (0 when fewer
// than two differ).
func medianStep(ts []int64) int64 {
	var d []int64
	for i := 1; i < len(ts); i++ {
		if s := ts[i] - ts[i-1]; s > 0 {
			d = append(d, s)
		}
	}
	if len(d) == 0 {
		return 0
	}
	sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
	return d[len(d)/2]
}

// spanFrames is how many frames at rate the sorted timestamps ts (time
// base num/den) span, from the first frame's start to the last frame's
// end (the last lasting the median step): the length a time-based NLE
// gives a variable-frame-rate file. 0 when unknown.
func spanFrames(ts []int64, rate Rational, num, den int) int64 {
	if len(ts) == 0 || !rate.Valid() || num <= 0 || den <= 0 {
		return 0
	}
	ticks := ts[len(ts)-1] - ts[0] + medianStep(ts)
	return int64(math.Round(float64(ticks) * float64(num) * float64(rate.Num) / (float64(den) * float64(rate.Den))))
}

// onGrid reports whether every sorted timestamp in ts (time base num/den)
// falls within 5% of a frame on the grid of rate that starts at ts[0]: a
// constant-rate stream with frames dropped (an AVI, a camera that skipped
// frames), not a variable-rate one.
func onGrid(ts []int64, rate Rational, num, den int) bool {
	if len(ts) == 0 || !rate.Valid() || num <= 0 || den <= 0 {
		return false
	}
	for _, t := range ts {
		// frames from the start: (t-ts0)*num/den seconds times rate
		f := float64(t-ts[0]) * float64(num) * float64(rate.Num) / (float64(den) * float64(rate.Den))
		if math.Abs(f-math.Round(f)) > 0.05 {
			return false
		}
	}
	return true
}
