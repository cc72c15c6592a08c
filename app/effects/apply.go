package effects

import (
	"fmt"
	"slices"

	"rushcut/app/edit"
	"rushcut/app/suggest"
)

// Mode says which effect suggestions Apply puts on the timeline.
type Mode string

// Modes.
const (
	// None applies no effect.
	None Mode = "none"
	// Accepted applies the accepted and modified suggestions.
	Accepted Mode = "accepted"
	// Proposed applies every suggestion not rejected.
	Proposed Mode = "proposed"
)

// ParseMode reads "none", "accepted" or "proposed".
func ParseMode(s string) (Mode, error) {
	switch m := Mode(s); m {
	case None, Accepted, Proposed:
		return m, nil
	}
	return "", fmt.Errorf("--effects %q: want proposed, accepted or none", s)
}

// Applies reports whether mode applies an entry with status st.
func (m Mode) Applies(st suggest.Status) bool {
	switch m {
	case Accepted:
		return st == suggest.Accepted || st == suggest.Modified
	case Proposed:
		return st != suggest.Rejected
	}
	return false
}

// Apply returns a copy of tl with the effect entries mode selects put on
// its first video track, in the editor's parameters when modified: colour
// matches and flash removals as effects on their clip; stabilisation and
// speed changes as effects on the part of the clip they cover (the clip is
// split at the range's ends; a speed change makes its part longer or
// shorter); dissolves, fades, and the dissolves, dips and wipes the
// source holds as transitions (a wipe with its SMPTE code, see
// WipeParams.Transition). Each item made carries the suggestion's provenance; each
// effect names it in Params["suggestion"]. An entry whose clip is no
// longer in the cut, or whose transition the media has no handles for, is
// skipped with a warning. Orphaned entries and non-effect kinds are
// ignored.
func Apply(tl *edit.Timeline, entries []suggest.Entry, mode Mode) (*edit.Timeline, []string) {
	out := tl.Clone()
	vs := out.TracksOf(edit.Video)
	if mode == None || len(vs) == 0 {
		return out, nil
	}
	tr := vs[0]
	var warns []string
	type job struct {
		e suggest.Entry
		p Params
	}
	var jobs []job
	for _, e := range entries {
		if e.Orphaned || !IsEffect(e.Kind) || !mode.Applies(e.Decision.Status) {
			continue
		}
		p, err := Of(e.Kind, e.Effective())
		if err != nil {
			warns = append(warns, fmt.Sprintf("effect %s: %v", e.ID, err))
			continue
		}
		jobs = append(jobs, job{e, p})
	}
	// Whole-clip effects first, then splits, then transitions, so that
	// each step finds the clips the one before left.
	order := map[suggest.Kind]int{Color: 0, FlashRemove: 0, Stabilize: 1, Speed: 1, Dissolve: 2, Wipe: 2, FadeIn: 3, FadeOut: 3}
	slices.SortStableFunc(jobs, func(a, b job) int { return order[a.e.Kind] - order[b.e.Kind] })
	for _, j := range jobs {
		prov := &edit.Provenance{Suggestion: j.e.ID, Cue: string(j.e.Kind), Model: "rushcut effects", Confidence: j.e.Confidence}
		var err error
		switch p := j.p.(type) {
		case *ColorParams:
			err = onClips(tr, out.Rate, j.e.Target, func(c *edit.Clip) { addEffect(c, p.Effect(), j.e.ID) })
		case *FlashParams:
			err = onClips(tr, out.Rate, j.e.Target, func(c *edit.Clip) {
				r := c.SourceRange(out.Rate)
				var in []int64
				for _, f := range p.Frames {
					if r.Contains(f) {
						in = append(in, f)
					}
				}
				if len(in) > 0 {
					addEffect(c, (&FlashParams{Frames: in}).Effect(), j.e.ID)
				}
			})
		case *StabilizeParams:
			err = onRange(tr, out.Rate, j.e.Target, edit.One, func(c *edit.Clip) { addEffect(c, p.Effect(), j.e.ID) })
			// The sound is cut at the same frames (and left as it is), so
			// that it still follows the picture's edit.
			for _, at := range out.TracksOf(edit.Audio) {
				_ = onRange(at, out.Rate, j.e.Target, edit.One, func(*edit.Clip) {})
			}
		case *SpeedParams:
			// Sound follows the picture's retime, so the tracks stay in sync.
			err = onRange(tr, out.Rate, j.e.Target, p.Speed, func(c *edit.Clip) { addEffect(c, p.Effect(), j.e.ID) })
			for _, at := range out.TracksOf(edit.Audio) {
				_ = onRange(at, out.Rate, j.e.Target, p.Speed, func(c *edit.Clip) { addEffect(c, p.Effect(), j.e.ID) })
			}
		case *DissolveParams:
			if p.Source {
				err = sourceTransition(out, tr, j.e.Target, p.Transition(), prov)
			} else {
				err = cutDissolve(tr, out.Rate, j.e.Target, p, prov)
			}
		case *WipeParams:
			err = sourceTransition(out, tr, j.e.Target, p.Transition(), prov)
		case *FadeParams:
			err = addFade(tr, out.Rate, j.e.Target, p, prov)
		}
		if err != nil {
			warns = append(warns, fmt.Sprintf("effect %s (%s): %v; skipped", j.e.ID, j.e.Kind, err))
		}
	}
	out.EnsureIDs()
	if err := out.Validate(); err != nil {
		warns = append(warns, fmt.Sprintf("the timeline with effects does not validate: %v", err))
	}
	return out, warns
}

