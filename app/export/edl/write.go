package edl

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"

	"rushcut/app/edit"
)

// Write validates tl, builds its EDL and writes it to w. Nothing is
// written when the timeline cannot be expressed exactly.
func Write(w io.Writer, tl *edit.Timeline) error {
	l, err := Build(tl)
	if err != nil {
		return err
	}
	_, err = l.WriteTo(w)
	return err
}

// Bytes returns the EDL text of the list after validating it.
func (l *List) Bytes() ([]byte, error) {
	if err := l.Validate(); err != nil {
		return nil, fmt.Errorf("edl: %w", err)
	}
	var b bytes.Buffer
	bw := bufio.NewWriter(&b)
	fmt.Fprintf(bw, "TITLE: %s\n", l.Title)
	bw.WriteString(fcm(l.DropFrame))
	cur := l.DropFrame
	for i := range l.Events {
		bw.WriteString("\n")
		// An FCM line before an event sets its source timecodes' mode.
		if drop, ok := l.Events[i].sourceMode(); ok && drop != cur {
			bw.WriteString(fcm(drop))
			cur = drop
		}
		l.writeEvent(bw, &l.Events[i])
	}
	if err := bw.Flush(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// WriteTo validates the list and writes its EDL text to w.
func (l *List) WriteTo(w io.Writer) (int64, error) {
	b, err := l.Bytes()
	if err != nil {
		return 0, err
	}
	n, err := w.Write(b)
	return int64(n), err
}

func (l *List) writeEvent(w *bufio.Writer, e *Event) {
	rec := func(f int64) string { return l.Rate.Timecode(f, l.DropFrame) }
	src := func(s *Source, f int64) string { return s.Rate.Timecode(f, s.DropFrame) }
	if e.From != nil {
		fmt.Fprintf(w, "%03d  %-8s %-5s %-4s %3s %s %s %s %s\n", e.Num, e.From.Reel, e.Channels, "C", "",
			src(e.From, e.From.In), src(e.From, e.From.Out), rec(e.RecordIn), rec(e.RecordIn))
	}
	typ, dur := string(e.Type), ""
	// The duration counts record timecode frames (Step record frames
	// each above 60 fps).
	frames := e.Frames / max(l.Rate.TimecodeStep(), 1)
	switch e.Type {
	case Wipe:
		typ, dur = fmt.Sprintf("W%03d", e.WipeCode), fmt.Sprintf("%03d", frames)
	case Dissolve:
		dur = fmt.Sprintf("%03d", frames)
	}
	s := &e.Source
	fmt.Fprintf(w, "%03d  %-8s %-5s %-4s %3s %s %s %s %s\n", e.Num, s.Reel, e.Channels, typ, dur,
		src(s, s.In), src(s, s.Out), rec(e.RecordIn), rec(e.RecordOut))
	if m := s.Speed; m != nil {
		// ':' separators always: OTIO's reader fails on ';' in M2.
		entry := strings.ReplaceAll(src(s, m.Entry), ";", ":")
		fmt.Fprintf(w, "M2   %-8s      %s                %s\n", m.Reel, formatFPS(m.FPS), entry)
	}
	if e.From != nil {
		l.writeSide(w, "FROM", e.From)
		l.writeSide(w, "TO", s)
	} else {
		l.writeSide(w, "FROM", s)
	}
	for _, loc := range e.Locators {
		// Record timecode, ';' on a drop-frame timeline like the record
		// in/out (OTIO reads a ':' locator there as non-drop).
		fmt.Fprintf(w, "* LOC: %s %-7s %s\n", rec(loc.Record), loc.Color, loc.Text)
	}
	for _, c := range e.Comments {
		fmt.Fprintf(w, "* %s\n", c)
	}
	if c := e.CDL; c != nil {
		// As Avid, Resolve and OpenTimelineIO write them; OTIO's reader
		// turns them into the clip's "cdl" metadata.
		fmt.Fprintf(w, "* ASC_SOP %s\n", FormatSOP(c))
		fmt.Fprintf(w, "* ASC_SAT %s\n", formatCDLNumber(c.Sat))
	}
}

// FormatSOP returns a CDL's slope, offset and power as an ASC_SOP value:
// "(s s s)(o o o)(p p p)", each number in the shortest decimal form that
// reads back exactly, never with an exponent.
func FormatSOP(c *edit.CDL) string {
	tri := func(v [3]float64) string {
		return "(" + formatCDLNumber(v[0]) + " " + formatCDLNumber(v[1]) + " " + formatCDLNumber(v[2]) + ")"
	}
	return tri(c.Slope) + tri(c.Offset) + tri(c.Power)
}

// formatCDLNumber writes v in decimal with at least one digit after the
// point (1.0, 0.9127, -0.0122).
func formatCDLNumber(v float64) string {
	if v == 0 {
		v = 0 // no "-0"
	}
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}

func (l *List) writeSide(w *bufio.Writer, dir string, s *Source) {
	if s.ClipName != "" {
		// Two spaces after the colon, as Avid writes it.
		fmt.Fprintf(w, "* %s CLIP NAME:  %s\n", dir, s.ClipName)
	}
	if s.File != "" {
		fmt.Fprintf(w, "* SOURCE FILE: %s\n", s.File)
	}
	if !s.Rate.Equal(l.Rate) {
		fmt.Fprintf(w, "* SOURCE RATE: %s\n", s.Rate.Reduced())
	}
	if s.NoTimecode {
		fmt.Fprintf(w, "* NO SOURCE TIMECODE: %s ASSUMED\n", s.Rate.Timecode(0, s.DropFrame))
	}
}

// fcm returns the FCM line of a frame code mode.
func fcm(drop bool) string {
	if drop {
		return "FCM: DROP FRAME\n"
	}
	return "FCM: NON-DROP FRAME\n"
}

// sourceMode returns the frame code mode of the event's source timecodes
// and whether it matters (some side is at a rate that can drop). Validate
// refuses an event whose sides disagree.
func (e *Event) sourceMode() (drop, ok bool) {
	for _, s := range []*Source{e.From, &e.Source} {
		if s != nil && !IsBlack(s.Reel) && s.Rate.CanDrop() {
			return s.DropFrame, true
		}
	}
	return false, false
}

// formatFPS writes a speed as ###.# (or -###.#); the ratio must be a whole
// number of tenths.
func formatFPS(r edit.Ratio) string {
	tenths := int64(r.Num) * 10 / int64(r.Den)
	sign := ""
	if tenths < 0 {
		sign, tenths = "-", -tenths
	}
	return fmt.Sprintf("%s%03d.%d", sign, tenths/10, tenths%10)
}
