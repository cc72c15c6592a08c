package assemble

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"rushcut/app/edit"
	"rushcut/app/export/edl"
	"rushcut/media"
)

// fakeFiles creates empty files and a probe that describes them.
type fakeMedia struct {
	rate     media.Rational
	frames   int64
	tc       string
	vfr      bool
	channels int
}

func withFakeProbe(t *testing.T, files map[string]fakeMedia) string {
	t.Helper()
	dir := t.TempDir()
	for name := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	old := probe
	t.Cleanup(func() { probe = old })
	probe = func(path string) (*media.Info, error) {
		f, ok := files[filepath.Base(path)]
		if !ok {
			return nil, errors.New("invalid data found when processing input")
		}
		info := &media.Info{Path: path, Video: &media.VideoInfo{FrameRate: f.rate, AvgFrameRate: f.rate, Frames: f.frames, VFR: f.vfr, Width: 64, Height: 36, DisplayWidth: 64, DisplayHeight: 36}}
		if f.tc != "" {
			info.Timecode = &media.Timecode{Text: f.tc, Rate: f.rate}
		}
		if f.channels > 0 {
			info.Audio = &media.AudioInfo{Channels: f.channels, SampleRate: 48000}
		}
		return info, nil
	}
	return dir
}

// run runs the plain assembly on arguments written as on the command
// line. The real parser is the main package's (its tests cover the flags
// themselves); this maps the few the tests use onto Options.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	o := &Options{}
	var inputs []string
	for i := 0; i < len(args); i++ {
		next := func() string {
			i++
			if i >= len(args) {
				t.Fatalf("%s needs a value", args[i-1])
			}
			return args[i]
		}
		switch a := args[i]; a {
		case "-o":
			o.Output = next()
		case "--format":
			o.Format = Format(next())
		case "--rate":
			r, err := edit.ParseRate(next())
			if err != nil {
				t.Fatal(err)
			}
			o.Rate = r
		case "--audio":
			o.Audio = next()
		case "--title":
			o.Title = next()
		case "--record-start":
			o.RecordStart = next()
		case "--drop-frame", "--drop-frame=true", "--drop-frame=false":
			v := a != "--drop-frame=false"
			o.DropFrame = &v
		case "--cdl":
			o.CDLDir = next()
		case "--ccc":
			o.CDLCollection = true
		default:
			if strings.HasPrefix(a, "-") {
				t.Fatalf("run: flag %s not mapped", a)
			}
			inputs = append(inputs, a)
		}
	}
	var out, errb bytes.Buffer
	if err := o.Check(); err != nil {
		return 2, "", "rushcut assemble: " + err.Error() + "\n"
	}
	code := RunPlain(o, inputs, &out, &errb)
	return code, out.String(), errb.String()
}

func readEDL(t *testing.T, path string, r edit.Rate) *edl.List {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	l, err := edl.Read(f, r)
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Validate(); err != nil {
		t.Fatal(err)
	}
	return l
}

