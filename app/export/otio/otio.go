package otio

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"

	"rushcut/app/edit"
)

// num is a float64 written the way OTIO writes doubles (always with a
// decimal point or exponent, e.g. 24.0).
type num float64

// MarshalJSON writes the number with a decimal point.
func (n num) MarshalJSON() ([]byte, error) {
	s := strconv.FormatFloat(float64(n), 'g', -1, 64)
	if !strings.ContainsAny(s, ".eEn") {
		s += ".0"
	}
	return []byte(s), nil
}

type meta map[string]any

func nums(v [3]float64) []num { return []num{num(v[0]), num(v[1]), num(v[2])} }

type rationalTime struct {
	Schema string `json:"OTIO_SCHEMA"`
	Rate   num    `json:"rate"`
	Value  num    `json:"value"`
}

type timeRange struct {
	Schema    string       `json:"OTIO_SCHEMA"`
	Duration  rationalTime `json:"duration"`
	StartTime rationalTime `json:"start_time"`
}

type timeline struct {
	Schema          string        `json:"OTIO_SCHEMA"`
	Metadata        meta          `json:"metadata"`
	Name            string        `json:"name"`
	GlobalStartTime *rationalTime `json:"global_start_time"`
	Tracks          stack         `json:"tracks"`
}

type stack struct {
	Schema      string     `json:"OTIO_SCHEMA"`
	Metadata    meta       `json:"metadata"`
	Name        string     `json:"name"`
	SourceRange *timeRange `json:"source_range"`
	Effects     []any      `json:"effects"`
	Markers     []marker   `json:"markers"`
	Enabled     bool       `json:"enabled"`
	Color       *string    `json:"color"`
	Children    []track    `json:"children"`
}

type track struct {
	Schema      string     `json:"OTIO_SCHEMA"`
	Metadata    meta       `json:"metadata"`
	Name        string     `json:"name"`
	SourceRange *timeRange `json:"source_range"`
	Effects     []any      `json:"effects"`
	Markers     []marker   `json:"markers"`
	Enabled     bool       `json:"enabled"`
	Color       *string    `json:"color"`
	Children    []any      `json:"children"`
	Kind        string     `json:"kind"`
}

type clip struct {
	Schema                  string                       `json:"OTIO_SCHEMA"`
	Metadata                meta                         `json:"metadata"`
	Name                    string                       `json:"name"`
	SourceRange             *timeRange                   `json:"source_range"`
	Effects                 []any                        `json:"effects"`
	Markers                 []marker                     `json:"markers"`
	Enabled                 bool                         `json:"enabled"`
	Color                   *string                      `json:"color"`
	MediaReferences         map[string]externalReference `json:"media_references"`
	ActiveMediaReferenceKey string                       `json:"active_media_reference_key"`
}

type gap struct {
	Schema      string     `json:"OTIO_SCHEMA"`
	Metadata    meta       `json:"metadata"`
	Name        string     `json:"name"`
	SourceRange *timeRange `json:"source_range"`
	Effects     []any      `json:"effects"`
	Markers     []marker   `json:"markers"`
	Enabled     bool       `json:"enabled"`
	Color       *string    `json:"color"`
}

type externalReference struct {
	Schema               string     `json:"OTIO_SCHEMA"`
	Metadata             meta       `json:"metadata"`
	Name                 string     `json:"name"`
	AvailableRange       *timeRange `json:"available_range"`
	AvailableImageBounds any        `json:"available_image_bounds"`
	TargetURL            string     `json:"target_url"`
}

type transition struct {
	Schema         string       `json:"OTIO_SCHEMA"`
	Metadata       meta         `json:"metadata"`
	Name           string       `json:"name"`
	InOffset       rationalTime `json:"in_offset"`
	OutOffset      rationalTime `json:"out_offset"`
	TransitionType string       `json:"transition_type"`
}

type timeWarp struct {
	Schema     string `json:"OTIO_SCHEMA"`
	Metadata   meta   `json:"metadata"`
	Name       string `json:"name"`
	EffectName string `json:"effect_name"`
	Enabled    bool   `json:"enabled"`
	TimeScalar num    `json:"time_scalar"`
}

