package edl

import (
	"bytes"
	"strings"
	"testing"

	"rushcut/app/edit"
)

func TestBuildRefuses(t *testing.T) {
	r24 := edit.Rate24
	m := mediaAt("/m/A.mov", r24, "01:00:00:00", 1000)
	clip := func(off, dur int64) *edit.Clip { return &edit.Clip{Media: m, SourceIn: m.Start + off, Duration: dur} }
	many := make([]edit.Item, 1000)
	for i := range many {
		many[i] = clip(int64(i%900), 1)
	}
	big := mediaAt("/m/B.mov", r24, "01:00:00:00", 10000)
	late := mediaAt("/m/L.mov", r24, "23:59:59:00", 100)
	nl := mediaAt("/m/bad\nname.mov", r24, "01:00:00:00", 100)
	tests := []struct {
		name string
		tl   *edit.Timeline
		want string
	}{
		{"nil", nil, "no timeline"},
		{"invalid", videoTimeline("x", r24, false, "01:00:00:00", clip(990, 20)), "invalid timeline"},
		{"no video", &edit.Timeline{Rate: r24, Tracks: []*edit.Track{{Name: "A1", Kind: edit.Audio}}}, "exactly one video track"},
		{"two video", &edit.Timeline{Rate: r24, Tracks: []*edit.Track{{Name: "V1", Kind: edit.Video}, {Name: "V2", Kind: edit.Video}}}, "exactly one video track"},
		{"three audio", &edit.Timeline{Rate: r24, Tracks: []*edit.Track{{Name: "V1", Kind: edit.Video}, {Kind: edit.Audio}, {Kind: edit.Audio}, {Kind: edit.Audio}}}, "at most two audio"},
		{"audio of its own", &edit.Timeline{Rate: r24, Tracks: []*edit.Track{
			{Name: "V1", Kind: edit.Video, Items: []edit.Item{clip(0, 10)}},
			{Name: "A1", Kind: edit.Audio, Items: []edit.Item{clip(5, 10)}}}}, "does not sit under a matching video clip"},
		{"1000 events", videoTimeline("x", r24, false, "01:00:00:00", many...), "needs 1000 events but CMX3600 allows 999"},
		{"record past midnight", videoTimeline("x", r24, false, "23:59:59:00", clip(0, 48)), "passes 24:00:00:00"},
		{"source past midnight", videoTimeline("x", r24, false, "01:00:00:00", &edit.Clip{Media: late, SourceIn: late.Start, Duration: 48}), "media's timecode wraps"},
		{"speed not exact", videoTimeline("x", edit.Rate25, false, "01:00:00:00",
			&edit.Clip{Media: mediaAt("/m/P.mov", edit.Rate25, "01:00:00:00", 1000), SourceIn: tc(edit.Rate25, "01:00:00:00"), Duration: 30, Effects: []edit.Effect{edit.SpeedEffect(1, 3)}}),
			"cannot state exactly"},
		{"transition covers clip", videoTimeline("x", r24, false, "01:00:00:00", clip(0, 10), &edit.Transition{Kind: edit.Dissolve, InOffset: 10}, clip(200, 20)), "transitions cover the whole clip"},
		{"transition too long", videoTimeline("x", r24, false, "01:00:00:00",
			&edit.Clip{Media: big, SourceIn: big.Start, Duration: 10}, &edit.Transition{Kind: edit.Dissolve, OutOffset: 1000},
			&edit.Clip{Media: big, SourceIn: big.Start + 2000, Duration: 1000}), "outside 001–999"},
		{"line break in path", videoTimeline("x", r24, false, "01:00:00:00", &edit.Clip{Media: nl, SourceIn: nl.Start, Duration: 10}), "line break"},
		{"drop at 25", videoTimeline("x", edit.Rate25, false, "01:00:00:00", clip(0, 10)), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			err := Write(&b, tt.tl)
			if tt.want == "" {
				return // only must not panic
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want it to mention %q", err, tt.want)
			}
			if b.Len() != 0 {
				t.Errorf("wrote %d bytes despite the error", b.Len())
			}
		})
	}
}

