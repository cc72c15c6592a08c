package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"rushcut/media/mediatest"
)

func TestCutsJSON(t *testing.T) {
	t.Setenv("RUSHCUT_CACHE_DIR", t.TempDir())
	var out, errb bytes.Buffer
	if code := run([]string{"cuts", megamind, "--json"}, &out, &errb); code != exitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var got struct {
		File        string `json:"file"`
		Frames      int    `json:"frames"`
		FPS         string `json:"fps"`
		Transitions []struct {
			Kind       string  `json:"kind"`
			Frame      *int    `json:"frame"`
			TimeS      float64 `json:"time_s"`
			Confidence float64 `json:"confidence"`
		} `json:"transitions"`
		Shots   []struct{ Start, End int } `json:"shots"`
		Black   [][2]int                   `json:"black"`
		Flashes []int                      `json:"flashes"`
	}
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	var frames []int
	for _, tr := range got.Transitions {
		if tr.Kind != "cut" || tr.Frame == nil || tr.Confidence <= 0 || tr.Confidence > 1 {
			t.Fatalf("bad transition %+v", tr)
		}
		frames = append(frames, *tr.Frame)
	}
	if got.Frames != 270 || got.FPS != "2997/125" || !reflect.DeepEqual(frames, []int{1, 98, 154, 200}) ||
		len(got.Shots) != 4 || !reflect.DeepEqual(got.Black, [][2]int{{0, 0}}) || got.Flashes == nil {
		t.Fatalf("unexpected output:\n%s", out.String())
	}
	if !strings.Contains(errb.String(), "100%") {
		t.Errorf("no progress on stderr: %q", errb.String())
	}
	// Frame 98 starts at 98 × 125/2997 s.
	if ts := got.Transitions[1].TimeS; ts < 4.0874 || ts > 4.0875 {
		t.Errorf("time_s of frame 98 = %v", ts)
	}
}

func TestCutsBadInput(t *testing.T) {
	t.Setenv("RUSHCUT_CACHE_DIR", t.TempDir())
	bad := filepath.Join(t.TempDir(), "x.mov")
	os.WriteFile(bad, []byte("nope"), 0o644)
	for _, args := range [][]string{{"cuts", bad}, {"cuts", bad + ".missing", "--json"}, {"eval", "--truth", bad, megamind}} {
		var out, errb bytes.Buffer
		code := run(args, &out, &errb)
		lines := strings.Split(strings.TrimSpace(errb.String()), "\n")
		last := lines[len(lines)-1]
		if code != exitUsage || !strings.Contains(last, bad) {
			t.Errorf("%v: exit %d, stderr %q", args, code, errb.String())
		}
	}
	var out, errb bytes.Buffer
	if code := run([]string{"cuts"}, &out, &errb); code != exitUsage {
		t.Errorf("no file: exit %d", code)
	}
}

func TestEval(t *testing.T) {
	t.Setenv("RUSHCUT_CACHE_DIR", t.TempDir())
	var out, errb bytes.Buffer
	truth := mediatest.Truth(t, "Megamind.json")
	if code := run([]string{"eval", "--truth", truth, megamind, "--json"}, &out, &errb); code != exitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var got evalJSON
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.Rushcut.Cuts.F1 != 1 || got.Rushcut.Cuts.TP != 4 || got.Scdet == nil || len(got.Extra) != 0 {
		t.Fatalf("unexpected eval: %s", out.String())
	}
	out.Reset()
	if code := run([]string{"eval", "--truth", truth, megamind}, &out, &errb); code != exitOK || !strings.Contains(out.String(), "scdet(10)") {
		t.Fatalf("text eval: %d %s", code, out.String())
	}
}