type effect struct {
	Schema     string `json:"OTIO_SCHEMA"`
	Metadata   meta   `json:"metadata"`
	Name       string `json:"name"`
	EffectName string `json:"effect_name"`
	Enabled    bool   `json:"enabled"`
}

type marker struct {
	Schema      string    `json:"OTIO_SCHEMA"`
	Metadata    meta      `json:"metadata"`
	Name        string    `json:"name"`
	Color       string    `json:"color"`
	MarkedRange timeRange `json:"marked_range"`
	Comment     string    `json:"comment"`
}

func rt(value float64, r edit.Rate) rationalTime {
	return rationalTime{Schema: "RationalTime.1", Rate: num(r.Float()), Value: num(value)}
}

func tr(start, dur float64, r edit.Rate) timeRange {
	return timeRange{Schema: "TimeRange.1", Duration: rt(dur, r), StartTime: rt(start, r)}
}

// Write validates tl and writes it to w as OTIO JSON. Nothing is written
// when the timeline is invalid.
func Write(w io.Writer, tl *edit.Timeline) error {
	b, err := Marshal(tl)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// Marshal returns the OTIO JSON document of tl, indented by four spaces
// like OTIO's own output.
func Marshal(tl *edit.Timeline) ([]byte, error) {
	if tl == nil {
		return nil, errors.New("otio: no timeline")
	}
	if err := tl.Validate(); err != nil {
		return nil, fmt.Errorf("otio: invalid timeline: %w", err)
	}
	gst := rt(float64(tl.Start), tl.Rate)
	doc := timeline{
		Schema:          "Timeline.1",
		Metadata:        meta{"rushcut": meta{"rate": tl.Rate.String(), "drop_frame": tl.DropFrame, "start_timecode": tl.StartTimecode()}},
		Name:            tl.Name,
		GlobalStartTime: &gst,
		Tracks: stack{Schema: "Stack.1", Metadata: meta{}, Name: "tracks", Effects: []any{}, Markers: []marker{},
			Enabled: true, Children: []track{}},
	}
	for _, t := range tl.Tracks {
		doc.Tracks.Children = append(doc.Tracks.Children, trackOf(tl, t))
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "    ")
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("otio: %w", err)
	}
	return b.Bytes(), nil
}

func trackOf(tl *edit.Timeline, t *edit.Track) track {
	out := track{Schema: "Track.1", Metadata: meta{}, Name: t.Name, Effects: []any{}, Markers: []marker{},
		Enabled: true, Children: []any{}, Kind: string(t.Kind)}
	for _, it := range t.Items {
		switch v := it.(type) {
		case *edit.Clip:
			out.Children = append(out.Children, clipOf(tl, v))
		case *edit.Gap:
			r := tr(0, float64(v.Duration), tl.Rate)
			out.Children = append(out.Children, gap{Schema: "Gap.1", Metadata: itemMeta(v.ID, v.Provenance, v.Metadata), SourceRange: &r,
				Effects: []any{}, Markers: []marker{}, Enabled: true})
		case *edit.Transition:
			out.Children = append(out.Children, transitionOf(tl, v))
		}
	}
	return out
}

