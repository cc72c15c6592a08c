package timecode

import (
	"errors"
	"testing"
)

type rate struct{ num, den int }

var (
	r23976 = rate{24000, 1001}
	r24    = rate{24, 1}
	r25    = rate{25, 1}
	r2997  = rate{30000, 1001}
	r30    = rate{30, 1}
	r50    = rate{50, 1}
	r5994  = rate{60000, 1001}
	r60    = rate{60, 1}
)

func TestBase(t *testing.T) {
	tests := []struct {
		num, den, want int
	}{
		{24000, 1001, 24}, {24, 1, 24}, {25, 1, 25}, {30000, 1001, 30},
		{30, 1, 30}, {50, 1, 50}, {60000, 1001, 60}, {60, 1, 60},
		{2997, 125, 24}, {2997, 100, 30}, {48, 1, 48},
		// Above 60 fps: the largest standard base dividing the rate.
		{120000, 1001, 60}, {120, 1, 60}, {100, 1, 50}, {240, 1, 60},
		{96, 1, 48}, {72, 1, 24}, {90, 1, 30}, {240000, 1001, 60},
		{84, 1, 42}, {61, 1, 1},
		{0, 1, 0}, {25, 0, 0}, {-25, 1, 0}, {1, 3, 0},
	}
	for _, tt := range tests {
		if got := Base(tt.num, tt.den); got != tt.want {
			t.Errorf("Base(%d, %d) = %d, want %d", tt.num, tt.den, got, tt.want)
		}
	}
}

func TestCanDrop(t *testing.T) {
	tests := []struct {
		num, den int
		want     bool
	}{
		{30000, 1001, true}, {60000, 1001, true}, {120000, 1001, true},
		{60000, 2002, true},
		{24000, 1001, false}, {30, 1, false}, {25, 1, false}, {2997, 100, false},
		{0, 1001, false}, {30000, 0, false}, {-30000, 1001, false},
	}
	for _, tt := range tests {
		if got := CanDrop(tt.num, tt.den); got != tt.want {
			t.Errorf("CanDrop(%d, %d) = %v, want %v", tt.num, tt.den, got, tt.want)
		}
	}
}

