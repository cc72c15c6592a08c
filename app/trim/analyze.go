package trim

import (
	"fmt"
	"math"
	"sort"
)

// The measurements' meanings, in one place. Levels are in dB; picture
// values in the units of Frame.
const (
	// blackLuma and blackFrac: a frame this dark is black (leader, fade).
	blackLuma = 24
	blackFrac = 0.9
	// clapOverFloor: the clap's peak stands this far above the room tone;
	// clapOnset: and this far above the loudest of the 100 ms before it;
	// clapDecay: 60-150 ms later the sound is this far below the peak (a
	// clap is short; a word or a door is not).
	clapOverFloor = 30
	clapOnset     = 20
	clapDecay     = 15
	// speechOverFloor: sound this far above the room tone, held for
	// speechHold seconds, is the action's sound.
	speechOverFloor = 12
	speechHold      = 0.3
	// stillMove: a camera moving less than this (pixels a frame at the
	// analysis width) is still.
	stillMove = 0.6
	// stillEnergy: a frame changing less than this (mean absolute luma
	// difference) is a still picture; settleFrames such frames in a row
	// after the clap mean the camera has settled; moveEnergy is the change
	// that then marks the action starting.
	stillEnergy  = 0.5
	settleFrames = 3
	moveEnergy   = 1.0
	// boardJump: the board leaving changes the picture by at least this
	// much (mean absolute luma difference) and stillFactor times the
	// static slate's own frame-to-frame noise.
	boardJump   = 1.5
	stillFactor = 4
	// typicalPreroll is the settling pre-roll assumed when nothing in the
	// picture or the sound marks where the action starts (seconds).
	typicalPreroll = 0.75
	// driftMove: a camera panning at least this fast, or losing track of
	// the scene, is drifting off it.
	driftMove = 3
	// defocusFactor: a frame whose sharpness is below this fraction of the
	// action's median is out of focus.
	defocusFactor = 0.6
	// deadSeconds: still and silent stretches at least this long inside
	// the action are dead.
	deadSeconds = 1.0
)

// Analyze finds the leader, the clap, the usable range, the tail and the
// dead stretches of a take. A take with no frames gives the zero Result
// with Clap -1.
func Analyze(t Take) Result {
	res := Result{Clap: -1, Usable: Range{0, -1}}
	n := len(t.Frames)
	if n == 0 {
		return res
	}
	head := leader(t.Frames)
	res.Leader = Range{0, head - 1}
	fps := rate(t.Frames)
	if t.Audio != nil && len(t.Audio.RMS) > 0 {
		res.Floor = percentile(t.Audio.RMS, 0.1)
	}
	// The clap: by sound, confirmed by the picture when the board leaving
	// is within two frames of it; else by the picture alone.
	pic, picWhy := boardLeaves(t.Frames, head, n/2)
	snd, sndWhy := -1, ""
	if t.Audio != nil {
		snd, sndWhy = clapSound(t, res.Floor, head, n/2)
	}
	switch {
	case snd >= 0 && pic >= 0 && abs(snd-pic) <= 2:
		res.Clap, res.ClapBy = snd, "audio+picture"
		res.Reasons = append(res.Reasons, fmt.Sprintf("clap at %.2f s: %s; %s", t.Frames[snd].Time, sndWhy, picWhy))
	case snd >= 0:
		res.Clap, res.ClapBy = snd, "audio"
		res.Reasons = append(res.Reasons, fmt.Sprintf("clap at %.2f s: %s", t.Frames[snd].Time, sndWhy))
	case pic >= 0:
		res.Clap, res.ClapBy = pic, "picture"
		res.Reasons = append(res.Reasons, fmt.Sprintf("clap at %.2f s (picture only): %s", t.Frames[pic].Time, picWhy))
	default:
		res.Reasons = append(res.Reasons, "no slate or clap found")
	}
	from := head
	if res.Clap >= 0 {
		from = res.Clap
	}
	out, tail, outWhy := tailStart(t, res.Floor, from)
	in, inWhy := actionStart(t, res.Floor, from, out, fps, res.Clap >= 0)
	if in > out {
		in = from
	}
	res.Usable, res.Tail = Range{in, out}, tail
	res.Reasons = append(res.Reasons, inWhy, outWhy)
	res.Dead = dead(t, res.Floor, res.Usable, fps)
	res.Shots = shots(t.Cuts, res.Usable)
	return res
}

