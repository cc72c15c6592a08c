package doc

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"rushcut/app/edit"
)

// Conversions between the edit model and its file form. Clips name their
// media by the ID of a project media record.

func provenanceOut(p *edit.Provenance) *provenanceV1 {
	if p == nil {
		return nil
	}
	v := provenanceV1(*p)
	return &v
}

func provenanceIn(p *provenanceV1) *edit.Provenance {
	if p == nil {
		return nil
	}
	v := edit.Provenance(*p)
	return &v
}

// timelineOut returns the file form of tl; mediaID names each media
// reference the clips play.
func timelineOut(tl *edit.Timeline, mediaID map[*edit.MediaReference]string) (*timelineV1, error) {
	out := &timelineV1{Schema: versioned(timelineSchema), Name: tl.Name, Rate: ratioV1(tl.Rate),
		DropFrame: tl.DropFrame, Start: tl.Start}
	if tl.Tracks != nil {
		out.Tracks = make([]trackV1, 0, len(tl.Tracks))
	}
	for ti, t := range tl.Tracks {
		if t == nil {
			return nil, fmt.Errorf("track %d is nil", ti+1)
		}
		tr := trackV1{Schema: versioned(trackSchema), Name: t.Name, Kind: string(t.Kind)}
		if t.Items != nil {
			tr.Items = make([]json.RawMessage, 0, len(t.Items))
		}
		for i, it := range t.Items {
			v, err := itemOut(it, mediaID)
			if err != nil {
				return nil, fmt.Errorf("track %s item %d: %w", t.Name, i+1, err)
			}
			b, err := json.Marshal(v)
			if err != nil {
				return nil, fmt.Errorf("track %s item %d: %w", t.Name, i+1, err)
			}
			tr.Items = append(tr.Items, b)
		}
		out.Tracks = append(out.Tracks, tr)
	}
	return out, nil
}

func itemOut(it edit.Item, mediaID map[*edit.MediaReference]string) (any, error) {
	switch v := it.(type) {
	case *edit.Clip:
		c := clipV1{Schema: versioned(clipSchema), ID: v.ID, Name: v.Name, SourceIn: v.SourceIn, Duration: v.Duration,
			Provenance: provenanceOut(v.Provenance), Metadata: v.Metadata}
		if v.Media != nil {
			id, ok := mediaID[v.Media]
			if !ok {
				return nil, fmt.Errorf("clip %s plays %s, which is not in the project's media", v.ID, v.Media.Path)
			}
			c.Media = id
		}
		if v.Effects != nil {
			c.Effects = make([]effectV1, len(v.Effects))
			for i, e := range v.Effects {
				c.Effects[i] = effectV1{Kind: string(e.Kind), Speed: ratioV1(e.Speed), Params: e.Params}
			}
		}
		if v.Markers != nil {
			c.Markers = make([]markerV1, len(v.Markers))
			for i, m := range v.Markers {
				c.Markers[i] = markerV1{Name: m.Name, Comment: m.Comment, Color: string(m.Color), Start: m.Start, Duration: m.Duration}
			}
		}
		return c, nil
	case *edit.Gap:
		return gapV1{Schema: versioned(gapSchema), ID: v.ID, Duration: v.Duration,
			Provenance: provenanceOut(v.Provenance), Metadata: v.Metadata}, nil
	case *edit.Transition:
		return transitionV1{Schema: versioned(transitionSchema), ID: v.ID, Name: v.Name, Kind: string(v.Kind),
			WipeCode: v.WipeCode, InOffset: v.InOffset, OutOffset: v.OutOffset,
			Provenance: provenanceOut(v.Provenance), Metadata: v.Metadata}, nil
	case nil:
		return nil, errors.New("nil item")
	}
	return nil, fmt.Errorf("unknown item type %T", it)
}