func TestAssembleOrderAndRates(t *testing.T) {
	r24 := media.Rational{Num: 24, Den: 1}
	dir := withFakeProbe(t, map[string]fakeMedia{
		"b.mov":        {rate: r24, frames: 48, tc: "10:00:00:00", channels: 2},
		"a.mov":        {rate: r24, frames: 24, tc: "10:00:00:00", channels: 1},
		"early 25.mxf": {rate: media.Rational{Num: 25, Den: 1}, frames: 50, tc: "09:59:59:00"},
		"phone.mp4":    {rate: media.Rational{Num: 30000, Den: 1001}, frames: 30, vfr: true, channels: 2},
		"notes.txt":    {},
		".hidden.mov":  {rate: r24, frames: 24},
	})
	out := filepath.Join(dir, "cut.edl")
	code, _, stderr := run(t, dir, "-o", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, w := range []string{"phone.mp4: no timecode", "phone.mp4: variable frame rate", "probing 1/4", "wrote " + out} {
		if !strings.Contains(stderr, w) {
			t.Errorf("stderr lacks %q:\n%s", w, stderr)
		}
	}
	l := readEDL(t, out, edit.Rate24)
	if l.Title != "cut" || l.DropFrame {
		t.Errorf("title %q drop %v", l.Title, l.DropFrame)
	}
	// phone (no TC = 00:00:00:00) first, then 09:59:59:00 (25 fps), then
	// the two 10:00:00:00 files by name.
	want := []struct {
		file, channels string
		recIn, recOut  string
		srcIn, srcOut  string
	}{
		{"phone.mp4", "AA/V", "01:00:00:00", "01:00:01:00", "00:00:00:00", "00:00:01:00"},
		{"early 25.mxf", "V", "01:00:01:00", "01:00:03:00", "09:59:59:00", "10:00:01:00"}, // 50 frames at 25 = 48 at 24
		{"a.mov", "B", "01:00:03:00", "01:00:04:00", "10:00:00:00", "10:00:01:00"},
		{"b.mov", "AA/V", "01:00:04:00", "01:00:06:00", "10:00:00:00", "10:00:02:00"},
	}
	if len(l.Events) != len(want) {
		t.Fatalf("%d events", len(l.Events))
	}
	for i, w := range want {
		e := l.Events[i]
		s := e.Source
		got := []string{filepath.Base(s.File), e.Channels, l.Rate.Timecode(e.RecordIn, false), l.Rate.Timecode(e.RecordOut, false),
			s.Rate.Timecode(s.In, s.DropFrame), s.Rate.Timecode(s.Out, s.DropFrame)}
		exp := []string{w.file, w.channels, w.recIn, w.recOut, w.srcIn, w.srcOut}
		if strings.Join(got, " ") != strings.Join(exp, " ") {
			t.Errorf("event %d = %v, want %v", i+1, got, exp)
		}
	}
	if !l.Events[0].Source.NoTimecode {
		t.Error("phone.mp4 should carry the no-timecode comment")
	}
	if entries, _ := filepath.Glob(filepath.Join(dir, ".*.tmp")); len(entries) != 0 {
		t.Errorf("temporary files left: %v", entries)
	}
}

func TestAssembleFormatsAndOptions(t *testing.T) {
	r := media.Rational{Num: 30000, Den: 1001}
	dir := withFakeProbe(t, map[string]fakeMedia{
		"x.mov": {rate: r, frames: 100, tc: "01:00:00;00", channels: 2},
	})
	in := filepath.Join(dir, "x.mov")
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{in, "-o", filepath.Join(dir, "o.xml")}, "<xmeml version=\"5\">"},
		{[]string{in, "-o", filepath.Join(dir, "o.fcpxml")}, "<fcpxml version=\"1.10\">"},
		{[]string{in, "-o", filepath.Join(dir, "fcp7.txt"), "--format", "xmeml"}, "<xmeml version=\"5\">"},
		{[]string{in, "-o", filepath.Join(dir, "o.otio")}, "\"OTIO_SCHEMA\": \"Timeline.1\""},
		{[]string{in, "-o", filepath.Join(dir, "o.txt"), "--format", "edl"}, "FCM: DROP FRAME"}, // follows its DF source
		{[]string{"--drop-frame", in, "-o", filepath.Join(dir, "df.edl"), "--title", "My Cut", "--audio", "none"}, "TITLE: My Cut\nFCM: DROP FRAME\n\n001  X        V     C        01:00:00;00 01:00:03;10 01:00:00;00 01:00:03;10"},
		{[]string{in, "-o", filepath.Join(dir, "rs.edl"), "--record-start", "00:59:59;28", "--audio", "A2"}, "001  X        A2/V  C        01:00:00;00 01:00:03;10 00:59:59;28 01:00:03;08"},
		{[]string{in, "-o", filepath.Join(dir, "r25.edl"), "--rate", "25"}, "FCM: DROP FRAME\n001  X        AA/V  C        01:00:00;00 01:00:03;10 01:00:00:00 01:00:03:08\n"},
	} {
		code, _, stderr := run(t, tt.args...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", tt.args, code, stderr)
		}
		out := tt.args[len(tt.args)-1]
		for i, a := range tt.args {
			if a == "-o" {
				out = tt.args[i+1]
			}
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), tt.want) {
			t.Errorf("%v: output lacks %q:\n%s", tt.args, tt.want, b)
		}
	}
	// stdout
	code, stdout, stderr := run(t, in, "-o", "-", "--format", "otio")
	if code != 0 || !strings.Contains(stdout, "Clip.2") {
		t.Errorf("stdout export: %d %s", code, stderr)
	}
}

func TestAssembleErrors(t *testing.T) {
	r24 := media.Rational{Num: 24, Den: 1}
	dir := withFakeProbe(t, map[string]fakeMedia{"a.mov": {rate: r24, frames: 24, tc: "01:00:00:00"}})
	a := filepath.Join(dir, "a.mov")
	bad := filepath.Join(dir, "broken.mov")
	os.WriteFile(bad, []byte("junk"), 0o644)
	empty := t.TempDir()
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{a}, 2, "missing -o"},
		{[]string{a, "-o", "x.mp4"}, 2, "cannot tell the format"},
		{[]string{a, "-o", "x.edl", "--format", "aaf"}, 2, "unknown format"},
		{[]string{a, "-o", "-"}, 2, "needs --format"},
		{[]string{a, "-o", "x.edl", "--audio", "A3"}, 2, "--audio"},
		{[]string{a, "-o", "x.edl", "--drop-frame"}, 2, "drop-frame timecode is not defined at 24/1"},
		{[]string{a, "-o", "x.edl", "--record-start", "25:00:00:00"}, 2, "--record-start"},
		{[]string{filepath.Join(dir, "missing.mov"), "-o", "x.edl"}, 2, "missing.mov: no such file or directory"},
		{[]string{bad, "-o", "x.edl"}, 2, "broken.mov: invalid data"},
		{[]string{empty, "-o", "x.edl"}, 2, "no video files"},
		{[]string{a, "-o", filepath.Join(dir, "no", "such", "dir.edl")}, 1, "dir.edl"},
		{[]string{a, "-o", filepath.Join(dir, "late.edl"), "--record-start", "23:59:59:12"}, 1, "passes 24:00:00:00"},
	}
	for _, tt := range tests {
		code, _, stderr := run(t, tt.args...)
		if code != tt.code || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tt.args, code, stderr, tt.code, tt.want)
		}
		if lines := strings.Count(strings.TrimSpace(stderr), "rushcut assemble:"); code != 0 && lines != 1 {
			t.Errorf("%v: want one error line, got:\n%s", tt.args, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "late.edl")); !os.IsNotExist(err) {
		t.Error("a refused export left a file")
	}
}

