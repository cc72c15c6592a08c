package edit

import (
	"errors"
	"fmt"

	"rushcut/media/timecode"
)

// maxErrors bounds how many problems Validate reports at once.
const maxErrors = 10

// Validate reports every problem (up to ten) that makes the timeline
// unplayable or ambiguous, or nil. It checks the rate and start timecode;
// that clips have valid media, positive length and speed, markers inside
// them, and source ranges inside their media; that gaps are positive; and
// that each transition sits between two clips, is no longer than they allow
// and has the media handles it needs.
func (tl *Timeline) Validate() error {
	v := &validator{}
	if !tl.Rate.Valid() {
		v.add(fmt.Errorf("timeline rate %s is invalid", tl.Rate))
		return v.err()
	}
	if tl.DropFrame && !tl.Rate.CanDrop() {
		v.add(fmt.Errorf("drop-frame timecode is not defined at %s fps", tl.Rate))
	}
	day := timecode.FramesPerDay(tl.Rate.Num, tl.Rate.Den, tl.DropFrame)
	if tl.Start < 0 || tl.Start >= day {
		v.add(fmt.Errorf("timeline start frame %d is outside 00:00:00:00–23:59:59", tl.Start))
	}
	for ti, t := range tl.Tracks {
		if t == nil {
			v.add(fmt.Errorf("track %d is nil", ti+1))
			continue
		}
		name := t.Name
		if name == "" {
			name = fmt.Sprint(ti + 1)
		}
		if t.Kind != Video && t.Kind != Audio {
			v.add(fmt.Errorf("track %s: unknown kind %q", name, t.Kind))
		}
		for i, it := range t.Items {
			where := func(err error) error {
				return fmt.Errorf("track %s item %d%s: %w", name, i+1, label(it), err)
			}
			for _, err := range tl.itemErrors(t, i) {
				v.add(where(err))
			}
		}
	}
	return v.err()
}

func label(it Item) string {
	if c, ok := it.(*Clip); ok {
		return fmt.Sprintf(" (clip %q)", c.DisplayName())
	}
	return ""
}

func (tl *Timeline) itemErrors(t *Track, i int) []error {
	switch it := t.Items[i].(type) {
	case *Clip:
		return tl.clipErrors(t, i, it)
	case *Gap:
		if it.Duration <= 0 {
			return []error{fmt.Errorf("gap duration %d is not positive", it.Duration)}
		}
	case *Transition:
		return tl.transitionErrors(t, i, it)
	case nil:
		return []error{errors.New("nil item")}
	default:
		return []error{fmt.Errorf("unknown item type %T", it)}
	}
	return nil
}

func (tl *Timeline) clipErrors(t *Track, i int, c *Clip) []error {
	var errs []error
	if c.Media == nil {
		return []error{errors.New("no media")}
	}
	if err := c.Media.Validate(); err != nil {
		return []error{fmt.Errorf("media %q: %w", c.Media.Path, err)}
	}
	if c.Duration <= 0 {
		errs = append(errs, fmt.Errorf("duration %d is not positive", c.Duration))
	}
	for _, e := range c.Effects {
		if e.Kind == "" {
			errs = append(errs, errors.New("effect without a kind"))
		}
		if e.Kind == EffectSpeed && !e.Speed.Positive() {
			errs = append(errs, fmt.Errorf("speed %s is not positive", e.Speed))
		}
	}
	for _, m := range c.Markers {
		if m.Start < 0 || m.Duration < 0 || m.Start+m.Duration > c.Duration || m.Start >= max(c.Duration, 1) {
			errs = append(errs, fmt.Errorf("marker %q at %d+%d is outside the clip (%d frames)", m.Name, m.Start, m.Duration, c.Duration))
		}
	}
	if len(errs) > 0 {
		return errs
	}
	m := c.Media
	if SourceFrames(c.Duration, c.Speed(), m.Rate, tl.Rate) < 1 {
		errs = append(errs, fmt.Errorf("%d frames at speed %s play no whole media frame", c.Duration, c.Speed()))
		return errs
	}
	// Media the clip needs, handles for its transitions included.
	first, end := c.SourceIn, c.SourceIn+SourceFrames(c.Duration, c.Speed(), m.Rate, tl.Rate)
	if tr, ok := itemAt(t, i+1).(*Transition); ok && tr.OutOffset > 0 {
		end = c.SourceIn + SourceFrames(c.Duration+tr.OutOffset, c.Speed(), m.Rate, tl.Rate)
	}
	if tr, ok := itemAt(t, i-1).(*Transition); ok && tr.InOffset > 0 {
		first = c.SourceIn - SourceFrames(tr.InOffset, c.Speed(), m.Rate, tl.Rate)
	}
	avail := m.AvailableRange()
	tc := func(f int64) string { return m.Rate.Timecode(f, m.DropFrame) }
	if first < avail.Start {
		errs = append(errs, fmt.Errorf("source in %s (with transition handle) is before the media's first frame %s", tc(first), tc(avail.Start)))
	}
	if end > avail.End() {
		errs = append(errs, fmt.Errorf("source out %s (with transition handle) is past the media's end %s", tc(end), tc(avail.End())))
	}
	return errs
}