func addEffect(c *edit.Clip, e edit.Effect, id string) {
	if e.Params == nil {
		e.Params = map[string]string{}
	}
	e.Params["suggestion"] = id
	for _, have := range c.Effects {
		if have.Params["suggestion"] == id {
			return
		}
	}
	c.Effects = append(c.Effects, e)
}

// matches reports whether clip c plays the target's media and overlaps
// its range.
func matches(c *edit.Clip, rate edit.Rate, t suggest.Target) bool {
	if c.Media == nil || !(key(c.Media) == t.MediaKey() || c.Media.Path == t.Path) {
		return false
	}
	return t.Range.Duration == 0 || c.SourceRange(rate).Overlaps(t.Range)
}

// onClips calls do on every clip of the track matching the target.
func onClips(tr *edit.Track, rate edit.Rate, t suggest.Target, do func(*edit.Clip)) error {
	n := 0
	for _, it := range tr.Items {
		if c, ok := it.(*edit.Clip); ok && matches(c, rate, t) {
			do(c)
			n++
		}
	}
	if n == 0 {
		return fmt.Errorf("no clip of %s over frames %d–%d in the cut", t.Path, t.Range.Start, t.Range.End())
	}
	return nil
}

// onRange splits the clips matching the target at the target range's
// ends, retimes the part inside by speed and calls do on it.
func onRange(tr *edit.Track, rate edit.Rate, t suggest.Target, speed edit.Ratio, do func(*edit.Clip)) error {
	for i := 0; i < len(tr.Items); i++ {
		c, ok := tr.Items[i].(*edit.Clip)
		if !ok || !matches(c, rate, t) || !c.Speed().IsOne() {
			continue
		}
		r := c.SourceRange(rate)
		s, e := max(r.Start, t.Range.Start), min(r.End(), t.Range.End())
		if e <= s {
			continue
		}
		parts := split(c, rate, []int64{r.Start, s, e, r.End()})
		mid := parts[1]
		if mid == nil {
			continue
		}
		mid.Duration = edit.RecordFrames(e-s, speed, c.Media.Rate, rate)
		do(mid)
		var items []edit.Item
		for _, p := range parts {
			if p != nil && p.Duration > 0 {
				items = append(items, p)
			}
		}
		tr.Items = slices.Replace(tr.Items, i, i+1, items...)
		return nil
	}
	return fmt.Errorf("no clip of %s over frames %d–%d in the cut", t.Path, t.Range.Start, t.Range.End())
}

