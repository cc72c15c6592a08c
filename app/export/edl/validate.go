package edl

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"rushcut/app/edit"
	"rushcut/media/timecode"
)

// Validate reports what makes the list a wrong or ambiguous EDL (up to ten
// problems), or nil: event numbers not 1, 2, 3… or past 999; record
// ranges out of order, overlapping, empty or past 24:00:00:00; source
// ranges reversed, past 24:00:00:00 or (when built from a timeline)
// outside the media, transition handles included; source and record
// durations that disagree with the speed and rate; record, source and
// locator frames without timecode of their own above 60 fps (an odd frame
// at 120, whose timecode counts at 60); malformed transitions, reels,
// channels, M2 lines or text fields.
func (l *List) Validate() error {
	var errs []error
	add := func(e *Event, format string, args ...any) {
		if len(errs) < 10 {
			errs = append(errs, fmt.Errorf("event %03d: "+format, append([]any{e.Num}, args...)...))
		}
	}
	if !l.Rate.Valid() {
		return fmt.Errorf("invalid record rate %s", l.Rate)
	}
	if l.DropFrame && !l.Rate.CanDrop() {
		return fmt.Errorf("drop-frame timecode is not defined at %s fps", l.Rate)
	}
	if len(l.Events) > MaxEvents {
		return fmt.Errorf("%d events: CMX3600 allows %d", len(l.Events), MaxEvents)
	}
	if strings.ContainsAny(l.Title, "\r\n") {
		errs = append(errs, errors.New("title contains a line break"))
	}
	day := timecode.FramesPerDay(l.Rate.Num, l.Rate.Den, l.DropFrame)
	reelFile := map[string]string{}
	for i := range l.Events {
		e := &l.Events[i]
		if e.Num != i+1 {
			add(e, "out of sequence: expected event %03d", i+1)
		}
		if !validChannels[e.Channels] {
			add(e, "invalid channel field %q", e.Channels)
		}
		if e.RecordIn < 0 || e.RecordOut <= e.RecordIn {
			add(e, "record out %s is not after record in %s", l.recTC(e.RecordOut), l.recTC(e.RecordIn))
		}
		if e.RecordOut >= day {
			add(e, "record out passes 24:00:00:00 (timecode would wrap)")
		}
		for _, r := range []struct {
			name  string
			frame int64
		}{{"record in", e.RecordIn}, {"record out", e.RecordOut}} {
			if msg := inexact(r.name, l.Rate, l.DropFrame, r.frame); msg != "" {
				add(e, "%s", msg)
			}
		}
		if i > 0 && e.RecordIn < l.Events[i-1].RecordOut {
			add(e, "record in %s overlaps event %03d, which ends at %s", l.recTC(e.RecordIn), l.Events[i-1].Num, l.recTC(l.Events[i-1].RecordOut))
		}
		for _, s := range l.sides(e) {
			for _, msg := range l.sourceProblems(e, s) {
				add(e, "reel %s: %s", s.Reel, msg)
			}
			if s.File != "" {
				f := filepath.Clean(s.File)
				if prev, ok := reelFile[s.Reel]; ok && prev != f {
					add(e, "reel %s names two files: %q and %q", s.Reel, prev, s.File)
				}
				reelFile[s.Reel] = f
			}
		}
		if f := e.From; f != nil && !IsBlack(f.Reel) && !IsBlack(e.Source.Reel) && f.Rate.CanDrop() && e.Source.Rate.CanDrop() && f.DropFrame != e.Source.DropFrame {
			add(e, "a transition from reel %s to reel %s mixes drop-frame and non-drop-frame source timecode, which one FCM line per event cannot state (use FCP XML or OTIO)", f.Reel, e.Source.Reel)
		}
		for _, msg := range l.transitionProblems(i) {
			add(e, "%s", msg)
		}
		for _, msg := range l.durationProblems(e) {
			add(e, "%s", msg)
		}
		for _, loc := range e.Locators {
			if msg := inexact("locator "+loc.Text, l.Rate, l.DropFrame, loc.Record); msg != "" {
				add(e, "%s", msg)
			}
			if loc.Record < 0 || loc.Record >= day || strings.ContainsAny(loc.Text+loc.Color, "\r\n") || strings.ContainsAny(loc.Color, " \t") || loc.Color == "" {
				add(e, "invalid locator %q at %s", loc.Text, l.recTC(loc.Record))
			}
		}
		for _, c := range e.Comments {
			if strings.ContainsAny(c, "\r\n") {
				add(e, "comment contains a line break")
			}
		}
		if c := e.CDL; c != nil {
			if err := checkCDL(c); err != nil {
				add(e, "%v", err)
			}
		}
	}
	return errors.Join(errs...)
}

