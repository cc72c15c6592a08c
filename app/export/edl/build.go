package edl

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"rushcut/app/edit"
)

// Build turns a timeline into an EDL event list, refusing (with an error
// that names the problem) anything CMX3600 cannot express exactly. The
// returned list has passed Validate.
func Build(tl *edit.Timeline) (*List, error) {
	if tl == nil {
		return nil, errors.New("edl: no timeline")
	}
	if err := tl.Validate(); err != nil {
		return nil, fmt.Errorf("edl: invalid timeline: %w", err)
	}
	video := tl.TracksOf(edit.Video)
	if len(video) != 1 {
		return nil, fmt.Errorf("edl: CMX3600 needs exactly one video track, the timeline has %d (use FCP XML or OTIO)", len(video))
	}
	audio := tl.TracksOf(edit.Audio)
	if len(audio) > 2 {
		return nil, fmt.Errorf("edl: CMX3600 carries at most two audio tracks here, the timeline has %d", len(audio))
	}
	chans, err := audioChannels(tl.Rate, video[0], audio)
	if err != nil {
		return nil, fmt.Errorf("edl: %w", err)
	}
	l := &List{Title: cleanText(tl.Name), Rate: tl.Rate, DropFrame: tl.DropFrame}
	if l.Title == "" {
		l.Title = "Untitled"
	}
	if r := []rune(l.Title); len(r) > 70 {
		l.Title = strings.TrimSpace(string(r[:70]))
	}
	reels := assignReels(tl.Media())
	items := video[0].Items
	var prev *Event
	add := func(ev *Event) {
		ev.Num = len(l.Events) + 1
		l.Events = append(l.Events, *ev)
		prev = &l.Events[len(l.Events)-1]
	}
	for i, it := range items {
		if tr, ok := it.(*edit.Transition); ok && tr.Kind == edit.FadeOut {
			// A fade to black is an event of its own: the outgoing reel at
			// its out, then a dissolve into BL for the fade's length.
			from := prev.Source
			from.In, from.Speed = from.Out, nil
			add(&Event{
				Channels: prev.Channels, Type: Dissolve, Frames: tr.InOffset, From: &from,
				Source:   blackSource(tl, 0, tr.InOffset),
				RecordIn: prev.RecordOut, RecordOut: prev.RecordOut + tr.InOffset,
			})
			continue
		}
		c, ok := it.(*edit.Clip)
		if !ok {
			continue
		}
		ev, err := clipEvent(tl, video[0], i, c, reels, chans[c])
		if err != nil {
			return nil, fmt.Errorf("edl: clip %q at record %s: %w", c.DisplayName(), tl.Rate.Timecode(tl.Start+video[0].Position(i), tl.DropFrame), err)
		}
		if tr, ok := itemAt(items, i-1).(*edit.Transition); ok {
			switch tr.Kind {
			case edit.FadeIn:
				// A fade from black: a zero-length BL line at the clip's
				// record in, then the clip's dissolve line.
				bl := blackSource(tl, 0, 0)
				ev.Type, ev.Frames, ev.From = Dissolve, tr.OutOffset, &bl
			default:
				if prev == nil {
					return nil, fmt.Errorf("edl: %s before clip %q has no outgoing event", tr.Kind, c.DisplayName())
				}
				ev.Type, ev.WipeCode, ev.Frames = Dissolve, 0, tr.Duration()
				if tr.Kind == edit.Wipe {
					ev.Type, ev.WipeCode = Wipe, tr.WipeCode
				}
				from := prev.Source
				from.In, from.Speed = from.Out, nil
				ev.From = &from
				if note := transitionNote(tr); note != "" {
					ev.Locators = append([]Locator{{Record: ev.RecordIn, Color: string(edit.Yellow), Text: note}}, ev.Locators...)
				}
			}
		}
		add(ev)
	}
	if len(l.Events) > MaxEvents {
		return nil, fmt.Errorf("edl: the timeline needs %d events but CMX3600 allows %d; split the timeline or export FCP XML or OTIO", len(l.Events), MaxEvents)
	}
	if err := l.Validate(); err != nil {
		return nil, fmt.Errorf("edl: %w", err)
	}
	return l, nil
}

