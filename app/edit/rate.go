package edit

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"

	"rushcut/media/timecode"
)

// Rate is a frame rate as an exact ratio, e.g. 30000/1001 for 29.97 fps.
// Two Rates are the same rate when Equal, even if written differently.
type Rate struct {
	Num int `json:"num"`
	Den int `json:"den"`
}

// Common rates.
var (
	Rate23976 = Rate{24000, 1001}
	Rate24    = Rate{24, 1}
	Rate25    = Rate{25, 1}
	Rate2997  = Rate{30000, 1001}
	Rate30    = Rate{30, 1}
	Rate50    = Rate{50, 1}
	Rate5994  = Rate{60000, 1001}
	Rate60    = Rate{60, 1}
)

// Valid reports whether both terms are positive.
func (r Rate) Valid() bool { return r.Num > 0 && r.Den > 0 }

// String formats the rate as "num/den".
func (r Rate) String() string { return fmt.Sprintf("%d/%d", r.Num, r.Den) }

// Float returns the rate in frames per second (0 when invalid). Use it for
// display only.
func (r Rate) Float() float64 {
	if !r.Valid() {
		return 0
	}
	return float64(r.Num) / float64(r.Den)
}

// Equal reports whether r and o are the same valid rate (60000/2002 equals
// 30000/1001).
func (r Rate) Equal(o Rate) bool {
	return r.Valid() && o.Valid() && int64(r.Num)*int64(o.Den) == int64(o.Num)*int64(r.Den)
}

// Reduced returns the rate in lowest terms.
func (r Rate) Reduced() Rate {
	if !r.Valid() {
		return r
	}
	g := gcd(int64(r.Num), int64(r.Den))
	return Rate{int(int64(r.Num) / g), int(int64(r.Den) / g)}
}

// Nominal is the rate rounded to an integer (24000/1001 → 24,
// 120000/1001 → 120): the frames a second of timecode spans.
func (r Rate) Nominal() int { return timecode.Nominal(r.Num, r.Den) }

// Base is the timecode base, the frame numbers a second of timecode
// counts: Nominal up to 60 fps (24000/1001 → 24), a base of 60 or less
// dividing it above (120 → 60, 100 → 50); see timecode.Base.
func (r Rate) Base() int { return timecode.Base(r.Num, r.Den) }

// TimecodeStep is how many frames at this rate one timecode frame spans:
// 1 up to 60 fps, 2 at 120 and 119.88 (see timecode.Step).
func (r Rate) TimecodeStep() int64 { return timecode.Step(r.Num, r.Den) }

// TimecodeRate is the rate this rate's timecode counts at: the rate
// itself up to 60 fps, the rate over TimecodeStep above (120 → 60/1,
// 119.88 → 60000/1001, 100 → 50/1). An invalid rate is returned as is.
func (r Rate) TimecodeRate() Rate {
	s := r.TimecodeStep()
	if s <= 1 {
		return r
	}
	return Rate{r.Num, int(int64(r.Den) * s)}.Reduced()
}

// ExactTimecode reports whether frame has timecode of its own at this
// rate (every frame up to 60 fps, every TimecodeStep-th above), so that
// Timecode names it and ParseTimecode gives it back; see timecode.Exact.
func (r Rate) ExactTimecode(frame int64) bool { return timecode.Exact(frame, r.Num, r.Den) }

// CanDrop reports whether drop-frame timecode is defined at this rate.
func (r Rate) CanDrop() bool { return timecode.CanDrop(r.Num, r.Den) }

// NTSC reports whether the rate is an x/1001 rate (23.976, 29.97, 59.94).
func (r Rate) NTSC() bool {
	if !r.Valid() {
		return false
	}
	// num/den = nominal*1000/1001 exactly
	return int64(r.Num)*1001 == int64(r.Nominal())*1000*int64(r.Den)
}

// Timecode formats a frame count at this rate ("HH:MM:SS:FF", or with ';'
// when drop is true and the rate can drop), frames counted at Base: above
// 60 fps a frame without timecode of its own (see ExactTimecode) gets the
// timecode of the frame before it.
func (r Rate) Timecode(frame int64, drop bool) string {
	return timecode.Format(frame, r.Num, r.Den, drop)
}

// ParseTimecode reads timecode text at this rate; see timecode.Parse.
func (r Rate) ParseTimecode(s string, drop bool) (int64, error) {
	return timecode.Parse(s, r.Num, r.Den, drop)
}

