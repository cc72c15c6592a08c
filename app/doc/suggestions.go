package doc

import (
	"rushcut/app/edit"
	"rushcut/app/suggest"
)

// Conversions between suggest's types and their file form.

func paramsOut(p suggest.Params) paramsV1 {
	out := paramsV1{Order: p.Order, Values: p.Values}
	if p.Trim != nil {
		out.Trim = &trimV1{In: p.Trim.In, Out: p.Trim.Out}
	}
	if p.Take != nil {
		out.Take = &takeV1{Group: p.Take.Group, Chosen: p.Take.Chosen, Takes: p.Take.Takes}
	}
	if p.Setup != nil {
		out.Setup = &setupV1{Name: p.Setup.Name, Members: p.Setup.Members}
	}
	return out
}

func paramsIn(p paramsV1) suggest.Params {
	out := suggest.Params{Order: p.Order, Values: p.Values}
	if p.Trim != nil {
		out.Trim = &suggest.TrimRange{In: p.Trim.In, Out: p.Trim.Out}
	}
	if p.Take != nil {
		out.Take = &suggest.TakeChoice{Group: p.Take.Group, Chosen: p.Take.Chosen, Takes: p.Take.Takes}
	}
	if p.Setup != nil {
		out.Setup = &suggest.SetupGroup{Name: p.Setup.Name, Members: p.Setup.Members}
	}
	return out
}

func suggestionOut(e suggest.Entry) suggestionV1 {
	t := e.Target
	out := suggestionV1{
		Schema: versioned(suggestionSchema), ID: e.ID, Kind: string(e.Kind),
		Target: targetV1{Path: t.Path, Hash: t.Hash, Item: t.Item,
			Range: rangeV1{Start: t.Range.Start, Duration: t.Range.Duration, Rate: ratioV1(t.Range.Rate)}},
		Params: paramsOut(e.Params), Confidence: e.Confidence, Reason: e.Reason,
		Status: string(e.Decision.Status), Orphaned: e.Orphaned,
	}
	if e.Evidence.Measures != nil {
		out.Evidence.Measures = make([]measureV1, len(e.Evidence.Measures))
		for i, m := range e.Evidence.Measures {
			out.Evidence.Measures[i] = measureV1(m)
		}
	}
	if c := e.Evidence.Curve; c != nil {
		out.Evidence.Curve = &curveV1{Name: c.Name, Origin: c.Origin, Values: c.Values}
	}
	if e.Decision.Modified != nil {
		p := paramsOut(*e.Decision.Modified)
		out.Modified = &p
	}
	return out
}

func suggestionIn(s suggestionV1) suggest.Entry {
	e := suggest.Entry{
		Suggestion: suggest.Suggestion{
			ID: s.ID, Kind: suggest.Kind(s.Kind),
			Target: suggest.Target{Path: s.Target.Path, Hash: s.Target.Hash, Item: s.Target.Item,
				Range: edit.TimeRange{Start: s.Target.Range.Start, Duration: s.Target.Range.Duration, Rate: edit.Rate(s.Target.Range.Rate)}},
			Params: paramsIn(s.Params), Confidence: s.Confidence, Reason: s.Reason,
		},
		Decision: suggest.Decision{Status: suggest.Status(s.Status)},
		Orphaned: s.Orphaned,
	}
	if s.Evidence.Measures != nil {
		e.Evidence.Measures = make([]suggest.Measure, len(s.Evidence.Measures))
		for i, m := range s.Evidence.Measures {
			e.Evidence.Measures[i] = suggest.Measure(m)
		}
	}
	if c := s.Evidence.Curve; c != nil {
		e.Evidence.Curve = &suggest.Curve{Name: c.Name, Origin: c.Origin, Values: c.Values}
	}
	if s.Modified != nil {
		p := paramsIn(*s.Modified)
		e.Decision.Modified = &p
	}
	return e
}