// shots splits u at the cuts inside it.
func shots(cuts []int, u Range) []Range {
	if u.Len() <= 0 {
		return nil
	}
	out := []Range{{u.Start, u.End}}
	for _, c := range cuts {
		last := &out[len(out)-1]
		if c > last.Start && c <= last.End {
			end := last.End
			last.End = c - 1
			out = append(out, Range{c, end})
		}
	}
	return out
}

// leader is the number of black frames at the head.
func leader(fs []Frame) int {
	i := 0
	for i < len(fs) && isBlack(fs[i]) {
		i++
	}
	return i
}

func isBlack(f Frame) bool { return f.Luma < blackLuma && f.Black >= blackFrac }

// rate is the frame rate from the frames' times (25 when unknown).
func rate(fs []Frame) float64 {
	if len(fs) < 2 || fs[len(fs)-1].Time <= 0 {
		return 25
	}
	return float64(len(fs)-1) / fs[len(fs)-1].Time
}

// boardLeaves finds the slate board leaving the frame: after the leader
// the picture is a still board on a still scene; the first frame that
// changes by boardJump and stillFactor times the still picture's noise is
// where the board left. Searched in [head+2, limit); -1 when none.
func boardLeaves(fs []Frame, head, limit int) (int, string) {
	var noise []float32
	for i := head + 2; i < limit && i < len(fs); i++ {
		base := float32(0)
		if len(noise) > 0 {
			base = percentile(noise, 0.5)
		}
		e := fs[i].Energy
		if len(noise) >= 3 && e >= boardJump && e >= stillFactor*base {
			return i, fmt.Sprintf("the picture jumps at %.2f s (luma change %.1f, %.0f× the still slate's)", fs[i].Time, e, float64(e/max(base, 0.05)))
		}
		noise = append(noise, e)
	}
	return -1, ""
}

// clapSound finds the clap in the sound: a window whose peak stands
// clapOverFloor above the room tone and clapOnset above the 100 ms before
// it, and which has died down by clapDecay 60-150 ms later. The first such
// onset between the leader and frame limit; -1 when none.
func clapSound(t Take, floor float32, head, limit int) (int, string) {
	a := t.Audio
	lo, hi := a.at(t.Frames[head].Time), a.at(t.Frames[min(limit, len(t.Frames)-1)].Time)
	look := int(math.Round(0.1 / a.Window))
	for i := max(lo, look); i <= hi; i++ {
		p := a.Peak[i]
		if p < floor+clapOverFloor {
			continue
		}
		before := maxOf(a.Peak[i-look : i])
		if p-before < clapOnset {
			continue
		}
		d0, d1 := i+int(math.Round(0.06/a.Window)), i+int(math.Round(0.15/a.Window))
		if d1 >= len(a.RMS) || maxOf(a.RMS[d0:d1+1]) > p-clapDecay {
			continue
		}
		f := frameAt(t.Frames, a.time(i)+a.Window/2)
		return f, fmt.Sprintf("audio onset %+.0f dB over the room tone (%.0f dBFS), gone within 60 ms", p-floor, floor)
	}
	return -1, ""
}

// actionStart finds the in point: the first frame after the clap (or the
// slate) where the action's sound begins (held speechHold above the room
// tone), or, without sound, where the picture moves on its own once the
// camera has settled. Falls back to the typical pre-roll after the clap.
func actionStart(t Take, floor float32, from, out int, fps float64, clap bool) (int, string) {
	if t.Audio != nil {
		a := t.Audio
		hold := int(math.Round(speechHold / a.Window))
		start := a.at(t.Frames[from].Time + 0.2) // past the clap's own sound
		for i := start; i+hold <= len(a.RMS); i++ {
			if minOf(a.RMS[i:i+hold]) >= floor+speechOverFloor {
				f := frameAt(t.Frames, a.time(i))
				if f <= out {
					return f, fmt.Sprintf("in at %.2f s: sound %+.0f dB over the room tone, held %.1f s", t.Frames[f].Time, a.RMS[i]-floor, speechHold)
				}
				break
			}
		}
	}
	// Picture: wait for the camera to settle (settleFrames still frames in
	// a row), then for the picture to move: the action starts on the last
	// still frame before that.
	run, settled := 0, -1
	for i := from + 1; i <= out; i++ {
		e := t.Frames[i].Energy
		if settled < 0 {
			if run++; e >= stillEnergy {
				run = 0
			}
			if run == settleFrames {
				settled = i - settleFrames + 1
			}
			continue
		}
		if e >= moveEnergy {
			return i - 1, fmt.Sprintf("in at %.2f s: the camera settled at %.2f s, then the picture moved (luma change %.1f)", t.Frames[i-1].Time, t.Frames[settled].Time, e)
		}
	}
	if clap {
		f := min(from+int(math.Round(typicalPreroll*fps)), out)
		return f, fmt.Sprintf("in at %.2f s: a typical %.2f s settling pre-roll after the clap (no sound or movement marks the action)", t.Frames[f].Time, typicalPreroll)
	}
	return from, fmt.Sprintf("in at %.2f s: the first frame after the leader", t.Frames[from].Time)
}

