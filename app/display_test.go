package main

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestDisplayAddress(t *testing.T) {
	for _, c := range []struct{ d, network, addr string }{
		{":0", "unix", "/tmp/.X11-unix/X0"},
		{":99.0", "unix", "/tmp/.X11-unix/X99"},
		{"unix:3", "unix", "/tmp/.X11-unix/X3"},
		{"localhost:10.0", "tcp", "localhost:6010"},
		{"/private/tmp/launch-x/org.xquartz:0", "unix", "/private/tmp/launch-x/org.xquartz:0"},
	} {
		n, a, err := displayAddress(c.d)
		if err != nil || n != c.network || a != c.addr {
			t.Errorf("%q: %s %s %v; want %s %s", c.d, n, a, err, c.network, c.addr)
		}
	}
	for _, d := range []string{"nonsense", ":x", "host:-1"} {
		if _, _, err := displayAddress(d); err == nil {
			t.Errorf("%q: no error", d)
		}
	}
}

// TestGUIWithoutDisplay: with no X server the window cannot open; the
// command says so in one line and exits non-zero (GLFW used to panic).
func TestGUIWithoutDisplay(t *testing.T) {
	rushes := t.TempDir()
	if err := os.WriteFile(filepath.Join(rushes, "a.mp4"), []byte("not probed before the window opens"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, env := range [][]string{{"DISPLAY="}, {"DISPLAY=:987"}} {
		for _, args := range [][]string{nil, {"gui", "--bin"}, {"gui", "--demo"}, {"gui", rushes}} {
			_, stderr, code := rushcutProcess(t, env, args...)
			lines := strings.Split(strings.TrimRight(stderr, "\n"), "\n")
			if code != exitFail || len(lines) != 1 || !strings.Contains(lines[0], "no display") || strings.Contains(stderr, "panic") {
				t.Errorf("%v %v: exit %d, stderr %q; want exit 1 and one line saying there is no display", env, args, code, stderr)
			}
		}
	}
}

// waitForX waits (up to 30 s) until the X server started for display
// answers, so a loaded machine's slow Xvfb start is not a failed window.
func waitForX(t testing.TB, display string) {
	t.Helper()
	network, addr, err := displayAddress(display)
	if err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		c, err := net.DialTimeout(network, addr, time.Second)
		if err == nil {
			c.Close()
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("Xvfb %s never answered at %s: %v", display, addr, err)
		}
	}
}
