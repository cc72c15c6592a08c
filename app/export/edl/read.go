package edl

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/big"
	"strconv"
	"strings"

	"rushcut/app/edit"
	"rushcut/media/timecode"
)

// maxInput bounds the EDL text Read accepts.
const maxInput = 32 << 20

// Read parses CMX3600 text at the record rate (an EDL does not state its
// rate). See the package doc for how drop-frame is decided. Read does not
// validate the edit; call List.Validate.
func Read(r io.Reader, rate edit.Rate) (*List, error) {
	if !rate.Valid() {
		return nil, fmt.Errorf("edl: invalid rate %s", rate)
	}
	data, err := io.ReadAll(io.LimitReader(r, maxInput+1))
	if err != nil {
		return nil, fmt.Errorf("edl: %w", err)
	}
	if len(data) > maxInput {
		return nil, fmt.Errorf("edl: input larger than %d bytes", maxInput)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	p := &parser{l: &List{Rate: rate}}
	lines := strings.Split(string(data), "\n")
	for _, ln := range lines {
		if isEventLine(ln) && strings.Contains(ln, ";") {
			p.semi = true
		}
	}
	fcmSeen := false
	for i, ln := range lines {
		p.line = i + 1
		ln = strings.TrimRight(ln, " \t\r")
		ln = strings.TrimLeft(ln, " \t")
		switch {
		case ln == "":
		case strings.HasPrefix(ln, "TITLE:"):
			if p.block != nil {
				return nil, p.errorf("TITLE after the first event")
			}
			p.l.Title = strings.TrimSpace(ln[len("TITLE:"):])
		case strings.HasPrefix(ln, "FCM:"):
			switch v := strings.Join(strings.Fields(ln[len("FCM:"):]), " "); v {
			case "DROP FRAME":
				p.fcm = true
			case "NON-DROP FRAME", "NON DROP FRAME":
				p.fcm = false
			default:
				return nil, p.errorf("unknown FCM %q", v)
			}
			if !fcmSeen {
				p.l.DropFrame, fcmSeen = p.fcm, true
			}
		case isEventLine(ln):
			if err := p.eventLine(ln); err != nil {
				return nil, err
			}
		case strings.HasPrefix(ln, "M2 ") || strings.HasPrefix(ln, "M2\t"):
			if p.block == nil {
				return nil, p.errorf("M2 before the first event")
			}
			p.block.m2 = append(p.block.m2, numbered{p.line, ln})
		case strings.HasPrefix(ln, "*"):
			body := strings.TrimSpace(strings.TrimLeft(ln, "*"))
			if p.block == nil {
				p.l.Header = append(p.l.Header, body)
			} else {
				p.block.comments = append(p.block.comments, numbered{p.line, body})
			}
		default:
			return nil, p.errorf("unrecognised line %q", clip(ln))
		}
	}
	if err := p.flush(); err != nil {
		return nil, err
	}
	if p.l.DropFrame && !rate.CanDrop() {
		return nil, fmt.Errorf("edl: FCM: DROP FRAME at %s fps, where drop-frame is not defined", rate)
	}
	return p.l, nil
}

type numbered struct {
	line int
	text string
}

type block struct {
	num      int
	lines    []numbered
	fcm      bool
	m2       []numbered
	comments []numbered
}

type parser struct {
	l     *List
	block *block
	fcm   bool
	semi  bool // the EDL writes ';' somewhere: trust separators, not FCM
	line  int
}

func (p *parser) errorf(format string, args ...any) error {
	return fmt.Errorf("edl: line %d: "+format, append([]any{p.line}, args...)...)
}

func isEventLine(ln string) bool {
	ln = strings.TrimSpace(ln)
	return ln != "" && ln[0] >= '0' && ln[0] <= '9'
}

func clip(s string) string {
	if len(s) > 60 {
		return s[:60] + "…"
	}
	return s
}

func (p *parser) eventLine(ln string) error {
	f := strings.Fields(ln)
	num, err := strconv.Atoi(f[0])
	if err != nil || len(f[0]) > 6 || num < 0 {
		return p.errorf("bad event number %q", clip(f[0]))
	}
	if b := p.block; b != nil && b.num == num && len(b.lines) == 1 && len(b.m2) == 0 && len(b.comments) == 0 {
		b.lines = append(b.lines, numbered{p.line, ln})
		return nil
	}
	if err := p.flush(); err != nil {
		return err
	}
	p.block = &block{num: num, lines: []numbered{{p.line, ln}}, fcm: p.fcm}
	return nil
}

// fields of one event line.
type eventFields struct {
	reel, channels, typ string
	dur                 string
	tc                  [4]string
}

func splitEvent(ln string) (eventFields, error) {
	f := strings.Fields(ln)
	var e eventFields
	switch len(f) {
	case 8:
		e = eventFields{reel: f[1], channels: f[2], typ: f[3], tc: [4]string{f[4], f[5], f[6], f[7]}}
	case 9:
		e = eventFields{reel: f[1], channels: f[2], typ: f[3], dur: f[4], tc: [4]string{f[5], f[6], f[7], f[8]}}
	default:
		return e, fmt.Errorf("event line has %d fields, want 8 or 9", len(f))
	}
	return e, nil
}

func (p *parser) flush() error {
	b := p.block
	if b == nil {
		return nil
	}
	p.block = nil
	ev, err := p.interpret(b)
	if err != nil {
		return err
	}
	p.l.Events = append(p.l.Events, *ev)
	return nil
}

func (p *parser) interpret(b *block) (*Event, error) {
	fail := func(line int, format string, args ...any) error {
		return fmt.Errorf("edl: line %d (event %03d): "+format, append([]any{line, b.num}, args...)...)
	}
	ev := &Event{Num: b.num, Type: Cut}
	var lines []eventFields
	for _, ln := range b.lines {
		f, err := splitEvent(ln.text)
		if err != nil {
			return nil, fail(ln.line, "%v", err)
		}
		lines = append(lines, f)
	}
	main := lines[len(lines)-1]
	mainLine := b.lines[len(b.lines)-1].line
	ev.Channels = main.channels
	if len(lines) == 2 {
		if lines[0].typ != "C" || lines[0].dur != "" {
			return nil, fail(b.lines[0].line, "a transition's outgoing line must be a cut, got %q", lines[0].typ)
		}
		ev.From = &Source{Reel: lines[0].reel}
	}
	switch t := main.typ; {
	case t == "C":
		if len(lines) == 2 {
			return nil, fail(mainLine, "second line of an event must be a D or W transition")
		}
		if main.dur != "" {
			return nil, fail(mainLine, "a cut has no duration field")
		}
	case t == "D" || len(t) == 4 && t[0] == 'W' && allDigits(t[1:]):
		if ev.From == nil {
			return nil, fail(mainLine, "transition %s has no outgoing line before it", t)
		}
		if !allDigits(main.dur) || len(main.dur) > 3 {
			return nil, fail(mainLine, "transition duration %q is not 1–3 digits", clip(main.dur))
		}
		// Record timecode frames: Step record frames each above 60 fps.
		ev.Frames, _ = strconv.ParseInt(main.dur, 10, 64)
		ev.Frames *= max(p.l.Rate.TimecodeStep(), 1)
		ev.Type = Dissolve
		if t[0] == 'W' {
			ev.Type = Wipe
			ev.WipeCode, _ = strconv.Atoi(t[1:])
		}
	default:
		return nil, fail(mainLine, "unsupported edit type %q", clip(t))
	}
	ev.Source.Reel = main.reel
	for _, s := range []*Source{ev.From, &ev.Source} {
		if s != nil {
			s.Rate = p.l.Rate
		}
	}
	if err := p.comments(b, ev); err != nil {
		return nil, err
	}
	// Timecodes, now that the side rates are known.
	var err error
	if ev.From != nil {
		l0 := lines[0]
		if ev.From.In, ev.From.Out, ev.From.DropFrame, err = p.sourceTC(ev.From, l0.tc[0], l0.tc[1], b.fcm); err != nil {
			return nil, fail(b.lines[0].line, "%v", err)
		}
		rin, rout, err := p.recordTC(l0.tc[2], l0.tc[3])
		if err != nil {
			return nil, fail(b.lines[0].line, "%v", err)
		}
		if rin != rout {
			return nil, fail(b.lines[0].line, "a transition's outgoing line must have zero record length")
		}
		ev.RecordIn = rin
	}
	if ev.Source.In, ev.Source.Out, ev.Source.DropFrame, err = p.sourceTC(&ev.Source, main.tc[0], main.tc[1], b.fcm); err != nil {
		return nil, fail(mainLine, "%v", err)
	}
	rin, rout, err := p.recordTC(main.tc[2], main.tc[3])
	if err != nil {
		return nil, fail(mainLine, "%v", err)
	}
	if ev.From != nil && rin != ev.RecordIn {
		return nil, fail(mainLine, "the transition line's record in differs from its outgoing line's")
	}
	ev.RecordIn, ev.RecordOut = rin, rout
	if err := p.motions(b, ev); err != nil {
		return nil, err
	}
	return ev, nil
}

func (p *parser) comments(b *block, ev *Event) error {
	cur := &ev.Source
	for _, c := range b.comments {
		body := c.text
		cut := func(prefix string) (string, bool) {
			if rest, ok := strings.CutPrefix(body, prefix); ok {
				return strings.TrimSpace(rest), true
			}
			return "", false
		}
		if v, ok := cut("FROM CLIP NAME:"); ok {
			cur = &ev.Source
			if ev.From != nil {
				cur = ev.From
			}
			cur.ClipName = v
		} else if v, ok := cut("TO CLIP NAME:"); ok {
			cur = &ev.Source
			cur.ClipName = v
		} else if v, ok := cut("SOURCE FILE:"); ok {
			cur.File = v
		} else if v, ok := cut("SOURCE RATE:"); ok {
			r, err := edit.ParseRate(v)
			if err != nil {
				return fmt.Errorf("edl: line %d: %w", c.line, err)
			}
			cur.Rate = r.Reduced()
			if r.Equal(p.l.Rate) {
				cur.Rate = p.l.Rate
			}
		} else if _, ok := cut("NO SOURCE TIMECODE:"); ok {
			cur.NoTimecode = true
		} else if v, ok := cut("LOC:"); ok {
			loc, err := p.locator(v)
			if err != nil {
				return fmt.Errorf("edl: line %d: %w", c.line, err)
			}
			ev.Locators = append(ev.Locators, loc)
		} else {
			ev.Comments = append(ev.Comments, body)
		}
	}
	return nil
}

func (p *parser) locator(v string) (Locator, error) {
	f := strings.Fields(v)
	if len(f) < 2 {
		return Locator{}, fmt.Errorf("locator %q needs a timecode and a colour", clip(v))
	}
	// A locator is a record timecode: the header FCM decides for ':'
	// (older lists wrote drop-frame locators with ':'), as for record in/out.
	rec, err := p.l.Rate.ParseTimecode(f[0], p.l.DropFrame && p.l.Rate.CanDrop())
	if err != nil {
		return Locator{}, fmt.Errorf("locator: %w", err)
	}
	text := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(strings.TrimPrefix(v, f[0])), f[1]))
	return Locator{Record: rec, Color: f[1], Text: text}, nil
}

