package edl

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
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
	if l.DropFrame {
		bw.WriteString("FCM: DROP FRAME\n")
	} else {
		bw.WriteString("FCM: NON-DROP FRAME\n")
	}
	for i := range l.Events {
		bw.WriteString("\n")
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
	switch e.Type {
	case Wipe:
		typ, dur = fmt.Sprintf("W%03d", e.WipeCode), fmt.Sprintf("%03d", e.Frames)
	case Dissolve:
		dur = fmt.Sprintf("%03d", e.Frames)
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
		// ':' separators: OTIO's LOC pattern only matches them.
		tc := strings.ReplaceAll(rec(loc.Record), ";", ":")
		fmt.Fprintf(w, "* LOC: %s %-7s %s\n", tc, loc.Color, loc.Text)
	}
	for _, c := range e.Comments {
		fmt.Fprintf(w, "* %s\n", c)
	}
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
