package media

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// opencvDataDir is where Debian's opencv-doc package installs real footage.
const opencvDataDir = "/usr/share/doc/opencv-doc/examples/data"

type realClip struct {
	name          string
	width, height int
	rate          Rational
	frames        int
}

// realClips are the opencv-doc clips with their known properties.
var realClips = []realClip{
	{"Megamind.avi", 720, 528, Rational{2997, 125}, 270},
	{"Megamind_bugy.avi", 720, 528, Rational{30, 1}, 270},
	{"vtest.avi", 768, 576, Rational{10, 1}, 795},
	{"tree.avi", 320, 240, Rational{0, 0}, 68},
}

func opencvData(t testing.TB, name string) string {
	t.Helper()
	p := filepath.Join(opencvDataDir, name)
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("real footage missing (scripts/setup.sh installs opencv-doc): %v", err)
	}
	return p
}

// ffmpegFixture runs the ffmpeg CLI to make a fixture in a temp dir.
func ffmpegFixture(t testing.TB, name string, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		t.Fatalf("ffmpeg CLI missing (scripts/setup.sh installs it): %v", err)
	}
	out := filepath.Join(t.TempDir(), name)
	full := append([]string{"-hide_banner", "-loglevel", "error", "-y"}, args...)
	full = append(full, out)
	if b, err := exec.Command("ffmpeg", full...).CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg %v: %v\n%s", full, err, b)
	}
	return out
}
