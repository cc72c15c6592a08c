package edl

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"rushcut/app/edit"
)

// Relink finds the media of one side of an event (the event's source, or
// the outgoing side of its transition): by source file, clip name or
// reel and source timecode. It returns an error when there is none.
type Relink func(ev *Event, s *Source) (*edit.MediaReference, error)

// Timeline turns the list into an edit.Timeline with one video track (and
// audio tracks A1/A2 under the events whose channels carry them), relinking
// each event's media with relink (nil: OfflineMedia). It reads what
// editorial EDLs hold:
//   - a cut is a clip from the source in for the event's record length, at
//     the M2 speed (speed = M2 fps / source timecode base; a freeze frame,
//     M2 0.0, is one source frame held for the event);
//   - a dissolve or wipe is a transition starting at the cut (InOffset 0,
//     OutOffset its length): the outgoing clip plays on into its handle;
//   - a dissolve from a BL line is a fade from black (edit.FadeIn), one
//     into reel BL a fade to black (edit.FadeOut) on the clip before it;
//     black cut events and record time between events are gaps;
//   - "* ASC_SOP"/"* ASC_SAT" become an edit.EffectColor with the CDL;
//     "EFFECT: kind k=v" comments and locators become effects of that kind;
//     other locators become markers; other comments are kept in the clip's
//     metadata under "edl_comments".
//
// Where the EDL disagrees with itself (a source duration that does not
// match the record duration and speed, a locator outside its event,
// audio-only events, a reverse M2) the record side wins and a warning
// says so. Events that overlap in record time cannot be one track and are
// refused, naming the event.
func (l *List) Timeline(relink Relink) (*edit.Timeline, []string, error) {
	if relink == nil {
		relink = OfflineMedia(l)
	}
	tl := &edit.Timeline{Name: l.Title, Rate: l.Rate, DropFrame: l.DropFrame && l.Rate.CanDrop()}
	if tl.Name == "" {
		tl.Name = "EDL"
	}
	var warns []string
	warn := func(e *Event, format string, args ...any) {
		warns = append(warns, fmt.Sprintf("event %03d: "+format, append([]any{e.Num}, args...)...))
	}
	var video []*Event
	for i := range l.Events {
		e := &l.Events[i]
		if !strings.Contains(e.Channels, "V") && e.Channels != "B" {
			warn(e, "audio only (%s): Rushcut reads the picture edit, skipped", e.Channels)
			continue
		}
		if e.RecordOut <= e.RecordIn {
			warn(e, "record out %s is not after record in %s: no frames, skipped", l.Rate.Timecode(e.RecordOut, l.DropFrame), l.Rate.Timecode(e.RecordIn, l.DropFrame))
			continue
		}
		video = append(video, e)
	}
	v := &edit.Track{Name: "V1", Kind: edit.Video}
	tl.Tracks = []*edit.Track{v}
	if len(video) == 0 {
		return tl, warns, nil
	}
	tl.Start = video[0].RecordIn
	var last *edit.Clip
	var prevEvent *Event
	lastEnd := tl.Start // record frame where the track ends so far
	chans := map[*edit.Clip]string{}
	for _, e := range video {
		if e.RecordIn < lastEnd {
			return nil, warns, fmt.Errorf("edl: event %03d: record in %s overlaps the event before it (ends %s); one track cannot hold both",
				e.Num, l.Rate.Timecode(e.RecordIn, l.DropFrame), l.Rate.Timecode(lastEnd, l.DropFrame))
		}
		transition := e.Type == Dissolve || e.Type == Wipe
		if IsBlack(e.Source.Reel) {
			// Black: a fade to black on the clip before, then a gap.
			gapFrom := lastEnd
			if transition && e.From != nil && !IsBlack(e.From.Reel) && last != nil && e.RecordIn == lastEnd && e.Frames > 0 {
				if e.Type == Wipe {
					warn(e, "wipe to black read as a fade")
				}
				n := min(e.Frames, e.RecordOut-e.RecordIn)
				last.Duration += n
				v.Items = append(v.Items, &edit.Transition{Kind: edit.FadeOut, InOffset: n})
				gapFrom = e.RecordIn + n
			}
			if e.RecordOut > gapFrom {
				v.Items = append(v.Items, &edit.Gap{Duration: e.RecordOut - gapFrom})
			}
			last, lastEnd = nil, e.RecordOut
			continue
		}
		if e.RecordIn > lastEnd {
			v.Items = append(v.Items, &edit.Gap{Duration: e.RecordIn - lastEnd})
			last = nil
		}
		c, err := l.clipOf(e, relink, warn)
		if err != nil {
			return nil, warns, err
		}
		if transition && e.From != nil {
			switch {
			case IsBlack(e.From.Reel):
				if e.Type == Wipe {
					warn(e, "wipe from black read as a fade")
				}
				if last != nil {
					// A fade from black right after a clip: cut to black.
					warn(e, "fade from black straight after a picture event read as a cut")
				} else {
					v.Items = append(v.Items, &edit.Transition{Kind: edit.FadeIn, OutOffset: min(e.Frames, c.Duration)})
				}
			case last == nil:
				warn(e, "transition from reel %s has no outgoing event before it; read as a cut", e.From.Reel)
			default:
				if p := prevEvent; p != nil && (e.From.Reel != p.Source.Reel || e.From.In != p.Source.Out) {
					warn(e, "the outgoing line (reel %s at %s) is not where event %03d ends (reel %s at %s); that clip plays on into the transition",
						e.From.Reel, e.From.Rate.Timecode(e.From.In, e.From.DropFrame), p.Num, p.Source.Reel, p.Source.Rate.Timecode(p.Source.Out, p.Source.DropFrame))
				}
				tr := &edit.Transition{Kind: edit.Dissolve, OutOffset: min(e.Frames, c.Duration)}
				if e.Type == Wipe {
					tr.Kind, tr.WipeCode = edit.Wipe, e.WipeCode
				}
				v.Items = append(v.Items, tr)
			}
		}
		v.Items = append(v.Items, c)
		chans[c] = e.Channels
		last, lastEnd, prevEvent = c, e.RecordOut, e
	}
	for _, c := range v.Clips() {
		var keep []edit.Marker
		for _, mk := range c.Markers {
			if mk.Start < c.Duration {
				keep = append(keep, mk)
			} else {
				warns = append(warns, fmt.Sprintf("clip %q: locator %q is past the clip's end; dropped", c.DisplayName(), mk.Name))
			}
		}
		c.Markers = keep
	}
	for _, a := range []struct {
		name string
		has  func(string) bool
	}{
		{"A1", func(ch string) bool { return ch == "B" || ch == "AA/V" || ch == "A/V" }},
		{"A2", func(ch string) bool { return ch == "AA/V" || ch == "A2/V" }},
	} {
		at := &edit.Track{Name: a.name, Kind: edit.Audio}
		used := false
		for _, it := range v.Items {
			switch x := it.(type) {
			case *edit.Clip:
				if a.has(chans[x]) {
					cc := *x
					cc.Markers = nil
					at.Items = append(at.Items, &cc)
					used = true
				} else {
					at.Items = append(at.Items, &edit.Gap{Duration: x.Duration})
				}
			case *edit.Gap:
				at.Items = append(at.Items, &edit.Gap{Duration: x.Duration})
			}
		}
		if used {
			tl.Tracks = append(tl.Tracks, at)
		}
	}
	return tl, warns, nil
}

