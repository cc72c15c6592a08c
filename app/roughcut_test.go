package main

import (
	"context"
	"crypto/md5"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"rushcut/app/doc"
	"rushcut/app/edit"
	"rushcut/app/export/edl"
	"rushcut/app/suggest"
	"rushcut/app/takes/rushgen"
	"rushcut/media"
)

// readCut reads an EDL the assemble command wrote, at 25 fps.
func readCut(t *testing.T, path string) *edl.List {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	l, err := edl.Read(f, edit.Rate{Num: 25, Den: 1})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// TestSmartRoughCut: `assemble RUSHES -o cut.edl --project cut.rushcut` on
// generated rushes gives each setup once, its best take, trimmed to the
// action, in scene order; rejecting a take in the project and assembling
// it again gives the next-best take.
func TestSmartRoughCut(t *testing.T) {
	t.Setenv("RUSHCUT_CACHE_DIR", t.TempDir())
	dir := filepath.Join(t.TempDir(), "rushes")
	tr, err := rushgen.Generate(context.Background(), dir, rushgen.Small())
	if err != nil {
		t.Fatal(err)
	}
	// A damaged file among the rushes is reported in one line and skipped.
	if err := os.WriteFile(filepath.Join(dir, "A009_C999_BROKEN.mov"), []byte("not a movie at all"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	cut, proj := filepath.Join(out, "cut.edl"), filepath.Join(out, "cut.rushcut")
	var o, e strings.Builder
	if code := run([]string{"assemble", dir, "-o", cut, "--project", proj}, &o, &e); code != exitOK {
		t.Fatalf("assemble: exit %d: %s", code, e.String())
	}
	if n := strings.Count(e.String(), "A009_C999_BROKEN.mov"); n != 1 || !strings.Contains(e.String(), "(skipped)") {
		t.Errorf("the damaged file is named %d times: %s", n, e.String())
	}
	truth := map[string]rushgen.TakeTruth{}
	for _, tt := range tr.Takes {
		truth[tt.File] = tt
	}
	l := readCut(t, cut)
	var got []string
	for _, ev := range l.Events {
		file := filepath.Base(ev.Source.File)
		got = append(got, file)
		tt := truth[file]
		// Source in/out against the truth's usable range (at 25 fps, from
		// the file's start timecode), within half a second.
		in := ev.Source.In - int64(tt.StartFrame)
		out := ev.Source.Out - int64(tt.StartFrame)
		if d := in - int64(tt.In); d < -12 || d > 12 {
			t.Errorf("%s: in at frame %d, truth %d", file, in, tt.In)
		}
		if d := out - int64(tt.Out+1); d < -12 || d > 12 {
			t.Errorf("%s: out at frame %d, truth %d", file, out, tt.Out+1)
		}
	}
	// Each setup once, its best take, in slate scene order.
	if strings.Join(got, " ") != strings.Join(tr.RoughCut, " ") {
		t.Errorf("rough cut %v, truth %v", got, tr.RoughCut)
	}
	// Reject the first setup's take; the rebuilt cut has its next best.
	p, _, err := doc.Open(proj)
	if err != nil {
		t.Fatal(err)
	}
	var reject suggest.Entry
	for _, en := range p.Suggestions.Entries() {
		if en.Kind == suggest.Take && strings.Contains(en.Target.Path, got[0]) {
			reject = en
		}
	}
	if reject.ID == "" {
		t.Fatalf("no take suggestion for %s", got[0])
	}
	e.Reset()
	if code := run([]string{"decide", proj, "--reject", reject.ID}, &o, &e); code != exitOK {
		t.Fatalf("decide: exit %d: %s", code, e.String())
	}
	cut2 := filepath.Join(out, "cut2.edl")
	if code := run([]string{"assemble", proj, "-o", cut2}, &o, &e); code != exitOK {
		t.Fatalf("assemble project: exit %d: %s", code, e.String())
	}
	l2 := readCut(t, cut2)
	first := filepath.Base(l2.Events[0].Source.File)
	if first == got[0] || truth[first].Setup != truth[got[0]].Setup || len(l2.Events) != len(l.Events) {
		t.Errorf("after rejecting %s the cut opens with %s (setup %s), %d events", got[0], first, truth[first].Setup, len(l2.Events))
	}
	p2, _, err := doc.Open(proj)
	if err != nil {
		t.Fatal(err)
	}
	if en, ok := p2.Suggestions.Get(reject.ID); !ok || en.Decision.Status != suggest.Rejected {
		t.Errorf("the rejection did not survive re-assembly: %+v", en.Decision)
	}
}

// ffmpegFrameMD5 is the md5 of the frame the ffmpeg CLI decodes at time
// at (seconds) — what a time-based NLE shows there — scaled by swscale's
// area filter to 160x90 BGR24.
func ffmpegFrameMD5(t *testing.T, path string, at float64) string {
	t.Helper()
	out, err := exec.Command("ffmpeg", "-v", "error", "-ss", strconv.FormatFloat(at, 'f', 6, 64), "-i", path,
		"-frames:v", "1", "-vf", "scale=160:90:flags=area,format=bgr24", "-f", "rawvideo", "-").Output()
	if err != nil {
		t.Fatalf("ffmpeg %s at %.3f s: %v", path, at, err)
	}
	return fmt.Sprintf("%x", md5.Sum(out))
}

// readerFrameMD5 is the same for our media.Reader's frame n.
func readerFrameMD5(t *testing.T, path string, n int) string {
	t.Helper()
	r, err := media.OpenReader(path, media.ReaderOptions{Width: 160, Height: 90, Format: media.BGR24})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	f, err := r.Seek(n)
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%x", md5.Sum(f.Data))
}

// TestRoughCutConformsFrameExact: every event of the smart rough cut's
// EDL, conformed by time as an NLE does (source timecode less the file's
// start, over its rate), shows exactly the frame the take analysis chose
// as the in point, and the frame before its out.
func TestRoughCutConformsFrameExact(t *testing.T) {
	t.Setenv("RUSHCUT_CACHE_DIR", t.TempDir())
	dir := filepath.Join(t.TempDir(), "rushes")
	if _, err := rushgen.Generate(context.Background(), dir, rushgen.Small()); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code := rushcutProcess(t, nil, "analyze", "--json", dir)
	if code != exitOK {
		t.Fatalf("analyze: %d %s", code, stderr)
	}
	var a analyzeJSON
	if err := json.Unmarshal([]byte(stdout), &a); err != nil {
		t.Fatal(err)
	}
	usable := map[string][2]int{}
	for _, tk := range a.Takes {
		usable[filepath.Base(tk.Path)] = [2]int{tk.Trim.Usable.Start, tk.Trim.Usable.End}
	}
	cut := filepath.Join(t.TempDir(), "cut.edl")
	var o, e strings.Builder
	if code := run([]string{"assemble", dir, "-o", cut}, &o, &e); code != exitOK {
		t.Fatalf("assemble: exit %d: %s", code, e.String())
	}
	for _, ev := range readCut(t, cut).Events {
		path := ev.Source.File
		info, err := media.Probe(path)
		if err != nil {
			t.Fatal(err)
		}
		u := usable[filepath.Base(path)]
		for k, src := range []int64{ev.Source.In, ev.Source.Out - 1} {
			at := float64(src-info.Timecode.Frame) / 25
			want := readerFrameMD5(t, path, u[k])
			if got := ffmpegFrameMD5(t, path, at); got != want {
				t.Errorf("%s: the NLE shows a different frame at %s than Rushcut's frame %d", filepath.Base(path), edit.Rate{Num: 25, Den: 1}.Timecode(src, false), u[k])
			}
		}
	}
}

// TestAssembleCtrlC: SIGINT while `rushcut assemble` analyses the rushes
// exits 130 and leaves neither the EDL nor the project behind.
func TestAssembleCtrlC(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "rushes")
	if _, err := rushgen.Generate(context.Background(), dir, rushgen.Small()); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	cut, proj := filepath.Join(out, "cut.edl"), filepath.Join(out, "cut.rushcut")
	code, stderr := interrupt(t, []string{"RUSHCUT_CACHE_DIR=" + t.TempDir()}, "files", "assemble", dir, "-o", cut, "--project", proj)
	if code != exitInterrupted || !strings.Contains(stderr, "cancelled") {
		t.Errorf("exit %d, stderr %q; want 130 and cancelled", code, stderr)
	}
	for _, p := range []string{cut, proj, doc.AutosavePath(proj)} {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("%s was left behind", p)
		}
	}
}

// TestProjectBadInput: a damaged or missing project gets one line naming
// the file and exit 2, from decide, assemble and gui alike, and is never
// overwritten.
func TestProjectBadInput(t *testing.T) {
	dir := t.TempDir()
	broken := filepath.Join(dir, "broken.rushcut")
	if err := os.WriteFile(broken, []byte(`{"schema": "Rushcut.Project.1", "media": [`), 0o644); err != nil {
		t.Fatal(err)
	}
	future := filepath.Join(dir, "future.rushcut")
	if err := os.WriteFile(future, []byte(`{"schema": "Rushcut.Project.9"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing.rushcut")
	for _, args := range [][]string{
		{"decide", broken, "--accept", "x"},
		{"decide", future, "--list"},
		{"decide", missing, "--list"},
		{"assemble", broken, "-o", filepath.Join(dir, "cut.edl")},
		{"gui", future},
	} {
		_, stderr, code := rushcutProcess(t, nil, args...)
		lines := strings.Split(strings.TrimSpace(stderr), "\n")
		if code != exitUsage || len(lines) != 1 || !strings.Contains(lines[0], filepath.Base(args[1])) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and one line naming the file", args, code, stderr)
		}
	}
	if b, _ := os.ReadFile(broken); !strings.HasSuffix(string(b), `"media": [`) {
		t.Error("the damaged project was overwritten")
	}
	if _, err := os.Stat(filepath.Join(dir, "cut.edl")); err == nil {
		t.Error("an EDL was written from a damaged project")
	}
}
