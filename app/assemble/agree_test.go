package assemble

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"rushcut/app/edit"
	"rushcut/media"
)

// span is one clip as a reader sees it: source in/out (frame numbers of
// the source timecode) and record in/out (timeline timecode frames).
type span struct{ srcIn, srcOut, recIn, recOut float64 }

// TestExportsAgreeFrameForFrame assembles mixed frame-for-frame timelines
// (24↔23.976, 30↔29.97, 60↔59.94, 120↔119.88, each way round) with real start
// timecodes, exports them as EDL, FCP 7 XML and OTIO, reads each back (the
// XML and OTIO as OpenTimelineIO's readers interpret them) and checks that
// every clip has the same source and record in/out in all three.
func TestExportsAgreeFrameForFrame(t *testing.T) {
	pairs := [][2]media.Rational{
		{{Num: 24, Den: 1}, {Num: 24000, Den: 1001}},
		{{Num: 30, Den: 1}, {Num: 30000, Den: 1001}},
		{{Num: 60, Den: 1}, {Num: 60000, Den: 1001}},
		// Above 60 fps: timecode counts at 60 (clips are cut on its
		// frames), frames stay at 120.
		{{Num: 120, Den: 1}, {Num: 120000, Den: 1001}},
	}
	for _, p := range pairs {
		for _, tlr := range p {
			name := fmt.Sprintf("%d-%d_in_%d-%d", p[0].Num, p[0].Den, tlr.Num, tlr.Den)
			t.Run(name, func(t *testing.T) {
				dir := withFakeProbe(t, map[string]fakeMedia{
					"a.mov": {rate: p[0], frames: 7193, tc: "02:00:00:00"},
					"b.mov": {rate: p[1], frames: 7193, tc: "02:30:00:00"},
					"c.mov": {rate: p[1], frames: 901, tc: "09:59:50:00"},
				})
				rate := edit.Rate{Num: tlr.Num, Den: tlr.Den}
				out := map[string]string{}
				for _, ext := range []string{"edl", "xml", "otio"} {
					out[ext] = filepath.Join(dir, "cut."+ext)
					if code, _, stderr := run(t, dir, "-o", out[ext], "--rate", rate.String(), "--audio", "none"); code != 0 {
						t.Fatalf("%s: exit %d: %s", ext, code, stderr)
					}
				}
				want := edlSpans(t, out["edl"], rate)
				if len(want) != 3 {
					t.Fatalf("EDL has %d events, want 3", len(want))
				}
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
			})
		}
	}
}

func edlSpans(t *testing.T, path string, rate edit.Rate) []span {
	t.Helper()
	l := readEDL(t, path, rate)
	var out []span
	for _, e := range l.Events {
		out = append(out, span{float64(e.Source.In), float64(e.Source.Out), float64(e.RecordIn), float64(e.RecordOut)})
	}
	return out
}

// xnode is a generic XML element.
type xnode struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Text    string     `xml:",chardata"`
	Nodes   []xnode    `xml:",any"`
}

func (n xnode) child(name string) *xnode {
	for i := range n.Nodes {
		if n.Nodes[i].XMLName.Local == name {
			return &n.Nodes[i]
		}
	}
	return nil
}

func (n xnode) path(p string) *xnode {
	cur := &n
	for _, name := range strings.Split(p, "/") {
		if cur = cur.child(name); cur == nil {
			return nil
		}
	}
	return cur
}

func (n xnode) num(t *testing.T, p string) float64 {
	t.Helper()
	c := n.path(p)
	if c == nil {
		t.Fatalf("no <%s> in <%s>", p, n.XMLName.Local)
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(c.Text), 64)
	if err != nil {
		t.Fatalf("<%s>: %v", p, err)
	}
	return v
}

// rateOf reads a <rate> as OpenTimelineIO does: timebase × 1000/1001 when
// ntsc is TRUE.
func rateOf(t *testing.T, n *xnode) float64 {
	t.Helper()
	if n == nil {
		t.Fatal("no <rate>")
	}
	r := n.num(t, "timebase")
	if strings.EqualFold(strings.TrimSpace(n.path("ntsc").Text), "true") {
		r *= 1000.0 / 1001
	}
	return r
}

// otioAdd adds two times as OpenTimelineIO's RationalTime does: the
// result is at the higher rate.
func otioAdd(a, ra, b, rb float64) (float64, float64) {
	if ra < rb {
		return a*rb/ra + b, rb
	}
	return b*ra/rb + a, ra
}