func (l *List) recTC(f int64) string { return l.Rate.Timecode(f, l.DropFrame) }

func (l *List) sides(e *Event) []*Source {
	if e.From != nil {
		return []*Source{e.From, &e.Source}
	}
	return []*Source{&e.Source}
}

func (l *List) sourceProblems(e *Event, s *Source) []string {
	var out []string
	if !validReel(s.Reel) {
		out = append(out, "reel name must be 1–8 characters of A–Z, 0–9 and _")
	}
	if !s.Rate.Valid() {
		return append(out, fmt.Sprintf("invalid source rate %s", s.Rate))
	}
	if s.DropFrame && !s.Rate.CanDrop() {
		out = append(out, fmt.Sprintf("drop-frame timecode is not defined at %s fps", s.Rate))
	}
	tc := func(f int64) string { return s.Rate.Timecode(f, s.DropFrame) }
	day := timecode.FramesPerDay(s.Rate.Num, s.Rate.Den, s.DropFrame)
	switch {
	case s.In < 0 || s.Out < s.In:
		out = append(out, fmt.Sprintf("source out %s is before source in %s", tc(s.Out), tc(s.In)))
	case s != e.From && s.Out == s.In:
		out = append(out, fmt.Sprintf("empty source range: the event's %d record frames play no whole source frame", e.RecordOut-e.RecordIn))
	case s.Out >= day:
		out = append(out, "source out passes 24:00:00:00 (the media's timecode wraps at midnight)")
	}
	for _, f := range []struct {
		name  string
		frame int64
	}{{"source in", s.In}, {"source out", s.Out}} {
		if msg := inexact(f.name, s.Rate, s.DropFrame, f.frame); msg != "" {
			out = append(out, msg)
		}
	}
	if strings.ContainsAny(s.ClipName+s.File, "\r\n") {
		out = append(out, "clip name or file contains a line break")
	}
	if m := s.Speed; m != nil {
		switch {
		case s == e.From:
			out = append(out, "M2 on the outgoing side of a transition")
		case m.Reel != s.Reel:
			out = append(out, fmt.Sprintf("M2 names reel %s", m.Reel))
		case m.Entry != s.In:
			out = append(out, fmt.Sprintf("M2 entry %s is not the source in %s", tc(m.Entry), tc(s.In)))
		case !m.FPS.Positive() || (int64(m.FPS.Num)*10)%int64(m.FPS.Den) != 0 || int64(m.FPS.Num)*10/int64(m.FPS.Den) > 9999:
			out = append(out, fmt.Sprintf("M2 speed %s fps is not a positive ###.# value", m.FPS))
		}
	}
	if m := s.Media; m != nil && s != e.From {
		if s.In < m.Start || s.Out > m.Start+m.Duration {
			out = append(out, fmt.Sprintf("source %s–%s is outside the media %q (%s–%s)", tc(s.In), tc(s.Out), m.Path, tc(m.Start), tc(m.Start+m.Duration)))
		}
	}
	return out
}

// speed returns the side's speed factor: its M2 fps over its timecode
// base, or 1.
func (s *Source) speed() edit.Ratio {
	if s.Speed == nil || !s.Speed.FPS.Positive() || s.Rate.Base() == 0 {
		return edit.One
	}
	return s.Speed.FPS.Mul(edit.Ratio{Num: 1, Den: s.Rate.Base()})
}

