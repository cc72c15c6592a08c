package rough

import (
	"fmt"
	"strconv"

	"rushcut/app/analysis"
	"rushcut/app/doc"
	"rushcut/app/edit"
	"rushcut/app/effects"
	"rushcut/app/suggest"
	"rushcut/vision"
	"rushcut/vision/impulse"
)

// EffectSources returns the day's takes as effect sources (see
// effects.Source), by media key: each take's per-frame measurements, the
// detector's gradual transitions and flash frames, and its scene number
// when the slate or the file name gave one.
func (d *Day) EffectSources() map[string]*effects.Source {
	out := map[string]*effects.Source{}
	for i, r := range d.Takes {
		if r.Analysis == nil || r.Media == nil {
			continue
		}
		out[d.key(i)] = SourceOf(r.Analysis, r)
	}
	return out
}

// SourceOf makes an effect source of a take's analysis.
func SourceOf(a *analysis.Analysis, r *TakeReport) *effects.Source {
	fs := a.Features
	s := &effects.Source{Media: r.Media, Key: r.Media.ContentHash, Width: a.Width, Height: a.Height}
	if s.Key == "" {
		s.Key = r.Media.Path
	}
	if r.Label.Scene > 0 {
		s.Scene = strconv.Itoa(r.Label.Scene)
	}
	s.Frames = make([]effects.Frame, len(fs))
	for i, f := range fs {
		hs := make([]float64, 32)
		for k := range hs {
			hs[k] = float64(f.Hist[k]) / 255
		}
		v := make([]float64, vision.HistBins-32)
		for k := range v {
			v[k] = float64(f.Hist[32+k]) / 255
		}
		m := f.Motion
		s.Frames[i] = effects.Frame{
			Luma: float64(f.Luma), DX: float64(m.DX), DY: float64(m.DY), Inliers: float64(m.Inliers),
			Shake: float64(m.Shake), Energy: float64(f.Energy), Residual: float64(m.Residual), HueSat: hs, Value: v,
		}
	}
	res := a.Detect()
	for _, t := range res.Transitions {
		if t.Kind.Gradual() {
			s.Gradual = append(s.Gradual, effects.Gradual{Kind: string(t.Kind), Start: t.Start, End: t.End, Confidence: t.Confidence, Direction: t.Direction})
		}
	}
	s.Flashes = res.Flashes
	if e := a.Embeddings; e.Len() > 0 {
		for i, f := range e.Frames {
			s.Embedded = append(s.Embedded, int(f))
			s.Embeddings = append(s.Embeddings, e.Vecs[i*e.Dim:(i+1)*e.Dim])
		}
	}
	return s
}

// ProposeEffects proposes effects on the project's cut (see
// effects.Propose; color measures colour, nil for no colour matching;
// damaged frames are found with vision/impulse, one decode of each clip's
// file) and
// merges them, with the day's own suggestions, into the project's
// suggestions, so that decisions about them are kept like any other's. It
// returns the effect suggestions.
func ProposeEffects(p *doc.Project, d *Day, color effects.ColorSampler) ([]suggest.Suggestion, error) {
	if p.Timeline == nil {
		return nil, fmt.Errorf("the project has no cut")
	}
	eff, err := proposeOn(p.Timeline, d, color)
	if err != nil {
		return nil, err
	}
	all := suggest.Identify(append(d.Suggestions(), eff...))
	if _, err := p.Suggestions.Merge(all); err != nil {
		return nil, err
	}
	return eff, nil
}

// proposeOn proposes effects on cut tl of day d.
func proposeOn(tl *edit.Timeline, d *Day, color effects.ColorSampler) ([]suggest.Suggestion, error) {
	return effects.Propose(effects.Input{Timeline: tl, Sources: d.EffectSources(), Color: color, Impulses: impulse.Scores}, effects.Options{})
}
