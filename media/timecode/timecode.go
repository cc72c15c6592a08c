// Package timecode converts between SMPTE timecode text and frame counts.
//
// A frame count is an integer number of frames since 00:00:00:00 at a
// rational rate (30000/1001, 25/1, ...). Timecode numbers frames with an
// integer base derived from that rate: up to 60 fps the rate rounded
// (24000/1001 → 24, 30000/1001 → 30, 60000/1001 → 60).
//
// Above 60 fps timecode counts at a base of 60 or less that divides the
// rounded rate, as NLEs and SMPTE ST 12-3 count high-frame-rate material:
// the largest of 60, 50, 48, 30, 25 and 24 that divides it (120 and
// 119.88 → 60, 100 → 50, 96 → 48, 72 → 24, 240 → 60), else its largest
// divisor up to 60. Each timecode frame then spans Step frames of the
// real rate (2 at 120), and the frame count stays at the real rate: at
// 120 fps 01:00:00:00 is frame 432000 and 01:00:00:01 is frame 432002.
// Format writes the timecode of the frame pair (or group) a frame belongs
// to, so only every Step-th frame has timecode of its own (see Exact).
// Parse also reads the three-digit form ffmpeg writes above 100 fps
// ("10:00:00:077" at 120, counted at the full rate), exactly.
//
// Drop-frame (DF) timecode, defined where the timecode rate is a multiple
// of 30000/1001 (29.97, 59.94, and 119.88 counted at 59.94), skips frame
// numbers 00 and 01 (00-03 at 59.94) at the start of every minute except
// each tenth minute, so that the text stays close to wall-clock time. All
// arithmetic is on integers.
//
// Text forms: "HH:MM:SS:FF" for non-drop; "HH:MM:SS;FF" (also "." or ","
// before the frames) for drop-frame. Timecode wraps at 24 hours.
//
// The package is pure Go and imports nothing from the project.
package timecode

import (
	"errors"
	"fmt"
)

// Nominal returns the rate num/den rounded to the nearest integer
// (24000/1001 → 24, 30000/1001 → 30, 120000/1001 → 120). It returns 0
// when the rate is not positive or rounds to 0.
func Nominal(num, den int) int {
	if num <= 0 || den <= 0 {
		return 0
	}
	n, d := int64(num), int64(den)
	return int((n + d/2) / d)
}

// standardBases are the timecode bases a rate above 60 fps counts at,
// preferred in this order when they divide its nominal rate.
var standardBases = [...]int{60, 50, 48, 30, 25, 24}

// Base returns the timecode base of the rate num/den: how many timecode
// frames make a second. Up to 60 fps it is the nominal rate (24000/1001 →
// 24, 60000/1001 → 60, 25/1 → 25); above, the largest of 60, 50, 48, 30,
// 25 and 24 that divides the nominal rate (120 → 60, 119.88 → 60, 100 →
// 50, 72 → 24, 240 → 60), else its largest divisor up to 60. It returns 0
// when the nominal rate is 0.
func Base(num, den int) int {
	n := Nominal(num, den)
	if n <= 60 {
		return n
	}
	for _, b := range standardBases {
		if n%b == 0 {
			return b
		}
	}
	for b := 60; b > 1; b-- {
		if n%b == 0 {
			return b
		}
	}
	return 1
}

// Step returns how many frames at num/den one timecode frame spans: the
// nominal rate over the timecode base (1 up to 60 fps, 2 at 120 and
// 119.88, 4 at 240). It returns 0 when the rate is not positive.
func Step(num, den int) int64 {
	b := Base(num, den)
	if b == 0 {
		return 0
	}
	return int64(Nominal(num, den) / b)
}

// Exact reports whether frame has timecode of its own at num/den, so that
// Format names it and Parse gives it back: every frame up to 60 fps,
// every Step-th frame above (the even frames at 120). It is false when
// the rate is not positive.
func Exact(frame int64, num, den int) bool {
	s := Step(num, den)
	return s > 0 && frame%s == 0
}

// CanDrop reports whether drop-frame timecode is defined at num/den: the
// rate its timecode counts at (num/den over Step) must be an exact
// positive multiple of 30000/1001 (29.97, 59.94; 119.88 counts at 59.94).
func CanDrop(num, den int) bool {
	return dropPerMinute(num, den) > 0
}

// dropPerMinute returns how many timecode frame numbers DF skips at the
// start of each non-tenth minute (2 at 29.97, 4 at 59.94 and 119.88), or
// 0 when DF is undefined.
func dropPerMinute(num, den int) int64 {
	s := Step(num, den)
	if s == 0 {
		return 0
	}
	// timecode rate = k * 30000/1001  <=>  num*1001 = k*30000*den*step
	a, b := int64(num)*1001, int64(den)*30000*s
	if a%b != 0 {
		return 0
	}
	return 2 * (a / b)
}

// FramesPerDay returns the number of frames at num/den in 24 hours of
// timecode (fewer with drop-frame), or 0 when the rate is not positive.
// drop is ignored where the rate cannot drop.
func FramesPerDay(num, den int, drop bool) int64 {
	b := int64(Base(num, den))
	if b == 0 {
		return 0
	}
	day := 24 * 3600 * b
	if d := dropPerMinute(num, den); drop && d > 0 {
		// 24*60 minutes, of which all but every tenth drop d numbers.
		day -= d * (24*60 - 24*6)
	}
	return day * Step(num, den)
}

