package xmeml

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"

	"rushcut/app/edit"
	"rushcut/app/export/cdl"
)

// Write validates tl and writes it to w as xmeml version 5. Nothing is
// written when the timeline is invalid or uses a rate xmeml cannot state.
func Write(w io.Writer, tl *edit.Timeline) error {
	b, err := Marshal(tl)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// Marshal returns the xmeml document of tl.
func Marshal(tl *edit.Timeline) ([]byte, error) {
	if tl == nil {
		return nil, errors.New("xmeml: no timeline")
	}
	if err := tl.Validate(); err != nil {
		return nil, fmt.Errorf("xmeml: invalid timeline: %w", err)
	}
	b := &builder{tl: tl, files: map[string]string{}}
	doc, err := b.document()
	if err != nil {
		return nil, fmt.Errorf("xmeml: %w", err)
	}
	var out bytes.Buffer
	out.WriteString(xml.Header)
	out.WriteString("<!DOCTYPE xmeml>\n")
	enc := xml.NewEncoder(&out)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("xmeml: %w", err)
	}
	out.WriteString("\n")
	return out.Bytes(), nil
}

type builder struct {
	tl     *edit.Timeline
	files  map[string]string // path → file id
	nextID int
}

func (b *builder) document() (*xmeml, error) {
	tl := b.tl
	r, err := xmlRate(tl.Rate)
	if err != nil {
		return nil, err
	}
	seq := sequence{
		ID:       "sequence-1",
		Name:     tl.Name,
		Duration: tl.Duration(),
		Rate:     r,
		Timecode: timecodeOf(r, tl.Rate, tl.Start, tl.DropFrame),
	}
	if seq.Name == "" {
		seq.Name = "Untitled"
	}
	for _, m := range tl.Media() {
		if m.Width > 0 && m.Height > 0 {
			rr := r
			seq.Media.Video.Format = &format{SC: sampleChars{Rate: &rr, Width: m.Width, Height: m.Height}}
			break
		}
	}
	audioIndex := 0
	for _, t := range tl.Tracks {
		channel := 0
		if t.Kind == edit.Audio {
			audioIndex++
			channel = audioIndex
			switch strings.ToUpper(t.Name) {
			case "A1", "A":
				channel = 1
			case "A2":
				channel = 2
			}
		}
		te, err := b.track(t, channel)
		if err != nil {
			return nil, fmt.Errorf("track %s: %w", t.Name, err)
		}
		if t.Kind == edit.Video {
			seq.Media.Video.Tracks = append(seq.Media.Video.Tracks, te)
		} else {
			seq.Media.Audio.Tracks = append(seq.Media.Audio.Tracks, te)
		}
	}
	return &xmeml{Version: "5", Sequence: seq}, nil
}

func (b *builder) track(t *edit.Track, channel int) (trackE, error) {
	te := trackE{Enabled: "TRUE"}
	r, _ := xmlRate(b.tl.Rate)
	for i, it := range t.Items {
		pos := t.Position(i)
		switch v := it.(type) {
		case *edit.Clip:
			ci, err := b.clip(t, i, v, pos, channel)
			if err != nil {
				return te, fmt.Errorf("clip %q: %w", v.DisplayName(), err)
			}
			te.Items = append(te.Items, ci)
		case *edit.Transition:
			te.Items = append(te.Items, transition(v, pos, r, t.Kind))
		}
	}
	return te, nil
}

