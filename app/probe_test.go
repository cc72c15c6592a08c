package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"rushcut/media"
)

const megamind = "/usr/share/doc/opencv-doc/examples/data/Megamind.avi"

func runCLI(args ...string) (string, string, int) {
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return out.String(), errb.String(), code
}

func TestProbeJSON(t *testing.T) {
	out, stderr, code := runCLI("probe", megamind, "--json")
	if code != exitOK {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	var infos []media.Info
	if err := json.Unmarshal([]byte(out), &infos); err != nil {
		t.Fatalf("bad JSON: %v\n%s", err, out)
	}
	if len(infos) != 1 {
		t.Fatalf("%d objects, want 1", len(infos))
	}
	v := infos[0].Video
	if v == nil || v.Width != 720 || v.Height != 528 || v.Frames != 270 || v.FrameRate != (media.Rational{Num: 2997, Den: 125}) {
		t.Errorf("video %+v", v)
	}
	// The rate is written as the rational string the README documents.
	if !strings.Contains(out, `"frame_rate": "2997/125"`) {
		t.Errorf("frame_rate not written as \"2997/125\":\n%s", out)
	}
}

func TestProbeTable(t *testing.T) {
	out, _, code := runCLI("probe", megamind)
	if code != exitOK || !strings.Contains(out, "Megamind.avi") || !strings.Contains(out, "720x528") || !strings.Contains(out, "270") {
		t.Errorf("exit %d, table:\n%s", code, out)
	}
}

func TestProbeExitCodes(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.mov")
	os.WriteFile(empty, nil, 0o644)
	cases := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no files", []string{"probe"}, exitUsage, "usage"},
		{"bad flag", []string{"probe", "--nope", megamind}, exitUsage, "nope"},
		{"missing", []string{"probe", filepath.Join(dir, "x.mp4")}, exitUsage, "x.mp4: no such file"},
		{"empty", []string{"probe", empty}, exitUsage, "empty.mov: empty file"},
		{"one good one bad", []string{"probe", megamind, dir}, exitUsage, "is a directory"},
		{"unknown command", []string{"frobnicate"}, exitUsage, "unknown command"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, stderr, code := runCLI(c.args...)
			if code != c.code || !strings.Contains(stderr, c.msg) {
				t.Errorf("exit %d stderr %q, want %d containing %q", code, stderr, c.code, c.msg)
			}
			for _, l := range strings.Split(strings.TrimSpace(stderr), "\n") {
				if strings.Contains(l, "panic") {
					t.Errorf("panic: %s", stderr)
				}
			}
		})
	}
}
