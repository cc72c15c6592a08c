package fcpxml

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"

	"rushcut/app/edit"
	"rushcut/app/export/cdl"
)

// Version is the FCPXML version written.
const Version = "1.10"

// crossDissolveUID is Final Cut Pro's Cross Dissolve effect.
const crossDissolveUID = "FxPlug:4731E73A-8DAC-4113-9A30-AE85B1761265"

// Write validates tl and writes it to w as FCPXML. Nothing is written
// when the timeline is invalid or has more than one video track.
func Write(w io.Writer, tl *edit.Timeline) error {
	b, err := Marshal(tl)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// Marshal returns the FCPXML document of tl.
func Marshal(tl *edit.Timeline) ([]byte, error) {
	if tl == nil {
		return nil, errors.New("fcpxml: no timeline")
	}
	if err := tl.Validate(); err != nil {
		return nil, fmt.Errorf("fcpxml: invalid timeline: %w", err)
	}
	video := tl.TracksOf(edit.Video)
	if len(video) != 1 {
		return nil, fmt.Errorf("fcpxml: the spine holds one video track, the timeline has %d (use OTIO)", len(video))
	}
	b := &builder{tl: tl, formats: map[string]string{}, assets: map[string]string{}}
	doc, err := b.document(video[0])
	if err != nil {
		return nil, fmt.Errorf("fcpxml: %w", err)
	}
	var out bytes.Buffer
	out.WriteString(xml.Header)
	out.WriteString("<!DOCTYPE fcpxml>\n\n")
	enc := xml.NewEncoder(&out)
	enc.Indent("", "    ")
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("fcpxml: %w", err)
	}
	out.WriteString("\n")
	return out.Bytes(), nil
}

type builder struct {
	tl        *edit.Timeline
	res       resources
	formats   map[string]string // rate+size → format id
	assets    map[string]string // path → asset id
	dissolve  string            // effect id
	nextID    int
	tlRate    edit.Rate
	tcStartTL *big.Rat
}

func (b *builder) id() string {
	b.nextID++
	return "r" + strconv.Itoa(b.nextID)
}

// Time renders a rational number of seconds as FCPXML writes it: "0s",
// "3600s", "1001/24000s".
func Time(r *big.Rat) string {
	if r.IsInt() {
		return r.Num().String() + "s"
	}
	return r.Num().String() + "/" + r.Denom().String() + "s"
}

// secs is frames at rate r as seconds.
func secs(frames int64, r edit.Rate) *big.Rat {
	return new(big.Rat).SetFrac(big.NewInt(frames*int64(r.Den)), big.NewInt(int64(r.Num)))
}

func add(a, c *big.Rat) *big.Rat { return new(big.Rat).Add(a, c) }

func frameDuration(r edit.Rate) string { return Time(secs(1, r)) }

func (b *builder) format(r edit.Rate, w, h int) string {
	if w <= 0 || h <= 0 {
		w, h = 1920, 1080
	}
	key := fmt.Sprintf("%s %dx%d", r.Reduced(), w, h)
	if id, ok := b.formats[key]; ok {
		return id
	}
	id := b.id()
	b.formats[key] = id
	b.res.Formats = append(b.res.Formats, formatE{ID: id, FrameDuration: frameDuration(r), Width: w, Height: h})
	return id
}

func (b *builder) asset(m *edit.MediaReference) string {
	key := filepath.Clean(m.Path)
	if id, ok := b.assets[key]; ok {
		return id
	}
	f := b.format(m.Rate, m.Width, m.Height)
	id := b.id()
	b.assets[key] = id
	a := assetE{ID: id, Name: m.DisplayName(), Start: Time(secs(m.Start, m.Rate)), Duration: Time(secs(m.Duration, m.Rate)),
		HasVideo: "1", Format: f,
		Rep: mediaRep{Kind: "original-media", Src: FileURL(m.Path)}}
	if m.HasAudio {
		a.HasAudio, a.AudioSources, a.AudioChannels = "1", "1", strconv.Itoa(max(m.AudioChannels, 1))
		if m.SampleRate > 0 {
			a.AudioRate = strconv.Itoa(m.SampleRate)
		}
	}
	b.res.Assets = append(b.res.Assets, a)
	return id
}

