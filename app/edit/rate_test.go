package edit

import (
	"math/rand"
	"testing"
)

func TestParseRate(t *testing.T) {
	tests := []struct {
		in      string
		want    Rate
		wantErr bool
	}{
		{"24000/1001", Rate{24000, 1001}, false},
		{"25", Rate{25, 1}, false},
		{" 30 ", Rate{30, 1}, false},
		{"23.976", Rate23976, false},
		{"23.98", Rate23976, false},
		{"29.97", Rate2997, false},
		{"59.94", Rate5994, false},
		{"119.88", Rate{120000, 1001}, false},
		{"12.5", Rate{25, 2}, false},
		{"24.0", Rate{24, 1}, false},
		{"0", Rate{}, true},
		{"-25", Rate{}, true},
		{"25/0", Rate{}, true},
		{"a/b", Rate{}, true},
		{"", Rate{}, true},
		{"fast", Rate{}, true},
		{"1e3", Rate{}, true},
		{"NaN", Rate{}, true},
	}
	for _, tt := range tests {
		got, err := ParseRate(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParseRate(%q) = %v, %v; want %v, err=%v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestRateMethods(t *testing.T) {
	tests := []struct {
		r          Rate
		base       int
		drop, ntsc bool
	}{
		{Rate23976, 24, false, true}, {Rate24, 24, false, false}, {Rate25, 25, false, false},
		{Rate2997, 30, true, true}, {Rate30, 30, false, false}, {Rate50, 50, false, false},
		{Rate5994, 60, true, true}, {Rate60, 60, false, false}, {Rate{2997, 125}, 24, false, false},
	}
	for _, tt := range tests {
		if tt.r.Base() != tt.base || tt.r.CanDrop() != tt.drop || tt.r.NTSC() != tt.ntsc {
			t.Errorf("%s: base %d drop %v ntsc %v; want %d %v %v", tt.r, tt.r.Base(), tt.r.CanDrop(), tt.r.NTSC(), tt.base, tt.drop, tt.ntsc)
		}
	}
	if !(Rate{60000, 2002}).Equal(Rate2997) || Rate24.Equal(Rate23976) || (Rate{}).Equal(Rate{}) {
		t.Error("Equal is wrong")
	}
	if got := (Rate{60000, 2002}).Reduced(); got != Rate2997 {
		t.Errorf("Reduced = %v", got)
	}
	if got := Rate2997.Timecode(17982, true); got != "00:10:00;00" {
		t.Errorf("Timecode = %q", got)
	}
}

func TestRescaledTo(t *testing.T) {
	tests := []struct {
		in   RationalTime
		to   Rate
		want int64
	}{
		{RationalTime{100, Rate25}, Rate50, 200},
		{RationalTime{25, Rate25}, Rate24, 24},
		{RationalTime{1, Rate25}, Rate24, 1},            // 0.96 → 1
		{RationalTime{1, Rate50}, Rate25, 1},            // 0.5 → 1 (half away from zero)
		{RationalTime{-1, Rate50}, Rate25, -1},          // -0.5 → -1
		{RationalTime{24000, Rate23976}, Rate24, 24024}, // 1001 s
		{RationalTime{7, Rate2997}, Rate{60000, 2002}, 7},
	}
	for _, tt := range tests {
		if got := tt.in.RescaledTo(tt.to); got.Value != tt.want || got.Rate != tt.to {
			t.Errorf("%v.RescaledTo(%v) = %v, want %d", tt.in, tt.to, got, tt.want)
		}
	}
	if s := (RationalTime{30000, Rate2997}).Seconds(); s != 1001 {
		t.Errorf("Seconds = %v", s)
	}
}

func TestTimeRange(t *testing.T) {
	r := TimeRange{Start: 10, Duration: 5, Rate: Rate24}
	if r.End() != 15 || !r.Contains(10) || !r.Contains(14) || r.Contains(15) || r.Contains(9) {
		t.Error("End/Contains wrong")
	}
	if !r.ContainsRange(TimeRange{Start: 11, Duration: 4}) || r.ContainsRange(TimeRange{Start: 11, Duration: 5}) {
		t.Error("ContainsRange wrong")
	}
	if !r.Overlaps(TimeRange{Start: 14, Duration: 1}) || r.Overlaps(TimeRange{Start: 15, Duration: 3}) || r.Overlaps(TimeRange{Start: 12}) {
		t.Error("Overlaps wrong")
	}
}

func TestRatio(t *testing.T) {
	if got := (Ratio{2, 1}).Mul(Ratio{3, 4}); got != (Ratio{3, 2}) {
		t.Errorf("Mul = %v", got)
	}
	if got := (Ratio{}).Mul(Ratio{1, -2}); got != (Ratio{-1, 2}) {
		t.Errorf("Mul unset = %v", got)
	}
	if !(Ratio{2, 2}).IsOne() || (Ratio{}).IsOne() || !(Ratio{-1, -2}).Positive() || (Ratio{0, 1}).Positive() || (Ratio{1, 0}).Positive() {
		t.Error("IsOne/Positive wrong")
	}
}

func TestSourceFrames(t *testing.T) {
	tests := []struct {
		record    int64
		speed     Ratio
		media, tl Rate
		want      int64
	}{
		{100, One, Rate24, Rate24, 100},
		{100, One, Rate23976, Rate24, 100}, // frame for frame
		{100, One, Rate2997, Rate30, 100},
		{96, One, Rate25, Rate24, 100}, // real time
		{100, One, Rate50, Rate25, 200},
		{100, One, Rate24, Rate2997, 80}, // 100 × 24 × 1001 / 30000 = 80.08
		{100, Ratio{2, 1}, Rate24, Rate24, 200},
		{101, Ratio{1, 2}, Rate24, Rate24, 51}, // 50.5 → 51
		{100, Ratio{}, Rate24, Rate24, 100},
		{100, Ratio{0, 1}, Rate24, Rate24, 0},
		{100, One, Rate{}, Rate24, 0},
		// Above 60 fps: real time unless the nominal rates match, though
		// 120 and 60 both count timecode at 60.
		{100, One, Rate{120, 1}, Rate60, 200},
		{100, One, Rate{120, 1}, Rate24, 500},
		{100, One, Rate{120000, 1001}, Rate{120, 1}, 100},
	}
	for _, tt := range tests {
		if got := SourceFrames(tt.record, tt.speed, tt.media, tt.tl); got != tt.want {
			t.Errorf("SourceFrames(%d, %v, %v, %v) = %d, want %d", tt.record, tt.speed, tt.media, tt.tl, got, tt.want)
		}
	}
}

// TestRecordFrames checks RecordFrames is the largest record length whose
// SourceFrames fits in the source.
func TestRecordFrames(t *testing.T) {
	rates := []Rate{Rate23976, Rate24, Rate25, Rate2997, Rate30, Rate50, Rate5994, Rate60}
	speeds := []Ratio{One, {2, 1}, {1, 2}, {3, 4}, {5, 3}, {1, 10}}
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 5000; i++ {
		m, tl := rates[rng.Intn(len(rates))], rates[rng.Intn(len(rates))]
		s := speeds[rng.Intn(len(speeds))]
		src := rng.Int63n(5000)
		r := RecordFrames(src, s, m, tl)
		if SourceFrames(r, s, m, tl) > src || SourceFrames(r+1, s, m, tl) <= src {
			t.Fatalf("RecordFrames(%d, %v, %v, %v) = %d: source %d, next %d", src, s, m, tl, r,
				SourceFrames(r, s, m, tl), SourceFrames(r+1, s, m, tl))
		}
	}
}

// TestHighRateTimecode: above 60 fps the timecode counts at a lower base
// while frames stay at the real rate.
func TestHighRateTimecode(t *testing.T) {
	r120, r11988 := Rate{120, 1}, Rate{120000, 1001}
	tests := []struct {
		r             Rate
		nominal, base int
		step          int64
		tcRate        Rate
		ntsc          bool
	}{
		{Rate24, 24, 24, 1, Rate24, false},
		{Rate5994, 60, 60, 1, Rate5994, true},
		{r120, 120, 60, 2, Rate60, false},
		{r11988, 120, 60, 2, Rate5994, true},
		{Rate{100, 1}, 100, 50, 2, Rate50, false},
		{Rate{240, 1}, 240, 60, 4, Rate60, false},
	}
	for _, tt := range tests {
		if tt.r.Nominal() != tt.nominal || tt.r.Base() != tt.base || tt.r.TimecodeStep() != tt.step ||
			tt.r.TimecodeRate() != tt.tcRate || tt.r.NTSC() != tt.ntsc {
			t.Errorf("%v: nominal %d base %d step %d timecode rate %v ntsc %v", tt.r, tt.r.Nominal(), tt.r.Base(),
				tt.r.TimecodeStep(), tt.r.TimecodeRate(), tt.r.NTSC())
		}
	}
	if FrameForFrame(r120, Rate60) || !FrameForFrame(r11988, r120) {
		t.Error("120 in 60 must conform in real time, 119.88 in 120 frame for frame")
	}
	if f, err := r120.ParseTimecode("01:00:00:00", false); err != nil || f != 432000 {
		t.Errorf("01:00:00:00 at 120 = %d, %v; want 432000", f, err)
	}
	if got := r120.Timecode(432001, false); got != "01:00:00:00" || r120.ExactTimecode(432001) || !r120.ExactTimecode(432002) {
		t.Errorf("frame 432001 at 120: %q exact %v", got, r120.ExactTimecode(432001))
	}
}