// recDrop decides whether a record timecode is drop-frame: by its ';',
// else (in a list without ';') by the header FCM: an FCM line before an
// event states that event's source mode only.
func (p *parser) recDrop(tc string) bool {
	return timecode.IsDropText(tc) || !p.semi && p.l.DropFrame && p.l.Rate.CanDrop()
}

func (p *parser) recordTC(in, out string) (int64, int64, error) {
	a, err := p.l.Rate.ParseTimecode(in, p.recDrop(in))
	if err != nil {
		return 0, 0, fmt.Errorf("record in: %w", err)
	}
	b, err := p.l.Rate.ParseTimecode(out, p.recDrop(out))
	if err != nil {
		return 0, 0, fmt.Errorf("record out: %w", err)
	}
	return a, b, nil
}

func (p *parser) sourceTC(s *Source, in, out string, fcm bool) (int64, int64, bool, error) {
	if timecode.IsDropText(in) != timecode.IsDropText(out) {
		return 0, 0, false, fmt.Errorf("source in %q and out %q mix drop and non-drop separators", clip(in), clip(out))
	}
	drop := timecode.IsDropText(in) || !p.semi && fcm && s.Rate.CanDrop()
	a, err := s.Rate.ParseTimecode(in, drop)
	if err != nil {
		return 0, 0, false, fmt.Errorf("source in: %w", err)
	}
	b, err := s.Rate.ParseTimecode(out, drop)
	if err != nil {
		return 0, 0, false, fmt.Errorf("source out: %w", err)
	}
	return a, b, drop, nil
}