func (l *List) transitionProblems(i int) []string {
	e := &l.Events[i]
	var out []string
	switch e.Type {
	case Cut:
		if e.From != nil || e.Frames != 0 || e.WipeCode != 0 {
			out = append(out, "a cut has no transition duration, wipe code or outgoing line")
		}
		return out
	case Dissolve, Wipe:
	default:
		return []string{fmt.Sprintf("unknown edit type %q", e.Type)}
	}
	if e.Type == Wipe && (e.WipeCode < 1 || e.WipeCode > 999) {
		out = append(out, fmt.Sprintf("wipe code %d is outside 001–999", e.WipeCode))
	}
	if e.Type == Dissolve && e.WipeCode != 0 {
		out = append(out, "a dissolve has no wipe code")
	}
	if step := l.Rate.TimecodeStep(); step > 1 && e.Frames%step != 0 {
		out = append(out, fmt.Sprintf("transition of %d frames at %s fps is not a whole number of timecode frames (timecode counts at %d, one number every %d frames), which CMX3600 cannot state (use FCP XML or OTIO)",
			e.Frames, l.Rate, l.Rate.Base(), step))
	} else if n := e.Frames / max(step, 1); n < 1 || n > 999 {
		out = append(out, fmt.Sprintf("transition duration %d is outside 001–999 timecode frames", n))
	}
	if e.Frames > e.RecordOut-e.RecordIn {
		out = append(out, fmt.Sprintf("transition of %d frames is longer than the event (%d frames)", e.Frames, e.RecordOut-e.RecordIn))
	}
	if e.From != nil && IsBlack(e.From.Reel) {
		// A fade from black needs no outgoing event, only a zero-length
		// BL line at the event's record in.
		if e.From.Out != e.From.In {
			out = append(out, "the BL line of a fade from black must have zero length")
		}
		if i > 0 && l.Events[i-1].RecordOut > e.RecordIn {
			out = append(out, "a fade from black overlaps the event before it")
		}
		return out
	}
	if i == 0 || e.From == nil {
		return append(out, "a transition needs an outgoing event before it (it cannot open the track)")
	}
	p := &l.Events[i-1]
	if p.RecordOut != e.RecordIn {
		out = append(out, fmt.Sprintf("the transition starts at %s but the outgoing event ends at %s", l.recTC(e.RecordIn), l.recTC(p.RecordOut)))
	}
	if e.From.Reel != p.Source.Reel || e.From.In != p.Source.Out || e.From.Out != e.From.In {
		out = append(out, fmt.Sprintf("the outgoing line must be reel %s at its source out %s, zero length", p.Source.Reel, p.Source.Rate.Timecode(p.Source.Out, p.Source.DropFrame)))
	}
	// The outgoing media plays on, at its speed, for the transition.
	if m := e.From.Media; m != nil {
		end := e.From.In + edit.SourceFrames(e.Frames, p.Source.speed(), m.Rate, l.Rate)
		if end > m.Start+m.Duration {
			out = append(out, fmt.Sprintf("reel %s: the outgoing media %q has no handle for the transition (needs up to %s, ends at %s)", e.From.Reel, m.Path,
				m.Rate.Timecode(end, m.DropFrame), m.Rate.Timecode(m.Start+m.Duration, m.DropFrame)))
		}
	}
	return out
}

// durationProblems checks that the source duration is what the record
// duration, the speed and the rate conform give.
func (l *List) durationProblems(e *Event) []string {
	s := &e.Source
	if !s.Rate.Valid() || e.RecordOut <= e.RecordIn {
		return nil
	}
	want := edit.SourceFrames(e.RecordOut-e.RecordIn, s.speed(), s.Rate, l.Rate)
	if got := s.Out - s.In; got != want {
		how := "at normal speed"
		if s.Speed != nil {
			how = "at M2 speed " + formatFPS(s.Speed.FPS)
		}
		return []string{fmt.Sprintf("source duration %d frames does not match record duration %d frames %s (want %d)", got, e.RecordOut-e.RecordIn, how, want)}
	}
	return nil
}

// inexact describes why the timecode of frame at rate r cannot name it
// (above 60 fps timecode counts every TimecodeStep frames: an odd frame
// at 120 has no timecode of its own), or returns "".
func inexact(what string, r edit.Rate, drop bool, frame int64) string {
	if !r.Valid() || r.ExactTimecode(frame) {
		return ""
	}
	return fmt.Sprintf("%s is frame %d at %s fps, %d after timecode %s: timecode at %s fps counts at %d, one number every %d frames, so CMX3600 cannot state that frame (cut on a timecode frame, or use FCP XML or OTIO)",
		what, frame, r, frame%r.TimecodeStep(), r.Timecode(frame, drop), r, r.Base(), r.TimecodeStep())
}
