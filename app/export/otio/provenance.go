package otio

import "rushcut/app/edit"

// itemMeta returns an item's OTIO metadata: under "rushcut", its ID, the
// provenance of the suggestion that made it (suggestion, cue, model,
// confidence) and its free-form metadata, each only when present; {} when
// the item has none of them.
func itemMeta(id string, p *edit.Provenance, md edit.Metadata) meta {
	rc := meta{}
	if id != "" {
		rc["id"] = id
	}
	if p != nil {
		rc["provenance"] = meta{"suggestion": p.Suggestion, "cue": p.Cue, "model": p.Model, "confidence": p.Confidence}
	}
	if len(md) > 0 {
		rc["metadata"] = map[string]any(md)
	}
	if len(rc) == 0 {
		return meta{}
	}
	return meta{"rushcut": rc}
}