// clipOf makes the clip of a picture event.
func (l *List) clipOf(e *Event, relink Relink, warn func(*Event, string, ...any)) (*edit.Clip, error) {
	s := &e.Source
	m, err := relink(e, s)
	if err != nil {
		return nil, fmt.Errorf("edl: event %03d: reel %s: %w", e.Num, s.Reel, err)
	}
	rec := e.RecordOut - e.RecordIn
	c := &edit.Clip{Name: s.ClipName, Media: m, SourceIn: s.In, Duration: rec}
	speed := edit.One
	if mo := s.Speed; mo != nil {
		switch {
		case mo.FPS.Num == 0:
			// Freeze frame: one source frame held for the event.
			speed = edit.Ratio{Num: 1, Den: int(rec)}
			c.Metadata = edit.Metadata{"freeze_frame": true}
		case !mo.FPS.Positive():
			warn(e, "reverse M2 %s fps read forwards", formatFPS(mo.FPS))
			speed = edit.Ratio{Num: -mo.FPS.Num, Den: mo.FPS.Den}.Mul(edit.Ratio{Num: 1, Den: s.Rate.Base()})
		default:
			speed = mo.FPS.Mul(edit.Ratio{Num: 1, Den: s.Rate.Base()})
		}
		c.Effects = append(c.Effects, edit.Effect{Kind: edit.EffectSpeed, Speed: speed})
	}
	if want := edit.SourceFrames(rec, speed, s.Rate, l.Rate); s.Out-s.In != want && (s.Speed == nil || s.Speed.FPS.Num != 0) {
		warn(e, "source %s–%s is %d frames but %d record frames at speed %s play %d; kept the record length",
			s.Rate.Timecode(s.In, s.DropFrame), s.Rate.Timecode(s.Out, s.DropFrame), s.Out-s.In, rec, speed, want)
	}
	if e.CDL != nil {
		cdl := *e.CDL
		c.Effects = append(c.Effects, edit.Effect{Kind: edit.EffectColor, CDL: &cdl})
	}
	for _, loc := range e.Locators {
		if fx, ok := ParseEffect(loc.Text); ok {
			c.Effects = append(c.Effects, fx)
			continue
		}
		// The upper bound waits for the track: a fade to black lengthens
		// the clip past its event (see dropStrayMarkers).
		at := loc.Record - e.RecordIn
		if at < 0 {
			warn(e, "locator %q at %s is outside the event; dropped", loc.Text, l.Rate.Timecode(loc.Record, l.DropFrame))
			continue
		}
		name, comment, _ := strings.Cut(loc.Text, ": ")
		c.Markers = append(c.Markers, edit.Marker{Name: name, Comment: comment, Color: edit.MarkerColor(loc.Color), Start: at})
	}
	var other []any
	for _, cm := range e.Comments {
		if fx, ok := ParseEffect(cm); ok {
			c.Effects = append(c.Effects, fx)
			continue
		}
		other = append(other, cm)
	}
	if len(other) > 0 {
		if c.Metadata == nil {
			c.Metadata = edit.Metadata{}
		}
		c.Metadata["edl_comments"] = other
	}
	return c, nil
}

