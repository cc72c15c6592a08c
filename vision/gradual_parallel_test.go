package vision

import (
	"reflect"
	"runtime"
	"testing"
)

// TestDetectParallel checks that Detect gives the same result on one core
// as on two and four: the gradual fits run in parallel and must be
// gathered in scan order. Megamind.avi has cuts and dissolves (over a
// hundred candidate centres, so the workers start).
func TestDetectParallel(t *testing.T) {
	fs := extractFile(t, opencvData(t, "Megamind.avi"), false)
	old := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(old)
	want := Detect(fs)
	for _, p := range []int{2, 4} {
		runtime.GOMAXPROCS(p)
		if got := Detect(fs); !reflect.DeepEqual(got, want) {
			t.Errorf("GOMAXPROCS %d: %+v\nwant (one core) %+v", p, got.Transitions, want.Transitions)
		}
	}
}
