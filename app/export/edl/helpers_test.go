package edl

import (
	"fmt"

	"rushcut/app/edit"
)

// tc parses timecode text at rate r (drop from the separator) or panics;
// for building test fixtures only.
func tc(r edit.Rate, s string) int64 {
	f, err := r.ParseTimecode(s, false)
	if err != nil {
		panic(err)
	}
	return f
}

func mediaAt(path string, r edit.Rate, start string, dur int64) *edit.MediaReference {
	m := &edit.MediaReference{Path: path, Rate: r, Duration: dur, HasAudio: true, AudioChannels: 2}
	if start != "" {
		m.Start = tc(r, start)
		m.HasTimecode = true
		m.DropFrame = len(start) > 8 && start[8] == ';'
	}
	return m
}

func videoTimeline(name string, r edit.Rate, drop bool, start string, items ...edit.Item) *edit.Timeline {
	return &edit.Timeline{
		Name: name, Rate: r, DropFrame: drop, Start: tc(r, start),
		Tracks: []*edit.Track{{Name: "V1", Kind: edit.Video, Items: items}},
	}
}

func dumpEvent(e Event) string {
	return fmt.Sprintf("%+v from=%+v speed=%+v", e, e.From, e.Source.Speed)
}