// clipEvent builds the event of clip c (item i of track t). A transition
// before the clip moves its record and source in back by the transition's
// InOffset; one after it ends the event InOffset early (see package doc).
func clipEvent(tl *edit.Timeline, t *edit.Track, i int, c *edit.Clip, reels map[string]string, channels string) (*Event, error) {
	m := c.Media
	pos := t.Position(i)
	recIn, recOut := pos, pos+c.Duration
	srcIn := c.SourceIn
	speed := c.Speed()
	if tr, ok := itemAt(t.Items, i-1).(*edit.Transition); ok {
		recIn -= tr.InOffset
		srcIn -= edit.SourceFrames(tr.InOffset, speed, m.Rate, tl.Rate)
	}
	if tr, ok := itemAt(t.Items, i+1).(*edit.Transition); ok {
		recOut -= tr.InOffset
	}
	if recOut <= recIn {
		return nil, errors.New("transitions cover the whole clip; CMX3600 needs at least one frame of it as its own event")
	}
	src := Source{
		Reel:       reels[filepath.Clean(m.Path)],
		In:         srcIn,
		Out:        srcIn + edit.SourceFrames(recOut-recIn, speed, m.Rate, tl.Rate),
		Rate:       m.Rate,
		DropFrame:  m.DropFrame && (tl.Rate.CanDrop() || !edit.FrameForFrame(m.Rate, tl.Rate)),
		ClipName:   cleanText(c.DisplayName()),
		File:       m.Path,
		NoTimecode: !m.HasTimecode,
		Media:      m,
	}
	if strings.ContainsAny(m.Path, "\r\n") {
		return nil, fmt.Errorf("media path %q contains a line break", m.Path)
	}
	if !speed.IsOne() {
		fps := speed.Mul(edit.Ratio{Num: m.Rate.Base(), Den: 1})
		if (fps.Num*10)%fps.Den != 0 {
			return nil, fmt.Errorf("speed %s is %.4f fps, which an M2 line (###.# fps) cannot state exactly", speed, fps.Float())
		}
		src.Speed = &Motion{Reel: src.Reel, FPS: fps, Entry: srcIn}
	}
	ev := &Event{
		Channels:  channels,
		Type:      Cut,
		Source:    src,
		RecordIn:  tl.Start + recIn,
		RecordOut: tl.Start + recOut,
	}
	for _, mk := range c.Markers {
		color := string(mk.Color)
		if color == "" {
			color = string(edit.Red)
		}
		text := mk.Name
		if mk.Comment != "" {
			text += ": " + mk.Comment
		}
		// Positions are clip-relative; recIn may sit before the clip's cut.
		ev.Locators = append(ev.Locators, Locator{Record: tl.Start + pos + mk.Start, Color: cleanWord(color), Text: cleanText(text)})
	}
	for _, e := range c.Effects {
		switch e.Kind {
		case edit.EffectSpeed:
		case edit.EffectColor:
			if e.CDL == nil {
				return nil, errors.New("colour effect without a CDL")
			}
			if ev.CDL != nil {
				return nil, errors.New("two colour corrections on one clip; an EDL event carries one ASC_SOP/ASC_SAT pair")
			}
			if err := checkCDL(e.CDL); err != nil {
				return nil, err
			}
			cdl := *e.CDL
			ev.CDL = &cdl
		case edit.EffectStabilize, edit.EffectFlashRemove:
			// No CMX effect for these: a locator at the event's first
			// frame, which NLEs show as a marker, with the parameters.
			ev.Locators = append(ev.Locators, Locator{Record: tl.Start + recIn, Color: string(edit.Yellow), Text: effectComment(e)})
		default:
			ev.Comments = append(ev.Comments, effectComment(e))
		}
	}
	return ev, nil
}