func (b *builder) clip(t *edit.Track, i int, c *edit.Clip, pos int64, channel int) (*clipItem, error) {
	m := c.Media
	if _, err := xmlRate(m.Rate); err != nil {
		return nil, err
	}
	mr := b.clipRate(m)
	speed := c.Speed()
	src := c.SourceRange(b.tl.Rate)
	b.nextID++
	ci := &clipItem{
		ID:       fmt.Sprintf("clipitem-%d", b.nextID),
		Name:     c.DisplayName(),
		Enabled:  "TRUE",
		Duration: m.Duration,
		Rate:     mr,
		Start:    pos,
		End:      pos + c.Duration,
		In:       src.Start - m.Start,
		Out:      src.End() - m.Start,
		File:     b.file(m),
	}
	// Beside a dissolve or wipe start/end is -1 and in/out run into the
	// handle; a fade (to or from nothing) needs no handle and keeps them.
	if tr, ok := itemAt(t, i-1).(*edit.Transition); ok && !isFade(tr) {
		ci.Start = -1
		ci.In -= edit.SourceFrames(tr.InOffset, speed, m.Rate, b.tl.Rate)
	}
	if tr, ok := itemAt(t, i+1).(*edit.Transition); ok && !isFade(tr) {
		ci.End = -1
		ci.Out = c.SourceIn - m.Start + edit.SourceFrames(c.Duration+tr.OutOffset, speed, m.Rate, b.tl.Rate)
	}
	if channel > 0 {
		ci.SourceTrack = &sourceTrack{MediaType: "audio", TrackIndex: channel}
	}
	if !speed.IsOne() {
		mt := "video"
		if channel > 0 {
			mt = "audio"
		}
		ci.Filters = append(ci.Filters, speedFilter(speed, mt))
	}
	for _, mk := range c.Markers {
		in := c.SourceIn - m.Start + edit.SourceFrames(mk.Start, speed, m.Rate, b.tl.Rate)
		out := int64(-1)
		if mk.Duration > 0 {
			out = c.SourceIn - m.Start + edit.SourceFrames(mk.Start+mk.Duration, speed, m.Rate, b.tl.Rate)
		}
		ci.Markers = append(ci.Markers, marker{Name: mk.Name, Comment: mk.Comment, In: in, Out: out})
	}
	// Effects xmeml has no filter for (a CDL, stabilize, flash removal):
	// a marker at the clip's first frame naming the effect and its
	// parameters.
	for _, e := range c.Effects {
		if e.Kind == edit.EffectSpeed {
			continue
		}
		ci.Markers = append(ci.Markers, marker{Name: effectName(e), Comment: cdl.Note(e), In: c.SourceIn - m.Start, Out: -1})
	}
	return ci, nil
}

func isFade(tr *edit.Transition) bool { return tr.Kind == edit.FadeIn || tr.Kind == edit.FadeOut }

// effectName is the marker name of an effect: COLOR, STABILIZE, …
func effectName(e edit.Effect) string { return strings.ToUpper(string(e.Kind)) }

// file returns the file element for m: in full on first use, by id after.
func (b *builder) file(m *edit.MediaReference) *fileE {
	key := filepath.Clean(m.Path)
	if id, ok := b.files[key]; ok {
		return &fileE{ID: id}
	}
	id := fmt.Sprintf("file-%d", len(b.files)+1)
	b.files[key] = id
	mr, _ := xmlRate(m.Rate)
	cr := b.clipRate(m)
	f := &fileE{
		ID:       id,
		Name:     filepath.Base(m.Path),
		PathURL:  PathURL(m.Path),
		Rate:     &mr,
		Duration: m.Duration,
		Media:    &fileMedia{Video: &fileVideo{SC: sampleChars{Width: m.Width, Height: m.Height}}},
	}
	// The timecode is counted at the clip rate, so that in + timecode
	// frame adds up at one rate (see package doc).
	tcRate := m.Rate
	if b.frameForFrame(m) {
		tcRate = b.tl.Rate
	}
	tc := timecodeOf(cr, tcRate, m.Start, m.DropFrame)
	if m.Reel != "" {
		tc.Reel = &reel{Name: m.Reel}
	}
	f.Timecode = &tc
	if m.HasAudio {
		f.Media.Audio = &fileAudio{ChannelCount: max(m.AudioChannels, 1)}
		if m.SampleRate > 0 {
			f.Media.Audio.SC = &audioChars{Depth: 16, SampleRate: m.SampleRate}
		}
	}
	return f
}