func (p *parser) motions(b *block, ev *Event) error {
	if len(b.m2) > 2 || len(b.m2) == 2 && ev.From == nil {
		return fmt.Errorf("edl: line %d (event %03d): too many M2 lines", b.m2[len(b.m2)-1].line, b.num)
	}
	for i, m := range b.m2 {
		f := strings.Fields(m.text)
		if len(f) < 4 {
			return fmt.Errorf("edl: line %d: M2 needs a reel, a speed and a timecode", m.line)
		}
		reel := strings.Join(f[1:len(f)-2], " ")
		target := &ev.Source
		if len(b.m2) == 2 && i == 0 || len(b.m2) == 1 && ev.From != nil && reel == ev.From.Reel && reel != ev.Source.Reel {
			target = ev.From
		}
		// One M2 naming no reel of the event (OTIO writes the clip name
		// there) is kept on the incoming source; Validate flags it.
		if reel != target.Reel && len(b.m2) == 2 {
			return fmt.Errorf("edl: line %d: M2 reel %q matches no reel of event %03d", m.line, clip(reel), b.num)
		}
		fps, err := parseFPS(f[len(f)-2])
		if err != nil {
			return fmt.Errorf("edl: line %d: %w", m.line, err)
		}
		entry, err := target.Rate.ParseTimecode(f[len(f)-1], target.DropFrame)
		if err != nil {
			return fmt.Errorf("edl: line %d: M2 entry: %w", m.line, err)
		}
		target.Speed = &Motion{Reel: reel, FPS: fps, Entry: entry}
	}
	return nil
}

// parseFPS reads a decimal speed such as "048.0", "-24", "47.952" exactly.
func parseFPS(s string) (edit.Ratio, error) {
	r, ok := new(big.Rat).SetString(s)
	if !ok || strings.ContainsAny(s, "eE/") || len(s) > 12 {
		return edit.Ratio{}, fmt.Errorf("M2 speed %q is not a number", clip(s))
	}
	if !r.Num().IsInt64() || !r.Denom().IsInt64() || r.Num().Int64() > 1<<30 || r.Num().Int64() < -(1<<30) || r.Denom().Int64() > 1<<30 {
		return edit.Ratio{}, errors.New("M2 speed out of range")
	}
	return edit.Ratio{Num: int(r.Num().Int64()), Den: int(r.Denom().Int64())}, nil
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