// split cuts c at the media frames bounds[1..len-2] (bounds[0] and the
// last are its source range's ends) and returns the parts (nil where
// empty). The first part keeps c's ID; the others get fresh ones later
// (EnsureIDs). Flash frames follow the part they fall in.
func split(c *edit.Clip, rate edit.Rate, bounds []int64) []*edit.Clip {
	parts := make([]*edit.Clip, len(bounds)-1)
	for k := range parts {
		s, e := bounds[k], bounds[k+1]
		if e <= s {
			continue
		}
		p := *c
		if k > 0 {
			p.ID = ""
		}
		p.SourceIn = s
		p.Duration = edit.RecordFrames(e-s, c.Speed(), c.Media.Rate, rate)
		p.Markers = nil
		p.Effects = nil
		for _, ef := range c.Effects {
			if ef.Kind == edit.EffectFlashRemove {
				fp, err := Decode(FlashRemove, ef.Params)
				if err != nil {
					continue
				}
				var in []int64
				for _, f := range fp.(*FlashParams).Frames {
					if f >= s && f < e {
						in = append(in, f)
					}
				}
				if len(in) == 0 {
					continue
				}
				ne := (&FlashParams{Frames: in}).Effect()
				ne.Params["suggestion"] = ef.Params["suggestion"]
				ef = ne
			}
			p.Effects = append(p.Effects, ef)
		}
		parts[k] = &p
	}
	if parts[0] != nil {
		parts[0].Markers = c.Markers
	}
	return parts
}

// clipIndex is the index of the first clip of the track matching target
// whose source range starts at start (any matching clip when start < 0).
func clipIndex(tr *edit.Track, rate edit.Rate, t suggest.Target, start int64) int {
	for i, it := range tr.Items {
		if c, ok := it.(*edit.Clip); ok && matches(c, rate, t) && (start < 0 || c.SourceIn == start) {
			return i
		}
	}
	return -1
}

// cutDissolve puts a dissolve on the cut into the clip that starts the
// target range, from the clip before it.
func cutDissolve(tr *edit.Track, rate edit.Rate, t suggest.Target, p *DissolveParams, prov *edit.Provenance) error {
	i := clipIndex(tr, rate, t, t.Range.Start)
	if i <= 0 {
		return fmt.Errorf("no clip of %s starting at frame %d after another clip", t.Path, t.Range.Start)
	}
	a, ok := tr.Items[i-1].(*edit.Clip)
	if !ok || a.Media == nil || (key(a.Media) != p.From && a.Media.Path != p.FromPath) || a.SourceRange(rate).End() != p.FromOut {
		return fmt.Errorf("the clip before %s is no longer %s ending at frame %d", t.Path, p.FromPath, p.FromOut)
	}
	b := tr.Items[i].(*edit.Clip)
	if err := handles(a, b, rate, p.InOffset, p.OutOffset); err != nil {
		return err
	}
	x := p.Transition()
	x.Provenance = prov
	tr.Items = slices.Insert(tr.Items, i, edit.Item(x))
	return nil
}

// handles checks that a has out frames of media after its end and b in
// frames before its start.
func handles(a, b *edit.Clip, rate edit.Rate, in, out int64) error {
	ar := a.SourceRange(rate)
	if need := edit.SourceFrames(out, a.Speed(), a.Media.Rate, rate); ar.End()+need > a.Media.Start+a.Media.Duration {
		return fmt.Errorf("%s has no %d-frame handle after its out point", a.Media.Path, need)
	}
	if need := edit.SourceFrames(in, b.Speed(), b.Media.Rate, rate); b.SourceIn-need < b.Media.Start {
		return fmt.Errorf("%s has no %d-frame handle before its in point", b.Media.Path, need)
	}
	return nil
}

// sourceTransition splits the clip of track tr holding the target range
// at the range's ends, drops the range and puts transition x between the
// two parts; the sound of the timeline's audio tracks loses the same
// frames.
func sourceTransition(tl *edit.Timeline, tr *edit.Track, t suggest.Target, x *edit.Transition, prov *edit.Provenance) error {
	if err := splitTransition(tr, tl.Rate, t, x, prov); err != nil {
		return err
	}
	for _, at := range tl.TracksOf(edit.Audio) {
		dropRange(at, tl.Rate, t)
	}
	return nil
}