// transitionNote is the locator text naming what a transition's W or D
// line cannot state, "" when it states everything: a reversed wipe
// pattern (Metadata "reverse": true; the Wnnn field has no reverse form
// that every reader takes) and a dip through a colour (Metadata "dip": the
// colour; CMX 3600 has no dip, only the dissolve it is written as).
func transitionNote(tr *edit.Transition) string {
	switch tr.Kind {
	case edit.Wipe:
		if r, _ := tr.Metadata["reverse"].(bool); r {
			return cleanText(fmt.Sprintf("W%03d REVERSE: %s", tr.WipeCode, tr.Name))
		}
	case edit.Dissolve:
		if c, _ := tr.Metadata["dip"].(string); c != "" {
			// "DIP TO WHITE", "DIP TO COLOR #2f4ea0", as NLEs name them.
			name := strings.ToUpper(c)
			if c == "colour" || c == "color" {
				name = "COLOR"
			} else if strings.HasPrefix(c, "#") {
				name = "COLOR " + c
			}
			return cleanText(fmt.Sprintf("DIP TO %s: the dissolve dips through %s", name, c))
		}
	}
	return ""
}

// blackSource is the BL side of a fade: frames in..out of black, counted
// at the timeline's rate and mode.
func blackSource(tl *edit.Timeline, in, out int64) Source {
	return Source{Reel: Black, In: in, Out: out, Rate: tl.Rate, DropFrame: tl.DropFrame}
}

// checkCDL refuses values an ASC_SOP line cannot carry.
func checkCDL(c *edit.CDL) error { return c.Validate() }

// EffectText is the text an effect without a CMX equivalent is written
// as ("EFFECT: stabilize crop=0.06 radius=15"), and parsed back from by
// ParseEffect.
func EffectText(e edit.Effect) string { return effectComment(e) }

func effectComment(e edit.Effect) string {
	s := "EFFECT: " + string(e.Kind)
	if p := e.ParamText(); p != "" {
		s += " " + p
	}
	return cleanText(s)
}

// audioChannels returns each video clip's channel field: V plus A1/A2 for
// every audio track holding the same clip at the same record position.
// Audio clips that match no video clip cannot be written.
func audioChannels(rate edit.Rate, video *edit.Track, audio []*edit.Track) (map[*edit.Clip]string, error) {
	byPos := map[int64]*edit.Clip{}
	for i, it := range video.Items {
		if c, ok := it.(*edit.Clip); ok {
			byPos[video.Position(i)] = c
		}
	}
	has := map[*edit.Clip][2]bool{}
	for ai, a := range audio {
		ch := ai
		switch strings.ToUpper(a.Name) {
		case "A1", "A":
			ch = 0
		case "A2":
			ch = 1
		}
		for i, it := range a.Items {
			c, ok := it.(*edit.Clip)
			if !ok {
				continue
			}
			pos := a.Position(i)
			v := byPos[pos]
			if v == nil || v.Media == nil || c.Media == nil || filepath.Clean(v.Media.Path) != filepath.Clean(c.Media.Path) ||
				v.SourceIn != c.SourceIn || v.Duration != c.Duration || v.Speed() != c.Speed() {
				return nil, fmt.Errorf("audio track %s: clip %q at record frame %d does not sit under a matching video clip; CMX3600 export here needs audio that follows the video edit (use FCP XML or OTIO)", a.Name, c.DisplayName(), pos)
			}
			h := has[v]
			h[ch] = true
			has[v] = h
		}
	}
	out := map[*edit.Clip]string{}
	for _, v := range byPos {
		switch h := has[v]; {
		case h[0] && h[1]:
			out[v] = "AA/V"
		case h[0]:
			out[v] = "B"
		case h[1]:
			out[v] = "A2/V"
		default:
			out[v] = "V"
		}
	}
	return out, nil
}

func itemAt(items []edit.Item, i int) edit.Item {
	if i < 0 || i >= len(items) {
		return nil
	}
	return items[i]
}

// cleanText makes free text safe for one EDL comment line: control
// characters become spaces, runs of spaces collapse, ends are trimmed.
func cleanText(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// cleanWord makes a single upper-case word (a locator colour).
func cleanWord(s string) string {
	s = strings.ToUpper(cleanText(s))
	s = strings.ReplaceAll(s, " ", "_")
	if s == "" {
		return string(edit.Red)
	}
	return s
}