// timelineIn returns the timeline of its file form; media resolves media
// record IDs. Item IDs must be present and unique.
func timelineIn(t *timelineV1, media map[string]*edit.MediaReference) (*edit.Timeline, error) {
	if err := checkSchema(t.Schema, timelineSchema); err != nil {
		return nil, fmt.Errorf("timeline: %w", err)
	}
	tl := &edit.Timeline{Name: t.Name, Rate: edit.Rate(t.Rate), DropFrame: t.DropFrame, Start: t.Start}
	if t.Tracks != nil {
		tl.Tracks = make([]*edit.Track, 0, len(t.Tracks))
	}
	ids := map[string]bool{}
	for ti, tr := range t.Tracks {
		if err := checkSchema(tr.Schema, trackSchema); err != nil {
			return nil, fmt.Errorf("track %d: %w", ti+1, err)
		}
		track := &edit.Track{Name: tr.Name, Kind: edit.TrackKind(tr.Kind)}
		if tr.Items != nil {
			track.Items = make([]edit.Item, 0, len(tr.Items))
		}
		for i, raw := range tr.Items {
			it, err := itemIn(raw, media)
			if err == nil && (it.ItemID() == "" || ids[it.ItemID()]) {
				err = fmt.Errorf("item ID %q is empty or repeated", it.ItemID())
			}
			if err != nil {
				return nil, fmt.Errorf("track %d item %d: %w", ti+1, i+1, err)
			}
			ids[it.ItemID()] = true
			track.Items = append(track.Items, it)
		}
		tl.Tracks = append(tl.Tracks, track)
	}
	return tl, nil
}

func itemIn(raw json.RawMessage, media map[string]*edit.MediaReference) (edit.Item, error) {
	var head struct {
		Schema string `json:"schema"`
	}
	if err := json.Unmarshal(raw, &head); err != nil {
		return nil, err
	}
	name, _, _ := parseSchema(head.Schema)
	switch name {
	case clipSchema:
		var c clipV1
		if err := strictUnmarshal(raw, &c); err != nil {
			return nil, err
		}
		out := &edit.Clip{ID: c.ID, Name: c.Name, SourceIn: c.SourceIn, Duration: c.Duration,
			Provenance: provenanceIn(c.Provenance), Metadata: c.Metadata}
		if c.Media != "" {
			if out.Media = media[c.Media]; out.Media == nil {
				return nil, fmt.Errorf("clip %s plays unknown media %q", c.ID, c.Media)
			}
		}
		if c.Effects != nil {
			out.Effects = make([]edit.Effect, len(c.Effects))
			for i, e := range c.Effects {
				out.Effects[i] = edit.Effect{Kind: edit.EffectKind(e.Kind), Speed: edit.Ratio(e.Speed), Params: e.Params}
			}
		}
		if c.Markers != nil {
			out.Markers = make([]edit.Marker, len(c.Markers))
			for i, m := range c.Markers {
				out.Markers[i] = edit.Marker{Name: m.Name, Comment: m.Comment, Color: edit.MarkerColor(m.Color), Start: m.Start, Duration: m.Duration}
			}
		}
		return out, nil
	case gapSchema:
		var g gapV1
		if err := strictUnmarshal(raw, &g); err != nil {
			return nil, err
		}
		return &edit.Gap{ID: g.ID, Duration: g.Duration, Provenance: provenanceIn(g.Provenance), Metadata: g.Metadata}, nil
	case transitionSchema:
		var t transitionV1
		if err := strictUnmarshal(raw, &t); err != nil {
			return nil, err
		}
		return &edit.Transition{ID: t.ID, Name: t.Name, Kind: edit.TransitionKind(t.Kind), WipeCode: t.WipeCode,
			InOffset: t.InOffset, OutOffset: t.OutOffset, Provenance: provenanceIn(t.Provenance), Metadata: t.Metadata}, nil
	}
	return nil, fmt.Errorf("schema %q is not a clip, gap or transition", head.Schema)
}

// strictUnmarshal decodes b into v, refusing fields v does not have, with
// errors worded for a person.
func strictUnmarshal(b []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	if err := d.Decode(v); err != nil {
		return errors.New(describe(err))
	}
	return nil
}

// describe words a decoding error for a person.
func describe(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Sprintf("%s is a JSON %s, want %s", te.Field, te.Value, te.Type)
	}
	return err.Error()
}

// checkSchema reports whether s is the current version of the type name
// (upgrade has run, so anything else is in the wrong place).
func checkSchema(s, name string) error {
	if s != versioned(name) {
		return fmt.Errorf("schema %q where %s belongs", s, versioned(name))
	}
	return nil
}
