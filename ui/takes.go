package ui

import (
	"path/filepath"
	"strings"

	"rushcut/app/rough"
	"rushcut/app/suggest"
)

// TakeRow is one ranked take of a take suggestion, as the inspector lists
// it.
type TakeRow struct {
	// Key names the take's media as suggestions do (suggest.Target.MediaKey,
	// suggest.TakeChoice.Chosen).
	Key string
	// Name is what the editor reads ("A012_C003").
	Name string
	// Score is the take's ranking score and its components.
	Score rough.Score
}

// TakeRows lists the ranked takes of the setup a take suggestion is about
// (the setup named by Params.Take.Group), best first, or nil when e is not
// a take suggestion of d.
func TakeRows(d *rough.Day, e suggest.Entry) []TakeRow {
	if d == nil || e.Params.Take == nil {
		return nil
	}
	for si, su := range d.Setups {
		if su.Name != e.Params.Take.Group || si >= len(d.Ranks) {
			continue
		}
		var rows []TakeRow
		for k, i := range d.Ranks[si] {
			r := d.Takes[i]
			key := r.Path
			if i < len(d.Hashes) && d.Hashes[i] != "" {
				key = d.Hashes[i]
			}
			name := strings.TrimSuffix(filepath.Base(r.Path), filepath.Ext(r.Path))
			rows = append(rows, TakeRow{Key: key, Name: name, Score: d.Scores[si][k]})
		}
		return rows
	}
	return nil
}