func TestIsDropText(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"01:00:00:00", false}, {"01:00:00;00", true}, {"01:00:00.00", true},
		{"01:00:00,00", true}, {"01;00;00;00", true}, {"", false}, {"0100", false},
	}
	for _, tt := range tests {
		if got := IsDropText(tt.s); got != tt.want {
			t.Errorf("IsDropText(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

func TestFormatParse(t *testing.T) {
	tests := []struct {
		r     rate
		drop  bool
		frame int64
		tc    string
	}{
		{r23976, false, 0, "00:00:00:00"},
		{r23976, false, 86400, "01:00:00:00"},
		{r23976, false, 24*3600*24 - 1, "23:59:59:23"},
		{r24, false, 23, "00:00:00:23"},
		{r24, false, 24, "00:00:01:00"},
		{r25, false, 25*3600 + 25*61 + 7, "01:01:01:07"},
		{r2997, false, 1800, "00:01:00:00"},
		{r2997, false, 17982, "00:09:59:12"},
		{r2997, true, 0, "00:00:00;00"},
		{r2997, true, 1799, "00:00:59;29"},
		{r2997, true, 1800, "00:01:00;02"},
		{r2997, true, 3597, "00:01:59;29"},
		{r2997, true, 3598, "00:02:00;02"},
		{r2997, true, 17981, "00:09:59;29"},
		{r2997, true, 17982, "00:10:00;00"},
		{r2997, true, 17983, "00:10:00;01"},
		{r2997, true, 17982 + 1800, "00:11:00;02"},
		{r2997, true, 107892, "01:00:00;00"},
		{r2997, true, 107892*24 - 1, "23:59:59;29"},
		{r30, false, 30*3600 - 1, "00:59:59:29"},
		{r50, false, 50*3600*10 + 49, "10:00:00:49"},
		{r5994, true, 3599, "00:00:59;59"},
		{r5994, true, 3600, "00:01:00;04"},
		{r5994, true, 35963, "00:09:59;59"},
		{r5994, true, 35964, "00:10:00;00"},
		{r5994, true, 215784, "01:00:00;00"},
		{r5994, false, 3600, "00:01:00:00"},
		{r60, false, 216000, "01:00:00:00"},
		// Above 60 fps timecode counts at the base: 2 frames a number at
		// 120 and 119.88.
		{rate{120000, 1001}, true, 7200, "00:01:00;04"},
		{rate{120000, 1001}, true, 2 * 215784, "01:00:00;00"},
		{rate{120, 1}, false, 118, "00:00:00:59"},
		{rate{120, 1}, false, 2 * 216000, "01:00:00:00"},
		{rate{100, 1}, false, 100*3600*10 + 98, "10:00:00:49"},
		{rate{240, 1}, false, 240 + 4, "00:00:01:01"},
	}
	for _, tt := range tests {
		if got := Format(tt.frame, tt.r.num, tt.r.den, tt.drop); got != tt.tc {
			t.Errorf("Format(%d, %d/%d, drop=%v) = %q, want %q", tt.frame, tt.r.num, tt.r.den, tt.drop, got, tt.tc)
		}
		got, err := Parse(tt.tc, tt.r.num, tt.r.den, tt.drop)
		if err != nil || got != tt.frame {
			t.Errorf("Parse(%q, %d/%d, drop=%v) = %d, %v; want %d", tt.tc, tt.r.num, tt.r.den, tt.drop, got, err, tt.frame)
		}
	}
}

func TestNextFrame(t *testing.T) {
	tests := []struct {
		r        rate
		drop     bool
		tc, next string
	}{
		{r2997, true, "00:09:59;29", "00:10:00;00"},
		{r2997, true, "00:00:59;29", "00:01:00;02"},
		{r2997, true, "00:19:59;29", "00:20:00;00"},
		{r2997, true, "23:59:59;29", "00:00:00;00"},
		{r5994, true, "00:00:59;59", "00:01:00;04"},
		{r5994, true, "00:09:59;59", "00:10:00;00"},
		{r5994, true, "23:59:59;59", "00:00:00;00"},
		{r23976, false, "23:59:59:23", "00:00:00:00"},
		{r24, false, "23:59:59:23", "00:00:00:00"},
		{r25, false, "23:59:59:24", "00:00:00:00"},
		{r2997, false, "00:00:59:29", "00:01:00:00"},
		{r2997, false, "23:59:59:29", "00:00:00:00"},
		{r30, false, "23:59:59:29", "00:00:00:00"},
		{r50, false, "23:59:59:49", "00:00:00:00"},
		{r60, false, "23:59:59:59", "00:00:00:00"},
	}
	for _, tt := range tests {
		f, err := Parse(tt.tc, tt.r.num, tt.r.den, tt.drop)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.tc, err)
		}
		if got := Format(f+1, tt.r.num, tt.r.den, tt.drop); got != tt.next {
			t.Errorf("%q + 1 at %d/%d = %q, want %q", tt.tc, tt.r.num, tt.r.den, got, tt.next)
		}
	}
}

func TestFormatWrap(t *testing.T) {
	tests := []struct {
		r     rate
		drop  bool
		frame int64
		want  string
	}{
		{r24, false, -1, "23:59:59:23"},
		{r24, false, 24 * 86400, "00:00:00:00"},
		{r24, false, 24*86400*3 + 24, "00:00:01:00"},
		{r2997, true, -1, "23:59:59;29"},
		{r2997, true, FramesPerDay(30000, 1001, true), "00:00:00;00"},
		{r25, false, -25 * 3600, "23:00:00:00"},
		{r24, true, 24, "00:00:01:00"}, // drop ignored at 24
	}
	for _, tt := range tests {
		if got := Format(tt.frame, tt.r.num, tt.r.den, tt.drop); got != tt.want {
			t.Errorf("Format(%d, %d/%d, %v) = %q, want %q", tt.frame, tt.r.num, tt.r.den, tt.drop, got, tt.want)
		}
	}
	if got := Format(10, 0, 1, false); got != "" {
		t.Errorf("Format at invalid rate = %q, want empty", got)
	}
}

func TestFramesPerDay(t *testing.T) {
	tests := []struct {
		r    rate
		drop bool
		want int64
	}{
		{r24, false, 2073600}, {r23976, false, 2073600}, {r25, false, 2160000},
		{r2997, false, 2592000}, {r2997, true, 2589408}, {r5994, true, 5178816},
		{rate{0, 1}, false, 0},
	}
	for _, tt := range tests {
		if got := FramesPerDay(tt.r.num, tt.r.den, tt.drop); got != tt.want {
			t.Errorf("FramesPerDay(%d/%d, %v) = %d, want %d", tt.r.num, tt.r.den, tt.drop, got, tt.want)
		}
	}
}

func TestParseDropSeparators(t *testing.T) {
	for _, s := range []string{"00:10:00;00", "00:10:00.00", "00:10:00,00"} {
		got, err := Parse(s, 30000, 1001, false)
		if err != nil || got != 17982 {
			t.Errorf("Parse(%q) = %d, %v; want 17982", s, got, err)
		}
	}
	// drop=true with ':' text reads as drop-frame.
	if got, err := Parse("00:10:00:00", 30000, 1001, true); err != nil || got != 17982 {
		t.Errorf("Parse DF with ':' = %d, %v; want 17982", got, err)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		s    string
		r    rate
		drop bool
		want error
	}{
		{"00:00:00:25", r25, false, ErrRange},
		{"00:00:00:24", r24, false, ErrRange},
		{"00:00:00:30", r2997, true, ErrRange},
		{"00:00:60:00", r25, false, ErrRange},
		{"00:60:00:00", r25, false, ErrRange},
		{"24:00:00:00", r25, false, ErrRange},
		{"00:01:00;00", r2997, true, ErrRange},
		{"00:01:00;01", r2997, true, ErrRange},
		{"00:01:00;03", r5994, true, ErrRange},
		{"00:00:00;00", r25, false, ErrDrop},
		{"01:00:00;00", r23976, false, ErrDrop},
		{"01:00:00:00", r24, true, ErrDrop},
		{"1:00:00:00", r25, false, ErrSyntax},
		{"01:00:00:0", r25, false, ErrSyntax},
		{"01:00:00", r25, false, ErrSyntax},
		{"", r25, false, ErrSyntax},
		{"01:00:00:000", r25, false, ErrSyntax},
		{"aa:bb:cc:dd", r25, false, ErrSyntax},
		{"01-00-00-00", r25, false, ErrSyntax},
		{"01:0x:00:00", r25, false, ErrSyntax},
		{" 01:00:00:00", r25, false, ErrSyntax},
		{"+1:00:00:00", r25, false, ErrSyntax},
		{"01:00:00:00", rate{0, 1}, false, ErrRate},
		{"01:00:00:00", rate{25, 0}, false, ErrRate},
	}
	for _, tt := range tests {
		_, err := Parse(tt.s, tt.r.num, tt.r.den, tt.drop)
		if !errors.Is(err, tt.want) {
			t.Errorf("Parse(%q, %d/%d, %v) error = %v, want %v", tt.s, tt.r.num, tt.r.den, tt.drop, err, tt.want)
		}
	}
}

// TestRoundTripDay checks Format and Parse are inverse over every frame of a
// day, and that consecutive frames give strictly increasing text.
// 29.97 DF is checked at every frame; other rates at a stride of 7 frames.
func TestRoundTripDay(t *testing.T) {
	rates := []struct {
		r    rate
		drop bool
	}{
		{r2997, true}, {r5994, true}, {r23976, false}, {r25, false}, {r2997, false},
	}
	for i, rr := range rates {
		// Every frame at 29.97 DF; a dense stride elsewhere to keep the
		// race-detector run short.
		step := int64(1)
		if i > 0 {
			step = 7
		}
		day := FramesPerDay(rr.r.num, rr.r.den, rr.drop)
		prev := ""
		for f := int64(0); f < day; f += step {
			s := Format(f, rr.r.num, rr.r.den, rr.drop)
			if s <= prev {
				t.Fatalf("%d/%d drop=%v: frame %d %q not after %q", rr.r.num, rr.r.den, rr.drop, f, s, prev)
			}
			prev = s
			got, err := Parse(s, rr.r.num, rr.r.den, rr.drop)
			if err != nil || got != f {
				t.Fatalf("%d/%d drop=%v: frame %d → %q → %d, %v", rr.r.num, rr.r.den, rr.drop, f, s, got, err)
			}
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"01:00:00:00", "00:09:59;29", "00:01:00;00", "23:59:59:23", "99:99:99:99", ""} {
		f.Add(s, 30000, 1001, true)
		f.Add(s, 25, 1, false)
		f.Add(s, 120, 1, false)
	}
	f.Add("00:00:01:077", 120, 1, false)
	f.Add("00:01:00;008", 120000, 1001, false)
	f.Fuzz(func(t *testing.T, s string, num, den int, drop bool) {
		n, err := Parse(s, num, den, drop)
		if err != nil {
			return
		}
		d := drop || IsDropText(s)
		back := Format(n, num, den, d)
		m, err := Parse(back, num, den, d)
		// Above 60 fps a frame between timecode numbers (ffmpeg's
		// three-digit form) formats as the number before it.
		if err != nil || m != n-n%Step(num, den) {
			t.Fatalf("%q → %d → %q → %d, %v", s, n, back, m, err)
		}
	})
}

// TestHighRate: above 60 fps timecode counts at the base, each number
// naming Step frames; frames between numbers are not Exact and format as
// the number before them; ffmpeg's three-digit form reads every frame.
func TestHighRate(t *testing.T) {
	steps := []struct {
		r    rate
		want int64
	}{
		{r24, 1}, {r5994, 1}, {r60, 1}, {rate{120, 1}, 2}, {rate{120000, 1001}, 2},
		{rate{100, 1}, 2}, {rate{240, 1}, 4}, {rate{72, 1}, 3}, {rate{0, 1}, 0},
	}
	for _, tt := range steps {
		if got := Step(tt.r.num, tt.r.den); got != tt.want {
			t.Errorf("Step(%d/%d) = %d, want %d", tt.r.num, tt.r.den, got, tt.want)
		}
	}
	if Nominal(120000, 1001) != 120 || Nominal(24000, 1001) != 24 || Nominal(0, 1) != 0 {
		t.Errorf("Nominal: %d %d %d", Nominal(120000, 1001), Nominal(24000, 1001), Nominal(0, 1))
	}
	for f, want := range map[int64]bool{432000: true, 432001: false, 432002: true, -2: true, -1: false} {
		if got := Exact(f, 120, 1); got != want {
			t.Errorf("Exact(%d, 120) = %v, want %v", f, got, want)
		}
	}
	if !Exact(7, 25, 1) || Exact(0, 0, 1) {
		t.Error("Exact: every frame at 25, none at an invalid rate")
	}
	// The frame after a timecode number shares its text.
	if got := Format(432001, 120, 1, false); got != "01:00:00:00" {
		t.Errorf("Format(432001, 120) = %q, want 01:00:00:00", got)
	}
	if got := Format(-1, 120, 1, false); got != "23:59:59:59" {
		t.Errorf("Format(-1, 120) = %q, want 23:59:59:59", got)
	}
	parses := []struct {
		s    string
		r    rate
		want int64
	}{
		{"01:00:00:00", rate{120, 1}, 432000},
		{"10:00:00:00", rate{120, 1}, 10 * 3600 * 120},
		{"00:00:01:01", rate{120, 1}, 122},
		// ffmpeg's three digits count every frame at the full rate.
		{"10:00:00:000", rate{120, 1}, 10 * 3600 * 120},
		{"00:00:01:077", rate{120, 1}, 197},
		{"00:00:00:119", rate{120, 1}, 119},
		{"00:01:00;008", rate{120000, 1001}, 7200},
		{"00:01:00;04", rate{120000, 1001}, 7200},
		{"00:00:00:59", rate{120000, 1001}, 118},
		{"00:00:00:49", rate{100, 1}, 98},
	}
	for _, tt := range parses {
		got, err := Parse(tt.s, tt.r.num, tt.r.den, false)
		if err != nil || got != tt.want {
			t.Errorf("Parse(%q, %d/%d) = %d, %v; want %d", tt.s, tt.r.num, tt.r.den, got, err, tt.want)
		}
	}
	bad := []struct {
		s    string
		r    rate
		want error
	}{
		{"00:00:00:60", rate{120, 1}, ErrRange},   // two digits count at 60
		{"00:00:00:120", rate{120, 1}, ErrRange},  // three count at 120
		{"00:00:00:50", rate{100, 1}, ErrRange},   // 100 counts at 50
		{"00:00:00:000", rate{100, 1}, ErrSyntax}, // three digits only above 100
		{"00:01:00;03", rate{120000, 1001}, ErrRange},
		{"00:01:00;007", rate{120000, 1001}, ErrRange},
		{"00:00:00;00", rate{120, 1}, ErrDrop},
		{"00:00:00;00", rate{150000, 1001}, ErrDrop}, // 149.85 counts at 49.95
	}
	for _, tt := range bad {
		if _, err := Parse(tt.s, tt.r.num, tt.r.den, false); !errors.Is(err, tt.want) {
			t.Errorf("Parse(%q, %d/%d) error = %v, want %v", tt.s, tt.r.num, tt.r.den, err, tt.want)
		}
	}
	if d := FramesPerDay(120, 1, false); d != 2*FramesPerDay(60, 1, false) {
		t.Errorf("FramesPerDay(120) = %d", d)
	}
	if d := FramesPerDay(120000, 1001, true); d != 2*FramesPerDay(60000, 1001, true) {
		t.Errorf("FramesPerDay(119.88 DF) = %d", d)
	}
}

// TestRoundTripHighRate: at 120 and 119.88 DF every timecode frame of a
// day formats and parses back to itself, and the frame after it formats
// to the same text.
func TestRoundTripHighRate(t *testing.T) {
	for _, rr := range []struct {
		r    rate
		drop bool
	}{{rate{120, 1}, false}, {rate{120000, 1001}, true}, {rate{240, 1}, false}} {
		step := Step(rr.r.num, rr.r.den)
		day := FramesPerDay(rr.r.num, rr.r.den, rr.drop)
		prev := ""
		for f := int64(0); f < day; f += 13 * step {
			s := Format(f, rr.r.num, rr.r.den, rr.drop)
			if s <= prev {
				t.Fatalf("%d/%d: frame %d %q not after %q", rr.r.num, rr.r.den, f, s, prev)
			}
			prev = s
			got, err := Parse(s, rr.r.num, rr.r.den, rr.drop)
			if err != nil || got != f {
				t.Fatalf("%d/%d: frame %d → %q → %d, %v", rr.r.num, rr.r.den, f, s, got, err)
			}
			if n := Format(f+step-1, rr.r.num, rr.r.den, rr.drop); n != s {
				t.Fatalf("%d/%d: frame %d → %q, frame %d → %q", rr.r.num, rr.r.den, f, s, f+step-1, n)
			}
		}
	}
}