// xmlSpans reads the video clipitems the way OpenTimelineIO's fcp_xml
// adapter does: start/end at the sequence rate; source start = in (at the
// clipitem rate) + the file's timecode frame (at its rate); source
// duration = the record duration rescaled to the clipitem rate.
func xmlSpans(t *testing.T, path string) []span {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var root xnode
	if err := xml.Unmarshal(b, &root); err != nil {
		t.Fatal(err)
	}
	seq := root.child("sequence")
	seqRate := rateOf(t, seq.child("rate"))
	seqStart := seq.num(t, "timecode/frame")
	files := map[string]*xnode{}
	var out []span
	for _, ci := range seq.path("media/video/track").Nodes {
		if ci.XMLName.Local != "clipitem" {
			continue
		}
		f := ci.child("file")
		var id string
		for _, a := range f.Attrs {
			if a.Name.Local == "id" {
				id = a.Value
			}
		}
		if len(f.Nodes) > 0 {
			files[id] = f
		}
		f = files[id]
		clipRate := rateOf(t, ci.child("rate"))
		start, end := ci.num(t, "start"), ci.num(t, "end")
		tcRate := rateOf(t, f.path("timecode/rate"))
		src, srcRate := otioAdd(ci.num(t, "in"), clipRate, f.num(t, "timecode/frame"), tcRate)
		src = src * clipRate / srcRate
		dur := (end - start) * clipRate / seqRate
		out = append(out, span{src, src + dur, seqStart + start, seqStart + end})
	}
	return out
}

type jobj = map[string]any

func jtime(v any) (value, rate float64) {
	m := v.(jobj)
	return m["value"].(float64), m["rate"].(float64)
}

// otioSpans reads the video track's clips as OpenTimelineIO does: the
// record position is the sum of the items' durations rescaled to the
// track rate, the source in is source_range.start_time and the media used
// is its duration times the clip's LinearTimeWarp scalars.
func otioSpans(t *testing.T, path string) []span {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc jobj
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	pos, trackRate := jtime(doc["global_start_time"])
	var out []span
	track := doc["tracks"].(jobj)["children"].([]any)[0].(jobj)
	for _, it := range track["children"].([]any) {
		m := it.(jobj)
		sr, ok := m["source_range"].(jobj)
		if !ok {
			continue
		}
		s, r := jtime(sr["start_time"])
		d, _ := jtime(sr["duration"])
		length := d * trackRate / r
		if m["OTIO_SCHEMA"] == "Clip.2" {
			scalar := 1.0
			for _, e := range m["effects"].([]any) {
				if e.(jobj)["OTIO_SCHEMA"] == "LinearTimeWarp.1" {
					scalar *= e.(jobj)["time_scalar"].(float64)
				}
			}
			out = append(out, span{s, s + d*scalar, pos, pos + length})
		}
		pos += length
	}
	return out
}

// TestDropFrameFollowsSources: two 29.97 drop-frame sources assembled
// with default options give a drop-frame EDL whose source timecodes an
// FCM-following reader reads at their own frames; --drop-frame=false
// still wins.
func TestDropFrameFollowsSources(t *testing.T) {
	r := media.Rational{Num: 30000, Den: 1001}
	dir := withFakeProbe(t, map[string]fakeMedia{
		"a.mov": {rate: r, frames: 300, tc: "09:59:50;00"},
		"b.mov": {rate: r, frames: 300, tc: "00:00:59;20"},
	})
	rate := edit.Rate2997
	for _, tt := range []struct {
		args []string
		drop bool
	}{{nil, true}, {[]string{"--drop-frame=false"}, false}, {[]string{"--drop-frame"}, true}} {
		out := filepath.Join(dir, "cut.edl")
		if code, _, stderr := run(t, append([]string{dir, "-o", out, "--audio", "none"}, tt.args...)...); code != 0 {
			t.Fatalf("%v: exit %d: %s", tt.args, code, stderr)
		}
		text, _ := os.ReadFile(out)
		l := readEDL(t, out, rate)
		if l.DropFrame != tt.drop {
			t.Errorf("%v: timeline drop-frame %v, want %v\n%s", tt.args, l.DropFrame, tt.drop, text)
		}
		// Every source timecode must sit under an FCM line of its mode.
		fcm := false
		for _, ln := range strings.Split(string(text), "\n") {
			f := strings.Fields(ln)
			switch {
			case strings.HasPrefix(ln, "FCM:"):
				fcm = ln == "FCM: DROP FRAME"
			case len(f) == 8 && f[0][0] >= '0' && f[0][0] <= '9':
				for _, s := range f[4:6] {
					if strings.Contains(s, ";") != fcm {
						t.Errorf("%v: source %s under FCM drop=%v\n%s", tt.args, s, fcm, text)
					}
				}
			}
		}
		want := []string{"00:00:59;20", "09:59:50;00"}
		for i, e := range l.Events {
			if f := rate.Timecode(e.Source.In, true); f != want[i] {
				t.Errorf("%v: event %d source in %s, want %s", tt.args, i+1, f, want[i])
			}
		}
	}
}
