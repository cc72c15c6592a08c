package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"rushcut/app/effects"
	"rushcut/app/suggest"
	"rushcut/media/mediatest"
)

func TestEffectsBadInput(t *testing.T) {
	dir := t.TempDir()
	edlPath := filepath.Join(dir, "cut.edl")
	if err := os.WriteFile(edlPath, []byte("TITLE: x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"effects"}, "usage"},
		{[]string{"effects", filepath.Join(dir, "gone.edl"), "--media", dir}, "gone.edl"},
		{[]string{"effects", edlPath}, "--media"},
		{[]string{"effects", dir}, "no video files"},
		{[]string{"assemble", dir, "-o", filepath.Join(dir, "x.edl"), "--effects", "all"}, "--effects"},
		{[]string{"assemble", dir, "-o", filepath.Join(dir, "x.edl"), "--effects"}, "--effects"},
	} {
		_, stderr, code := rushcutProcess(t, nil, c.args...)
		if code != exitUsage || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 naming %q", c.args, code, stderr, c.want)
		}
	}
}

// TestEffectsEndToEnd makes two takes of two scenes (pans across two
// opencv-doc stills), lists the effects proposed on their rough cut as
// JSON, and assembles the cut with the proposed effects and without.
func TestEffectsEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("generates and analyses footage")
	}
	dir := t.TempDir()
	for i, img := range []string{"fruits.jpg", "building.jpg"} {
		src := mediatest.FFmpeg(t, "take.mp4", "-loop", "1", "-framerate", "25", "-i", mediatest.OpencvData(t, img), "-t", "4",
			"-vf", "scale=1280:-2,crop=480:360:x='100+t*20':y=40,scale=320:240,setsar=1", "-c:v", "libx264", "-preset", "veryfast",
			"-pix_fmt", "yuv420p", "-metadata", fmt.Sprintf("timecode=01:0%d:00:00", i))
		if err := os.Rename(src, filepath.Join(dir, fmt.Sprintf("take%d.mp4", i+1))); err != nil {
			t.Fatal(err)
		}
	}
	stdout, stderr, code := rushcutProcess(t, nil, "effects", dir, "--json", "--no-vit", "--no-color")
	if code != exitOK {
		t.Fatalf("effects: exit %d: %s", code, stderr)
	}
	var list []effectJSON
	if err := json.Unmarshal([]byte(stdout), &list); err != nil {
		t.Fatalf("effects --json: %v\n%s", err, stdout)
	}
	kinds := map[string]int{}
	for _, e := range list {
		kinds[e.Kind]++
		if e.ID == "" || e.Reason == "" || e.Confidence <= 0 || e.Status != suggest.Proposed {
			t.Errorf("incomplete suggestion %+v", e)
		}
		if _, err := effects.Decode(suggest.Kind(e.Kind), e.Params); err != nil {
			t.Errorf("%s: %v", e.ID, err)
		}
	}
	if kinds["fade_in"] != 1 || kinds["fade_out"] != 1 {
		t.Errorf("kinds %v, want a fade in and a fade out", kinds)
	}
	// Through a project: the effects are listed and saved into it, one is
	// accepted with rushcut decide, and assemble --effects accepted (the
	// default) applies that one.
	proj := filepath.Join(dir, "day.rushcut")
	if _, stderr, code := rushcutProcess(t, nil, "assemble", dir, "--no-vit", "--project", proj, "-o", filepath.Join(dir, "plain.otio")); code != exitOK {
		t.Fatalf("assemble --project: exit %d: %s", code, stderr)
	}
	stdout, stderr, code = rushcutProcess(t, nil, "effects", proj, "--json", "--no-vit", "--no-color")
	if code != exitOK {
		t.Fatalf("effects on the project: exit %d: %s", code, stderr)
	}
	list = nil
	if err := json.Unmarshal([]byte(stdout), &list); err != nil {
		t.Fatal(err)
	}
	fade := ""
	for _, e := range list {
		if e.Kind == "fade_in" {
			fade = e.ID
		}
	}
	if fade == "" {
		t.Fatalf("no fade_in in the project's effects: %s", stdout)
	}
	if _, stderr, code := rushcutProcess(t, nil, "decide", proj, "--accept", fade); code != exitOK {
		t.Fatalf("decide --accept %s: exit %d: %s", fade, code, stderr)
	}
	accepted := filepath.Join(dir, "accepted.otio")
	_, stderr, code = rushcutProcess(t, nil, "assemble", proj, "--no-vit", "-o", accepted)
	if code != exitOK || !strings.Contains(stderr, "effects (accepted): 1 applied") {
		t.Fatalf("assemble with an accepted fade: exit %d: %s", code, stderr)
	}
	if b, err := os.ReadFile(accepted); err != nil || strings.Count(string(b), "Transition.1") != 1 {
		t.Errorf("accepted fade: %d transitions in the OTIO (%v), want 1", strings.Count(string(b), "Transition.1"), err)
	}
	for _, mode := range []string{"proposed", "none"} {
		out := filepath.Join(dir, mode+".otio")
		_, stderr, code := rushcutProcess(t, nil, "assemble", dir, "--no-vit", "--effects", mode, "-o", out)
		if code != exitOK {
			t.Fatalf("assemble --effects %s: exit %d: %s", mode, code, stderr)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		has := strings.Contains(string(b), "Transition.1")
		if has != (mode == "proposed") {
			t.Errorf("--effects %s: OTIO holds a transition: %v; stderr %s", mode, has, stderr)
		}
	}
}