// tailStart finds the out point by walking back from the last frame while
// the tail holds: black, the camera drifting off (panning fast or losing
// the scene), the picture out of focus against the action's median, or
// (with sound) room tone only. Returns the last usable frame and why.
func tailStart(t Take, floor float32, from int) (int, string, string) {
	fs := t.Frames
	last := len(fs) - 1
	if last <= from {
		return last, "end", fmt.Sprintf("out at %.2f s: the file ends", fs[last].Time)
	}
	sharp := percentile(sharpness(fs[from:last+1]), 0.5)
	// Each tail holds from its first frame to the end of the file. A fade
	// to black ends black, each frame darker than the one before.
	kinds := []struct {
		name string
		in   func(i int) bool
	}{
		{"black", func(i int) bool { return isBlack(fs[last]) && (isBlack(fs[i]) || fs[i].Luma < fs[i-1].Luma-0.5) }},
		{"drift", func(i int) bool { return math.Abs(float64(fs[i].DX)) >= driftMove || fs[i].Inliers == 0 }},
		{"defocus", func(i int) bool { return fs[i].Sharpness < defocusFactor*sharp }},
	}
	best, kind := last, "end"
	for _, k := range kinds {
		i := last
		for i > from && k.in(i) {
			i--
		}
		// A tail needs a few frames; one odd last frame is not a tail.
		if last-i >= 3 && i < best {
			best, kind = i, k.name
		}
	}
	why := fmt.Sprintf("out at %.2f s: the file ends", fs[best].Time)
	switch kind {
	case "black":
		why = fmt.Sprintf("out at %.2f s: the picture fades to black after it", fs[best].Time)
	case "drift":
		why = fmt.Sprintf("out at %.2f s: the camera drifts off the set after it", fs[best].Time)
	case "defocus":
		why = fmt.Sprintf("out at %.2f s: focus falls below %.0f%% of the action's after it", fs[best].Time, defocusFactor*100)
	}
	if t.Audio != nil {
		a := t.Audio
		j := len(a.RMS) - 1
		for j > 0 && a.RMS[j] < floor+speechOverFloor {
			j--
		}
		if f := frameAt(fs, a.time(j+1)); f > from && f < best && last-f >= 3 && kind == "end" {
			best, kind = f, "silence"
			why = fmt.Sprintf("out at %.2f s: only room tone after it", fs[f].Time)
		}
	}
	return best, kind, why
}

// dead finds still, silent stretches of at least deadSeconds in r.
func dead(t Take, floor float32, r Range, fps float64) []Range {
	need := int(math.Ceil(deadSeconds * fps))
	var out []Range
	run := -1
	flush := func(end int) {
		if run >= 0 && end-run+1 >= need {
			out = append(out, Range{run, end})
		}
		run = -1
	}
	for i := r.Start; i <= r.End; i++ {
		f := t.Frames[i]
		still := f.Residual < 0.5 && math.Hypot(float64(f.DX), float64(f.DY)) < stillMove
		quiet := t.Audio == nil || t.Audio.RMS[t.Audio.at(f.Time)] < floor+speechOverFloor
		if still && quiet {
			if run < 0 {
				run = i
			}
			continue
		}
		flush(i - 1)
	}
	flush(r.End)
	return out
}

// frameAt is the frame shown at time t (the last frame starting at or
// before t).
func frameAt(fs []Frame, t float64) int {
	i := sort.Search(len(fs), func(i int) bool { return fs[i].Time > t+1e-9 })
	return max(0, i-1)
}

func percentile(v []float32, p float64) float32 {
	if len(v) == 0 {
		return 0
	}
	s := append([]float32(nil), v...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[min(len(s)-1, int(p*float64(len(s))))]
}

func maxOf(v []float32) float32 {
	m := float32(math.Inf(-1))
	for _, x := range v {
		m = max(m, x)
	}
	return m
}

func minOf(v []float32) float32 {
	m := float32(math.Inf(1))
	for _, x := range v {
		m = min(m, x)
	}
	return m
}

func sharpness(fs []Frame) []float32 {
	v := make([]float32, len(fs))
	for i, f := range fs {
		v[i] = f.Sharpness
	}
	return v
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