func transition(tr *edit.Transition, cut int64, r rate, kind edit.TrackKind) *transitionItem {
	align := "center"
	switch {
	case tr.InOffset == 0:
		align = "start"
	case tr.OutOffset == 0:
		align = "end"
	}
	mt := "video"
	if kind == edit.Audio {
		mt = "audio"
	}
	e := effect{Name: "Cross Dissolve", EffectID: "Cross Dissolve", EffectCategory: "Dissolve", EffectType: "transition", MediaType: mt}
	if kind == edit.Audio {
		e = effect{Name: "Cross Fade (+3dB)", EffectID: "KGAudioTransCrossFade3dB", EffectType: "transition", MediaType: mt}
	} else if tr.Kind == edit.Wipe {
		e = effect{Name: "Wipe", EffectID: "Wipe", EffectCategory: "Wipe", EffectType: "transition", MediaType: mt,
			Parameters: []parameter{{ID: "wipecode", Name: "SMPTE wipe code", Value: strconv.Itoa(tr.WipeCode)}}}
	}
	return &transitionItem{Rate: r, Start: cut - tr.InOffset, End: cut + tr.OutOffset, Alignment: align, Effect: e}
}

func speedFilter(s edit.Ratio, mediaType string) filter {
	pct := strconv.FormatFloat(s.Float()*100, 'f', -1, 64)
	return filter{Effect: effect{
		Name: "Time Remap", EffectID: "timeremap", EffectCategory: "motion", EffectType: "motion", MediaType: mediaType,
		Parameters: []parameter{
			{ID: "variablespeed", Name: "variablespeed", ValueMin: "0", ValueMax: "1", Value: "0"},
			{ID: "speed", Name: "speed", ValueMin: "-100000", ValueMax: "100000", Value: pct},
			{ID: "reverse", Name: "reverse", Value: "FALSE"},
			{ID: "frameblending", Name: "frameblending", Value: "FALSE"},
		},
	}}
}

// frameForFrame reports whether m plays frame for frame at another rate
// than the sequence's (23.976 in 24).
func (b *builder) frameForFrame(m *edit.MediaReference) bool {
	return edit.FrameForFrame(m.Rate, b.tl.Rate) && !m.Rate.Equal(b.tl.Rate)
}

// clipRate is the rate a clipitem of m states, and counts its in/out and
// its file's timecode at: the sequence's for frame-for-frame media, whose
// frames are the sequence's frames, else the media's own. m.Rate must be
// one xmlRate accepts.
func (b *builder) clipRate(m *edit.MediaReference) rate {
	r := m.Rate
	if b.frameForFrame(m) {
		r = b.tl.Rate
	}
	xr, _ := xmlRate(r)
	return xr
}

// xmlRate states r as timebase + ntsc, or fails when xmeml cannot.
func xmlRate(r edit.Rate) (rate, error) {
	switch {
	case r.NTSC():
		return rate{Timebase: r.Nominal(), NTSC: "TRUE"}, nil
	case r.Valid() && r.Reduced().Den == 1:
		return rate{Timebase: r.Nominal(), NTSC: "FALSE"}, nil
	}
	return rate{}, fmt.Errorf("rate %s is neither an integer nor an NTSC rate; xmeml cannot state it", r)
}

func timecodeOf(xr rate, r edit.Rate, frame int64, drop bool) timecodeE {
	df := "NDF"
	if drop && r.CanDrop() {
		df = "DF"
	}
	return timecodeE{Rate: xr, String: r.Timecode(frame, drop), Frame: frame, DisplayFormat: df}
}

// PathURL returns the file://localhost URL of a local path, percent-encoded
// (spaces as %20, non-ASCII as UTF-8 bytes). Windows paths become
// file://localhost/C:/...
func PathURL(p string) string {
	p = filepath.ToSlash(p)
	if len(p) >= 2 && p[1] == ':' {
		p = "/" + p
	}
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	u := url.URL{Scheme: "file", Host: "localhost", Path: p}
	return u.String()
}

func itemAt(t *edit.Track, i int) edit.Item {
	if i < 0 || i >= len(t.Items) {
		return nil
	}
	return t.Items[i]
}
