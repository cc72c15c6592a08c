package edl

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"rushcut/app/edit"
)

// OpenTimelineIO's Python package is not installed here, so its cmx_3600
// reader cannot be run. These are the regular expressions its
// CommentHandler and make_clip apply to comment lines (otio-cmx3600-adapter
// 1.0, cmx_3600.py), re-stated to check that the ASC lines the writer
// produces give OTIO the CDL values.
var (
	otioComment = func(id string) *regexp.Regexp {
		return regexp.MustCompile(`^\*?\s*` + id + `:?\s*(?P<comment_body>.*)`)
	}
	otioTriple = `([-+]?[\d.]+),? ([-+]?[\d.]+),? ([-+]?[\d.]+),?`
	otioSOP    = regexp.MustCompile(`^\(` + otioTriple + `\)\s*\(` + otioTriple + `\)\s*\(` + otioTriple + `\)`)
)

func TestOTIOReadsOurCDL(t *testing.T) {
	a := mediaAt("/r/A001.mov", edit.Rate24, "10:00:00:00", 2400)
	want := edit.CDL{Slope: [3]float64{1.0523, 0.9871, 0.93}, Offset: [3]float64{-0.0122, 0, 0.0305}, Power: [3]float64{1, 1.1, 0.95}, Sat: 0.875}
	tl := videoTimeline("cdl", edit.Rate24, false, "01:00:00:00",
		&edit.Clip{Media: a, SourceIn: a.Start, Duration: 48, Effects: []edit.Effect{{Kind: edit.EffectColor, CDL: &want}}})
	text := string(mustText(t, tl))
	var sop, sat string
	for _, ln := range strings.Split(text, "\n") {
		ln = strings.TrimSpace(ln)
		// OTIO tries ASC_SOP before ASC_SAT, each anchored at the start.
		if m := otioComment("ASC_SOP").FindStringSubmatch(ln); m != nil {
			sop = strings.TrimSpace(m[1])
		} else if m := otioComment("ASC_SAT").FindStringSubmatch(ln); m != nil {
			sat = strings.TrimSpace(m[1])
		}
	}
	m := otioSOP.FindStringSubmatch(sop)
	if m == nil || sat == "" {
		t.Fatalf("OTIO's expressions find no CDL (sop %q sat %q) in\n%s", sop, sat, text)
	}
	var got edit.CDL
	for i, g := range m[1:] {
		v, err := strconv.ParseFloat(g, 64) // Python float()
		if err != nil {
			t.Fatal(err)
		}
		switch i / 3 {
		case 0:
			got.Slope[i%3] = v
		case 1:
			got.Offset[i%3] = v
		default:
			got.Power[i%3] = v
		}
	}
	got.Sat, _ = strconv.ParseFloat(sat, 64)
	if got != want {
		t.Errorf("OTIO would read %+v, want %+v", got, want)
	}
}
