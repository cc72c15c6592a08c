package media

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"time"
)

// LevelWindow is the length of one audio level measurement.
const LevelWindow = 10 * time.Millisecond

// levelRate is the sample rate levels are measured at (480 samples a
// window).
const levelRate = 48000

// Levels are a file's audio levels in consecutive LevelWindow windows of
// its first audio stream, downmixed to mono, measured by FFmpeg's astats.
type Levels struct {
	// Start is the first sample's time in seconds on the container clock
	// (compare with Reader.StartTime to align with the picture).
	Start float64
	// RMS and Peak are each window's RMS and peak level in dBFS; silence
	// (digital zero) reads -120.
	RMS, Peak []float32
}

// At returns the index of the window holding time t (seconds on the
// container clock), clamped to the windows there are; -1 when none.
func (l *Levels) At(t float64) int {
	if len(l.RMS) == 0 {
		return -1
	}
	i := int(math.Floor((t - l.Start) / LevelWindow.Seconds()))
	return min(max(i, 0), len(l.RMS)-1)
}

// AudioLevels measures the levels of path's first audio stream, opened
// read-only. A file without audio is bad input (ErrBadInput, "no audio
// stream"): a take shot MOS.
func AudioLevels(path string) (*Levels, error) {
	a, err := OpenAudio(path, levelRate)
	if err != nil {
		return nil, err
	}
	defer a.Close()
	n := int(int64(levelRate) * int64(LevelWindow) / int64(time.Second))
	a.after = fmt.Sprintf(",asetnsamples=n=%d:p=0,astats=metadata=1:reset=1:measure_overall=Peak_level+RMS_level:measure_perchannel=none", n)
	l := &Levels{}
	for {
		if err := a.next(); err == io.EOF {
			break
		} else if err != nil {
			return nil, err
		}
		l.RMS = append(l.RMS, level(a, "lavfi.astats.Overall.RMS_level"))
		l.Peak = append(l.Peak, level(a, "lavfi.astats.Overall.Peak_level"))
	}
	if a.hasStart {
		tb := a.in.audio.TimeBase()
		l.Start = float64(a.start) * float64(tb.Num()) / float64(tb.Den())
	}
	return l, nil
}

// level reads one dB value astats attached to the current frame; -120 for
// silence (-inf) or a missing value.
func level(a *AudioReader, key string) float32 {
	s, ok := frameMeta(a.out, key)
	if !ok {
		return -120
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) || v < -120 {
		return -120
	}
	return float32(v)
}
