package xmeml

import (
	"bytes"
	"encoding/xml"
	"flag"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"rushcut/app/edit"
)

var update = flag.Bool("update", false, "rewrite testdata/*.xml from the writer (review the diff by hand)")

// node is a generic XML element for reading the output back.
type node struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Text    string     `xml:",chardata"`
	Nodes   []node     `xml:",any"`
}

// all returns the descendants reached by a slash-separated path of names.
func (n node) all(path string) []node {
	cur := []node{n}
	for _, name := range strings.Split(path, "/") {
		var next []node
		for _, c := range cur {
			for _, k := range c.Nodes {
				if k.XMLName.Local == name {
					next = append(next, k)
				}
			}
		}
		cur = next
	}
	return cur
}

// get returns the trimmed text of the first element at path, or "<none>".
func (n node) get(path string) string {
	if ns := n.all(path); len(ns) > 0 {
		return strings.TrimSpace(ns[0].Text)
	}
	return "<none>"
}

func (n node) attr(name string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func parse(t *testing.T, b []byte) node {
	t.Helper()
	var root node
	if err := xml.Unmarshal(b, &root); err != nil {
		t.Fatalf("output is not XML: %v\n%s", err, b)
	}
	return root
}

// fixture: a 29.97 DF timeline with a cut, a centred dissolve, a speed
// change, a marker, a 25 fps source, names with spaces and non-ASCII, and
// an audio track.
func fixture() *edit.Timeline {
	a := &edit.MediaReference{Path: "/rushes/Jour 1/Été #2.mov", Rate: edit.Rate2997, Start: 107892, HasTimecode: true, DropFrame: true,
		Duration: 3000, Width: 1920, Height: 1080, HasAudio: true, AudioChannels: 2, SampleRate: 48000, Reel: "A001"}
	b := &edit.MediaReference{Path: "/rushes/B cam.mxf", Rate: edit.Rate25, Start: 90000, HasTimecode: true, Duration: 2000, Width: 3840, Height: 2160}
	c1 := &edit.Clip{Media: a, SourceIn: 107892 + 30, Duration: 60,
		Markers: []edit.Marker{{Name: "cut?", Comment: "motion peak", Start: 10}}}
	c2 := &edit.Clip{Media: a, SourceIn: 107892 + 600, Duration: 90, Effects: []edit.Effect{edit.SpeedEffect(1, 2)}}
	c3 := &edit.Clip{Media: b, SourceIn: 90000 + 50, Duration: 30}
	return &edit.Timeline{Name: "Rough cut & co", Rate: edit.Rate2997, DropFrame: true, Start: 107892,
		Tracks: []*edit.Track{
			{Name: "V1", Kind: edit.Video, Items: []edit.Item{c1, &edit.Transition{Kind: edit.Dissolve, InOffset: 10, OutOffset: 20}, c2, &edit.Gap{Duration: 15}, c3}},
			{Name: "A1", Kind: edit.Audio, Items: []edit.Item{&edit.Clip{Media: a, SourceIn: c1.SourceIn, Duration: 60}}},
		}}
}

func TestStructure(t *testing.T) {
	out, err := Marshal(fixture())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(out, []byte(xml.Header+"<!DOCTYPE xmeml>\n<xmeml version=\"5\">")) {
		t.Fatalf("bad prologue:\n%s", out[:120])
	}
	root := parse(t, out)
	seq := root.all("sequence")[0]
	checks := []struct{ path, want string }{
		{"name", "Rough cut & co"},
		{"duration", "195"}, // 60 + 90 + 15 + 30
		{"rate/timebase", "30"},
		{"rate/ntsc", "TRUE"},
		{"timecode/string", "01:00:00;00"},
		{"timecode/frame", "107892"},
		{"timecode/displayformat", "DF"},
		{"media/video/format/samplecharacteristics/width", "1920"},
	}
	for _, c := range checks {
		if got := seq.get(c.path); got != c.want {
			t.Errorf("sequence/%s = %q, want %q", c.path, got, c.want)
		}
	}
	vt := seq.all("media/video/track")
	if len(vt) != 1 || len(seq.all("media/audio/track")) != 1 {
		t.Fatalf("tracks: %d video, %d audio", len(vt), len(seq.all("media/audio/track")))
	}
	var kinds []string
	for _, n := range vt[0].Nodes {
		kinds = append(kinds, n.XMLName.Local)
	}
	if got := strings.Join(kinds, ","); got != "clipitem,transitionitem,clipitem,clipitem,enabled" {
		t.Fatalf("track items = %s", got)
	}
	clips := vt[0].all("clipitem")
	type timing struct{ start, end, in, out string }
	want := []timing{
		// c1: record 0–60, source 30–90, plus the dissolve's 20-frame tail.
		{"0", "-1", "30", "110"},
		// c2: record 60–150 at half speed: 45 source frames from 600; the
		// dissolve's 10-frame head is 5 source frames.
		{"-1", "150", "595", "645"},
		// c3 after a 15-frame gap: 30 frames at 29.97 are 25 frames at 25.
		{"165", "195", "50", "75"},
	}
	for i, w := range want {
		c := clips[i]
		got := timing{c.get("start"), c.get("end"), c.get("in"), c.get("out")}
		if got != w {
			t.Errorf("clipitem %d timing = %+v, want %+v", i+1, got, w)
		}
	}
	tr := vt[0].all("transitionitem")[0]
	if tr.get("start") != "50" || tr.get("end") != "80" || tr.get("alignment") != "center" || tr.get("effect/name") != "Cross Dissolve" {
		t.Errorf("transition = %s–%s %s %s", tr.get("start"), tr.get("end"), tr.get("alignment"), tr.get("effect/name"))
	}
	// File elements: full on first use, by id later.
	f1, f2 := clips[0].all("file")[0], clips[1].all("file")[0]
	if f1.attr("id") != "file-1" || f2.attr("id") != "file-1" || len(f2.Nodes) != 0 {
		t.Errorf("file reuse wrong: %q %q %d", f1.attr("id"), f2.attr("id"), len(f2.Nodes))
	}
	u, err := url.Parse(f1.get("pathurl"))
	if err != nil || u.Scheme != "file" || u.Host != "localhost" || u.Path != "/rushes/Jour 1/Été #2.mov" {
		t.Errorf("pathurl %q → %+v, %v", f1.get("pathurl"), u, err)
	}
	if strings.ContainsAny(f1.get("pathurl"), " é#") {
		t.Errorf("pathurl not percent-encoded: %q", f1.get("pathurl"))
	}
	if f1.get("timecode/string") != "01:00:00;00" || f1.get("timecode/reel/name") != "A001" || f1.get("duration") != "3000" {
		t.Errorf("file timecode %q reel %q", f1.get("timecode/string"), f1.get("timecode/reel/name"))
	}
	f3 := clips[2].all("file")[0]
	if f3.attr("id") != "file-2" || f3.get("rate/timebase") != "25" || f3.get("rate/ntsc") != "FALSE" || f3.get("timecode/displayformat") != "NDF" {
		t.Errorf("second file: %q %q %q", f3.attr("id"), f3.get("rate/timebase"), f3.get("rate/ntsc"))
	}
	// Speed and marker.
	var speed string
	for _, p := range clips[1].all("filter/effect/parameter") {
		if p.get("parameterid") == "speed" {
			speed = p.get("value")
		}
	}
	if clips[1].get("filter/effect/effectid") != "timeremap" || speed != "50" {
		t.Errorf("speed filter %q %q", clips[1].get("filter/effect/effectid"), speed)
	}
	if clips[0].get("marker/name") != "cut?" || clips[0].get("marker/in") != "40" || clips[0].get("marker/out") != "-1" {
		t.Errorf("marker %q at %q", clips[0].get("marker/name"), clips[0].get("marker/in"))
	}
	ac := seq.all("media/audio/track/clipitem")[0]
	if ac.get("sourcetrack/mediatype") != "audio" || ac.get("sourcetrack/trackindex") != "1" || ac.get("in") != "30" || ac.get("out") != "90" {
		t.Errorf("audio clipitem: %q %q %q–%q", ac.get("sourcetrack/mediatype"), ac.get("sourcetrack/trackindex"), ac.get("in"), ac.get("out"))
	}
}

func TestGolden(t *testing.T) {
	out, err := Marshal(fixture())
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "fixture.xml")
	if *update {
		if err := os.WriteFile(path, out, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out, want) {
		t.Errorf("output differs from %s (run with -update and review the diff)\n%s", path, out)
	}
}

func TestRefuses(t *testing.T) {
	m := &edit.MediaReference{Path: "/m/a.mov", Rate: edit.Rate{Num: 2997, Den: 125}, Duration: 100}
	tests := []struct {
		name string
		tl   *edit.Timeline
		want string
	}{
		{"nil", nil, "no timeline"},
		{"invalid", &edit.Timeline{Rate: edit.Rate{}}, "invalid timeline"},
		{"odd sequence rate", &edit.Timeline{Rate: m.Rate}, "xmeml cannot state"},
		{"odd media rate", &edit.Timeline{Rate: edit.Rate24, Tracks: []*edit.Track{{Name: "V1", Kind: edit.Video, Items: []edit.Item{&edit.Clip{Media: m, Duration: 10}}}}}, "xmeml cannot state"},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		err := Write(&b, tt.tl)
		if err == nil || !strings.Contains(err.Error(), tt.want) || b.Len() != 0 {
			t.Errorf("%s: error %v (wrote %d bytes), want %q", tt.name, err, b.Len(), tt.want)
		}
	}
}

func TestPathURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"/a/b.mov", "file://localhost/a/b.mov"},
		{"/a b/c d.mov", "file://localhost/a%20b/c%20d.mov"},
		{"/x/é.mov", "file://localhost/x/%C3%A9.mov"},
		{"/x/50%#?.mov", "file://localhost/x/50%25%23%3F.mov"},
		{"C:/Media/a.mov", "file://localhost/C:/Media/a.mov"},
		{"rel/a.mov", "file://localhost/rel/a.mov"},
	}
	for _, tt := range tests {
		if got := PathURL(tt.in); got != tt.want {
			t.Errorf("PathURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestHighRateSource: a 120 fps source in a 60 fps sequence keeps its rate
// (timebase 120) on the clipitem and file, in/out count its frames, and
// its file timecode string counts at its timecode base, 60, as the EDL
// writes it, while the frame counts at 120.
func TestHighRateSource(t *testing.T) {
	r120 := edit.Rate{Num: 120, Den: 1}
	m := &edit.MediaReference{Path: "/r/hfr.mov", Rate: r120, Start: 10*3600*120 + 60, HasTimecode: true, Duration: 240}
	tl := &edit.Timeline{Name: "hfr", Rate: edit.Rate60, Start: 216000, Tracks: []*edit.Track{{Name: "V1", Kind: edit.Video,
		Items: []edit.Item{&edit.Clip{Media: m, SourceIn: m.Start + 20, Duration: 100}}}}}
	out, err := Marshal(tl)
	if err != nil {
		t.Fatal(err)
	}
	ci := parse(t, out).all("sequence/media/video/track/clipitem")[0]
	for path, want := range map[string]string{
		"rate/timebase":               "120",
		"in":                          "20",
		"out":                         "220",
		"start":                       "0",
		"end":                         "100",
		"file/rate/timebase":          "120",
		"file/timecode/rate/timebase": "120",
		"file/timecode/string":        "10:00:00:30",
		"file/timecode/frame":         "4320060",
	} {
		if got := ci.get(path); got != want {
			t.Errorf("clipitem %s = %s, want %s", path, got, want)
		}
	}
}