func (b *builder) document(v *edit.Track) (*fcpxml, error) {
	tl := b.tl
	w, h := 0, 0
	for _, m := range tl.Media() {
		if m.Width > 0 && m.Height > 0 {
			w, h = m.Width, m.Height
			break
		}
	}
	seqFormat := b.format(tl.Rate, w, h)
	b.tcStartTL = secs(tl.Start, tl.Rate)
	seq := sequenceE{Format: seqFormat, TCStart: Time(b.tcStartTL), TCFormat: tcFormat(tl.DropFrame),
		Duration: Time(secs(v.Duration(), tl.Rate)), AudioLayout: "stereo", AudioRate: "48k"}
	for i, it := range v.Items {
		pos := v.Position(i)
		offset := Time(add(b.tcStartTL, secs(pos, tl.Rate)))
		switch x := it.(type) {
		case *edit.Gap:
			seq.Spine.Items = append(seq.Spine.Items, gapE{Name: "Gap", Offset: offset, Duration: Time(secs(x.Duration, tl.Rate)), Start: "0s"})
		case *edit.Transition:
			if b.dissolve == "" {
				b.dissolve = b.id()
			}
			name := "Cross Dissolve"
			switch x.Kind {
			case edit.Wipe:
				name = fmt.Sprintf("Wipe %03d", x.WipeCode)
			case edit.FadeIn:
				name = "Fade In"
			case edit.FadeOut:
				name = "Fade Out"
			}
			seq.Spine.Items = append(seq.Spine.Items, transitionE{Name: name,
				Offset:   Time(add(b.tcStartTL, secs(pos-x.InOffset, tl.Rate))),
				Duration: Time(secs(x.Duration(), tl.Rate)),
				Filter:   filterVideo{Ref: b.dissolve, Name: "Cross Dissolve"}})
		case *edit.Clip:
			c, err := b.clip(v, i, x, offset)
			if err != nil {
				return nil, fmt.Errorf("clip %q: %w", x.DisplayName(), err)
			}
			seq.Spine.Items = append(seq.Spine.Items, c)
		}
	}
	if b.dissolve != "" {
		b.res.Effects = append(b.res.Effects, effectE{ID: b.dissolve, Name: "Cross Dissolve", UID: crossDissolveUID})
	}
	name := tl.Name
	if name == "" {
		name = "Untitled"
	}
	return &fcpxml{Version: Version, Resources: b.res,
		Library: libraryE{Event: eventE{Name: "Rushcut", Project: projectE{Name: name, Sequence: seq}}}}, nil
}

func (b *builder) clip(t *edit.Track, i int, c *edit.Clip, offset string) (*assetClip, error) {
	tl, m := b.tl, c.Media
	ref := b.asset(m)
	start := secs(c.SourceIn, m.Rate) // the clip's local time at its first frame
	ac := &assetClip{Ref: ref, Offset: offset, Name: c.DisplayName(), Start: Time(start),
		Duration: Time(secs(c.Duration, tl.Rate)), TCFormat: tcFormat(m.DropFrame)}
	if edit.FrameForFrame(m.Rate, tl.Rate) && !m.Rate.Equal(tl.Rate) {
		ac.Conform = &conformRate{ScaleEnabled: "1", SrcFrameRate: rateName(m.Rate)}
	}
	if speed := c.Speed(); !speed.IsOne() {
		// Local time advances with the sequence; the source runs at speed
		// through the source in, over the clip and its handles.
		var head, tail int64
		if tr, ok := itemAt(t, i-1).(*edit.Transition); ok {
			head = tr.InOffset
		}
		if tr, ok := itemAt(t, i+1).(*edit.Transition); ok {
			tail = tr.OutOffset
		}
		sp := new(big.Rat).SetFrac64(int64(speed.Num), int64(speed.Den))
		pt := func(rec int64) timePt {
			d := secs(rec, tl.Rate)
			return timePt{Time: Time(add(start, d)), Value: Time(add(start, new(big.Rat).Mul(d, sp)))}
		}
		ac.TimeMap = &timeMap{Pts: []timePt{pt(-head), pt(c.Duration + tail)}}
	}
	one := frameDuration(tl.Rate)
	for _, mk := range c.Markers {
		d := one
		if mk.Duration > 0 {
			d = Time(secs(mk.Duration, tl.Rate))
		}
		ac.Markers = append(ac.Markers, markerE{Start: Time(add(start, secs(mk.Start, tl.Rate))), Duration: d, Value: mk.Name, Note: mk.Comment})
	}
	for _, e := range c.Effects {
		if e.Kind == edit.EffectSpeed {
			continue
		}
		if e.Kind == edit.EffectColor && e.CDL != nil {
			if err := cdl.Check(e.CDL); err != nil {
				return nil, err
			}
		}
		ac.Markers = append(ac.Markers, markerE{Start: Time(start), Duration: one, Value: strings.ToUpper(string(e.Kind)), Note: cdl.Note(e)})
	}
	return ac, nil
}

func tcFormat(drop bool) string {
	if drop {
		return "DF"
	}
	return "NDF"
}

// rateName is a frame rate as conform-rate's srcFrameRate names it
// ("23.98", "25", "29.97").
func rateName(r edit.Rate) string {
	if r.Reduced().Den == 1 {
		return strconv.Itoa(r.Reduced().Num)
	}
	return strconv.FormatFloat(float64(int(r.Float()*100+0.5))/100, 'f', -1, 64)
}

func itemAt(t *edit.Track, i int) edit.Item {
	if i < 0 || i >= len(t.Items) {
		return nil
	}
	return t.Items[i]
}

// FileURL is the file:// URL of a local path, percent-encoded.
func FileURL(p string) string {
	p = filepath.ToSlash(p)
	if len(p) >= 2 && p[1] == ':' || !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}
