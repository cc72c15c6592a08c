package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"rushcut/app/doc"
	"rushcut/app/edit"
	"rushcut/app/effects"
	"rushcut/app/suggest"
	"rushcut/media/mediatest"
)

// previewProject saves a project holding Megamind.avi (timecode starting
// at frame 1000) and one stabilize suggestion over its media frames
// 1010..1070, and returns its path and the suggestion's ID.
func previewProject(t *testing.T) (string, string) {
	t.Helper()
	src := mediatest.OpencvData(t, "Megamind.avi")
	hash, size, err := doc.HashFile(src)
	if err != nil {
		t.Fatal(err)
	}
	rate := edit.Rate{Num: 2997, Den: 125}
	ref := &edit.MediaReference{Path: src, ContentHash: hash, Rate: rate, Start: 1000, Duration: 270, Width: 720, Height: 528}
	p := doc.New("preview test")
	p.Media = []*doc.Media{{Ref: ref, Size: size}}
	s := suggest.Suggestion{Kind: effects.Stabilize,
		Target:     suggest.Target{Path: src, Hash: hash, Range: edit.TimeRange{Start: 1010, Duration: 60, Rate: rate}},
		Params:     suggest.Params{Values: (&effects.StabilizeParams{Radius: 10, Crop: 0.05}).Values()},
		Confidence: 0.8, Reason: "test"}
	list := suggest.Identify([]suggest.Suggestion{s})
	if _, err := p.Suggestions.Merge(list); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "p.rushcut")
	if err := doc.Save(path, p); err != nil {
		t.Fatal(err)
	}
	return path, list[0].ID
}

// TestPreviewCommand renders a project's suggestion and a direct
// --file/--effect preview through the real command, checks the MP4s
// (H.264, the frames asked for) and the still, and the exit status and
// single error line of bad uses.
func TestPreviewCommand(t *testing.T) {
	cache := []string{"XDG_CACHE_HOME=" + t.TempDir()}
	proj, id := previewProject(t)
	dir := t.TempDir()
	out, still := filepath.Join(dir, "ba.mp4"), filepath.Join(dir, "ba.png")
	stdout, stderr, code := rushcutProcess(t, cache, "preview", proj, id, "-o", out, "--still", still, "--width", "320")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "60 frames 320x") || !strings.Contains(stdout, "crop") {
		t.Errorf("stdout %q", stdout)
	}
	probe := func(path string) string {
		b, err := exec.Command("ffprobe", "-v", "error", "-select_streams", "v", "-count_frames",
			"-show_entries", "stream=codec_name,width,nb_read_frames", "-of", "csv=p=0", path).Output()
		if err != nil {
			t.Fatalf("ffprobe %s: %v", path, err)
		}
		return strings.TrimSpace(string(b))
	}
	if got := probe(out); got != "h264,320,60" {
		t.Errorf("project preview: ffprobe %q, want h264,320,60", got)
	}
	if fi, err := os.Stat(still); err != nil || fi.Size() == 0 {
		t.Errorf("still: %v", err)
	}
	// Again: from the cache.
	stdout, _, code = rushcutProcess(t, cache, "preview", proj, id, "-o", out, "--width", "320")
	if code != exitOK || !strings.Contains(stdout, "(cached)") {
		t.Errorf("second run: exit %d, %q", code, stdout)
	}

	direct := filepath.Join(dir, "speed.mp4")
	_, stderr, code = rushcutProcess(t, cache, "preview", "--file", mediatest.OpencvData(t, "Megamind.avi"),
		"--in", "20", "--out", "40", "--effect", "speed:speed=1/2", "--width", "240", "-o", direct)
	if code != exitOK {
		t.Fatalf("direct form: exit %d: %s", code, stderr)
	}
	if got := probe(direct); got != "h264,240,40" {
		t.Errorf("direct speed preview: ffprobe %q, want h264,240,40", got)
	}

	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{proj, "stabilize-nope", "-o", out}, `no suggestion "stabilize-nope"`},
		{[]string{proj, id}, "-o OUT.mp4 is required"},
		{[]string{"--file", "/no/such.mov", "--effect", "stabilize", "-o", out}, "/no/such.mov"},
		{[]string{"--file", proj, "--effect", "wobble", "-o", out}, `unknown effect "wobble"`},
		{[]string{"--file", mediatest.OpencvData(t, "Megamind.avi"), "--out", "5000", "--effect", "stabilize", "-o", out}, "has 270 frames"},
		{[]string{"--file", mediatest.OpencvData(t, "Megamind.avi"), "--effect", "stabilize:radius=x", "-o", out}, `radius="x" is not a number`},
	} {
		_, stderr, code := rushcutProcess(t, cache, append([]string{"preview"}, c.args...)...)
		first := strings.SplitN(stderr, "\n", 2)[0]
		if code != exitUsage || !strings.Contains(first, c.want) {
			t.Errorf("preview %v: exit %d, stderr %q; want exit 2 and %q", c.args, code, stderr, c.want)
		}
	}
}
