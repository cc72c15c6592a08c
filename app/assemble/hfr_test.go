package assemble

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"rushcut/app/edit"
	"rushcut/media"
	"rushcut/media/mediatest"
)

var (
	hfr120   = media.Rational{Num: 120, Den: 1}
	hfr11988 = media.Rational{Num: 120000, Den: 1001}
)

// TestMediaFromInfoHighRate: a 120 fps file's timecode is read at 60 with
// two frame digits and at 120 with ffmpeg's three, to frames at 120.
func TestMediaFromInfoHighRate(t *testing.T) {
	tests := []struct {
		rate  media.Rational
		text  string
		start int64
		drop  bool
	}{
		{hfr120, "10:00:00:00", 10 * 3600 * 120, false},
		{hfr120, "10:00:00:000", 10 * 3600 * 120, false},
		{hfr120, "10:00:00:30", 10*3600*120 + 60, false},
		{hfr120, "10:00:00:077", 10*3600*120 + 77, false},
		{hfr11988, "01:00:00;00", 2 * 215784, true},
		{hfr11988, "01:00:00;000", 2 * 215784, true},
	}
	for _, tt := range tests {
		info := &media.Info{Path: "/r/x.mov", Video: &media.VideoInfo{FrameRate: tt.rate, Frames: 120, Width: 64, Height: 36},
			Timecode: &media.Timecode{Text: tt.text, Rate: tt.rate}}
		m, warns, err := MediaFromInfo(info)
		if err != nil {
			t.Fatal(err)
		}
		if m.Start != tt.start || !m.HasTimecode || m.DropFrame != tt.drop || len(warns) != 0 {
			t.Errorf("%s at %s: start %d tc %v drop %v warnings %q; want start %d", tt.text, tt.rate, m.Start, m.HasTimecode, m.DropFrame, warns, tt.start)
		}
	}
}

// TestAssembleMostly120 assembles sources that are mostly 120 fps with
// default options: the timeline runs at 60 (so 01:00:00:00 is a record
// start), the 120 fps sources conform two frames per record frame and
// keep their rate in SOURCE RATE, and every timecode has two frame digits.
func TestAssembleMostly120(t *testing.T) {
	dir := withFakeProbe(t, map[string]fakeMedia{
		"a.mov": {rate: hfr120, frames: 240, tc: "10:00:00:00"},
		"b.mov": {rate: hfr120, frames: 121, tc: "10:00:00:000"},
		"c.mov": {rate: media.Rational{Num: 30, Den: 1}, frames: 60, tc: "11:00:00:00"},
	})
	out := filepath.Join(dir, "cut.edl")
	code, _, stderr := run(t, dir, "-o", out, "--audio", "none")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "timeline rate 60/1: most sources are 120/1 fps") {
		t.Errorf("stderr does not explain the timeline rate:\n%s", stderr)
	}
	text, _ := os.ReadFile(out)
	l := readEDL(t, out, edit.Rate60)
	if got := strings.Count(string(text), "* SOURCE RATE: 120/1\n"); got != 2 {
		t.Errorf("%d SOURCE RATE: 120/1 comments, want 2:\n%s", got, text)
	}
	type ev struct{ file, src, rec string }
	var got []ev
	for _, e := range l.Events {
		s := e.Source
		got = append(got, ev{filepath.Base(s.File), s.Rate.Timecode(s.In, false) + "-" + s.Rate.Timecode(s.Out, false),
			l.Rate.Timecode(e.RecordIn, false) + "-" + l.Rate.Timecode(e.RecordOut, false)})
	}
	want := []ev{
		{"a.mov", "10:00:00:00-10:00:02:00", "01:00:00:00-01:00:02:00"},
		// 121 frames at 120 fill 60 record frames (120 source frames).
		{"b.mov", "10:00:00:00-10:00:01:00", "01:00:02:00-01:00:03:00"},
		// 60 frames at 30 are 2 s: 120 record frames.
		{"c.mov", "11:00:00:00-11:00:02:00", "01:00:03:00-01:00:05:00"},
	}
	if len(got) != len(want) {
		t.Fatalf("events %v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("event %d = %+v, want %+v", i+1, got[i], want[i])
		}
	}
	if s := l.Events[0].Source; s.In != 10*3600*120 || s.Out != s.In+240 || !s.Rate.Equal(edit.Rate{Num: 120, Den: 1}) {
		t.Errorf("a.mov source %d–%d at %s, want frames 4320000–4320240 at 120", s.In, s.Out, s.Rate)
	}
	for _, ln := range strings.Split(string(text), "\n") {
		if f := strings.Fields(ln); len(f) == 8 {
			for _, s := range f[4:] {
				if len(s) != 11 {
					t.Errorf("timecode %q in %q", s, ln)
				}
			}
		}
	}
	// XML and OTIO of the same material agree with the EDL.
	agree(t, dir, edit.Rate60, nil)
}

