package otio

import (
	"bytes"
	"encoding/json"
	"flag"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"rushcut/app/edit"
)

var update = flag.Bool("update", false, "rewrite testdata/fixture.otio from the writer (review the diff by hand)")

type obj = map[string]any

func fixture() *edit.Timeline {
	a := &edit.MediaReference{Path: "/rushes/Jour 1/Été #2.mov", Rate: edit.Rate23976, Start: 86400, HasTimecode: true,
		Duration: 3000, Width: 1920, Height: 1080, ContentHash: "abc", HasAudio: true}
	b := &edit.MediaReference{Path: "/rushes/B cam.mxf", Rate: edit.Rate25, Start: 90000, HasTimecode: true, Duration: 2000}
	c := &edit.MediaReference{Path: "/rushes/c24.mov", Rate: edit.Rate24, Duration: 500, VFR: true}
	return &edit.Timeline{Name: "Rough cut", Rate: edit.Rate23976, Start: 86400, Tracks: []*edit.Track{
		{Name: "V1", Kind: edit.Video, Items: []edit.Item{
			&edit.Clip{Media: a, SourceIn: 86400 + 30, Duration: 48, Markers: []edit.Marker{{Name: "peak", Comment: "motion 0.8", Color: edit.Green, Start: 12, Duration: 2}}},
			&edit.Transition{Kind: edit.Dissolve, InOffset: 6, OutOffset: 6},
			&edit.Clip{Media: a, SourceIn: 86400 + 600, Duration: 96, Effects: []edit.Effect{edit.SpeedEffect(2, 1), {Kind: "stabilize", Params: map[string]string{"strength": "0.5"}}}},
			&edit.Gap{Duration: 24},
			&edit.Clip{Media: b, SourceIn: 90000 + 50, Duration: 48},
			&edit.Transition{Kind: edit.Wipe, WipeCode: 1, OutOffset: 12},
			&edit.Clip{Media: c, SourceIn: 10, Duration: 24},
		}},
		{Name: "A1", Kind: edit.Audio, Items: []edit.Item{&edit.Clip{Media: a, SourceIn: 86400 + 30, Duration: 48}}},
	}}
}

func decode(t *testing.T, b []byte) obj {
	t.Helper()
	var doc obj
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	return doc
}

func rtOf(t *testing.T, v any) (value, rate float64) {
	t.Helper()
	m := v.(obj)
	if m["OTIO_SCHEMA"] != "RationalTime.1" {
		t.Fatalf("not a RationalTime.1: %v", m)
	}
	return m["value"].(float64), m["rate"].(float64)
}

func trOf(t *testing.T, v any) (start, dur, rate float64) {
	t.Helper()
	m := v.(obj)
	if m["OTIO_SCHEMA"] != "TimeRange.1" {
		t.Fatalf("not a TimeRange.1: %v", m)
	}
	s, r := rtOf(t, m["start_time"])
	d, r2 := rtOf(t, m["duration"])
	if r != r2 {
		t.Fatalf("mixed rates in a range: %v", m)
	}
	return s, d, r
}