// IsDropText reports whether the timecode text marks drop-frame: the
// separator before the frames is ';', '.' or ','.
func IsDropText(s string) bool {
	for i := len(s) - 1; i >= 0; i-- {
		switch s[i] {
		case ';', '.', ',':
			return true
		case ':':
			return false
		}
	}
	return false
}

// Errors returned by Parse, wrapped with the offending text.
var (
	ErrSyntax = errors.New("malformed timecode")
	ErrRange  = errors.New("timecode field out of range")
	ErrRate   = errors.New("invalid timecode rate")
	ErrDrop   = errors.New("drop-frame timecode not possible")
)

// Parse reads "HH:MM:SS:FF" (or "HH:MM:SS;FF", "HH:MM:SS.FF",
// "HH:MM:SS,FF") at the rate num/den and returns the frame count at
// num/den since 00:00:00:00. Two frame digits count at the timecode base
// (see Base), so above 60 fps the result is a multiple of Step
// ("00:00:01:01" at 120 is frame 122). Where the nominal rate exceeds 100,
// three frame digits count every frame, as ffmpeg writes them
// ("00:00:01:077" at 120 is frame 197). The text is read as drop-frame
// when drop is true or when it uses a drop-frame separator (see
// IsDropText). Parse rejects malformed or short text, hours ≥ 24, minutes
// or seconds ≥ 60, frames ≥ the base they count at, drop-frame at a rate
// where it is undefined, and frame numbers that drop-frame skips (e.g.
// 00:01:00;00).
func Parse(s string, num, den int, drop bool) (int64, error) {
	base := int64(Base(num, den))
	if base == 0 {
		return 0, fmt.Errorf("timecode %q: %w %d/%d", s, ErrRate, num, den)
	}
	step := Step(num, den)
	d := dropPerMinute(num, den)
	// count is what the frame field counts at; mult turns its numbering
	// into frames at num/den.
	count, mult, ffWidth := base, step, 2
	if n := int64(Nominal(num, den)); n > 100 && len(s) == 12 {
		count, mult, ffWidth, d = n, 1, 3, d*step
	}
	if len(s) != 9+ffWidth {
		return 0, fmt.Errorf("timecode %q: %w", s, ErrSyntax)
	}
	if s[2] != ':' || s[5] != ':' {
		return 0, fmt.Errorf("timecode %q: %w", s, ErrSyntax)
	}
	switch s[8] {
	case ':':
	case ';', '.', ',':
		drop = true
	default:
		return 0, fmt.Errorf("timecode %q: %w", s, ErrSyntax)
	}
	var f [4]int64
	for i, p := range [4][2]int{{0, 2}, {3, 5}, {6, 8}, {9, 9 + ffWidth}} {
		for _, c := range s[p[0]:p[1]] {
			if c < '0' || c > '9' {
				return 0, fmt.Errorf("timecode %q: %w", s, ErrSyntax)
			}
			f[i] = f[i]*10 + int64(c-'0')
		}
	}
	hh, mm, ss, ff := f[0], f[1], f[2], f[3]
	switch {
	case hh >= 24:
		return 0, fmt.Errorf("timecode %q: %w: hours %d ≥ 24", s, ErrRange, hh)
	case mm >= 60:
		return 0, fmt.Errorf("timecode %q: %w: minutes %d ≥ 60", s, ErrRange, mm)
	case ss >= 60:
		return 0, fmt.Errorf("timecode %q: %w: seconds %d ≥ 60", s, ErrRange, ss)
	case ff >= count:
		return 0, fmt.Errorf("timecode %q: %w: frames %d ≥ %d", s, ErrRange, ff, count)
	}
	n := ((hh*60+mm)*60+ss)*count + ff
	if !drop {
		return n * mult, nil
	}
	if d == 0 {
		return 0, fmt.Errorf("timecode %q: %w at %d/%d", s, ErrDrop, num, den)
	}
	if ss == 0 && ff < d && mm%10 != 0 {
		return 0, fmt.Errorf("timecode %q: %w: frame %02d does not exist in drop-frame", s, ErrRange, ff)
	}
	minutes := hh*60 + mm
	return (n - d*(minutes-minutes/10)) * mult, nil
}

// Format writes the frame count at num/den as timecode: "HH:MM:SS:FF", or
// "HH:MM:SS;FF" when drop is true and the rate can drop (drop is ignored
// otherwise). Frames always take two digits, counted at the timecode base
// (see Base): above 60 fps a frame between two timecode frames gets the
// timecode of the one before it (frames 432000 and 432001 at 120 are both
// 01:00:00:00), so check Exact where the text must name one frame. The
// count wraps at 24 hours, negative counts included (-1 is the last frame
// of the day). Format returns "" when the rate is not positive.
func Format(frame int64, num, den int, drop bool) string {
	base := int64(Base(num, den))
	if base == 0 {
		return ""
	}
	d := dropPerMinute(num, den)
	drop = drop && d > 0
	day := FramesPerDay(num, den, drop)
	frame %= day
	if frame < 0 {
		frame += day
	}
	frame /= Step(num, den)
	sep := byte(':')
	if drop {
		sep = ';'
		per10 := 600*base - 9*d
		perMin := 60*base - d
		tens, rem := frame/per10, frame%per10
		frame += 9 * d * tens
		if rem > d {
			frame += d * ((rem - d) / perMin)
		}
	}
	ff := frame % base
	secs := frame / base
	return fmt.Sprintf("%02d:%02d:%02d%c%02d", secs/3600, secs/60%60, secs%60, sep, ff)
}