func clipOf(tl *edit.Timeline, c *edit.Clip) clip {
	m := c.Media
	// The clip's time is the media's: source_range is at the media rate,
	// its duration the track length in media time (record × media/timeline
	// rate), so OTIO places it exactly on the track. Frame-for-frame media
	// (23.976 in 24) play one frame per timeline frame: that 0.1% speed
	// change is a LinearTimeWarp of timeline/media rate (see package doc).
	cr := m.Rate
	p, q := int64(m.Rate.Num)*int64(tl.Rate.Den), int64(m.Rate.Den)*int64(tl.Rate.Num)
	// scale returns n timeline frames in media frames, rounded once.
	scale := func(n int64) float64 { return float64(n*p) / float64(q) }
	conform := edit.One
	if edit.FrameForFrame(m.Rate, tl.Rate) && !m.Rate.Equal(tl.Rate) {
		conform = edit.Ratio{Num: tl.Rate.Num * m.Rate.Den, Den: tl.Rate.Den * m.Rate.Num}.Mul(edit.One)
	}
	sr := tr(float64(c.SourceIn), scale(c.Duration), cr)
	avail := tr(float64(m.Start), float64(m.Duration), m.Rate)
	refMeta := meta{"rate": m.Rate.String(), "has_timecode": m.HasTimecode, "drop_frame": m.DropFrame,
		"start_timecode": m.StartTimecode()}
	if m.ContentHash != "" {
		refMeta["content_hash"] = m.ContentHash
	}
	if m.VFR {
		refMeta["vfr"] = true
	}
	if m.Reel != "" {
		refMeta["reel"] = m.Reel
	}
	if m.Width > 0 {
		refMeta["width"], refMeta["height"] = m.Width, m.Height
	}
	out := clip{
		Schema: "Clip.2", Metadata: itemMeta(c.ID, c.Provenance, c.Metadata), Name: c.DisplayName(), SourceRange: &sr,
		Effects: []any{}, Markers: []marker{}, Enabled: true,
		MediaReferences: map[string]externalReference{"DEFAULT_MEDIA": {
			Schema: "ExternalReference.1", Metadata: meta{"rushcut": refMeta}, Name: filepath.Base(m.Path),
			AvailableRange: &avail, TargetURL: FileURL(m.Path),
		}},
		ActiveMediaReferenceKey: "DEFAULT_MEDIA",
	}
	out.Effects = effectsOf(c, conform)
	for _, e := range c.Effects {
		if e.Kind == edit.EffectColor && e.CDL != nil {
			// The form OTIO's cmx_3600 adapter reads from, and writes as,
			// ASC_SOP/ASC_SAT.
			k := e.CDL
			out.Metadata["cdl"] = meta{
				"asc_sat": num(k.Sat),
				"asc_sop": meta{"slope": nums(k.Slope), "offset": nums(k.Offset), "power": nums(k.Power)},
			}
		}
	}
	for _, mk := range c.Markers {
		color := string(mk.Color)
		if color == "" {
			color = string(edit.Red)
		}
		out.Markers = append(out.Markers, marker{Schema: "Marker.2", Metadata: meta{}, Name: mk.Name, Color: color,
			MarkedRange: tr(float64(c.SourceIn)+scale(mk.Start), scale(mk.Duration), cr), Comment: mk.Comment})
	}
	return out
}

func transitionOf(tl *edit.Timeline, t *edit.Transition) transition {
	out := transition{Schema: "Transition.1", Metadata: itemMeta(t.ID, t.Provenance, t.Metadata), Name: t.Name,
		InOffset: rt(float64(t.InOffset), tl.Rate), OutOffset: rt(float64(t.OutOffset), tl.Rate),
		TransitionType: "SMPTE_Dissolve"}
	rc := func() meta {
		m, _ := out.Metadata["rushcut"].(meta)
		if m == nil {
			m = meta{}
			out.Metadata["rushcut"] = m
		}
		return m
	}
	switch t.Kind {
	case edit.Wipe:
		out.TransitionType = "SMPTE_Wipe"
		rc()["wipe_code"] = t.WipeCode
	case edit.FadeIn, edit.FadeOut:
		// A dissolve from or to black, as OTIO's EDL adapter reads a BL
		// dissolve; the kind says which.
		rc()["kind"] = string(t.Kind)
		if out.Name == "" {
			out.Name = map[edit.TransitionKind]string{edit.FadeIn: "Fade In", edit.FadeOut: "Fade Out"}[t.Kind]
		}
	}
	return out
}

// FileURL returns the file:// URL of a local path, percent-encoded
// ("/a b/é.mov" → "file:///a%20b/%C3%A9.mov"); Windows paths become
// file:///C:/...
func FileURL(p string) string {
	p = filepath.ToSlash(p)
	if len(p) >= 2 && p[1] == ':' || !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}
