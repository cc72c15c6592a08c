package edit

import (
	"fmt"
	"maps"
)

// Provenance says where an item came from: the suggestion that put it on
// the timeline, the analysis cue behind it and how sure the analysis was.
// Exporters keep it (OTIO writes it under metadata.rushcut.provenance).
type Provenance struct {
	// Suggestion is the ID of the suggestion the item came from.
	Suggestion string `json:"suggestion"`
	// Cue names the measurement that drove it ("clap", "motion", "vit").
	Cue string `json:"cue,omitempty"`
	// Model names the analyser or model and its version.
	Model string `json:"model,omitempty"`
	// Confidence is the suggestion's confidence, 0..1.
	Confidence float64 `json:"confidence"`
}

// Metadata is free-form data kept with an item, by name. Values should be
// what encoding/json reads back (string, float64, bool, nil, []any,
// map[string]any) so that a saved item reloads equal.
type Metadata map[string]any

// Clone returns a deep copy of m (nil for nil), copying nested maps and
// slices.
func (m Metadata) Clone() Metadata {
	if m == nil {
		return nil
	}
	out := make(Metadata, len(m))
	for k, v := range m {
		out[k] = cloneValue(v)
	}
	return out
}

func cloneValue(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			out[k] = cloneValue(e)
		}
		return out
	case Metadata:
		return v.Clone()
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = cloneValue(e)
		}
		return out
	case map[string]string:
		return maps.Clone(v)
	case []string:
		return append([]string(nil), v...)
	case []float64:
		return append([]float64(nil), v...)
	}
	return v
}

func cloneProvenance(p *Provenance) *Provenance {
	if p == nil {
		return nil
	}
	c := *p
	return &c
}

// idPrefix is the letter fresh IDs of each item type start with.
func idPrefix(it Item) string {
	switch it.(type) {
	case *Clip:
		return "c"
	case *Gap:
		return "g"
	case *Transition:
		return "t"
	}
	return "i"
}

// EnsureIDs gives every item without an ID, or with the ID of an item
// before it (in track order), a fresh one: "c", "g" or "t" for a clip, gap
// or transition, then the smallest number no item uses ("c1", "g7").
// Items that already have a unique ID keep it, so IDs are stable across
// edits, saves and clones. It reports whether it changed anything.
func (tl *Timeline) EnsureIDs() bool {
	used := map[string]bool{}
	var fix []Item
	for _, t := range tl.Tracks {
		if t == nil {
			continue
		}
		for _, it := range t.Items {
			if it == nil {
				continue
			}
			id := it.ItemID()
			if id == "" || used[id] {
				fix = append(fix, it)
				continue
			}
			used[id] = true
		}
	}
	next := map[string]int{}
	for _, it := range fix {
		p := idPrefix(it)
		var id string
		for {
			next[p]++
			id = fmt.Sprintf("%s%d", p, next[p])
			if !used[id] {
				break
			}
		}
		used[id] = true
		setID(it, id)
	}
	return len(fix) > 0
}

func setID(it Item, id string) {
	switch v := it.(type) {
	case *Clip:
		v.ID = id
	case *Gap:
		v.ID = id
	case *Transition:
		v.ID = id
	}
}

// Find returns the track and index of the item with the given ID, or
// (nil, -1) when there is none (or id is empty).
func (tl *Timeline) Find(id string) (*Track, int) {
	if id == "" {
		return nil, -1
	}
	for _, t := range tl.Tracks {
		if t == nil {
			continue
		}
		for i, it := range t.Items {
			if it != nil && it.ItemID() == id {
				return t, i
			}
		}
	}
	return nil, -1
}
