package fcpxml

import (
	"bytes"
	"encoding/xml"
	"math/big"
	"strings"
	"testing"

	"rushcut/app/edit"
)

// node is a generic XML element for reading the output back.
type node struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Nodes   []node     `xml:",any"`
}

func (n node) attr(name string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func (n node) kids(name string) []node {
	var out []node
	for _, k := range n.Nodes {
		if k.XMLName.Local == name {
			out = append(out, k)
		}
	}
	return out
}

func (n node) one(t *testing.T, path string) node {
	t.Helper()
	cur := n
	for _, p := range strings.Split(path, "/") {
		ks := cur.kids(p)
		if len(ks) != 1 {
			t.Fatalf("%s: %d <%s> elements, want 1", path, len(ks), p)
		}
		cur = ks[0]
	}
	return cur
}

// rat parses an FCPXML time ("1001/24000s", "3600s"), failing on anything
// else.
func rat(t *testing.T, s string) *big.Rat {
	t.Helper()
	v, ok := strings.CutSuffix(s, "s")
	r, ok2 := new(big.Rat).SetString(v)
	if !ok || !ok2 || strings.ContainsAny(v, ".eE") {
		t.Fatalf("time %q is not a rational number of seconds", s)
	}
	return r
}

// frames returns time s in frames of duration fd, failing unless whole.
func frames(t *testing.T, s, fd string) int64 {
	t.Helper()
	q := new(big.Rat).Quo(rat(t, s), rat(t, fd))
	if !q.IsInt() {
		t.Fatalf("time %s is not a whole number of %s frames (%s)", s, fd, q)
	}
	return q.Num().Int64()
}

func effectsTimeline() (*edit.Timeline, edit.CDL) {
	a := &edit.MediaReference{Path: "/rushes/day 1/A001.mov", Rate: edit.Rate23976, Duration: 4800, Start: 863136, HasTimecode: true,
		Width: 1920, Height: 1080, HasAudio: true, AudioChannels: 2, SampleRate: 48000}
	b := &edit.MediaReference{Path: "/rushes/B002.mov", Rate: edit.Rate25, Duration: 5000, Start: 90000, HasTimecode: true, Width: 3840, Height: 2160}
	cdl := edit.CDL{Slope: [3]float64{1.1, 1, 0.9}, Offset: [3]float64{0.01, 0, -0.02}, Power: [3]float64{1, 1, 1.2}, Sat: 0.85}
	tl := &edit.Timeline{Name: "Cut & co", Rate: edit.Rate23976, Start: 86314, Tracks: []*edit.Track{{Name: "V1", Kind: edit.Video, Items: []edit.Item{
		&edit.Transition{Kind: edit.FadeIn, OutOffset: 12},
		&edit.Clip{Media: a, SourceIn: a.Start + 48, Duration: 48, Effects: []edit.Effect{{Kind: edit.EffectColor, CDL: &cdl}},
			Markers: []edit.Marker{{Name: "look", Comment: "here", Start: 10}}},
		&edit.Transition{Kind: edit.Dissolve, InOffset: 6, OutOffset: 6},
		&edit.Clip{Media: a, SourceIn: a.Start + 1000, Duration: 48, Effects: []edit.Effect{edit.SpeedEffect(1, 2),
			{Kind: edit.EffectStabilize, Params: map[string]string{"radius": "15", "crop": "0.062"}}}},
		&edit.Gap{Duration: 24},
		&edit.Clip{Media: b, SourceIn: b.Start + 50, Duration: 40, Effects: []edit.Effect{{Kind: edit.EffectFlashRemove, Params: map[string]string{"frames": "90070"}}}},
		&edit.Transition{Kind: edit.FadeOut, InOffset: 20},
	}}}}
	return tl, cdl
}

// TestStructure checks the document against FCPXML 1.10's structure (no
// DTD or xmllint is available here): root and version, resources before
// library, every reference resolved, the spine's items contiguous in
// frame-exact rational times, asset-clip children in DTD order, and what
// each effect became.
func TestStructure(t *testing.T) {
	tl, _ := effectsTimeline()
	out, err := Marshal(tl)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(out, []byte(xml.Header+"<!DOCTYPE fcpxml>")) {
		t.Errorf("header: %q", out[:80])
	}
	var root node
	if err := xml.Unmarshal(out, &root); err != nil {
		t.Fatalf("not well-formed: %v", err)
	}
	if root.XMLName.Local != "fcpxml" || root.attr("version") != "1.10" || len(root.Nodes) != 2 ||
		root.Nodes[0].XMLName.Local != "resources" || root.Nodes[1].XMLName.Local != "library" {
		t.Fatalf("root %v version %q children %d", root.XMLName, root.attr("version"), len(root.Nodes))
	}
	res := root.Nodes[0]
	ids := map[string]node{}
	for _, r := range res.Nodes {
		id := r.attr("id")
		if id == "" || ids[id].XMLName.Local != "" {
			t.Fatalf("resource %s has a missing or repeated id %q", r.XMLName.Local, id)
		}
		ids[id] = r
	}
	// Assets: source timecode as start, length, rate via their format,
	// the file as a media-rep.
	assets := res.kids("asset")
	if len(assets) != 2 {
		t.Fatalf("%d assets", len(assets))
	}
	fdOf := func(ref string) string {
		f := ids[ref]
		if f.XMLName.Local != "format" || f.attr("frameDuration") == "" {
			t.Fatalf("format %q does not resolve", ref)
		}
		return f.attr("frameDuration")
	}
	a0 := assets[0]
	if fd := fdOf(a0.attr("format")); fd != "1001/24000s" || frames(t, a0.attr("start"), fd) != 863136 || frames(t, a0.attr("duration"), fd) != 4800 {
		t.Errorf("asset A001: start %s duration %s format %s", a0.attr("start"), a0.attr("duration"), fd)
	}
	if rep := a0.one(t, "media-rep"); rep.attr("kind") != "original-media" || rep.attr("src") != "file:///rushes/day%201/A001.mov" {
		t.Errorf("media-rep %v", rep.Attrs)
	}
	if fd := fdOf(assets[1].attr("format")); fd != "1/25s" {
		t.Errorf("B002 frame duration %s", fd)
	}
	seq := root.one(t, "library/event/project/sequence")
	sfd := fdOf(seq.attr("format"))
	if sfd != "1001/24000s" || frames(t, seq.attr("tcStart"), sfd) != 86314 || seq.attr("tcFormat") != "NDF" {
		t.Errorf("sequence format %s tcStart %s", sfd, seq.attr("tcStart"))
	}
	// Spine: contiguous clips and gaps from tcStart; transitions overlap.
	sp := seq.one(t, "spine")
	var kinds []string
	at := frames(t, seq.attr("tcStart"), sfd)
	var trans [][2]int64
	for _, it := range sp.Nodes {
		kinds = append(kinds, it.XMLName.Local)
		off, dur := frames(t, it.attr("offset"), sfd), frames(t, it.attr("duration"), sfd)
		switch it.XMLName.Local {
		case "transition":
			if f := it.one(t, "filter-video"); ids[f.attr("ref")].attr("name") != "Cross Dissolve" {
				t.Errorf("transition filter %v", f.Attrs)
			}
			trans = append(trans, [2]int64{off - 86314, dur})
		case "asset-clip", "gap":
			if off != at {
				t.Errorf("%s at %d, want %d (contiguous)", it.XMLName.Local, off, at)
			}
			at += dur
		default:
			t.Errorf("unexpected spine item %s", it.XMLName.Local)
		}
	}
	if got := strings.Join(kinds, " "); got != "transition asset-clip transition asset-clip gap asset-clip transition" {
		t.Errorf("spine %s", got)
	}
	if at-86314 != tl.Duration() || frames(t, seq.attr("duration"), sfd) != tl.Duration() {
		t.Errorf("spine ends at %d, timeline is %d", at-86314, tl.Duration())
	}
	// Fade in at 0 for 12; dissolve 6 before the cut at 48; fade out over
	// the last 20 frames of the last clip.
	if want := [][2]int64{{0, 12}, {42, 12}, {140, 20}}; len(trans) != 3 || trans[0] != want[0] || trans[1] != want[1] || trans[2] != want[2] {
		t.Errorf("transitions %v, want %v", trans, want)
	}
	clips := sp.kids("asset-clip")
	// Clip 1: source in as start (asset time), a marker at +10 frames and
	// the CDL as a COLOR marker.
	c0 := clips[0]
	if frames(t, c0.attr("start"), "1001/24000s") != 863136+48 || ids[c0.attr("ref")].attr("name") != "A001" {
		t.Errorf("clip 1 start %s ref %s", c0.attr("start"), c0.attr("ref"))
	}
	ms := c0.kids("marker")
	if len(ms) != 2 || frames(t, ms[0].attr("start"), sfd) != 863136+58 || ms[0].attr("value") != "look" || ms[0].attr("note") != "here" ||
		ms[1].attr("value") != "COLOR" || ms[1].attr("note") != "ASC_SOP (1.1 1.0 0.9)(0.01 0.0 -0.02)(1.0 1.0 1.2) ASC_SAT 0.85" {
		t.Errorf("clip 1 markers %+v", ms)
	}
	// Clip 2: half speed as a timeMap through the source in, over the
	// clip and its 6-frame head handle; timeMap before markers.
	c1 := clips[1]
	if len(c1.Nodes) != 2 || c1.Nodes[0].XMLName.Local != "timeMap" || c1.Nodes[1].XMLName.Local != "marker" {
		t.Fatalf("clip 2 children out of DTD order: %v", c1.Nodes)
	}
	pts := c1.Nodes[0].kids("timept")
	s := int64(863136 + 1000)
	if len(pts) != 2 {
		t.Fatalf("%d timepts", len(pts))
	}
	// time − start = record frames; value − start = record frames × ½.
	start := rat(t, c1.attr("start"))
	if frames(t, c1.attr("start"), sfd) != s {
		t.Errorf("clip 2 start %s", c1.attr("start"))
	}
	for i, rec := range []int64{-6, 48} {
		dt := new(big.Rat).Sub(rat(t, pts[i].attr("time")), start)
		dv := new(big.Rat).Sub(rat(t, pts[i].attr("value")), start)
		wt, wv := new(big.Rat).Mul(big.NewRat(rec, 1), rat(t, sfd)), new(big.Rat).Mul(big.NewRat(rec, 2), rat(t, sfd))
		if dt.Cmp(wt) != 0 || dv.Cmp(wv) != 0 {
			t.Errorf("timept %d: %s → %s, want start%+d frames → start%+.1f frames", i, pts[i].attr("time"), pts[i].attr("value"), rec, float64(rec)/2)
		}
	}
	if m := c1.kids("marker"); len(m) != 1 || m[0].attr("value") != "STABILIZE" || m[0].attr("note") != "crop=0.062 radius=15" {
		t.Errorf("clip 2 markers %+v", m)
	}
	// Clip 3: a 25 fps source in a 23.976 timeline (real time, no
	// conform-rate), its start whole frames of its own rate.
	c2 := clips[2]
	if frames(t, c2.attr("start"), "1/25s") != 90050 || len(c2.kids("conform-rate")) != 0 {
		t.Errorf("clip 3 start %s conform %d", c2.attr("start"), len(c2.kids("conform-rate")))
	}
	if m := c2.kids("marker"); len(m) != 1 || m[0].attr("value") != "FLASH_REMOVE" || m[0].attr("note") != "frames=90070" {
		t.Errorf("clip 3 markers %+v", m)
	}
}

func TestFrameForFrameConform(t *testing.T) {
	m := &edit.MediaReference{Path: "/r/a.mov", Rate: edit.Rate23976, Duration: 100}
	tl := &edit.Timeline{Rate: edit.Rate24, Tracks: []*edit.Track{{Name: "V1", Kind: edit.Video, Items: []edit.Item{&edit.Clip{Media: m, Duration: 50}}}}}
	out, err := Marshal(tl)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), `<conform-rate scaleEnabled="1" srcFrameRate="23.98"></conform-rate>`) {
		t.Errorf("no conform-rate:\n%s", out)
	}
}

func TestRefuses(t *testing.T) {
	m := &edit.MediaReference{Path: "/r/a.mov", Rate: edit.Rate24, Duration: 100}
	two := &edit.Timeline{Rate: edit.Rate24, Tracks: []*edit.Track{
		{Name: "V1", Kind: edit.Video, Items: []edit.Item{&edit.Clip{Media: m, Duration: 5}}},
		{Name: "V2", Kind: edit.Video, Items: []edit.Item{&edit.Clip{Media: m, Duration: 5}}}}}
	if _, err := Marshal(two); err == nil || !strings.Contains(err.Error(), "one video track") {
		t.Errorf("two video tracks: %v", err)
	}
	bad := &edit.Timeline{Rate: edit.Rate24, Tracks: []*edit.Track{{Name: "V1", Kind: edit.Video, Items: []edit.Item{&edit.Clip{Media: m, Duration: 500}}}}}
	if _, err := Marshal(bad); err == nil || !strings.Contains(err.Error(), "invalid timeline") {
		t.Errorf("past the media: %v", err)
	}
}
