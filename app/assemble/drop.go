package assemble

import "rushcut/app/edit"

// SourcesDropFrame reports whether a timeline at rate should count
// drop-frame by default: the rate can drop and every source with
// timecode at a rate that can drop (29.97, 59.94) is drop-frame, with at
// least one such source. Sources without timecode do not vote.
func SourcesDropFrame(ms []*edit.MediaReference, rate edit.Rate) bool {
	if !rate.CanDrop() {
		return false
	}
	n := 0
	for _, m := range ms {
		if !m.HasTimecode || !m.Rate.CanDrop() {
			continue
		}
		if !m.DropFrame {
			return false
		}
		n++
	}
	return n > 0
}
