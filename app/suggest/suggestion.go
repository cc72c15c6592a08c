package suggest

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"

	"rushcut/app/edit"
)

// Kind names what a suggestion proposes. Effect kinds will join the ones
// below; any non-empty string is a valid kind.
type Kind string

// Suggestion kinds.
const (
	// Trim keeps Params.Trim of the target media: the usable range of a
	// take, without the slate, the clap or dead stretches.
	Trim Kind = "trim"
	// Take picks Params.Take.Chosen among the takes of one setup.
	Take Kind = "take"
	// Setup groups media shot from one camera setup (Params.Setup).
	Setup Kind = "setup"
	// Order proposes the order of media or setups (Params.Order).
	Order Kind = "order"
	// Remove drops the target: a stretch of media or a timeline item.
	Remove Kind = "remove"
)

// Target is what a suggestion is about: a stretch of a media file, or a
// timeline item. Media is named by path and content hash; the hash, when
// known, identifies it (so moved media keeps its suggestions).
type Target struct {
	// Path is the media file's path.
	Path string `json:"path,omitempty"`
	// Hash is the media's content hash (see doc.HashFile).
	Hash string `json:"hash,omitempty"`
	// Range is the media frames concerned, in the media's own time at its
	// rate like edit.Clip.SourceIn; the zero range means the whole file.
	Range edit.TimeRange `json:"range"`
	// Item is the ID of a timeline item, for suggestions about the edit.
	Item string `json:"item,omitempty"`
}

// MediaKey returns what identifies the target's media: its content hash,
// or its path when the hash is unknown ("" when there is no media).
func (t Target) MediaKey() string {
	if t.Hash != "" {
		return t.Hash
	}
	return t.Path
}

// TrimRange is a trim's kept range in media frames, in the media's own time
// at the target's rate: In is the first frame kept, Out the first frame
// after the last one kept.
type TrimRange struct {
	In  int64 `json:"in"`
	Out int64 `json:"out"`
}

// TakeChoice is the take picked among the takes of a setup. Takes are
// named by media key (content hash, or path; see Target.MediaKey).
type TakeChoice struct {
	// Group names the setup or scene the takes belong to ("12A").
	Group string `json:"group,omitempty"`
	// Chosen is the picked take; one of Takes when Takes is set.
	Chosen string `json:"chosen"`
	// Takes lists every take considered, in shooting order.
	Takes []string `json:"takes,omitempty"`
}

// SetupGroup is media shot from one camera setup, by media key.
type SetupGroup struct {
	// Name is the group's label ("Setup 3", "12A").
	Name string `json:"name,omitempty"`
	// Members are the media keys in the group, in shooting order.
	Members []string `json:"members"`
}

// Params is what a suggestion proposes: the field of its kind (Trim for
// trim, Take for take, Setup for setup, Order for order; a removal needs
// none) and Values for kinds without a typed field (effects).
type Params struct {
	// Trim is the kept range of a trim.
	Trim *TrimRange `json:"trim,omitempty"`
	// Take is the choice of a take suggestion.
	Take *TakeChoice `json:"take,omitempty"`
	// Setup is the grouping of a setup suggestion.
	Setup *SetupGroup `json:"setup,omitempty"`
	// Order lists media keys or setup names in the proposed order.
	Order []string `json:"order,omitempty"`
	// Values holds other parameters by name, as text like
	// edit.Effect.Params.
	Values map[string]string `json:"values,omitempty"`
}

// Clone returns a deep copy of p.
func (p Params) Clone() Params {
	c := p
	if p.Trim != nil {
		t := *p.Trim
		c.Trim = &t
	}
	if p.Take != nil {
		t := *p.Take
		t.Takes = slices.Clone(p.Take.Takes)
		c.Take = &t
	}
	if p.Setup != nil {
		s := *p.Setup
		s.Members = slices.Clone(p.Setup.Members)
		c.Setup = &s
	}
	c.Order = slices.Clone(p.Order)
	c.Values = maps.Clone(p.Values)
	return c
}

// Measure is one named number of evidence ("audio peak", 0.92, "dBFS").
type Measure struct {
	Name  string  `json:"name"`
	Value float64 `json:"value"`
	// Unit is optional ("s", "dB", "frames").
	Unit string `json:"unit,omitempty"`
}

// Curve is a measurement per frame that the UI can plot: Values[i] belongs
// to frame Origin+i of the target's media, at its rate.
type Curve struct {
	// Name says what is measured ("motion", "audio RMS").
	Name   string    `json:"name"`
	Origin int64     `json:"origin"`
	Values []float64 `json:"values"`
}

