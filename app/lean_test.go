package main

import (
	"debug/elf"
	"os"
	"strings"
	"testing"
)

// TestLeanLink checks that the build flags of scripts/buildenv.sh keep
// working: built with them (as make test builds it), this test binary,
// which holds every rushcut command, must not NEED the OpenCV and FFmpeg
// modules no code calls. Each of them loads dozens of libraries into every
// rushcut process (imgcodecs alone 63: gdal, gdcm, ...). A new call into one
// of them (gocv.IMWrite, a VideoCapture) brings them back and fails here.
func TestLeanLink(t *testing.T) {
	if !strings.Contains(os.Getenv("GOFLAGS"), "--gc-sections") {
		t.Skip("built without the flags of scripts/buildenv.sh (make test sources it)")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	f, err := elf.Open(exe)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	libs, err := f.ImportedLibraries()
	if err != nil {
		t.Fatal(err)
	}
	unused := []string{"libopencv_highgui", "libopencv_videoio", "libopencv_imgcodecs", "libopencv_features2d", "libopencv_photo", "libavdevice"}
	for _, l := range libs {
		for _, u := range unused {
			if strings.HasPrefix(l, u+".") {
				t.Errorf("%s NEEDs %s, which nothing in rushcut should call", exe, l)
			}
		}
	}
	if len(libs) == 0 {
		t.Errorf("%s: no NEEDED libraries read", exe)
	}
}
