package effects

import (
	"fmt"
	"math"

	"rushcut/app/edit"
	"rushcut/app/suggest"
)

// held is a gradual transition the source holds inside a clip's range, as
// sourceTransitions proposes it: analysis frames start..end (inclusive);
// for a dip, the colour and where its fade out ends and its fade up
// starts.
type held struct {
	kind       string // "dissolve", "wipe" or "dip"
	start, end int
	conf       float64
	direction  string // a wipe's
	dip        string // a dip's colour: "black", "white" or "colour"
	outEnd     int    // a dip's fade out's last frame
	inStart    int    // a dip's fade up's first frame
}

// heldTransitions lists the gradual transitions the clip's source holds
// strictly inside the clip's range that sourceTransitions proposes, in
// order: dissolves, wipes and pushes with a direction, and fades to
// black, white or a colour each followed by its fade up (a dip). A fade
// out not followed by its fade in is left out.
func heldTransitions(p *placed, rate edit.Rate) []held {
	a, b := frames(p, rate)
	gs := p.src.Gradual
	var out []held
	for i := 0; i < len(gs); i++ {
		g := gs[i]
		h := held{kind: g.Kind, start: g.Start, end: g.End, conf: g.Confidence, direction: g.Direction}
		switch g.Kind {
		case "dissolve":
		case "wipe":
			if _, _, ok := WipeCode(g.Direction); !ok {
				continue // a wipe without a direction has no SMPTE code
			}
		case "fade_out", "fade_out_white", "fade_out_color":
			in := map[string]string{"fade_out": "fade_in", "fade_out_white": "fade_in_white", "fade_out_color": "fade_in_color"}[g.Kind]
			if i+1 >= len(gs) || gs[i+1].Kind != in {
				continue
			}
			i++
			h.kind, h.outEnd, h.inStart = "dip", g.End, gs[i].Start
			h.dip = map[string]string{"fade_out": "black", "fade_out_white": "white", "fade_out_color": "colour"}[g.Kind]
			h.end, h.conf = gs[i].End, min(h.conf, gs[i].Confidence)
		default:
			continue
		}
		if h.start <= a || h.end >= b-1 {
			continue
		}
		out = append(out, h)
	}
	return out
}

// offsets are the timeline frames of h before and after its cut.
func (h held) offsets(p *placed, rate edit.Rate) (in, out int64) {
	rec := edit.RecordFrames(int64(h.end-h.start+1), edit.One, p.clip.Media.Rate, rate)
	return (rec + 1) / 2, rec / 2
}