func TestValidateList(t *testing.T) {
	base := func() *List {
		src := func(reel string, in, out int64) Source {
			return Source{Reel: reel, In: in, Out: out, Rate: edit.Rate24, File: "/m/" + reel + ".mov"}
		}
		return &List{Title: "t", Rate: edit.Rate24, Events: []Event{
			{Num: 1, Channels: "V", Type: Cut, Source: src("A", 100, 148), RecordIn: 86400, RecordOut: 86448},
			{Num: 2, Channels: "V", Type: Cut, Source: src("B", 200, 224), RecordIn: 86448, RecordOut: 86472},
		}}
	}
	tests := []struct {
		name   string
		mutate func(l *List)
		want   string
	}{
		{"ok", func(l *List) {}, ""},
		{"sequence", func(l *List) { l.Events[1].Num = 5 }, "out of sequence"},
		{"overlap", func(l *List) { l.Events[1].RecordIn -= 1; l.Events[1].Source.In -= 1 }, "overlaps event 001"},
		{"record reversed", func(l *List) { l.Events[0].RecordOut = l.Events[0].RecordIn }, "not after record in"},
		{"source reversed", func(l *List) { l.Events[0].Source.Out = 99 }, "before source in"},
		{"duration mismatch", func(l *List) { l.Events[0].Source.Out++ }, "does not match record duration"},
		{"bad channel", func(l *List) { l.Events[0].Channels = "V2" }, "channel field"},
		{"bad reel", func(l *List) { l.Events[0].Source.Reel = "toolongname" }, "reel name"},
		{"lower reel", func(l *List) { l.Events[0].Source.Reel = "a" }, "reel name"},
		{"reel two files", func(l *List) { l.Events[1].Source.Reel = "A" }, "names two files"},
		{"transition first", func(l *List) {
			l.Events[0].Type, l.Events[0].Frames = Dissolve, 10
		}, "cannot open the track"},
		{"transition bad from", func(l *List) {
			e := &l.Events[1]
			e.Type, e.Frames = Dissolve, 10
			e.From = &Source{Reel: "A", In: 100, Out: 100, Rate: edit.Rate24}
		}, "outgoing line must be reel A at its source out"},
		{"transition ok", func(l *List) {
			e := &l.Events[1]
			e.Type, e.Frames = Dissolve, 10
			e.From = &Source{Reel: "A", In: 148, Out: 148, Rate: edit.Rate24}
		}, ""},
		{"wipe code", func(l *List) {
			e := &l.Events[1]
			e.Type, e.Frames = Wipe, 10
			e.From = &Source{Reel: "A", In: 148, Out: 148, Rate: edit.Rate24}
		}, "wipe code 0"},
		{"transition longer than event", func(l *List) {
			e := &l.Events[1]
			e.Type, e.Frames = Dissolve, 25
			e.From = &Source{Reel: "A", In: 148, Out: 148, Rate: edit.Rate24}
		}, "longer than the event"},
		{"cut with duration", func(l *List) { l.Events[0].Frames = 3 }, "a cut has no transition"},
		{"m2 entry", func(l *List) {
			l.Events[0].Source.Speed = &Motion{Reel: "A", FPS: edit.Ratio{Num: 24, Den: 1}, Entry: 5}
		}, "M2 entry"},
		{"m2 reel", func(l *List) {
			l.Events[0].Source.Speed = &Motion{Reel: "B", FPS: edit.Ratio{Num: 24, Den: 1}, Entry: 100}
		}, "M2 names reel B"},
		{"m2 duration", func(l *List) {
			l.Events[0].Source.Speed = &Motion{Reel: "A", FPS: edit.Ratio{Num: 48, Den: 1}, Entry: 100}
		}, "at M2 speed 048.0 (want 96)"},
		{"m2 inexact", func(l *List) {
			l.Events[0].Source.Speed = &Motion{Reel: "A", FPS: edit.Ratio{Num: 1, Den: 3}, Entry: 100}
		}, "###.#"},
		{"drop at 24", func(l *List) { l.DropFrame = true }, "not defined"},
		{"title newline", func(l *List) { l.Title = "a\nb" }, "title"},
		{"locator", func(l *List) { l.Events[0].Locators = []Locator{{Record: 5, Color: "RED ME", Text: "x"}} }, "invalid locator"},
		{"past day", func(l *List) { l.Events[1].RecordOut = 24 * 86400; l.Events[1].Source.Out = 200 + 24*86400 - 86448 }, "passes 24:00:00:00"},
		{"media range", func(l *List) {
			l.Events[0].Source.Media = &edit.MediaReference{Path: "/m/A.mov", Rate: edit.Rate24, Start: 110, Duration: 1000}
		}, "outside the media"},
	}
	for _, tt := range tests {
		l := base()
		tt.mutate(l)
		err := l.Validate()
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: unexpected %v", tt.name, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.want)
		}
		if tt.want != "" {
			if _, err := l.Bytes(); err == nil {
				t.Errorf("%s: Bytes wrote an invalid list", tt.name)
			}
		}
	}
}

func TestReelNames(t *testing.T) {
	tests := []struct {
		path, reel, want string
	}{
		{"/r/A001C003_220101_R1AB.mov", "", "A001C003"},
		{"/r/take 2.mov", "", "TAKE_2"},
		{"/r/Été côté.mov", "", "ETE_COTE"},
		{"/r/日本語.mov", "", "CLIP"},
		{"/r/x.mov", "Tape 7", "TAPE_7"},
		{"/r/x.mov", "  a-b__c ", "A_B_C"},
		{"/r/.hidden", "", "HIDDEN"},
		{"/r/straße.mp4", "", "STRASSE"},
		{"/r/abcdefg_hij.mov", "", "ABCDEFG"},
	}
	for _, tt := range tests {
		if got := ReelName(&edit.MediaReference{Path: tt.path, Reel: tt.reel}); got != tt.want {
			t.Errorf("ReelName(%q, %q) = %q, want %q", tt.path, tt.reel, got, tt.want)
		}
	}
	ms := []*edit.MediaReference{
		{Path: "/a/A001C003.mov"}, {Path: "/b/A001C003.mov"}, {Path: "/a/A001C003.mov"},
		{Path: "/c/A001C0_2.mov"}, {Path: "/d/BL.mov"}, {Path: "/e/A001C003 x.mov"},
	}
	got := assignReels(ms)
	want := map[string]string{
		"/a/A001C003.mov": "A001C003", "/b/A001C003.mov": "A001C0_3", "/c/A001C0_2.mov": "A001C0_2",
		"/d/BL.mov": "BL_2", "/e/A001C003 x.mov": "A001C0_4",
	}
	for p, w := range want {
		if got[p] != w {
			t.Errorf("reel of %s = %q, want %q (all: %v)", p, got[p], w, got)
		}
	}
}
