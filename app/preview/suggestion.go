package preview

import (
	"fmt"

	"rushcut/app/edit"
	"rushcut/app/effects"
	"rushcut/app/suggest"
)

// Resolver finds a media reference by media key (content hash, or path)
// or by path; nil when the project has none.
type Resolver func(key, path string) *edit.MediaReference

// FromSuggestion turns an effect suggestion (with the editor's modified
// parameters, if any) into a preview Request over the suggestion's media
// frames. resolve supplies the media, for their first frame's timecode:
// suggestions count frames in the media's own time, previews from the
// file's first frame.
func FromSuggestion(e suggest.Entry, resolve Resolver) (Request, error) {
	if !effects.IsEffect(e.Kind) {
		return Request{}, bad("suggestion %s is a %s, not an effect", e.ID, e.Kind)
	}
	p, err := effects.Of(e.Kind, e.Effective())
	if err != nil {
		return Request{}, bad("suggestion %s: %v", e.ID, err)
	}
	t := e.Target
	m := resolve(t.MediaKey(), t.Path)
	if m == nil {
		return Request{}, bad("suggestion %s: its media %s is not in the project", e.ID, t.Path)
	}
	r := t.Range
	if r.Duration <= 0 {
		r = edit.TimeRange{Start: m.Start, Duration: m.Duration, Rate: m.Rate}
	}
	src := Source{Path: m.Path, In: int(r.Start - m.Start), Out: int(r.End() - m.Start)}
	req := Request{Source: src}
	switch v := p.(type) {
	case *effects.StabilizeParams:
		req.Effect = Effect{Kind: Stabilize, Radius: v.Radius, MaxCrop: max(effects.MaxCrop, v.Crop)}
	case *effects.SpeedParams:
		req.Effect = Effect{Kind: Speed, Speed: v.Speed}
	case *effects.ColorParams:
		req.Effect = Effect{Kind: Color, CDL: v.CDL}
	case *effects.FlashParams:
		req.Effect = Effect{Kind: FlashRemove}
		for _, f := range v.Frames {
			req.Effect.Frames = append(req.Effect.Frames, int(f-m.Start))
		}
	case *effects.FadeParams:
		req.Effect = Effect{Kind: FadeIn, Length: int(v.Frames)}
		if v.Out {
			req.Effect.Kind = FadeOut
		}
	case *effects.WipeParams:
		// A wipe the take holds over Range, split as a source dissolve is.
		req.Effect = Effect{Kind: EdgeWipe, InOffset: int(v.InOffset), OutOffset: int(v.OutOffset), Direction: v.Direction}
		req.Effect.From, req.Source = splitAt(m, src)
	case *effects.DissolveParams:
		req.Effect = Effect{Kind: Dissolve, InOffset: int(v.InOffset), OutOffset: int(v.OutOffset)}
		if v.Source {
			req.Effect.From, req.Source = splitAt(m, src)
			break
		}
		from := resolve(v.From, v.FromPath)
		if from == nil {
			return Request{}, bad("suggestion %s: the outgoing clip's media %s is not in the project", e.ID, v.FromPath)
		}
		req.Effect.From = Source{Path: from.Path, Out: int(v.FromOut - from.Start)}
	default:
		return Request{}, fmt.Errorf("suggestion %s: no preview for %T", e.ID, p)
	}
	return req, nil
}

// splitAt is the outgoing and incoming parts of a take that holds a
// transition over src: the clip is split at the transition's first frame
// and after its last, and the parts meet through the transition.
func splitAt(m *edit.MediaReference, src Source) (from, to Source) {
	return Source{Path: m.Path, Out: src.In}, Source{Path: m.Path, In: src.Out, Out: int(m.Duration)}
}
