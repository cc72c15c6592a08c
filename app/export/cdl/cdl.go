// Package cdl writes ASC Colour Decision Lists for the colourist: one
// .cdl file per corrected clip, or one .ccc ColorCorrectionCollection for
// the whole cut, in the ASC CDL v1.01 XML schema (urn:ASC:CDL:v1.01) that
// Resolve, Baselight, Nuke and OpenColorIO read. A correction's id is its
// clip's name, the one the EDL's "* FROM CLIP NAME:" line and the other
// exports carry, so a colourist can match each file to its event.
package cdl

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"

	"rushcut/app/edit"
)

// Correction is one clip's grade.
type Correction struct {
	// ID names the correction: the clip's name, unique in a collection.
	ID string
	// Description says where it came from (clip, record timecode, reason).
	Description string
	// CDL is the grade.
	CDL edit.CDL
}

// Collect returns the correction of every clip of tl's video tracks that
// has an edit.EffectColor, in track order. IDs are the clips' display
// names; a name used twice gets "_2", "_3"… so that each id names one
// clip. A clip with two colour effects is refused: they do not compose
// into one CDL.
func Collect(tl *edit.Timeline) ([]Correction, error) {
	var out []Correction
	used := map[string]int{}
	for _, t := range tl.TracksOf(edit.Video) {
		for i, it := range t.Items {
			c, ok := it.(*edit.Clip)
			if !ok {
				continue
			}
			var grade *edit.CDL
			for _, e := range c.Effects {
				if e.Kind != edit.EffectColor {
					continue
				}
				if e.CDL == nil {
					return nil, fmt.Errorf("cdl: clip %q: colour effect without a CDL", c.DisplayName())
				}
				if grade != nil {
					return nil, fmt.Errorf("cdl: clip %q has two colour corrections; one CDL per clip", c.DisplayName())
				}
				grade = e.CDL
			}
			if grade == nil {
				continue
			}
			if err := Check(grade); err != nil {
				return nil, fmt.Errorf("cdl: clip %q: %w", c.DisplayName(), err)
			}
			id := c.DisplayName()
			if id == "" {
				id = "clip"
			}
			used[id]++
			if n := used[id]; n > 1 {
				id = fmt.Sprintf("%s_%d", id, n)
			}
			desc := fmt.Sprintf("%s at record %s", c.DisplayName(), tl.Rate.Timecode(tl.Start+t.Position(i), tl.DropFrame))
			if c.Media != nil {
				desc += ", source " + c.Media.Rate.Timecode(c.SourceIn, c.Media.DropFrame) + " of " + c.Media.Path
			}
			out = append(out, Correction{ID: id, Description: desc, CDL: *grade})
		}
	}
	return out, nil
}

// Check refuses a CDL outside the ASC ranges: non-finite numbers, a
// negative slope or saturation, a power that is not positive.
func Check(c *edit.CDL) error { return c.Validate() }

// Note is how an exporter writes an effect it has no element for (as a
// marker's text): a colour match's ASC text, else its parameters.
func Note(e edit.Effect) string {
	if e.Kind == edit.EffectColor && e.CDL != nil {
		return Text(e.CDL)
	}
	return e.ParamText()
}

// Number writes v as the CDL files and EDL lines do: decimal, the
// shortest form that reads back exactly, at least one digit after the
// point, never an exponent (1.0, 0.9127, -0.0122).
func Number(v float64) string {
	if v == 0 {
		v = 0 // no "-0"
	}
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}

func triple(v [3]float64) string { return Number(v[0]) + " " + Number(v[1]) + " " + Number(v[2]) }

// Text is the CDL as one line of text, as EDLs carry it:
// "ASC_SOP (s s s)(o o o)(p p p) ASC_SAT s".
func Text(c *edit.CDL) string {
	return "ASC_SOP (" + triple(c.Slope) + ")(" + triple(c.Offset) + ")(" + triple(c.Power) + ") ASC_SAT " + Number(c.Sat)
}

