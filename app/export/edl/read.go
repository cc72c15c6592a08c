package edl

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
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
			if p.block != nil || p.l.Title != "" {
				p.warnf(p.line, "a second TITLE line (%q) ignored", clip(ln))
				continue
			}
			p.l.Title = strings.TrimSpace(ln[len("TITLE:"):])
		case strings.HasPrefix(ln, "FCM:"):
			switch v := strings.Join(strings.Fields(ln[len("FCM:"):]), " "); v {
			case "DROP FRAME":
				p.fcm = true
			case "NON-DROP FRAME", "NON DROP FRAME":
				p.fcm = false
			default:
				p.warnf(p.line, "unknown FCM %q ignored", clip(v))
				continue
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
				p.warnf(p.line, "M2 before the first event ignored")
				continue
			}
			p.block.m2 = append(p.block.m2, numbered{p.line, ln})
		case strings.HasPrefix(ln, "*"):
			p.comment(strings.TrimSpace(strings.TrimPrefix(ln, "*")))
		default:
			// Not an edit: kept as a comment of the event it follows (NLEs
			// write "EFFECTS NAME IS …", "AUD  3", comments without '*').
			if !knownLine(ln) {
				p.warnf(p.line, "unrecognised line %q kept as a comment", clip(ln))
			}
			p.comment(ln)
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

// comment files a comment line under the current event, or in the header.
func (p *parser) comment(body string) {
	if p.block == nil {
		p.l.Header = append(p.l.Header, body)
	} else {
		p.block.comments = append(p.block.comments, numbered{p.line, body})
	}
}

// warnf records a warning naming line n.
func (p *parser) warnf(n int, format string, args ...any) {
	p.l.Warnings = append(p.l.Warnings, fmt.Sprintf("line %d: "+format, append([]any{n}, args...)...))
}

// knownPrefixes start lines that NLEs write without a '*' and that Read
// keeps as comments without a warning.
var knownPrefixes = []string{
	"EFFECTS NAME IS", "AUD ", "SPLIT:", "FROM CLIP NAME:", "TO CLIP NAME:", "FROM CLIP:", "FROM FILE:",
	"SOURCE FILE:", "LOC:", "ASC_SOP", "ASC_SAT", "GPI", "SWM", "REM", "TO CLIP:", "TO FILE:", "DLEDL:", "FINAL CUT PRO REEL:",
}

func knownLine(ln string) bool {
	up := strings.ToUpper(ln)
	for _, k := range knownPrefixes {
		if strings.HasPrefix(up, k) {
			return true
		}
	}
	return false
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
	// Black has no timecode of its own: count it as the record does.
	for _, s := range []*Source{ev.From, &ev.Source} {
		if s != nil && IsBlack(s.Reel) {
			s.Rate, s.DropFrame = p.l.Rate, p.l.DropFrame && p.l.Rate.CanDrop()
		}
	}
	return ev, nil
}

func (p *parser) comments(b *block, ev *Event) error {
	cur := &ev.Source
	var sop, sat *numbered
	for i := range b.comments {
		c := b.comments[i]
		body := strings.TrimSpace(strings.TrimLeft(c.text, "*"))
		cut := func(prefix string) (string, bool) {
			if len(body) >= len(prefix) && strings.EqualFold(body[:len(prefix)], prefix) {
				return strings.TrimSpace(body[len(prefix):]), true
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
		} else if v, ok := cut("FROM CLIP:"); ok { // Avid
			cur.File = v
		} else if v, ok := cut("FROM FILE:"); ok { // Nucoda
			cur.File = v
		} else if v, ok := cut("SOURCE RATE:"); ok {
			r, err := edit.ParseRate(v)
			if err != nil {
				p.warnf(c.line, "%v; kept as a comment", err)
				ev.Comments = append(ev.Comments, body)
				continue
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
				p.warnf(c.line, "%v; kept as a comment", err)
				ev.Comments = append(ev.Comments, body)
				continue
			}
			ev.Locators = append(ev.Locators, loc)
		} else if _, ok := cut("ASC_SOP"); ok {
			sop = &b.comments[i]
		} else if _, ok := cut("ASC_SAT"); ok {
			sat = &b.comments[i]
		} else {
			ev.Comments = append(ev.Comments, body)
		}
	}
	if sop != nil || sat != nil {
		cdl, err := parseCDL(sop, sat)
		if err == nil {
			if bad := checkCDL(cdl); bad != nil {
				// Read it anyway (OpenTimelineIO does); the writer refuses it.
				n := sop
				if n == nil {
					n = sat
				}
				p.warnf(n.line, "%v (outside the ASC CDL's range)", bad)
			}
		}
		if err != nil {
			p.warnf(err.line, "%v; kept as a comment", err.err)
			for _, n := range []*numbered{sop, sat} {
				if n != nil {
					ev.Comments = append(ev.Comments, strings.TrimSpace(strings.TrimLeft(n.text, "*")))
				}
			}
		} else {
			ev.CDL = cdl
		}
	}
	return nil
}

type lineError struct {
	line int
	err  error
}

// parseCDL reads "ASC_SOP (s s s)(o o o)(p p p)" and "ASC_SAT s" (a colon
// after the keyword, commas between numbers and spaces between the
// groups are accepted); a missing line leaves the identity's values.
func parseCDL(sop, sat *numbered) (*edit.CDL, *lineError) {
	c := edit.IdentityCDL()
	value := func(n *numbered, key string) string {
		v := strings.TrimSpace(strings.TrimLeft(n.text, "*"))
		v = strings.TrimSpace(v[len(key):])
		return strings.TrimSpace(strings.TrimPrefix(v, ":"))
	}
	if sop != nil {
		v := value(sop, "ASC_SOP")
		v = strings.NewReplacer("(", " ", ")", " ", ",", " ").Replace(v)
		f := strings.Fields(v)
		if len(f) != 9 || strings.Count(value(sop, "ASC_SOP"), "(") != 3 {
			return nil, &lineError{sop.line, fmt.Errorf("ASC_SOP %q: want (s s s)(o o o)(p p p)", clip(value(sop, "ASC_SOP")))}
		}
		for i, t := range f {
			x, err := strconv.ParseFloat(t, 64)
			if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
				return nil, &lineError{sop.line, fmt.Errorf("ASC_SOP number %q", clip(t))}
			}
			switch i / 3 {
			case 0:
				c.Slope[i%3] = x
			case 1:
				c.Offset[i%3] = x
			default:
				c.Power[i%3] = x
			}
		}
	}
	if sat != nil {
		v := value(sat, "ASC_SAT")
		x, err := strconv.ParseFloat(v, 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, &lineError{sat.line, fmt.Errorf("ASC_SAT %q is not a number", clip(v))}
		}
		c.Sat = x
	}
	return &c, nil
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
