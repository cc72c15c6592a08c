//go:build matprofile

package vision

import (
	"bytes"
	"testing"

	"gocv.io/x/gocv"
)

// TestNoMatLeak counts live gocv Mats (go test -tags matprofile): a whole
// file's extraction, a primed mid-file start and a failed constructor must
// leave none behind.
func TestNoMatLeak(t *testing.T) {
	before := gocv.MatProfile.Count()
	extractFile(t, opencvData(t, "Megamind.avi"), true)
	e, err := NewExtractor(ExtractorOptions{Width: 64, Height: 48, FaceCascade: DefaultFaceCascade})
	if err != nil {
		t.Fatal(err)
	}
	frame := make([]byte, 64*48*3)
	if err := e.Prime(frame, 9); err != nil {
		t.Fatal(err)
	}
	for i := 10; i < 20; i++ {
		if _, err := e.Add(frame, i); err != nil {
			t.Fatal(err)
		}
	}
	e.Close()
	e.Close()
	if _, err := NewExtractor(ExtractorOptions{Width: 64, Height: 48, FaceCascade: "/nonexistent.xml"}); err == nil {
		t.Fatal("bad cascade accepted")
	}
	if after := gocv.MatProfile.Count(); after != before {
		var b bytes.Buffer
		gocv.MatProfile.WriteTo(&b, 1)
		t.Fatalf("%d Mats leaked:\n%s", after-before, b.String())
	}
}
