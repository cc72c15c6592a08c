package ui

import (
	"slices"
	"sort"

	"rushcut/app/edit"
	"rushcut/app/suggest"
)

// span is a stretch of timeline frames [start, end) that the timeline draws:
// a clip, a transition or a suggestion marker.
type span struct {
	start, end int64
	// item is the clip or transition (nil for a marker).
	item edit.Item
	// entry is the marker's index into Timeline.entries (-1 for an item).
	entry int
}

// spanIndex holds spans sorted by start with the running maximum of their
// ends, so that the spans meeting a frame window are found by binary
// search even when they overlap.
type spanIndex struct {
	spans  []span
	maxEnd []int64
}

func newSpanIndex(ss []span) spanIndex {
	sort.SliceStable(ss, func(i, j int) bool { return ss[i].start < ss[j].start })
	m := make([]int64, len(ss))
	var hi int64
	for i, s := range ss {
		if i == 0 || s.end > hi {
			hi = s.end
		}
		m[i] = hi
	}
	return spanIndex{spans: ss, maxEnd: m}
}

// window returns the index range [lo, hi) of spans that may meet frames
// [from, to): every span before lo ends at or before from, every span from
// hi on starts at or after to.
func (x spanIndex) window(from, to float64) (lo, hi int) {
	lo = sort.Search(len(x.maxEnd), func(i int) bool { return float64(x.maxEnd[i]) > from })
	hi = sort.Search(len(x.spans), func(i int) bool { return float64(x.spans[i].start) >= to })
	return lo, max(lo, hi)
}

// row is one track as the timeline shows it.
type row struct {
	track       *edit.Track
	clips       spanIndex
	transitions spanIndex
}

// lane is the marker row of one suggestion kind.
type lane struct {
	kind    suggest.Kind
	markers spanIndex
}

// kindOrder is the order of the marker lanes; other kinds follow, sorted.
var kindOrder = []suggest.Kind{suggest.Trim, suggest.Take, suggest.Setup, suggest.Order, suggest.Remove}

// buildRows lays out the tracks top down: video tracks from the highest
// (V2 above V1), then audio tracks from A1 down.
func buildRows(tl *edit.Timeline) []row {
	if tl == nil {
		return nil
	}
	var video, audio []*edit.Track
	for _, t := range tl.Tracks {
		if t == nil {
			continue
		}
		if t.Kind == edit.Audio {
			audio = append(audio, t)
		} else {
			video = append(video, t)
		}
	}
	slices.Reverse(video)
	var rows []row
	for _, t := range append(video, audio...) {
		var clips, trans []span
		var pos int64
		for _, it := range t.Items {
			switch v := it.(type) {
			case *edit.Clip:
				clips = append(clips, span{start: pos, end: pos + v.Duration, item: v, entry: -1})
			case *edit.Transition:
				trans = append(trans, span{start: pos - v.InOffset, end: pos + v.OutOffset, item: v, entry: -1})
			}
			if it != nil {
				pos += it.TrackLength()
			}
		}
		rows = append(rows, row{track: t, clips: newSpanIndex(clips), transitions: newSpanIndex(trans)})
	}
	return rows
}

// placed is a clip with where it starts on its track.
type placed struct {
	clip  *edit.Clip
	start int64
}

// buildLanes places each entry's marker on the timeline: over the item it
// targets, else over the clips its suggestion put there (Provenance), else
// over the clips playing its target media, narrowed to the trimmed or
// targeted source range where that range falls inside the clip. Orphaned
// entries and entries with no place are left out.
func buildLanes(tl *edit.Timeline, rows []row, entries []suggest.Entry) []lane {
	if tl == nil || len(entries) == 0 {
		return nil
	}
	byItem := map[string]span{}
	byProv := map[string][]placed{}
	byMedia := map[string][]placed{}
	for _, r := range rows {
		for _, s := range r.clips.spans {
			c := s.item.(*edit.Clip)
			byItem[c.ID] = s
			p := placed{c, s.start}
			if c.Provenance != nil && c.Provenance.Suggestion != "" {
				byProv[c.Provenance.Suggestion] = append(byProv[c.Provenance.Suggestion], p)
			}
			if c.Media != nil {
				if c.Media.ContentHash != "" {
					byMedia[c.Media.ContentHash] = append(byMedia[c.Media.ContentHash], p)
				}
				if c.Media.Path != "" {
					byMedia[c.Media.Path] = append(byMedia[c.Media.Path], p)
				}
			}
		}
		for _, s := range r.transitions.spans {
			byItem[s.item.ItemID()] = s
		}
	}
	kinds := map[suggest.Kind][]span{}
	for i, e := range entries {
		if e.Orphaned {
			continue
		}
		var ss []span
		switch {
		case e.Target.Item != "":
			if s, ok := byItem[e.Target.Item]; ok {
				ss = append(ss, span{start: s.start, end: s.end})
			}
		case len(byProv[e.ID]) > 0:
			for _, p := range byProv[e.ID] {
				ss = append(ss, span{start: p.start, end: p.start + p.clip.Duration})
			}
		default:
			ps := byMedia[e.Target.Hash]
			if e.Target.Hash == "" || len(ps) == 0 {
				ps = byMedia[e.Target.Path]
			}
			for _, p := range ps {
				ss = append(ss, markerOnClip(tl.Rate, p, e))
			}
		}
		for k, s := range ss {
			if slices.ContainsFunc(ss[:k], func(o span) bool { return o.start == s.start && o.end == s.end }) {
				continue // the same media on a video and an audio track
			}
			s.entry = i
			kinds[e.Kind] = append(kinds[e.Kind], s)
		}
	}
	var order []suggest.Kind
	for _, k := range kindOrder {
		if len(kinds[k]) > 0 {
			order = append(order, k)
		}
	}
	var others []suggest.Kind
	for k := range kinds {
		if !slices.Contains(kindOrder, k) {
			others = append(others, k)
		}
	}
	slices.Sort(others)
	var lanes []lane
	for _, k := range append(order, others...) {
		lanes = append(lanes, lane{kind: k, markers: newSpanIndex(kinds[k])})
	}
	return lanes
}

// markerOnClip is the part of clip p that entry e's source range covers
// (the effective trim, else the target range), or the whole clip when the
// range is unknown or does not meet the clip.
func markerOnClip(rate edit.Rate, p placed, e suggest.Entry) span {
	whole := span{start: p.start, end: p.start + p.clip.Duration}
	var in, out int64
	switch pr := e.Effective(); {
	case pr.Trim != nil:
		in, out = pr.Trim.In, pr.Trim.Out
	case e.Target.Range.Duration > 0:
		in, out = e.Target.Range.Start, e.Target.Range.End()
	default:
		return whole
	}
	m := p.clip.Media
	if m == nil || !m.Rate.Valid() || !rate.Valid() {
		return whole
	}
	rec := func(src int64) int64 {
		d := src - p.clip.SourceIn
		if d <= 0 {
			return p.start - edit.RecordFrames(-d, p.clip.Speed(), m.Rate, rate)
		}
		return p.start + edit.RecordFrames(d, p.clip.Speed(), m.Rate, rate)
	}
	s := span{start: max(rec(in), whole.start), end: min(rec(out), whole.end)}
	if s.end <= s.start {
		return whole
	}
	return s
}