// Evidence is what the analysis measured to back a suggestion.
type Evidence struct {
	// Measures are named numbers, in the order to show them.
	Measures []Measure `json:"measures,omitempty"`
	// Curve is an optional per-frame measurement.
	Curve *Curve `json:"curve,omitempty"`
}

// Suggestion proposes one change. See the package documentation.
type Suggestion struct {
	// ID is stable across analysis runs; see IDOf and Identify.
	ID     string `json:"id"`
	Kind   Kind   `json:"kind"`
	Target Target `json:"target"`
	Params Params `json:"params"`
	// Confidence is how sure the analysis is, 0..1.
	Confidence float64 `json:"confidence"`
	// Reason says why, with the numbers, for a person ("clap at 2.4 s,
	// audio peak −3 dBFS; slate in frames 0–40").
	Reason   string   `json:"reason"`
	Evidence Evidence `json:"evidence"`
}

// Clone returns a deep copy of s.
func (s Suggestion) Clone() Suggestion {
	c := s
	c.Params = s.Params.Clone()
	c.Evidence.Measures = slices.Clone(s.Evidence.Measures)
	if s.Evidence.Curve != nil {
		cv := *s.Evidence.Curve
		cv.Values = slices.Clone(s.Evidence.Curve.Values)
		c.Evidence.Curve = &cv
	}
	return c
}

// Validate reports what is wrong with the suggestion, or nil: an empty ID
// or kind, a confidence outside 0..1, non-finite evidence, a target
// without media or item, or parameters that do not fit the kind.
func (s Suggestion) Validate() error {
	var errs []error
	if s.ID == "" {
		errs = append(errs, errors.New("no ID"))
	}
	if s.Kind == "" {
		errs = append(errs, errors.New("no kind"))
	}
	if !(s.Confidence >= 0 && s.Confidence <= 1) {
		errs = append(errs, fmt.Errorf("confidence %v is outside 0..1", s.Confidence))
	}
	for _, m := range s.Evidence.Measures {
		if !finite(m.Value) {
			errs = append(errs, fmt.Errorf("measure %q is %v", m.Name, m.Value))
		}
	}
	if c := s.Evidence.Curve; c != nil {
		for i, v := range c.Values {
			if !finite(v) {
				errs = append(errs, fmt.Errorf("curve %q value %d is %v", c.Name, i, v))
				break
			}
		}
	}
	if r := s.Target.Range; r != (edit.TimeRange{}) && (!r.Rate.Valid() || r.Duration <= 0) {
		errs = append(errs, fmt.Errorf("target range %d+%d at %s is not a positive range at a valid rate", r.Start, r.Duration, r.Rate))
	}
	if err := CheckParams(s.Kind, s.Target, s.Params); err != nil {
		errs = append(errs, err)
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("suggestion %s: %w", s.ID, err)
	}
	return nil
}

// CheckParams reports whether p fits a suggestion of the given kind about
// target: a trim needs a media target and In < Out inside the target's
// range; a take a chosen take (among Takes, when listed); a setup members;
// an order keys; a removal a target. Other kinds take any parameters.
func CheckParams(kind Kind, target Target, p Params) error {
	switch kind {
	case Trim:
		switch {
		case target.MediaKey() == "":
			return errors.New("trim without target media")
		case p.Trim == nil:
			return errors.New("trim without in and out")
		case p.Trim.In >= p.Trim.Out:
			return fmt.Errorf("trim in %d is not before out %d", p.Trim.In, p.Trim.Out)
		case target.Range.Duration > 0 && (p.Trim.In < target.Range.Start || p.Trim.Out > target.Range.End()):
			return fmt.Errorf("trim %d–%d is outside the target range %d–%d", p.Trim.In, p.Trim.Out, target.Range.Start, target.Range.End())
		}
	case Take:
		switch {
		case p.Take == nil || p.Take.Chosen == "":
			return errors.New("take without a chosen take")
		case len(p.Take.Takes) > 0 && !slices.Contains(p.Take.Takes, p.Take.Chosen):
			return fmt.Errorf("chosen take %q is not among the takes", p.Take.Chosen)
		}
	case Setup:
		if p.Setup == nil || len(p.Setup.Members) == 0 {
			return errors.New("setup without members")
		}
	case Order:
		if len(p.Order) == 0 {
			return errors.New("order without keys")
		}
	case Remove:
		if target.MediaKey() == "" && target.Item == "" {
			return errors.New("remove without a target")
		}
	}
	return nil
}

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }
