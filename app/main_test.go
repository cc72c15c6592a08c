package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestMain lets a test run this binary as the real rushcut command: with
// RUSHCUT_AS_CLI set, the test binary behaves as `rushcut ARGS...`.
func TestMain(m *testing.M) {
	if os.Getenv("RUSHCUT_AS_CLI") == "1" {
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// rushcutProcess runs the test binary as rushcut in a child process.
func rushcutProcess(t *testing.T, env []string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(append(os.Environ(), "RUSHCUT_AS_CLI=1"), env...)
	var o, e strings.Builder
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return o.String(), e.String(), code
}

func TestOneErrorLineUnderCLocale(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "gone.mxf")
	for _, lang := range []string{"C.UTF-8", "C", "POSIX", "en_US.UTF-8"} {
		_, stderr, code := rushcutProcess(t, []string{"LANG=" + lang, "LC_ALL="}, "probe", missing)
		lines := strings.Split(strings.TrimRight(stderr, "\n"), "\n")
		if code != exitUsage || len(lines) != 1 || !strings.Contains(lines[0], "gone.mxf: no such file") {
			t.Errorf("LANG=%s: exit %d, stderr %q; want exit 2 and one line", lang, code, stderr)
		}
	}
}
