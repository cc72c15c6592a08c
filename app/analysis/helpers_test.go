package analysis

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	"rushcut/vision/reels"
)

// opencvDataDir is where Debian's opencv-doc package installs real footage.
const opencvDataDir = "/usr/share/doc/opencv-doc/examples/data"

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
	full := append([]string{"-hide_banner", "-nostdin", "-loglevel", "error", "-y"}, args...)
	full = append(full, out)
	if b, err := exec.Command("ffmpeg", full...).CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg %v: %v\n%s", full, err, b)
	}
	return out
}

// noCache analyses without touching any cache.
var noCache = Options{NoCache: true}

var (
	setOnce sync.Once
	setDir  string
	setErr  error
)

// reelSet generates the labelled reels once per test binary, in a
// directory removed when the tests end (see TestMain).
func reelSet(t testing.TB) string {
	t.Helper()
	setOnce.Do(func() {
		setDir, setErr = os.MkdirTemp("", "rushcut-reels-")
		if setErr == nil {
			_, setErr = reels.GenerateSet(context.Background(), setDir, append(reels.Set(), reels.Holdout()...))
		}
	})
	if setErr != nil {
		t.Fatal(setErr)
	}
	return setDir
}

func TestMain(m *testing.M) {
	// Keep tests from writing to the user's cache.
	dir, err := os.MkdirTemp("", "rushcut-cache-")
	if err == nil {
		os.Setenv(CacheDirEnv, dir)
	}
	code := m.Run()
	os.RemoveAll(dir)
	if setDir != "" {
		os.RemoveAll(setDir)
	}
	os.Exit(code)
}
