// Package timecode converts between SMPTE timecode text and frame counts.
//
// A frame count is an integer number of frames since 00:00:00:00 at a
// rational rate (30000/1001, 25/1, ...). Timecode numbers frames with a
// nominal integer base (24, 25, 30, 60, ...) derived from that rate.
// Drop-frame (DF) timecode, defined for 29.97 and 59.94 (and other
// multiples of 30000/1001), skips frame numbers 00 and 01 (00-03 at 59.94)
// at the start of every minute except each tenth minute, so that the text
// stays close to wall-clock time. All arithmetic is on integers.
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

// Base returns the nominal integer timecode base of the rate num/den:
// the rate rounded to the nearest integer (24000/1001 → 24,
// 30000/1001 → 30, 60000/1001 → 60, 25/1 → 25). It returns 0 when the
// rate is not positive.
func Base(num, den int) int {
	if num <= 0 || den <= 0 {
		return 0
	}
	n, d := int64(num), int64(den)
	return int((n + d/2) / d)
}

// CanDrop reports whether drop-frame timecode is defined at num/den: the
// rate must be an exact positive multiple of 30000/1001 (29.97, 59.94,
// 119.88, ...).
func CanDrop(num, den int) bool {
	return dropPerMinute(num, den) > 0
}

// dropPerMinute returns how many frame numbers DF skips at the start of each
// non-tenth minute (2 at 29.97, 4 at 59.94), or 0 when DF is undefined.
func dropPerMinute(num, den int) int64 {
	if num <= 0 || den <= 0 {
		return 0
	}
	// rate = k * 30000/1001  <=>  num*1001 = k*30000*den
	a, b := int64(num)*1001, int64(den)*30000
	if a%b != 0 {
		return 0
	}
	return 2 * (a / b)
}

// FramesPerDay returns the number of frames in 24 hours of timecode at
// num/den (fewer with drop-frame), or 0 when the rate is not positive.
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
	return day
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
// "HH:MM:SS,FF") at the rate num/den and returns the frame count since
// 00:00:00:00. The text is read as drop-frame when drop is true or when it
// uses a drop-frame separator (see IsDropText). Parse rejects malformed or
// short text, hours ≥ 24, minutes or seconds ≥ 60, frames ≥ the base,
// drop-frame at a rate where it is undefined, and frame numbers that
// drop-frame skips (e.g. 00:01:00;00).
func Parse(s string, num, den int, drop bool) (int64, error) {
	base := int64(Base(num, den))
	if base == 0 {
		return 0, fmt.Errorf("timecode %q: %w %d/%d", s, ErrRate, num, den)
	}
	ffWidth := 2
	if base > 100 {
		ffWidth = 3
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
	case ff >= base:
		return 0, fmt.Errorf("timecode %q: %w: frames %d ≥ %d", s, ErrRange, ff, base)
	}
	n := ((hh*60+mm)*60+ss)*base + ff
	if !drop {
		return n, nil
	}
	d := dropPerMinute(num, den)
	if d == 0 {
		return 0, fmt.Errorf("timecode %q: %w at %d/%d", s, ErrDrop, num, den)
	}
	if ss == 0 && ff < d && mm%10 != 0 {
		return 0, fmt.Errorf("timecode %q: %w: frame %02d does not exist in drop-frame", s, ErrRange, ff)
	}
	minutes := hh*60 + mm
	return n - d*(minutes-minutes/10), nil
}

// Format writes the frame count as timecode at the rate num/den:
// "HH:MM:SS:FF", or "HH:MM:SS;FF" when drop is true and the rate can drop
// (drop is ignored otherwise). The count wraps at 24 hours, negative counts
// included (-1 is the last frame of the day). Frames take three digits when
// the base exceeds 100. Format returns "" when the rate is not positive.
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
	ffFmt := "%02d"
	if base > 100 {
		ffFmt = "%03d"
	}
	return fmt.Sprintf("%02d:%02d:%02d%c"+ffFmt, secs/3600, secs/60%60, secs%60, sep, ff)
}