func (tl *Timeline) transitionErrors(t *Track, i int, tr *Transition) []error {
	var errs []error
	switch tr.Kind {
	case Dissolve:
		if tr.WipeCode != 0 {
			errs = append(errs, fmt.Errorf("dissolve with wipe code %d", tr.WipeCode))
		}
	case Wipe:
		if tr.WipeCode < 1 || tr.WipeCode > 999 {
			errs = append(errs, fmt.Errorf("wipe code %d is outside 1–999", tr.WipeCode))
		}
	case FadeIn, FadeOut:
		return fadeErrors(t, i, tr)
	default:
		errs = append(errs, fmt.Errorf("unknown transition kind %q", tr.Kind))
	}
	if tr.InOffset < 0 || tr.OutOffset < 0 || tr.Duration() == 0 {
		errs = append(errs, fmt.Errorf("transition offsets %d/%d: need non-negative offsets and a positive duration", tr.InOffset, tr.OutOffset))
		return errs
	}
	prev, ok1 := itemAt(t, i-1).(*Clip)
	next, ok2 := itemAt(t, i+1).(*Clip)
	if !ok1 || !ok2 {
		errs = append(errs, errors.New("a transition must sit between two clips (it cannot open or close a track, or touch a gap)"))
		return errs
	}
	// The outgoing clip's own length must hold its incoming transition's
	// tail and this transition's head; likewise the incoming clip.
	var prevOut, nextIn int64
	if p, ok := itemAt(t, i-2).(*Transition); ok {
		prevOut = p.OutOffset
	}
	if n, ok := itemAt(t, i+2).(*Transition); ok {
		nextIn = n.InOffset
	}
	if prevOut+tr.InOffset > prev.Duration {
		errs = append(errs, fmt.Errorf("transition starts %d frames before the cut but the outgoing clip %q has only %d frames", tr.InOffset, prev.DisplayName(), prev.Duration-prevOut))
	}
	if tr.OutOffset+nextIn > next.Duration {
		errs = append(errs, fmt.Errorf("transition ends %d frames after the cut but the incoming clip %q has only %d frames", tr.OutOffset, next.DisplayName(), next.Duration-nextIn))
	}
	return errs
}

func itemAt(t *Track, i int) Item {
	if i < 0 || i >= len(t.Items) {
		return nil
	}
	return t.Items[i]
}

type validator struct {
	errs []error
	more int
}

func (v *validator) add(err error) {
	if len(v.errs) < maxErrors {
		v.errs = append(v.errs, err)
	} else {
		v.more++
	}
}

func (v *validator) err() error {
	if v.more > 0 {
		v.errs = append(v.errs, fmt.Errorf("and %d more problems", v.more))
	}
	return errors.Join(v.errs...)
}

// fadeErrors checks a fade from or to black: it lies on the clip beside it
// and faces the track's edge or a gap on its other side.
func fadeErrors(t *Track, i int, tr *Transition) []error {
	if tr.WipeCode != 0 {
		return []error{fmt.Errorf("%s with wipe code %d", tr.Kind, tr.WipeCode)}
	}
	clipAt, edgeAt, length, other := i+1, i-1, tr.OutOffset, tr.InOffset
	if tr.Kind == FadeOut {
		clipAt, edgeAt, length, other = i-1, i+1, tr.InOffset, tr.OutOffset
	}
	if length <= 0 || other != 0 {
		return []error{fmt.Errorf("%s offsets %d/%d: the fade lies on its clip's side only", tr.Kind, tr.InOffset, tr.OutOffset)}
	}
	c, ok := itemAt(t, clipAt).(*Clip)
	if !ok {
		return []error{fmt.Errorf("%s must touch a clip", tr.Kind)}
	}
	switch itemAt(t, edgeAt).(type) {
	case nil, *Gap:
	default:
		return []error{fmt.Errorf("%s must face the track's edge or a gap", tr.Kind)}
	}
	if length > c.Duration {
		return []error{fmt.Errorf("%s lasts %d frames but clip %q has only %d", tr.Kind, length, c.DisplayName(), c.Duration)}
	}
	return nil
}