// ParseEffect reads an effect written by EffectText ("EFFECT: stabilize
// crop=0.06 radius=15").
func ParseEffect(text string) (edit.Effect, bool) {
	rest, ok := strings.CutPrefix(text, "EFFECT: ")
	if !ok {
		return edit.Effect{}, false
	}
	f := strings.Fields(rest)
	if len(f) == 0 {
		return edit.Effect{}, false
	}
	fx := edit.Effect{Kind: edit.EffectKind(f[0])}
	for _, kv := range f[1:] {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			return edit.Effect{}, false
		}
		if fx.Params == nil {
			fx.Params = map[string]string{}
		}
		fx.Params[k] = v
	}
	return fx, true
}

// OfflineMedia returns a Relink that describes each source as an offline
// media reference, for a list read without its media: one reference per
// source file (or, without one, per clip name on reel AX, else per reel),
// at the source's rate, spanning every frame the list plays from it
// (transition handles included). Its path is the file, clip name or reel.
func OfflineMedia(l *List) Relink {
	type span struct {
		lo, hi int64
		s      *Source
	}
	spans := map[string]*span{}
	grow := func(s *Source, lo, hi int64) {
		k := mediaKey(s)
		sp := spans[k]
		if sp == nil {
			sp = &span{lo: lo, hi: hi, s: s}
			spans[k] = sp
		}
		sp.lo, sp.hi = min(sp.lo, lo), max(sp.hi, hi)
	}
	for i := range l.Events {
		e := &l.Events[i]
		if IsBlack(e.Source.Reel) {
			continue
		}
		rec := e.RecordOut - e.RecordIn
		need := edit.SourceFrames(rec, e.Source.speed(), e.Source.Rate, l.Rate)
		if e.Source.Speed != nil && e.Source.Speed.FPS.Num <= 0 {
			need = max(e.Source.Out-e.Source.In, 1)
		}
		// A transition out of this event plays on into its handle.
		if i+1 < len(l.Events) {
			if n := &l.Events[i+1]; n.From != nil && n.Frames > 0 && !IsBlack(n.From.Reel) && n.RecordIn == e.RecordOut {
				need += edit.SourceFrames(n.Frames, e.Source.speed(), e.Source.Rate, l.Rate)
			}
		}
		grow(&e.Source, e.Source.In, e.Source.In+max(need, e.Source.Out-e.Source.In, 1))
	}
	refs := map[string]*edit.MediaReference{}
	keys := make([]string, 0, len(spans))
	for k := range spans {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		sp := spans[k]
		path := sp.s.File
		if path == "" {
			path = sp.s.ClipName
			if !strings.EqualFold(sp.s.Reel, "AX") || path == "" {
				path = sp.s.Reel
			}
		}
		refs[k] = &edit.MediaReference{
			Path: path, Name: strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)), Reel: sp.s.Reel,
			Rate: sp.s.Rate, DropFrame: sp.s.DropFrame, Start: sp.lo, Duration: sp.hi - sp.lo, HasTimecode: !sp.s.NoTimecode,
		}
	}
	return func(_ *Event, s *Source) (*edit.MediaReference, error) {
		if m := refs[mediaKey(s)]; m != nil {
			return m, nil
		}
		return nil, fmt.Errorf("no media for reel %s", s.Reel)
	}
}

// mediaKey names the media a source plays for OfflineMedia.
func mediaKey(s *Source) string {
	switch {
	case s.File != "":
		return "file:" + s.File
	case strings.EqualFold(s.Reel, "AX") && s.ClipName != "":
		return "clip:" + s.ClipName
	}
	return "reel:" + s.Reel
}
