package rough

import (
	"fmt"
	"os"

	"rushcut/app/assemble"
	"rushcut/app/doc"
	"rushcut/app/edit"
)

// Hashes returns each report's media content hash (doc.HashFile), setting
// it on the report's media reference too.
func Hashes(rs []*TakeReport) ([]string, error) {
	out := make([]string, len(rs))
	for i, r := range rs {
		h, _, err := doc.HashFile(r.Path)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", r.Path, err)
		}
		out[i] = h
		r.Media.ContentHash = h
	}
	return out, nil
}

// Apply puts the day into the project: its media, the day's suggestions
// merged with the decisions the project already holds (kept by
// suggestion ID), and the rough cut rebuilt from them. It returns the
// cut's warnings.
func Apply(p *doc.Project, d *Day, opts assemble.TimelineOptions) ([]string, error) {
	if err := putMedia(p, d); err != nil {
		return nil, err
	}
	if _, err := p.Suggestions.Merge(d.Suggestions()); err != nil {
		return nil, err
	}
	tl, warns, err := d.Cut(p.Suggestions, opts)
	if err != nil {
		return warns, err
	}
	p.Timeline = tl
	return warns, nil
}

// putMedia makes the day's takes the project's media.
func putMedia(p *doc.Project, d *Day) error {
	p.Media = p.Media[:0]
	for _, r := range d.Takes {
		m := &doc.Media{Ref: r.Media}
		if r.Media.ContentHash == "" { // not hashed yet (see Hashes)
			if err := doc.HashMedia(m); err != nil {
				return fmt.Errorf("%s: %w", r.Path, err)
			}
		} else if st, err := os.Stat(r.Path); err == nil {
			m.Size = st.Size()
		}
		p.Media = append(p.Media, m)
	}
	return nil
}

// Refs are the reports' media references.
func Refs(rs []*TakeReport) []*edit.MediaReference {
	out := make([]*edit.MediaReference, len(rs))
	for i, r := range rs {
		out[i] = r.Media
	}
	return out
}