// splitTransition splits the clip holding the target range at the range's
// ends, drops the range and puts x between the two parts.
func splitTransition(tr *edit.Track, rate edit.Rate, t suggest.Target, x *edit.Transition, prov *edit.Provenance) error {
	i := clipIndex(tr, rate, t, -1)
	if i < 0 {
		return fmt.Errorf("no clip of %s over frames %d–%d in the cut", t.Path, t.Range.Start, t.Range.End())
	}
	c := tr.Items[i].(*edit.Clip)
	r := c.SourceRange(rate)
	if !r.ContainsRange(t.Range) || t.Range.Start == r.Start || t.Range.End() == r.End() {
		return fmt.Errorf("the clip of %s no longer holds frames %d–%d inside it", t.Path, t.Range.Start, t.Range.End())
	}
	parts := split(c, rate, []int64{r.Start, t.Range.Start, t.Range.End(), r.End()})
	if parts[0] == nil || parts[2] == nil {
		return fmt.Errorf("nothing left on one side of the %s", x.Kind)
	}
	x.Provenance = prov
	if err := handles(parts[0], parts[2], rate, x.InOffset, x.OutOffset); err != nil {
		return err
	}
	tr.Items = slices.Replace(tr.Items, i, i+1, edit.Item(parts[0]), edit.Item(x), edit.Item(parts[2]))
	return nil
}

// addFade puts a fade from black before the target's clip (which must
// open the track or follow a gap) or to black after it.
func addFade(tr *edit.Track, rate edit.Rate, t suggest.Target, p *FadeParams, prov *edit.Provenance) error {
	x := p.Transition()
	x.Provenance = prov
	if !p.Out {
		i := clipIndex(tr, rate, t, t.Range.Start)
		if i < 0 {
			return fmt.Errorf("no clip of %s starting at frame %d", t.Path, t.Range.Start)
		}
		if i > 0 {
			if _, gap := tr.Items[i-1].(*edit.Gap); !gap {
				return fmt.Errorf("the clip of %s no longer opens the cut", t.Path)
			}
		}
		if c := tr.Items[i].(*edit.Clip); c.Duration < p.Frames {
			return fmt.Errorf("the clip is shorter than the fade")
		}
		tr.Items = slices.Insert(tr.Items, i, edit.Item(x))
		return nil
	}
	// The last clip matching the target.
	for i := len(tr.Items) - 1; i >= 0; i-- {
		c, ok := tr.Items[i].(*edit.Clip)
		if !ok || !matches(c, rate, t) {
			continue
		}
		if i+1 < len(tr.Items) {
			if _, gap := tr.Items[i+1].(*edit.Gap); !gap {
				return fmt.Errorf("the clip of %s no longer closes the cut", t.Path)
			}
		}
		if c.Duration < p.Frames {
			return fmt.Errorf("the clip is shorter than the fade")
		}
		tr.Items = slices.Insert(tr.Items, i+1, edit.Item(x))
		return nil
	}
	return fmt.Errorf("no clip of %s over frames %d–%d", t.Path, t.Range.Start, t.Range.End())
}

// dropRange removes the target range from the matching clip of an audio
// track, splitting it in two.
func dropRange(tr *edit.Track, rate edit.Rate, t suggest.Target) {
	i := clipIndex(tr, rate, t, -1)
	if i < 0 {
		return
	}
	c := tr.Items[i].(*edit.Clip)
	r := c.SourceRange(rate)
	if !r.ContainsRange(t.Range) {
		return
	}
	parts := split(c, rate, []int64{r.Start, t.Range.Start, t.Range.End(), r.End()})
	var items []edit.Item
	for _, p := range []*edit.Clip{parts[0], parts[2]} {
		if p != nil && p.Duration > 0 {
			items = append(items, p)
		}
	}
	tr.Items = slices.Replace(tr.Items, i, i+1, items...)
}