func TestStructure(t *testing.T) {
	out, err := Marshal(fixture())
	if err != nil {
		t.Fatal(err)
	}
	doc := decode(t, out)
	if doc["OTIO_SCHEMA"] != "Timeline.1" || doc["name"] != "Rough cut" {
		t.Fatalf("timeline: %v %v", doc["OTIO_SCHEMA"], doc["name"])
	}
	if v, r := rtOf(t, doc["global_start_time"]); v != 86400 || r != 24000.0/1001 {
		t.Errorf("global_start_time = %v @ %v", v, r)
	}
	stack := doc["tracks"].(obj)
	if stack["OTIO_SCHEMA"] != "Stack.1" {
		t.Fatalf("tracks: %v", stack["OTIO_SCHEMA"])
	}
	tracks := stack["children"].([]any)
	if len(tracks) != 2 {
		t.Fatalf("%d tracks", len(tracks))
	}
	v1, a1 := tracks[0].(obj), tracks[1].(obj)
	if v1["OTIO_SCHEMA"] != "Track.1" || v1["kind"] != "Video" || a1["kind"] != "Audio" {
		t.Fatalf("track kinds %v %v", v1["kind"], a1["kind"])
	}
	kids := v1["children"].([]any)
	var schemas []string
	for _, k := range kids {
		schemas = append(schemas, k.(obj)["OTIO_SCHEMA"].(string))
	}
	if got := strings.Join(schemas, ","); got != "Clip.2,Transition.1,Clip.2,Gap.1,Clip.2,Transition.1,Clip.2" {
		t.Fatalf("children = %s", got)
	}
	// Track duration as OTIO computes it: each item's source_range
	// duration rescaled to the track rate; transitions take no time.
	trackRate := 24000.0 / 1001
	var total float64
	for _, k := range kids {
		m := k.(obj)
		if m["OTIO_SCHEMA"] == "Transition.1" {
			continue
		}
		_, d, r := trOf(t, m["source_range"])
		total += d * trackRate / r
	}
	if math.Abs(total-(48+96+24+48+24)) > 1e-9 {
		t.Errorf("track duration = %v frames, want 240", total)
	}
	c1 := kids[0].(obj)
	if c1["active_media_reference_key"] != "DEFAULT_MEDIA" {
		t.Errorf("active key %v", c1["active_media_reference_key"])
	}
	ref := c1["media_references"].(obj)["DEFAULT_MEDIA"].(obj)
	if ref["OTIO_SCHEMA"] != "ExternalReference.1" {
		t.Fatalf("ref schema %v", ref["OTIO_SCHEMA"])
	}
	u, err := url.Parse(ref["target_url"].(string))
	if err != nil || u.Scheme != "file" || u.Path != "/rushes/Jour 1/Été #2.mov" || strings.ContainsAny(ref["target_url"].(string), " é#") {
		t.Errorf("target_url %v", ref["target_url"])
	}
	if s, d, r := trOf(t, ref["available_range"]); s != 86400 || d != 3000 || r != 24000.0/1001 {
		t.Errorf("available_range %v %v %v", s, d, r)
	}
	if s, d, _ := trOf(t, c1["source_range"]); s != 86430 || d != 48 {
		t.Errorf("clip 1 source_range %v+%v", s, d)
	}
	mk := c1["markers"].([]any)[0].(obj)
	if s, d, _ := trOf(t, mk["marked_range"]); mk["OTIO_SCHEMA"] != "Marker.2" || mk["color"] != "GREEN" || mk["comment"] != "motion 0.8" || s != 86442 || d != 2 {
		t.Errorf("marker %v at %v+%v", mk, s, d)
	}
	tr1 := kids[1].(obj)
	in, _ := rtOf(t, tr1["in_offset"])
	outOff, _ := rtOf(t, tr1["out_offset"])
	if tr1["transition_type"] != "SMPTE_Dissolve" || in != 6 || outOff != 6 {
		t.Errorf("dissolve %v %v/%v", tr1["transition_type"], in, outOff)
	}
	if w := kids[5].(obj); w["transition_type"] != "SMPTE_Wipe" || w["metadata"].(obj)["rushcut"].(obj)["wipe_code"] != 1.0 {
		t.Errorf("wipe %v", w)
	}
	c2 := kids[2].(obj)
	fx := c2["effects"].([]any)
	if len(fx) != 2 || fx[0].(obj)["OTIO_SCHEMA"] != "LinearTimeWarp.1" || fx[0].(obj)["time_scalar"] != 2.0 || fx[1].(obj)["OTIO_SCHEMA"] != "Effect.1" {
		t.Errorf("effects %v", fx)
	}
	// The 25 fps clip in a 23.976 timeline: real time, at the media rate.
	if s, d, r := trOf(t, kids[4].(obj)["source_range"]); s != 90050 || r != 25 || math.Abs(d-48*25/(24000.0/1001)) > 1e-9 {
		t.Errorf("25 fps clip source_range %v+%v@%v", s, d, r)
	}
	// The 24 fps clip: frame for frame, at the media rate, with its track
	// length in media time and a 1000/1001 conform warp.
	if s, d, r := trOf(t, kids[6].(obj)["source_range"]); s != 10 || r != 24 || math.Abs(d-24*24/(24000.0/1001)) > 1e-9 {
		t.Errorf("24 fps clip source_range %v+%v@%v", s, d, r)
	}
	if g := kids[3].(obj); g["OTIO_SCHEMA"] != "Gap.1" {
		t.Errorf("gap %v", g)
	}
	// Doubles are written as OTIO writes them.
	if !bytes.Contains(out, []byte(`"rate": 25.0`)) || !bytes.Contains(out, []byte(`"value": 48.0`)) {
		t.Error("integral doubles are not written with a decimal point")
	}
}

func TestGolden(t *testing.T) {
	out, err := Marshal(fixture())
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "fixture.otio")
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
		t.Errorf("output differs from %s (run with -update and review the diff)", path)
	}
}

func TestRefuses(t *testing.T) {
	for _, tl := range []*edit.Timeline{nil, {Rate: edit.Rate{}}} {
		var b bytes.Buffer
		if err := Write(&b, tl); err == nil || b.Len() != 0 {
			t.Errorf("Write(%v) = %v, wrote %d bytes", tl, err, b.Len())
		}
	}
}

func TestFileURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"/a/b.mov", "file:///a/b.mov"},
		{"/a b/é.mov", "file:///a%20b/%C3%A9.mov"},
		{"/x/50%#?.mov", "file:///x/50%25%23%3F.mov"},
		{`C:/M/a.mov`, "file:///C:/M/a.mov"},
	}
	for _, tt := range tests {
		if got := FileURL(tt.in); got != tt.want {
			t.Errorf("FileURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNum(t *testing.T) {
	for in, want := range map[float64]string{24: "24.0", 23.976023976023978: "23.976023976023978", 0: "0.0", -1: "-1.0", 1e21: "1e+21"} {
		b, _ := num(in).MarshalJSON()
		if string(b) != want {
			t.Errorf("num(%v) = %s, want %s", in, b, want)
		}
	}
}
