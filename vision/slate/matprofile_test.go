//go:build matprofile

package slate

import (
	"bytes"
	"testing"

	"gocv.io/x/gocv"
)

// TestNoMatLeak counts live gocv Mats (go test -tags matprofile): reading
// frames and files, a frame with no text and a refused frame must leave
// none behind once the Reader is closed.
func TestNoMatLeak(t *testing.T) {
	before := gocv.MatProfile.Count()
	r, err := NewReader()
	if err != nil {
		t.Fatal(err)
	}
	for _, lines := range [][]string{{"SCENE 3", "TAKE 2"}, nil} {
		for _, gray := range []bool{false, true} {
			if _, err := r.ReadFrame(boardFrame(480, 270, lines, gray)); err != nil {
				t.Fatal(err)
			}
		}
	}
	bad := boardFrame(480, 270, nil, false)
	bad.Data = bad.Data[:10]
	if _, err := r.ReadFrame(bad); err == nil {
		t.Error("read a frame shorter than its size")
	}
	if _, err := r.Read(blackClip(t), []int{1, 2, 3}); err != nil {
		t.Fatal(err)
	}
	r.Close()
	r.Close()
	if after := gocv.MatProfile.Count(); after != before {
		var b bytes.Buffer
		gocv.MatProfile.WriteTo(&b, 1)
		t.Fatalf("%d Mats leaked:\n%s", after-before, b.String())
	}
}
