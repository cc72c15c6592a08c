package media

import (
	"io"
	"testing"
)

// TestNoIndex checks that a Sequential read with NoIndex keeps no frame
// index and reads the same frames, with the same times, as one that does.
func TestNoIndex(t *testing.T) {
	p := opencvData(t, "Megamind.avi")
	read := func(noIndex bool) ([]float64, []IndexEntry) {
		r, err := OpenReader(p, ReaderOptions{Width: 64, Sequential: true, NoIndex: noIndex})
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		var times []float64
		for {
			f, err := r.Next()
			if err == io.EOF {
				return times, r.Index()
			}
			if err != nil {
				t.Fatal(err)
			}
			times = append(times, f.TimeS)
		}
	}
	withT, idx := read(false)
	withoutT, none := read(true)
	if len(idx) != len(withT) || len(withT) == 0 {
		t.Fatalf("the indexed read kept %d entries for %d frames", len(idx), len(withT))
	}
	if none != nil {
		t.Errorf("NoIndex kept %d entries", len(none))
	}
	if len(withoutT) != len(withT) {
		t.Fatalf("NoIndex read %d frames, the indexed read %d", len(withoutT), len(withT))
	}
	for i := range withT {
		if withT[i] != withoutT[i] {
			t.Fatalf("frame %d at %v s without the index, %v s with it", i, withoutT[i], withT[i])
		}
	}
}