// agree exports dir as EDL, FCP XML and OTIO with args and checks that
// every clip has the same source and record in/out in all three.
func agree(t *testing.T, dir string, rate edit.Rate, args []string) {
	t.Helper()
	out := map[string]string{}
	for _, ext := range []string{"edl", "xml", "otio"} {
		out[ext] = filepath.Join(dir, "agree."+ext)
		a := append([]string{dir, "-o", out[ext], "--audio", "none"}, args...)
		if code, _, stderr := run(t, a...); code != 0 {
			t.Fatalf("%s: exit %d: %s", ext, code, stderr)
		}
	}
	want := edlSpans(t, out["edl"], rate)
	for ext, got := range map[string][]span{"xml": xmlSpans(t, out["xml"]), "otio": otioSpans(t, out["otio"])} {
		if len(got) != len(want) {
			t.Fatalf("%s: %d clips, EDL %d", ext, len(got), len(want))
		}
		for i := range want {
			g, w := got[i], want[i]
			if math.Abs(g.srcIn-w.srcIn) > 1e-6 || math.Abs(g.srcOut-w.srcOut) > 1e-6 ||
				math.Abs(g.recIn-w.recIn) > 1e-6 || math.Abs(g.recOut-w.recOut) > 1e-6 {
				t.Errorf("%s clip %d: %+v, EDL says %+v", ext, i+1, g, w)
			}
		}
	}
}

// TestAssemble120In24: 120 fps sources in a 24 fps timeline. A source
// whose length or ffmpeg timecode falls between 60 fps timecode frames is
// cut on timecode frames, with a warning; the EDL's source in/out read
// back to the right frames at 120, and FCP XML and OTIO agree with it.
func TestAssemble120In24(t *testing.T) {
	dir := withFakeProbe(t, map[string]fakeMedia{
		"a.mov": {rate: hfr120, frames: 240, tc: "10:00:00:00"},
		// 125 frames fill 25 record frames, whose 125th frame is odd: the
		// clip plays 120 frames, 24 record frames.
		"b.mov": {rate: hfr120, frames: 125, tc: "10:00:10:00"},
		// ffmpeg's timecode names an odd first frame: the clip starts on
		// the next, 10:00:20:39 at 60.
		"c.mov": {rate: hfr120, frames: 240, tc: "10:00:20:077"},
	})
	out := filepath.Join(dir, "cut.edl")
	code, _, stderr := run(t, dir, "-o", out, "--rate", "24", "--audio", "none")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, w := range []string{"b.mov: cut on timecode frames", "5 frames left out", "c.mov: cut on timecode frames", "10 frames left out"} {
		if !strings.Contains(stderr, w) {
			t.Errorf("stderr lacks %q:\n%s", w, stderr)
		}
	}
	if strings.Contains(stderr, "a.mov: cut") {
		t.Errorf("a.mov needs no cut:\n%s", stderr)
	}
	l := readEDL(t, out, edit.Rate24)
	const base = 10 * 3600 * 120
	want := []struct {
		in, out  int64 // source frames at the real rate
		src, rec string
	}{
		{base, base + 240, "10:00:00:00-10:00:02:00", "01:00:00:00-01:00:02:00"},
		{base + 1200, base + 1320, "10:00:10:00-10:00:11:00", "01:00:02:00-01:00:03:00"},
		// 239 frames from 2478: 47 record frames would use 235 (odd),
		// 46 use 230.
		{base + 2478, base + 2708, "10:00:20:39-10:00:22:34", "01:00:03:00-01:00:04:22"},
	}
	if len(l.Events) != len(want) {
		t.Fatalf("%d events", len(l.Events))
	}
	for i, w := range want {
		e, s := l.Events[i], l.Events[i].Source
		src := s.Rate.Timecode(s.In, s.DropFrame) + "-" + s.Rate.Timecode(s.Out, s.DropFrame)
		rec := l.Rate.Timecode(e.RecordIn, false) + "-" + l.Rate.Timecode(e.RecordOut, false)
		if src != w.src || rec != w.rec {
			t.Errorf("event %d: source %s record %s, want %s and %s", i+1, src, rec, w.src, w.rec)
		}
		if s.In != w.in || s.Out != w.out {
			t.Errorf("event %d: source frames %d–%d, want %d–%d", i+1, s.In, s.Out, w.in, w.out)
		}
	}
	agree(t, dir, edit.Rate24, []string{"--rate", "24"})
}

