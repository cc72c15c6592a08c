package doc

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"

	"rushcut/app/edit"
	"rushcut/app/suggest"
)

// Marshal returns the file form of p, indented JSON ending in a newline.
// Timeline items without an ID, or with a repeated one, get one first (see
// edit.Timeline.EnsureIDs): this is the one change Marshal makes to p. It
// refuses a project whose clips play media not in p.Media, media listed
// twice, and values JSON cannot hold (NaN in metadata).
func Marshal(p *Project) ([]byte, error) {
	out := projectV2{Schema: versioned(projectSchema), Name: p.Name, Imported: p.Imported}
	mediaID := map[*edit.MediaReference]string{}
	if p.Media != nil {
		out.Media = make([]mediaV1, 0, len(p.Media))
	}
	for i, m := range p.Media {
		if m == nil || m.Ref == nil {
			return nil, fmt.Errorf("media %d has no reference", i+1)
		}
		if _, dup := mediaID[m.Ref]; dup {
			return nil, fmt.Errorf("media %s is listed twice", m.Ref.Path)
		}
		id := "m" + strconv.Itoa(i+1)
		mediaID[m.Ref] = id
		r := m.Ref
		out.Media = append(out.Media, mediaV1{
			Schema: versioned(mediaSchema), ID: id, Path: r.Path, Name: r.Name, Size: m.Size, Hash: r.ContentHash,
			Rate: ratioV1(r.Rate), Start: r.Start, HasTimecode: r.HasTimecode, DropFrame: r.DropFrame,
			Duration: r.Duration, VFR: r.VFR, Reel: r.Reel, Width: r.Width, Height: r.Height,
			HasAudio: r.HasAudio, AudioChannels: r.AudioChannels, SampleRate: r.SampleRate, Cache: m.Cache,
		})
	}
	out.Suggestions = []suggestionV1{}
	if p.Suggestions != nil {
		for _, e := range p.Suggestions.Entries() {
			out.Suggestions = append(out.Suggestions, suggestionOut(e))
		}
	}
	if p.Timeline != nil {
		p.Timeline.EnsureIDs()
		tl, err := timelineOut(p.Timeline, mediaID)
		if err != nil {
			return nil, fmt.Errorf("timeline: %w", err)
		}
		out.Timeline = tl
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Errors that Open and Unmarshal wrap, for errors.Is.
var (
	// ErrNotProject: the data is not a Rushcut project at all.
	ErrNotProject = errors.New("not a Rushcut project")
	// ErrVersion: a type in the file is newer than this build reads.
	ErrVersion = errVersion
	// ErrDamaged: the data claims to be a project but does not hold
	// together.
	ErrDamaged = errors.New("damaged project")
)

// Unmarshal reads a project from its file form, upgrading older versions.
// It returns a complete project or an error wrapping ErrNotProject,
// ErrVersion or ErrDamaged; never part of one.
func Unmarshal(data []byte) (*Project, error) {
	tree, err := parseTree(data)
	if err != nil {
		return nil, err
	}
	if err := upgrade(tree, "project"); err != nil {
		if errors.Is(err, errVersion) {
			return nil, err
		}
		return nil, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	b, err := json.Marshal(tree)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	var v projectV2
	if err := strictUnmarshal(b, &v); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	p, err := projectIn(&v)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	return p, nil
}

// parseTree reads data as one JSON object with a Rushcut.Project schema,
// numbers kept as json.Number.
func parseTree(data []byte) (map[string]any, error) {
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		var se *json.SyntaxError
		switch {
		case errors.As(err, &se):
			return nil, fmt.Errorf("%w: invalid JSON at byte %d", ErrNotProject, se.Offset)
		case len(bytes.TrimSpace(data)) == 0:
			return nil, fmt.Errorf("%w: empty file", ErrNotProject)
		case errors.Is(err, io.ErrUnexpectedEOF):
			return nil, fmt.Errorf("%w: invalid JSON: ends early at byte %d", ErrNotProject, len(data))
		}
		return nil, fmt.Errorf("%w: invalid JSON: %v", ErrNotProject, err)
	}
	if _, err := d.Token(); err == nil {
		return nil, fmt.Errorf("%w: data after the project at byte %d", ErrNotProject, d.InputOffset())
	} else if !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%w: invalid JSON after the project at byte %d", ErrNotProject, d.InputOffset())
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%w: not a JSON object", ErrNotProject)
	}
	s, _ := obj["schema"].(string)
	if name, _, ok := parseSchema(s); !ok || name != projectSchema {
		if s == "" {
			return nil, fmt.Errorf("%w: no schema", ErrNotProject)
		}
		return nil, fmt.Errorf("%w: schema %q", ErrNotProject, s)
	}
	return obj, nil
}

func projectIn(v *projectV2) (*Project, error) {
	p := &Project{Name: v.Name, Imported: v.Imported}
	byID := map[string]*edit.MediaReference{}
	if v.Media != nil {
		p.Media = make([]*Media, 0, len(v.Media))
	}
	for i, m := range v.Media {
		if err := checkSchema(m.Schema, mediaSchema); err != nil {
			return nil, fmt.Errorf("media %d: %w", i+1, err)
		}
		if m.ID == "" || byID[m.ID] != nil {
			return nil, fmt.Errorf("media %d: ID %q is empty or repeated", i+1, m.ID)
		}
		ref := &edit.MediaReference{
			Path: m.Path, Name: m.Name, ContentHash: m.Hash, Rate: edit.Rate(m.Rate), Start: m.Start,
			HasTimecode: m.HasTimecode, DropFrame: m.DropFrame, Duration: m.Duration, VFR: m.VFR, Reel: m.Reel,
			Width: m.Width, Height: m.Height, HasAudio: m.HasAudio, AudioChannels: m.AudioChannels, SampleRate: m.SampleRate,
		}
		byID[m.ID] = ref
		p.Media = append(p.Media, &Media{Ref: ref, Size: m.Size, Cache: m.Cache})
	}
	entries := make([]suggest.Entry, 0, len(v.Suggestions))
	for i, s := range v.Suggestions {
		if err := checkSchema(s.Schema, suggestionSchema); err != nil {
			return nil, fmt.Errorf("suggestion %d: %w", i+1, err)
		}
		entries = append(entries, suggestionIn(s))
	}
	set, err := suggest.Restore(entries)
	if err != nil {
		return nil, err
	}
	p.Suggestions = set
	if v.Timeline != nil {
		if p.Timeline, err = timelineIn(v.Timeline, byID); err != nil {
			return nil, err
		}
	}
	return p, nil
}
