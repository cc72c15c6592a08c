package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// rushcutWithin runs the test binary as rushcut in a child process, killed
// after limit: a command blocked on a named pipe must fail the test, not
// hang it.
func rushcutWithin(t *testing.T, limit time.Duration, args ...string) (stderr string, code int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], args...)
	cmd.Env = append(os.Environ(), "RUSHCUT_AS_CLI=1", "RUSHCUT_CACHE_DIR="+t.TempDir())
	var e strings.Builder
	cmd.Stderr = &e
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("rushcut %s: still running after %v (blocked on the pipe?)", strings.Join(args, " "), limit)
	}
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return e.String(), code
}

// TestFIFOEveryCommand points every command that reads media at a named
// pipe (nobody ever writes to it): each must refuse it at once, exit 2,
// with one line naming it.
func TestFIFOEveryCommand(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "f.mp4")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	truth := filepath.Join(dir, "truth.json")
	os.WriteFile(truth, []byte(`{"frames": 10, "transitions": []}`), 0o644)
	fifoTruth := filepath.Join(dir, "truth-pipe.json")
	syscall.Mkfifo(fifoTruth, 0o644)
	out := filepath.Join(dir, "out.edl")
	cases := map[string][]string{
		"probe":          {"probe", fifo},
		"cuts":           {"cuts", fifo, "--json"},
		"cuts --no-vit":  {"cuts", fifo, "--no-vit", "--no-cache"},
		"embed":          {"embed", fifo},
		"eval":           {"eval", "--truth", truth, fifo},
		"eval truth":     {"eval", "--truth", fifoTruth, megamind},
		"analyze":        {"analyze", fifo},
		"assemble":       {"assemble", fifo, "-o", out},
		"assemble plain": {"assemble", "--plain", fifo, "-o", out},
	}
	for name, args := range cases {
		t.Run(name, func(t *testing.T) {
			stderr, code := rushcutWithin(t, 60*time.Second, args...)
			lines := strings.Split(strings.TrimRight(stderr, "\n"), "\n")
			named := fifo
			if name == "eval truth" {
				named = fifoTruth
			}
			if code != exitUsage || len(lines) != 1 || !strings.Contains(lines[0], named+": not a regular file") {
				t.Errorf("exit %d, stderr %q; want exit 2 and one line naming %s", code, stderr, named)
			}
		})
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("assemble wrote an output from a pipe")
	}
}

// TestFIFOInFolder scans a folder holding a named pipe with a video name
// and a macOS AppleDouble file: the pipe is refused by name (not waited
// on), the AppleDouble file never read.
func TestFIFOInFolder(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "A001.mov"), 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	os.WriteFile(filepath.Join(dir, "._A001.mov"), []byte("Mac OS X resource fork"), 0o644)
	stderr, code := rushcutWithin(t, 60*time.Second, "analyze", dir, "--no-vit")
	if code != exitUsage || !strings.Contains(stderr, filepath.Join(dir, "A001.mov")+": not a regular file") || strings.Contains(stderr, "._A001") {
		t.Errorf("exit %d, stderr %q; want exit 2, the pipe refused by name, the AppleDouble file skipped", code, stderr)
	}
}
