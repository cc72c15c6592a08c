package effects

import (
	"slices"
	"testing"
)

// TestDamaged checks the damage rule on made-up scores: a frame is
// damaged at DefaultOptions.Impulse or more and ImpulseRatio times both
// neighbours; the first and last frames never are.
func TestDamaged(t *testing.T) {
	o := DefaultOptions
	s := []float64{
		0.5,           // 0: first frame, never
		0,             // 1
		o.Impulse,     // 2: at the floor, neighbours 0: damaged
		0,             // 3
		o.Impulse / 2, // 4: below the floor
		0,             // 5
		0.01,          // 6: but 7 is more than a quarter of it
		0.003,         // 7
		0,             // 8
		0.01,          // 9: 4× its neighbours exactly
		0.0025,        // 10
		0.9,           // 11: last frame, never
	}
	if got, want := damaged(s, o), []int{2, 9}; !slices.Equal(got, want) {
		t.Errorf("damaged %v, want %v", got, want)
	}
	if got := damaged(nil, o); got != nil {
		t.Errorf("no scores: %v", got)
	}
}