func TestExportAtomicReplace(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.edl")
	os.WriteFile(path, []byte("old"), 0o644)
	m := &edit.MediaReference{Path: "/m/a.mov", Rate: edit.Rate24, Duration: 10}
	tl := &edit.Timeline{Rate: edit.Rate24, Tracks: []*edit.Track{{Name: "V1", Kind: edit.Video, Items: []edit.Item{&edit.Clip{Media: m, Duration: 10}}}}}
	if err := Export(tl, path, EDL); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); !strings.HasPrefix(string(b), "TITLE: Untitled") {
		t.Errorf("not replaced: %q", b)
	}
	bad := tl.Clone()
	bad.Tracks[0].Items[0].(*edit.Clip).Duration = 11 // past the media
	if err := Export(bad, path, EDL); err == nil {
		t.Fatal("invalid timeline exported")
	}
	if b, _ := os.ReadFile(path); !strings.HasPrefix(string(b), "TITLE: Untitled") {
		t.Error("failed export damaged the previous file")
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*")); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

func TestCommonRate(t *testing.T) {
	ms := []*edit.MediaReference{{Rate: edit.Rate25}, {Rate: edit.Rate24}, {Rate: edit.Rate{Num: 48, Den: 2}}, {Rate: edit.Rate25}, {Rate: edit.Rate30}}
	if got := CommonRate(ms); !got.Equal(edit.Rate25) {
		t.Errorf("CommonRate = %v, want 25 (tie goes to the earliest)", got)
	}
	if got := CommonRate(ms[1:3]); !got.Equal(edit.Rate24) {
		t.Errorf("CommonRate = %v", got)
	}
}

// TestEffectsHookAndCDLFiles: the Effects hook edits the cut before it is
// written (here: a colour correction and a fade in), the EDL carries the
// ASC lines and the BL fade, and --cdl writes one .cdl per graded clip or
// one .ccc.
func TestEffectsHookAndCDLFiles(t *testing.T) {
	r24 := media.Rational{Num: 24, Den: 1}
	dir := withFakeProbe(t, map[string]fakeMedia{"a.mov": {rate: r24, frames: 48, tc: "10:00:00:00"}, "b.mov": {rate: r24, frames: 48, tc: "11:00:00:00"}})
	cdlDir := filepath.Join(dir, "grades")
	grade := edit.CDL{Slope: [3]float64{1.2, 1, 0.8}, Power: [3]float64{1, 1, 1}, Sat: 0.9}
	for _, collection := range []bool{false, true} {
		o := &Options{Output: filepath.Join(dir, "cut.edl"), Audio: "none", CDLDir: cdlDir, CDLCollection: collection,
			Effects: func(tl *edit.Timeline) ([]string, error) {
				v := tl.TracksOf(edit.Video)[0]
				v.Clips()[1].Effects = append(v.Clips()[1].Effects, edit.Effect{Kind: edit.EffectColor, CDL: &grade})
				v.Items = append([]edit.Item{&edit.Transition{Kind: edit.FadeIn, OutOffset: 12}}, v.Items...)
				return []string{"1 effect applied"}, nil
			}}
		if err := o.Check(); err != nil {
			t.Fatal(err)
		}
		var out, errb bytes.Buffer
		if code := RunPlain(o, []string{dir}, &out, &errb); code != 0 {
			t.Fatalf("exit %d: %s", code, errb.String())
		}
		if !strings.Contains(errb.String(), "1 effect applied") {
			t.Errorf("hook notes not printed: %s", errb.String())
		}
		b, _ := os.ReadFile(o.Output)
		for _, want := range []string{"001  BL       V     C        00:00:00:00 00:00:00:00 01:00:00:00 01:00:00:00\n001  A        V     D    012 ", "* ASC_SOP (1.2 1.0 0.8)(0.0 0.0 0.0)(1.0 1.0 1.0)\n* ASC_SAT 0.9\n"} {
			if !strings.Contains(string(b), want) {
				t.Errorf("EDL lacks %q:\n%s", want, b)
			}
		}
		name := "b.cdl"
		if collection {
			name = "cut.ccc"
		}
		f, err := os.ReadFile(filepath.Join(cdlDir, name))
		if err != nil || !strings.Contains(string(f), "<Slope>1.2 1.0 0.8</Slope>") || !strings.Contains(string(f), "<Saturation>0.9</Saturation>") {
			t.Errorf("%s: %v\n%s", name, err, f)
		}
	}
}
