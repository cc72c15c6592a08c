package edit

// TrackKind says whether a track holds picture or sound.
type TrackKind string

// Track kinds, named as in OpenTimelineIO.
const (
	Video TrackKind = "Video"
	Audio TrackKind = "Audio"
)

// Track is a sequence of items played one after the other.
type Track struct {
	// Name is the track's name (V1, A1, ...).
	Name string `json:"name"`
	// Kind is Video or Audio.
	Kind TrackKind `json:"kind"`
	// Items play in order.
	Items []Item `json:"-"`
}

// Duration returns the track's length in timeline frames.
func (t *Track) Duration() int64 {
	var n int64
	for _, it := range t.Items {
		n += it.TrackLength()
	}
	return n
}

// Position returns the timeline frame (from the timeline's start) where
// item i starts; for a Transition, the cut point it is centred on.
func (t *Track) Position(i int) int64 {
	var n int64
	for _, it := range t.Items[:i] {
		n += it.TrackLength()
	}
	return n
}

// Clips returns the track's clips in order.
func (t *Track) Clips() []*Clip {
	var cs []*Clip
	for _, it := range t.Items {
		if c, ok := it.(*Clip); ok {
			cs = append(cs, c)
		}
	}
	return cs
}

// Timeline is an edit: tracks of clips at one frame rate.
type Timeline struct {
	// Name is the timeline's title.
	Name string `json:"name"`
	// Rate is the timeline (record) frame rate.
	Rate Rate `json:"rate"`
	// DropFrame is true when the timeline's timecode is drop-frame.
	DropFrame bool `json:"drop_frame"`
	// Start is the timecode of the first frame, as a frame count at Rate
	// (OTIO's global_start_time); e.g. 01:00:00:00.
	Start int64 `json:"start"`
	// Tracks holds the video tracks then the audio tracks, bottom up.
	Tracks []*Track `json:"tracks"`
}

// Duration returns the longest track's length in timeline frames.
func (tl *Timeline) Duration() int64 {
	var n int64
	for _, t := range tl.Tracks {
		n = max(n, t.Duration())
	}
	return n
}

// StartTimecode returns the timecode text of the timeline's first frame.
func (tl *Timeline) StartTimecode() string { return tl.Rate.Timecode(tl.Start, tl.DropFrame) }

// TracksOf returns the tracks of the given kind, in order.
func (tl *Timeline) TracksOf(kind TrackKind) []*Track {
	var ts []*Track
	for _, t := range tl.Tracks {
		if t.Kind == kind {
			ts = append(ts, t)
		}
	}
	return ts
}

// Media returns every distinct media reference the timeline plays, in
// order of first use.
func (tl *Timeline) Media() []*MediaReference {
	seen := map[*MediaReference]bool{}
	var ms []*MediaReference
	for _, t := range tl.Tracks {
		for _, c := range t.Clips() {
			if c.Media != nil && !seen[c.Media] {
				seen[c.Media] = true
				ms = append(ms, c.Media)
			}
		}
	}
	return ms
}

// Clone returns a deep copy of the timeline's structure. Items keep their
// IDs, provenance and (deep-copied) metadata. Media references are shared
// (they describe files, not the edit).
func (tl *Timeline) Clone() *Timeline {
	c := *tl
	c.Tracks = make([]*Track, len(tl.Tracks))
	for i, t := range tl.Tracks {
		nt := *t
		nt.Items = make([]Item, len(t.Items))
		for j, it := range t.Items {
			switch v := it.(type) {
			case *Clip:
				nc := *v
				nc.Effects = append([]Effect(nil), v.Effects...)
				for k, e := range nc.Effects {
					if e.CDL != nil {
						cdl := *e.CDL
						nc.Effects[k].CDL = &cdl
					}
					if e.Params != nil {
						p := make(map[string]string, len(e.Params))
						for key, val := range e.Params {
							p[key] = val
						}
						nc.Effects[k].Params = p
					}
				}
				nc.Markers = append([]Marker(nil), v.Markers...)
				nc.Provenance, nc.Metadata = cloneProvenance(v.Provenance), v.Metadata.Clone()
				nt.Items[j] = &nc
			case *Gap:
				ng := *v
				ng.Provenance, ng.Metadata = cloneProvenance(v.Provenance), v.Metadata.Clone()
				nt.Items[j] = &ng
			case *Transition:
				ntr := *v
				ntr.Provenance, ntr.Metadata = cloneProvenance(v.Provenance), v.Metadata.Clone()
				nt.Items[j] = &ntr
			default:
				nt.Items[j] = it
			}
		}
		c.Tracks[i] = &nt
	}
	return &c
}