// TestAssembleFFmpeg120 assembles a 120 fps file made by the ffmpeg CLI
// with -timecode 10:00:00:00 (which ffmpeg stores counting at 120 and
// reads back as 10:00:00:000): with default options the timeline runs at
// 60 and the source is 10:00:00:00-10:00:01:00; in a 24 fps timeline too.
func TestAssembleFFmpeg120(t *testing.T) {
	src := mediatest.FFmpeg(t, "hfr.mov", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=120:duration=1", "-timecode", "10:00:00:00", "-c:v", "mpeg4")
	info, err := media.Probe(src)
	if err != nil {
		t.Fatal(err)
	}
	m, warns, err := MediaFromInfo(info)
	if err != nil {
		t.Fatal(err)
	}
	if m.Start != 10*3600*120 || !m.HasTimecode || m.Duration != 120 || len(warns) != 0 {
		t.Fatalf("timecode %+v read as start %d (has %v), %d frames, warnings %q; want 4320000", info.Timecode, m.Start, m.HasTimecode, m.Duration, warns)
	}
	for _, tt := range []struct {
		args []string
		rate edit.Rate
		rec  string
	}{
		{nil, edit.Rate60, "01:00:00:00 01:00:01:00"},
		{[]string{"--rate", "24"}, edit.Rate24, "01:00:00:00 01:00:01:00"},
	} {
		out := filepath.Join(t.TempDir(), "hfr.edl")
		if code, _, stderr := run(t, append([]string{src, "-o", out}, tt.args...)...); code != 0 {
			t.Fatalf("%v: exit %d: %s", tt.args, code, stderr)
		}
		text, _ := os.ReadFile(out)
		if w := "001  HFR      V     C        10:00:00:00 10:00:01:00 " + tt.rec + "\n"; !strings.Contains(string(text), w) ||
			!strings.Contains(string(text), "* SOURCE RATE: 120/1\n") {
			t.Errorf("%v: EDL lacks %q or SOURCE RATE:\n%s", tt.args, w, text)
		}
		l := readEDL(t, out, tt.rate)
		if s := l.Events[0].Source; s.In != 10*3600*120 || s.Out != s.In+120 {
			t.Errorf("%v: source frames %d–%d, want 4320000–4320120", tt.args, s.In, s.Out)
		}
	}
}

// TestAssembleMostly11988DF: 119.88 drop-frame sources assembled with
// default options give a 59.94 drop-frame timeline (01:00:00;00 record
// start) whose source timecodes are drop-frame at 59.94 and read back to
// the sources' frames at 119.88; XML and OTIO agree.
func TestAssembleMostly11988DF(t *testing.T) {
	dir := withFakeProbe(t, map[string]fakeMedia{
		"a.mov": {rate: hfr11988, frames: 7200, tc: "00:59:59;00"},
		"b.mov": {rate: hfr11988, frames: 600, tc: "02:00:00;00"},
	})
	out := filepath.Join(dir, "cut.edl")
	if code, _, stderr := run(t, dir, "-o", out, "--audio", "none"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	text, _ := os.ReadFile(out)
	l := readEDL(t, out, edit.Rate5994)
	if !l.DropFrame || !strings.Contains(string(text), "* SOURCE RATE: 120000/1001\n") {
		t.Fatalf("want a drop-frame list with SOURCE RATE 120000/1001:\n%s", text)
	}
	// 7200 frames at 119.88 are 3600 timecode frames at 59.94 DF: from
	// 00:59:59;00 over 01:00 (a tenth minute, which drops none) to
	// 01:00:59;00; the record's minute 01:01 drops ;00-;03.
	for _, w := range []string{
		"001  A        V     C        00:59:59;00 01:00:59;00 01:00:00;00 01:01:00;04\n",
		"002  B        V     C        02:00:00;00 02:00:05;00 01:01:00;04 01:01:05;04\n",
	} {
		if !strings.Contains(string(text), w) {
			t.Errorf("EDL lacks %q:\n%s", w, text)
		}
	}
	if s := l.Events[0].Source; s.Out-s.In != 7200 || !s.DropFrame {
		t.Errorf("a.mov source %d–%d drop %v, want 7200 frames drop-frame", s.In, s.Out, s.DropFrame)
	}
	agree(t, dir, edit.Rate5994, nil)
}
