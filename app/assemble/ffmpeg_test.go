package assemble

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"rushcut/app/edit"
	"rushcut/media"
)

// makeClip renders a small test clip with the ffmpeg CLI.
func makeClip(t *testing.T, path, rate string, seconds string, tc string, audio bool) {
	t.Helper()
	args := []string{"-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=size=64x36:rate=" + rate}
	if audio {
		args = append(args, "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-c:a", "aac", "-ac", "2")
	}
	args = append(args, "-t", seconds, "-c:v", "libx264", "-pix_fmt", "yuv420p")
	if tc != "" {
		args = append(args, "-timecode", tc)
	}
	args = append(args, path)
	if out, err := exec.Command("ffmpeg", args...).CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg %v: %v\n%s", args, err, out)
	}
}

// TestAssembleRealFiles probes real clips made by ffmpeg: mixed rates, a
// drop-frame source, a file without timecode, names with a space and
// non-ASCII characters.
func TestAssembleRealFiles(t *testing.T) {
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		t.Skip("ffmpeg is not on PATH: skipping the real-file assemble test (install ffmpeg to run it)")
	}
	if probe == nil {
		t.Fatal("no probe")
	}
	dir := t.TempDir()
	makeClip(t, filepath.Join(dir, "a b.mov"), "25", "1", "01:00:00:00", true)
	makeClip(t, filepath.Join(dir, "é.mov"), "30000/1001", "1", "00:59:59;00", false)
	makeClip(t, filepath.Join(dir, "notc.mp4"), "24", "0.5", "", false)
	out := filepath.Join(dir, "assembly.edl")
	code, _, stderr := run(t, dir, "-o", out, "--rate", "25")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "notc.mp4: no timecode") {
		t.Errorf("missing no-timecode warning:\n%s", stderr)
	}
	l := readEDL(t, out, edit.Rate25)
	type ev struct{ file, src, rec string }
	var got []ev
	for _, e := range l.Events {
		s := e.Source
		got = append(got, ev{filepath.Base(s.File),
			s.Rate.Timecode(s.In, s.DropFrame) + "-" + s.Rate.Timecode(s.Out, s.DropFrame),
			l.Rate.Timecode(e.RecordIn, false) + "-" + l.Rate.Timecode(e.RecordOut, false)})
	}
	want := []ev{
		// 12 frames at 24 are 12.5 frames at 25 in real time; the longest
		// record that reads no further than the media is 13 frames
		// (13 × 24/25 = 12.48 → 12 source frames).
		{"notc.mp4", "00:00:00:00-00:00:00:12", "01:00:00:00-01:00:00:13"},
		// 30 frames of 29.97 DF → 25 frames at 25 (real time: 25.025).
		{"é.mov", "00:59:59;00-01:00:00;00", "01:00:00:13-01:00:01:13"},
		{"a b.mov", "01:00:00:00-01:00:01:00", "01:00:01:13-01:00:02:13"},
	}
	if len(got) != len(want) {
		t.Fatalf("events %v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("event %d = %+v, want %+v", i+1, got[i], want[i])
		}
	}
	if l.Events[2].Channels != "AA/V" || l.Events[0].Channels != "V" {
		t.Errorf("channels %q %q", l.Events[0].Channels, l.Events[2].Channels)
	}
	for _, name := range []string{"assembly.xml", "assembly.otio"} {
		if code, _, stderr := run(t, dir, "-o", filepath.Join(dir, name)); code != 0 {
			t.Errorf("%s: exit %d: %s", name, code, stderr)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "assembly.xml")); !strings.Contains(string(b), "file://localhost/") || !strings.Contains(string(b), "a%20b.mov") {
		t.Errorf("xml lacks the encoded path")
	}
	// The real probe must be the one in use.
	if _, err := media.Probe(filepath.Join(dir, "a b.mov")); err != nil {
		t.Errorf("media.Probe: %v", err)
	}
}
