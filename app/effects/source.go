package effects

import (
	"fmt"

	"rushcut/app/edit"
	"rushcut/app/suggest"
)

// sourceTransitions proposes an edit transition wherever the clip's source
// already holds a gradual transition inside the clip's range (the
// detector's), so that the NLE can rebuild and retime it: a dissolve for a
// dissolve, a wipe with the SMPTE code of its direction for a wipe or a
// push (the detector reports both as a wipe; CMX 3600 has no push), and,
// for a fade to white or a colour followed by a fade up from it, one
// dissolve over the whole dip named as a dip (see DissolveParams.Dip). A
// fade out not followed by its fade in is left alone.
func sourceTransitions(p *placed, rate edit.Rate) []suggest.Suggestion {
	a, b := frames(p, rate)
	gs := p.src.Gradual
	var out []suggest.Suggestion
	for i := 0; i < len(gs); i++ {
		g := gs[i]
		start, end, conf := g.Start, g.End, g.Confidence
		var dip string
		switch g.Kind {
		case "dissolve", "wipe":
		case "fade_out_white", "fade_out_color":
			in := map[string]string{"fade_out_white": "fade_in_white", "fade_out_color": "fade_in_color"}[g.Kind]
			if i+1 >= len(gs) || gs[i+1].Kind != in {
				continue
			}
			i++
			end, conf = gs[i].End, min(conf, gs[i].Confidence)
			dip = "white"
			if g.Kind == "fade_out_color" {
				dip = "colour"
			}
		default:
			continue
		}
		if start <= a || end >= b-1 {
			continue
		}
		n := int64(end - start + 1)
		rec := edit.RecordFrames(n, edit.One, p.clip.Media.Rate, rate)
		in, off := (rec+1)/2, rec/2
		if in+off <= 0 {
			continue
		}
		first, last := p.src.media(start), p.src.media(end)
		span := fmt.Sprintf("frames %d–%d", first, last)
		secs := fmt.Sprintf("%.2f s", seconds(n, p.clip.Media.Rate))
		s := suggest.Suggestion{
			Target:     rangeTarget(p, first, last+1),
			Confidence: clamp01(conf),
			Evidence:   suggest.Evidence{Measures: []suggest.Measure{{Name: "detector confidence", Value: conf}}},
		}
		var params Params
		switch {
		case g.Kind == "wipe":
			code, reverse, ok := WipeCode(g.Direction)
			if !ok {
				continue // a wipe without a direction has no SMPTE code
			}
			how := fmt.Sprintf("W%03d", code)
			if reverse {
				how += " reversed"
			}
			params = &WipeParams{InOffset: in, OutOffset: off, Direction: g.Direction}
			s.Reason = fmt.Sprintf("the source already wipes %s over %s (%s; a wipe or a push): cut there and wipe %s (SMPTE %s) so the NLE can rebuild and retime it",
				directionWords(g.Direction), span, secs, directionWords(g.Direction), how)
		case dip != "":
			params = &DissolveParams{InOffset: in, OutOffset: off, Source: true, Dip: dip}
			name := map[string]string{"white": "Dip to White", "colour": "Dip to Color"}[dip]
			s.Reason = fmt.Sprintf("the source already dips to %s over %s (%s: fades out over %d–%d, up over %d–%d): cut there and dissolve over the dip; CMX 3600 has no dip, so the EDL names it at the dissolve for the NLE's %s",
				dip, span, secs, first, p.src.media(g.End), p.src.media(gs[i].Start), last, name)
		default:
			params = &DissolveParams{InOffset: in, OutOffset: off, Source: true}
			s.Reason = fmt.Sprintf("the source already dissolves over %s (%s): cut there and dissolve so the NLE can retime it", span, secs)
		}
		s.Kind, s.Params = params.Kind(), values(params)
		out = append(out, s)
	}
	return out
}