// ParseRate reads a rate written as "num/den" ("24000/1001"), an integer
// ("25") or a decimal ("23.976", "29.97", "59.94", "12.5"). Decimals within
// 0.01 of an NTSC rate n×1000/1001 mean that rate exactly.
func ParseRate(s string) (Rate, error) {
	s = strings.TrimSpace(s)
	if n, d, ok := strings.Cut(s, "/"); ok {
		num, err1 := strconv.Atoi(n)
		den, err2 := strconv.Atoi(d)
		r := Rate{num, den}
		if err1 != nil || err2 != nil || !r.Valid() {
			return Rate{}, fmt.Errorf("invalid rate %q: want num/den with positive integers", s)
		}
		return r, nil
	}
	if n, err := strconv.Atoi(s); err == nil {
		if n <= 0 {
			return Rate{}, fmt.Errorf("invalid rate %q: must be positive", s)
		}
		return Rate{n, 1}, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || !(f > 0) || f > 1e6 || !strings.Contains(s, ".") {
		return Rate{}, fmt.Errorf("invalid rate %q: want num/den, an integer or a decimal", s)
	}
	if base := math.Round(f * 1001 / 1000); base >= 1 && math.Abs(f-base*1000/1001) < 0.01 && math.Abs(f-base) > 0.01 {
		return Rate{int(base) * 1000, 1001}, nil
	}
	_, frac, _ := strings.Cut(s, ".")
	den := int(math.Pow10(len(frac)))
	if len(frac) > 6 {
		return Rate{}, fmt.Errorf("invalid rate %q: too many decimals", s)
	}
	return Rate{int(math.Round(f * float64(den))), den}.Reduced(), nil
}

// Ratio is an exact ratio used for speeds: 1/1 is normal speed, 2/1 twice
// as fast, 1/2 half speed. The zero Ratio means "unset" and reads as 1/1
// where a speed is expected.
type Ratio struct {
	Num int `json:"num"`
	Den int `json:"den"`
}

// One is the ratio 1/1.
var One = Ratio{1, 1}

// String formats the ratio as "num/den".
func (q Ratio) String() string { return fmt.Sprintf("%d/%d", q.Num, q.Den) }

// Float returns the ratio as a float64 (0 when the denominator is 0).
func (q Ratio) Float() float64 {
	if q.Den == 0 {
		return 0
	}
	return float64(q.Num) / float64(q.Den)
}

// IsOne reports whether the ratio equals 1.
func (q Ratio) IsOne() bool { return q.Den != 0 && q.Num == q.Den }

// Positive reports whether the ratio is greater than zero.
func (q Ratio) Positive() bool { return q.Den != 0 && (q.Num > 0) == (q.Den > 0) && q.Num != 0 }

// Mul returns q×o reduced; an unset operand counts as 1/1.
func (q Ratio) Mul(o Ratio) Ratio {
	if q == (Ratio{}) {
		q = One
	}
	if o == (Ratio{}) {
		o = One
	}
	n, d := int64(q.Num)*int64(o.Num), int64(q.Den)*int64(o.Den)
	if d < 0 {
		n, d = -n, -d
	}
	if g := gcd(n, d); g > 1 {
		n, d = n/g, d/g
	}
	return Ratio{int(n), int(d)}
}

// RationalTime is a point or length in time: Value frames at Rate, as in
// OpenTimelineIO but with an integer value.
type RationalTime struct {
	Value int64 `json:"value"`
	Rate  Rate  `json:"rate"`
}

// Seconds returns the time in seconds (for display and the edges only).
func (t RationalTime) Seconds() float64 {
	if !t.Rate.Valid() {
		return 0
	}
	return float64(t.Value) * float64(t.Rate.Den) / float64(t.Rate.Num)
}

// RescaledTo returns the same instant at rate r, rounded to the nearest
// frame (halves away from zero).
func (t RationalTime) RescaledTo(r Rate) RationalTime {
	if t.Rate.Equal(r) || !t.Rate.Valid() || !r.Valid() {
		return RationalTime{t.Value, r}
	}
	// value × r.Num × t.Den / (r.Den × t.Num)
	n := new(big.Int).Mul(big.NewInt(t.Value), big.NewInt(int64(r.Num)*int64(t.Rate.Den)))
	d := big.NewInt(int64(r.Den) * int64(t.Rate.Num))
	return RationalTime{roundDiv(n, d), r}
}

// TimeRange is a range of frames at a rate: Start and Duration are frame
// counts; the range covers [Start, Start+Duration).
type TimeRange struct {
	Start    int64 `json:"start"`
	Duration int64 `json:"duration"`
	Rate     Rate  `json:"rate"`
}

// End returns the first frame after the range.
func (r TimeRange) End() int64 { return r.Start + r.Duration }

// StartTime returns the start as a RationalTime.
func (r TimeRange) StartTime() RationalTime { return RationalTime{r.Start, r.Rate} }

// DurationTime returns the duration as a RationalTime.
func (r TimeRange) DurationTime() RationalTime { return RationalTime{r.Duration, r.Rate} }

// Contains reports whether frame lies in the range.
func (r TimeRange) Contains(frame int64) bool { return frame >= r.Start && frame < r.End() }

// ContainsRange reports whether o lies entirely inside r (same rate
// assumed).
func (r TimeRange) ContainsRange(o TimeRange) bool {
	return o.Start >= r.Start && o.End() <= r.End()
}

// Overlaps reports whether r and o share at least one frame.
func (r TimeRange) Overlaps(o TimeRange) bool {
	return r.Duration > 0 && o.Duration > 0 && r.Start < o.End() && o.Start < r.End()
}

func gcd(a, b int64) int64 {
	if a < 0 {
		a = -a
	}
	if b < 0 {
		b = -b
	}
	for b != 0 {
		a, b = b, a%b
	}
	if a == 0 {
		return 1
	}
	return a
}

// roundDiv returns n/d rounded to the nearest integer, halves away from
// zero. d must be positive.
func roundDiv(n, d *big.Int) int64 {
	twice := new(big.Int).Lsh(n, 1)
	if n.Sign() >= 0 {
		twice.Add(twice, d)
	} else {
		twice.Sub(twice, d)
	}
	q := new(big.Int).Quo(twice, new(big.Int).Lsh(d, 1))
	return q.Int64()
}
