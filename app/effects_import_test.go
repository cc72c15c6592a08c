package main

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"rushcut/app/doc"
	"rushcut/app/edit"
	"rushcut/app/suggest"
	"rushcut/media/mediatest"
)

// premiereEDL is a cut as Premiere Pro writes it (CRLF, AX reels, the
// clip's file name in a FROM CLIP NAME comment) over the files of
// TestEffectsOnAnEditorsCut.
const premiereEDL = `TITLE: Sequence 01
FCM: NON-DROP FRAME

001  AX       V     C        00:00:00:05 00:00:02:20 00:00:00:00 00:00:02:15
* FROM CLIP NAME: A001_C002_street.mp4

002  AX       V     C        00:00:00:10 00:00:03:00 00:00:02:15 00:00:05:05
* FROM CLIP NAME: A001_C003_street_warm.mp4

003  AX       V     C        00:00:00:00 00:00:02:00 00:00:05:05 00:00:07:05
* FROM CLIP NAME: A002_C001_tree.mp4
`

// TestEffectsOnAnEditorsCut is the VFX artist's route: the cut comes from
// editorial as an EDL over camera files (the street of vtest.avi, a later
// moment of it regraded warm, tree.avi; the folder holds a file the cut
// does not use, which is not analysed). rushcut effects relinks it,
// proposes a colour match for the warm clip and saves the cut as a
// project; preview renders the suggestion; decide accepts it; assemble
// writes the editor's cut back, event for event, with the grade as
// ASC_SOP. Importing again keeps the decision.
func TestEffectsOnAnEditorsCut(t *testing.T) {
	if testing.Short() {
		t.Skip("generates and analyses footage")
	}
	media := t.TempDir()
	vtest := mediatest.OpencvData(t, "vtest.avi")
	make := func(name string, args ...string) {
		out := mediatest.FFmpeg(t, name, append(args, "-r", "25", "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p")...)
		if err := os.Rename(out, filepath.Join(media, name)); err != nil {
			t.Fatal(err)
		}
	}
	make("A001_C002_street.mp4", "-i", vtest, "-vf", "trim=end_frame=75,setpts=N/25/TB,scale=320:180,setsar=1")
	make("A001_C003_street_warm.mp4", "-i", vtest, "-vf", "trim=start_frame=150:end_frame=225,setpts=N/25/TB,scale=320:180,setsar=1,lutrgb=r='val*1.15':b='val*0.85'")
	make("A002_C001_tree.mp4", "-i", mediatest.OpencvData(t, "tree.avi"), "-vf", "setpts=N/25/TB,scale=320:180,setsar=1")
	make("B001_C001_unused.mp4", "-i", vtest, "-vf", "trim=end_frame=50,setpts=N/25/TB,scale=320:180,setsar=1")
	dir := t.TempDir()
	cut := filepath.Join(dir, "reel1.edl")
	if err := os.WriteFile(cut, []byte(strings.ReplaceAll(premiereEDL, "\n", "\r\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	proj := filepath.Join(dir, "vfx.rushcut")
	effectsOn := func() []effectJSON {
		stdout, stderr, code := rushcutProcess(t, nil, "effects", cut, "--media", media, "--project", proj, "--json", "--no-vit")
		if code != exitOK {
			t.Fatalf("effects: exit %d: %s", code, stderr)
		}
		if !strings.Contains(stderr, "effects: 3 files") {
			t.Errorf("analysed other files than the cut's three: %s", stderr)
		}
		var list []effectJSON
		if err := json.Unmarshal([]byte(stdout), &list); err != nil {
			t.Fatalf("effects --json: %v\n%s", err, stdout)
		}
		return list
	}
	color := ""
	for _, e := range effectsOn() {
		if e.Kind == "color" && strings.HasSuffix(e.Target.Path, "A001_C003_street_warm.mp4") {
			color = e.ID
		}
	}
	if color == "" {
		t.Fatal("no colour match proposed for the regraded clip")
	}
	p, _, err := doc.Open(proj)
	if err != nil {
		t.Fatal(err)
	}
	if abs, _ := filepath.Abs(cut); p.Imported != abs || p.Timeline == nil || len(p.Timeline.Tracks[0].Items) != 3 {
		t.Fatalf("project: imported %q, timeline %v; want the EDL's three events", p.Imported, p.Timeline)
	}

	clip := filepath.Join(dir, "color.mp4")
	if _, stderr, code := rushcutProcess(t, nil, "preview", proj, color, "-o", clip, "--width", "320", "--seconds", "1"); code != exitOK {
		t.Fatalf("preview %s: exit %d: %s", color, code, stderr)
	}
	if st, err := os.Stat(clip); err != nil || st.Size() == 0 {
		t.Errorf("preview wrote nothing: %v", err)
	}
	if _, stderr, code := rushcutProcess(t, nil, "decide", proj, "--accept", color); code != exitOK {
		t.Fatalf("decide: exit %d: %s", code, stderr)
	}
	out := filepath.Join(dir, "reel1_vfx.edl")
	if _, stderr, code := rushcutProcess(t, nil, "assemble", proj, "--no-vit", "-o", out); code != exitOK {
		t.Fatalf("assemble: exit %d: %s", code, stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []string{
		"00:00:00:05 00:00:02:20 00:00:00:00 00:00:02:15",
		"00:00:00:10 00:00:03:00 00:00:02:15 00:00:05:05",
		"00:00:00:00 00:00:02:00 00:00:05:05 00:00:07:05",
	} {
		if !strings.Contains(string(b), tc) {
			t.Errorf("the editor's event %s is not in the EDL written back:\n%s", tc, b)
		}
	}
	second := string(b)[strings.Index(string(b), "00:00:00:10 00:00:03:00"):]
	if i := strings.Index(second, "\n\n"); i < 0 || !strings.Contains(second[:i], "ASC_SOP") {
		t.Errorf("no ASC_SOP under the regraded clip's event:\n%s", b)
	}

	// Imported again (a new version of the same cut): the decision stays.
	effectsOn()
	if p, _, err = doc.Open(proj); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range p.Suggestions.Entries() {
		if e.ID == color {
			found = e.Decision.Status == suggest.Accepted
		}
	}
	if !found {
		t.Errorf("re-importing lost the accepted %s", color)
	}
	// The window opens rough cuts: an imported cut is refused in one line.
	if _, err := opening([]string{proj}, "", io.Discard); err == nil || !strings.Contains(err.Error(), "imported") {
		t.Errorf("gui on an imported cut: %v", err)
	}
}

// TestEffectsImportRefuses: an EDL never overwrites a rough cut's
// project, and a FIFO named like an EDL is refused at once.
func TestEffectsImportRefuses(t *testing.T) {
	dir := t.TempDir()
	rough := filepath.Join(dir, "day.rushcut")
	p := doc.New("day")
	p.Timeline = &edit.Timeline{Name: "day", Rate: edit.Rate{Num: 25, Den: 1}, Tracks: []*edit.Track{{Name: "V1", Kind: edit.Video}}}
	if err := doc.Save(rough, p); err != nil {
		t.Fatal(err)
	}
	cut := filepath.Join(dir, "cut.edl")
	if err := os.WriteFile(cut, []byte(premiereEDL), 0o644); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "pipe.edl")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"effects", cut, "--media", dir, "--project", rough}, "holds Rushcut's rough cut"},
		{[]string{"effects", cut, "--media", dir, "--project", filepath.Join(dir, "x.txt")}, "ends in .rushcut"},
		{[]string{"effects", fifo, "--media", dir}, "pipe.edl: not a regular file"},
	} {
		_, stderr, code := rushcutProcess(t, nil, c.args...)
		if code != exitUsage || !strings.Contains(stderr, c.want) || strings.Count(strings.TrimSpace(stderr), "\n") > 0 {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 and one line naming %q", c.args, code, stderr, c.want)
		}
	}
}