// sourceTransitions proposes an edit transition wherever the clip's source
// already holds a gradual transition inside the clip's range (see
// heldTransitions), so that the NLE can rebuild and retime it: a dissolve
// for a dissolve, a wipe with the SMPTE code of its direction for a wipe
// or a push (the detector reports both as a wipe; CMX 3600 has no push),
// and, for a dip to black, white or a colour, one dissolve over the
// whole dip named as a dip (see DissolveParams.Dip), whose colour sample
// measures when it is a colour (nil leaves it "colour"). A dip to black
// too: its exact CMX form (a dissolve to BL, then from BL) needs fades
// inside the track, which edit.Timeline allows only at its edges and
// gaps, and the NLEs' Dip to Black rebuilds it from the one dissolve. It fails only when
// colour sampling fails.
func sourceTransitions(p *placed, rate edit.Rate, sample ColorSampler) ([]suggest.Suggestion, error) {
	var out []suggest.Suggestion
	for _, h := range heldTransitions(p, rate) {
		in, off := h.offsets(p, rate)
		if in+off <= 0 {
			continue
		}
		n := int64(h.end - h.start + 1)
		first, last := p.src.media(h.start), p.src.media(h.end)
		span := fmt.Sprintf("frames %d–%d", first, last)
		secs := fmt.Sprintf("%.2f s", seconds(n, p.clip.Media.Rate))
		s := suggest.Suggestion{
			Target:     rangeTarget(p, first, last+1),
			Confidence: clamp01(h.conf),
			Evidence:   suggest.Evidence{Measures: []suggest.Measure{{Name: "detector confidence", Value: h.conf}}},
		}
		var params Params
		switch h.kind {
		case "wipe":
			code, reverse, _ := WipeCode(h.direction)
			how := fmt.Sprintf("W%03d", code)
			if reverse {
				how += " reversed"
			}
			params = &WipeParams{InOffset: in, OutOffset: off, Direction: h.direction}
			s.Reason = fmt.Sprintf("the source already wipes %s over %s (%s; a wipe or a push): cut there and wipe %s (SMPTE %s) so the NLE can rebuild and retime it",
				directionWords(h.direction), span, secs, directionWords(h.direction), how)
		case "dip":
			dip, name := h.dip, map[string]string{"black": "Dip to Black", "white": "Dip to White"}[h.dip]
			if dip == "colour" {
				name = "Dip to Color"
				if sample != nil {
					// The field: from the fade out's last frame to the fade
					// up's first, its median code values.
					m := p.clip.Media
					st, err := sample(m.Path, m.Start, p.src.media(h.outEnd), p.src.media(h.inStart)+1)
					if err != nil {
						return nil, err
					}
					if c, ok := medianRGB(st); ok {
						dip = c
					}
				}
			}
			params = &DissolveParams{InOffset: in, OutOffset: off, Source: true, Dip: dip}
			why := "CMX 3600 has no dip, so the EDL names it"
			if dip == "black" {
				why = "the EDL names it"
			}
			s.Reason = fmt.Sprintf("the source already dips to %s over %s (%s: fades out over %d–%d, up over %d–%d): cut there and dissolve over the dip; %s at the dissolve for the NLE's %s",
				dip, span, secs, first, p.src.media(h.outEnd), p.src.media(h.inStart), last, why, name)
		default:
			params = &DissolveParams{InOffset: in, OutOffset: off, Source: true}
			s.Reason = fmt.Sprintf("the source already dissolves over %s (%s): cut there and dissolve so the NLE can retime it", span, secs)
		}
		s.Kind, s.Params = params.Kind(), values(params)
		out = append(out, s)
	}
	return out, nil
}

// medianRGB is the colour "#rrggbb" of the statistics' median (the level
// nearest 50%) in each channel; ok is false without quantiles.
func medianRGB(st ColorStats) (string, bool) {
	k := -1
	for i, l := range st.Levels {
		if k < 0 || math.Abs(l-0.5) < math.Abs(st.Levels[k]-0.5) {
			k = i
		}
	}
	var v [3]int
	for c := range 3 {
		if k < 0 || k >= len(st.Quantiles[c]) {
			return "", false
		}
		v[c] = int(math.Round(255 * clamp01(st.Quantiles[c][k])))
	}
	return fmt.Sprintf("#%02x%02x%02x", v[0], v[1], v[2]), true
}

// fadeRoom is the most timeline frames a fade from black (out false) or
// to black (out true) can take on the clip without overlapping the
// transition sourceTransitions proposes nearest that end: the clip's
// part before the first (after the last) less the frames that transition
// takes from it. It is the clip's duration when there is none.
func fadeRoom(p *placed, rate edit.Rate, out bool) int64 {
	hs := heldTransitions(p, rate)
	if len(hs) == 0 {
		return p.clip.Duration
	}
	a, b := frames(p, rate)
	mr := p.clip.Media.Rate
	if out {
		h := hs[len(hs)-1]
		_, off := h.offsets(p, rate)
		return edit.RecordFrames(int64(b-h.end-1), edit.One, mr, rate) - off
	}
	in, _ := hs[0].offsets(p, rate)
	return edit.RecordFrames(int64(hs[0].start-a), edit.One, mr, rate) - in
}