const ns = "urn:ASC:CDL:v1.01"

type colorCorrection struct {
	XMLName xml.Name `xml:"ColorCorrection"`
	ID      string   `xml:"id,attr"`
	SOP     sopNode  `xml:"SOPNode"`
	Sat     satNode  `xml:"SatNode"`
}

type sopNode struct {
	Description string `xml:"Description,omitempty"`
	Slope       string `xml:"Slope"`
	Offset      string `xml:"Offset"`
	Power       string `xml:"Power"`
}

type satNode struct {
	Saturation string `xml:"Saturation"`
}

func element(c Correction) colorCorrection {
	return colorCorrection{ID: c.ID,
		SOP: sopNode{Description: c.Description, Slope: triple(c.CDL.Slope), Offset: triple(c.CDL.Offset), Power: triple(c.CDL.Power)},
		Sat: satNode{Saturation: Number(c.CDL.Sat)}}
}

// CDL returns the .cdl document of one correction: a ColorDecisionList
// holding one ColorDecision.
func CDL(c Correction) ([]byte, error) {
	type decision struct {
		CC colorCorrection `xml:"ColorCorrection"`
	}
	type list struct {
		XMLName   xml.Name   `xml:"ColorDecisionList"`
		XMLNS     string     `xml:"xmlns,attr"`
		Decisions []decision `xml:"ColorDecision"`
	}
	if err := Check(&c.CDL); err != nil {
		return nil, err
	}
	return marshal(list{XMLNS: ns, Decisions: []decision{{CC: element(c)}}})
}

// CCC returns the .ccc document of the corrections: one
// ColorCorrectionCollection. IDs must be unique.
func CCC(cs []Correction) ([]byte, error) {
	type coll struct {
		XMLName xml.Name          `xml:"ColorCorrectionCollection"`
		XMLNS   string            `xml:"xmlns,attr"`
		CCs     []colorCorrection `xml:"ColorCorrection"`
	}
	seen := map[string]bool{}
	doc := coll{XMLNS: ns}
	for _, c := range cs {
		if seen[c.ID] {
			return nil, fmt.Errorf("cdl: two corrections named %q", c.ID)
		}
		seen[c.ID] = true
		if err := Check(&c.CDL); err != nil {
			return nil, fmt.Errorf("cdl: %s: %w", c.ID, err)
		}
		doc.CCs = append(doc.CCs, element(c))
	}
	return marshal(doc)
}

func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	b.WriteString("\n")
	return b.Bytes(), nil
}

// Files returns the files to write for the corrections, by file name:
// with collection, one NAME.ccc; otherwise one ID.cdl per correction,
// named after its id with characters unsafe in file names replaced by
// '_' (a clash gets "_2", "_3"…).
func Files(cs []Correction, collection bool, name string) (map[string][]byte, error) {
	out := map[string][]byte{}
	if collection {
		b, err := CCC(cs)
		if err != nil {
			return nil, err
		}
		out[SafeName(name)+".ccc"] = b
		return out, nil
	}
	for _, c := range cs {
		b, err := CDL(c)
		if err != nil {
			return nil, fmt.Errorf("cdl: %s: %w", c.ID, err)
		}
		base := SafeName(c.ID)
		fn := base + ".cdl"
		for n := 2; out[fn] != nil; n++ {
			fn = fmt.Sprintf("%s_%d.cdl", base, n)
		}
		out[fn] = b
	}
	return out, nil
}

// SafeName makes s usable as a file name on every system: path
// separators, control and reserved characters become '_'; "cdl" when
// nothing is left.
func SafeName(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || strings.ContainsRune(`/\:*?"<>|`, r) {
			return '_'
		}
		return r
	}, strings.TrimSpace(s))
	s = strings.Trim(s, ". ")
	if s == "" {
		return "cdl"
	}
	return s
}
