package edit

import (
	"math"
	"strings"
	"testing"
)

func media(name string, rate Rate, start, dur int64) *MediaReference {
	return &MediaReference{Path: "/rushes/" + name, Rate: rate, Start: start, HasTimecode: true, Duration: dur}
}

func TestClipFromSource(t *testing.T) {
	m := media("A001.mov", Rate30, 108000, 102)
	c := ClipFromSource(m, m.AvailableRange(), Rate24)
	if c.Duration != 81 {
		t.Errorf("Duration = %d, want 81", c.Duration)
	}
	if got := c.SourceRange(Rate24); got.Start != 108000 || got.Duration != 101 || got.Rate != Rate30 {
		t.Errorf("SourceRange = %+v", got)
	}
	if c.DisplayName() != "A001" {
		t.Errorf("DisplayName = %q", c.DisplayName())
	}
	c.Effects = []Effect{SpeedEffect(2, 1), SpeedEffect(1, 4), {Kind: "blur"}}
	if c.Speed() != (Ratio{1, 2}) {
		t.Errorf("Speed = %v", c.Speed())
	}
}

func TestTrackPositions(t *testing.T) {
	m := media("a.mov", Rate24, 0, 1000)
	tr := &Track{Name: "V1", Kind: Video, Items: []Item{
		&Clip{Media: m, Duration: 10}, &Transition{Kind: Dissolve, OutOffset: 4},
		&Clip{Media: m, SourceIn: 20, Duration: 20}, &Gap{Duration: 5}, &Clip{Media: m, Duration: 1},
	}}
	want := []int64{0, 10, 10, 30, 35}
	for i, w := range want {
		if got := tr.Position(i); got != w {
			t.Errorf("Position(%d) = %d, want %d", i, got, w)
		}
	}
	if tr.Duration() != 36 || len(tr.Clips()) != 3 {
		t.Errorf("Duration %d clips %d", tr.Duration(), len(tr.Clips()))
	}
	tl := &Timeline{Rate: Rate24, Tracks: []*Track{tr, {Name: "A1", Kind: Audio}}}
	if tl.Duration() != 36 || len(tl.Media()) != 1 || len(tl.TracksOf(Audio)) != 1 {
		t.Error("timeline accessors wrong")
	}
}

func TestClone(t *testing.T) {
	m := media("a.mov", Rate24, 0, 1000)
	tl := &Timeline{Rate: Rate24, Tracks: []*Track{{Kind: Video, Items: []Item{
		&Clip{Media: m, Duration: 10, Effects: []Effect{{Kind: "x", Params: map[string]string{"k": "v"}}}, Markers: []Marker{{Name: "m"}}},
		&Gap{Duration: 3},
	}}}}
	c := tl.Clone()
	cc := c.Tracks[0].Items[0].(*Clip)
	cc.Duration = 99
	cc.Effects[0].Params["k"] = "changed"
	cc.Markers[0].Name = "changed"
	c.Tracks[0].Items[1].(*Gap).Duration = 7
	orig := tl.Tracks[0].Items[0].(*Clip)
	if orig.Duration != 10 || orig.Effects[0].Params["k"] != "v" || orig.Markers[0].Name != "m" || tl.Tracks[0].Items[1].(*Gap).Duration != 3 {
		t.Error("Clone shares state with the original")
	}
	if cc.Media != m {
		t.Error("Clone should share media references")
	}
}

func TestValidate(t *testing.T) {
	m := media("a.mov", Rate24, 86400, 100) // 01:00:00:00, 100 frames
	clip := func(in, dur int64) *Clip { return &Clip{Media: m, SourceIn: in, Duration: dur} }
	tests := []struct {
		name string
		tl   *Timeline
		want string // substring of the error; "" means valid
	}{
		{"ok", &Timeline{Rate: Rate24, Start: 86400, Tracks: []*Track{{Name: "V1", Kind: Video, Items: []Item{clip(86400, 100)}}}}, ""},
		{"bad rate", &Timeline{Rate: Rate{}}, "rate"},
		{"drop at 24", &Timeline{Rate: Rate24, DropFrame: true}, "drop-frame"},
		{"start past a day", &Timeline{Rate: Rate24, Start: 24 * 86400}, "start"},
		{"bad kind", &Timeline{Rate: Rate24, Tracks: []*Track{{Name: "X", Kind: "Data"}}}, "unknown kind"},
		{"source past end", &Timeline{Rate: Rate24, Tracks: []*Track{{Name: "V1", Kind: Video, Items: []Item{clip(86401, 100)}}}}, "past the media's end 01:00:04:04"},
		{"source before start", &Timeline{Rate: Rate24, Tracks: []*Track{{Name: "V1", Kind: Video, Items: []Item{clip(86399, 10)}}}}, "before the media's first frame"},
		{"zero clip", &Timeline{Rate: Rate24, Tracks: []*Track{{Name: "V1", Kind: Video, Items: []Item{clip(86400, 0)}}}}, "not positive"},
		{"no media", &Timeline{Rate: Rate24, Tracks: []*Track{{Name: "V1", Kind: Video, Items: []Item{&Clip{Duration: 3}}}}}, "no media"},
		{"bad media", &Timeline{Rate: Rate24, Tracks: []*Track{{Name: "V1", Kind: Video, Items: []Item{&Clip{Media: &MediaReference{Path: "x"}, Duration: 3}}}}}, "invalid rate"},
		{"speed too fast", &Timeline{Rate: Rate24, Tracks: []*Track{{Name: "V1", Kind: Video, Items: []Item{&Clip{Media: m, SourceIn: 86400, Duration: 60, Effects: []Effect{SpeedEffect(2, 1)}}}}}}, "past the media's end"},
		{"speed zero", &Timeline{Rate: Rate24, Tracks: []*Track{{Name: "V1", Kind: Video, Items: []Item{&Clip{Media: m, SourceIn: 86400, Duration: 6, Effects: []Effect{SpeedEffect(0, 1)}}}}}}, "not positive"},
		{"no media frame", &Timeline{Rate: Rate50, Tracks: []*Track{{Name: "V1", Kind: Video, Items: []Item{&Clip{Media: media("b.mov", Rate25, 0, 100), Duration: 1, Effects: []Effect{SpeedEffect(1, 4)}}}}}}, "no whole media frame"},
		{"marker outside", &Timeline{Rate: Rate24, Tracks: []*Track{{Name: "V1", Kind: Video, Items: []Item{&Clip{Media: m, SourceIn: 86400, Duration: 6, Markers: []Marker{{Name: "late", Start: 6}}}}}}}, "outside the clip"},
		{"zero gap", &Timeline{Rate: Rate24, Tracks: []*Track{{Name: "V1", Kind: Video, Items: []Item{&Gap{}}}}}, "gap"},
		{"nil item", &Timeline{Rate: Rate24, Tracks: []*Track{{Name: "V1", Kind: Video, Items: []Item{nil}}}}, "nil item"},
		{"transition first", &Timeline{Rate: Rate24, Tracks: []*Track{{Name: "V1", Kind: Video, Items: []Item{&Transition{Kind: Dissolve, OutOffset: 2}, clip(86400, 10)}}}}, "between two clips"},
		{"transition next to gap", &Timeline{Rate: Rate24, Tracks: []*Track{{Name: "V1", Kind: Video, Items: []Item{clip(86400, 10), &Transition{Kind: Dissolve, OutOffset: 2}, &Gap{Duration: 3}}}}}, "between two clips"},
		{"transition ok", &Timeline{Rate: Rate24, Tracks: []*Track{{Name: "V1", Kind: Video, Items: []Item{clip(86400, 10), &Transition{Kind: Dissolve, InOffset: 2, OutOffset: 2}, clip(86450, 10)}}}}, ""},
		{"no tail handle", &Timeline{Rate: Rate24, Tracks: []*Track{{Name: "V1", Kind: Video, Items: []Item{clip(86490, 10), &Transition{Kind: Dissolve, OutOffset: 2}, clip(86400, 10)}}}}, "with transition handle) is past"},
		{"no head handle", &Timeline{Rate: Rate24, Tracks: []*Track{{Name: "V1", Kind: Video, Items: []Item{clip(86450, 10), &Transition{Kind: Dissolve, InOffset: 2}, clip(86401, 10)}}}}, "with transition handle) is before"},
		{"transition too long", &Timeline{Rate: Rate24, Tracks: []*Track{{Name: "V1", Kind: Video, Items: []Item{clip(86400, 10), &Transition{Kind: Dissolve, OutOffset: 11}, clip(86420, 10)}}}}, "incoming clip"},
		{"zero transition", &Timeline{Rate: Rate24, Tracks: []*Track{{Name: "V1", Kind: Video, Items: []Item{clip(86400, 10), &Transition{Kind: Dissolve}, clip(86420, 10)}}}}, "positive duration"},
		{"bad wipe", &Timeline{Rate: Rate24, Tracks: []*Track{{Name: "V1", Kind: Video, Items: []Item{clip(86400, 10), &Transition{Kind: Wipe, OutOffset: 1}, clip(86420, 10)}}}}, "wipe code"},
		{"fade in ok", &Timeline{Rate: Rate24, Tracks: []*Track{{Name: "V1", Kind: Video, Items: []Item{&Transition{Kind: FadeIn, OutOffset: 5}, clip(86400, 10), &Transition{Kind: FadeOut, InOffset: 5}}}}}, ""},
		{"fade after gap ok", &Timeline{Rate: Rate24, Tracks: []*Track{{Name: "V1", Kind: Video, Items: []Item{&Gap{Duration: 3}, &Transition{Kind: FadeIn, OutOffset: 5}, clip(86400, 10)}}}}, ""},
		{"fade in between clips", &Timeline{Rate: Rate24, Tracks: []*Track{{Name: "V1", Kind: Video, Items: []Item{clip(86400, 10), &Transition{Kind: FadeIn, OutOffset: 5}, clip(86420, 10)}}}}, "edge or a gap"},
		{"fade in with handle", &Timeline{Rate: Rate24, Tracks: []*Track{{Name: "V1", Kind: Video, Items: []Item{&Transition{Kind: FadeIn, InOffset: 2, OutOffset: 5}, clip(86400, 10)}}}}, "its clip's side only"},
		{"fade out too long", &Timeline{Rate: Rate24, Tracks: []*Track{{Name: "V1", Kind: Video, Items: []Item{clip(86400, 10), &Transition{Kind: FadeOut, InOffset: 11}}}}}, "only 10"},
		{"fade out no clip", &Timeline{Rate: Rate24, Tracks: []*Track{{Name: "V1", Kind: Video, Items: []Item{&Transition{Kind: FadeOut, InOffset: 1}}}}}, "touch a clip"},
		{"unknown transition", &Timeline{Rate: Rate24, Tracks: []*Track{{Name: "V1", Kind: Video, Items: []Item{clip(86400, 10), &Transition{Kind: "iris", OutOffset: 1}, clip(86420, 10)}}}}, "unknown transition"},
	}
	for _, tt := range tests {
		err := tt.tl.Validate()
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: unexpected error %v", tt.name, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%s: error %v, want it to mention %q", tt.name, err, tt.want)
		}
	}
}

func TestValidateManyErrors(t *testing.T) {
	tr := &Track{Name: "V1", Kind: Video}
	for i := 0; i < 25; i++ {
		tr.Items = append(tr.Items, &Gap{})
	}
	err := (&Timeline{Rate: Rate24, Tracks: []*Track{tr}}).Validate()
	if err == nil || !strings.Contains(err.Error(), "and 15 more problems") {
		t.Errorf("error = %v", err)
	}
}

func TestCloneCopiesCDL(t *testing.T) {
	c := IdentityCDL()
	m := &MediaReference{Path: "/a.mov", Rate: Rate24, Duration: 10}
	tl := &Timeline{Rate: Rate24, Tracks: []*Track{{Name: "V1", Kind: Video, Items: []Item{&Clip{Media: m, Duration: 5, Effects: []Effect{{Kind: EffectColor, CDL: &c}}}}}}}
	cl := tl.Clone()
	cl.Tracks[0].Items[0].(*Clip).Effects[0].CDL.Sat = 0.5
	if c.Sat != 1 {
		t.Error("the clone shares the original's CDL")
	}
}

// TestCDLValidate: the ASC ranges — finite numbers, slope and saturation
// not negative, power positive.
func TestCDLValidate(t *testing.T) {
	ok := IdentityCDL()
	if err := ok.Validate(); err != nil {
		t.Errorf("identity: %v", err)
	}
	for name, mod := range map[string]func(*CDL){
		"NaN offset":     func(c *CDL) { c.Offset[1] = math.NaN() },
		"infinite sat":   func(c *CDL) { c.Sat = math.Inf(1) },
		"negative slope": func(c *CDL) { c.Slope[2] = -0.1 },
		"zero power":     func(c *CDL) { c.Power[0] = 0 },
		"negative sat":   func(c *CDL) { c.Sat = -1 },
	} {
		c := IdentityCDL()
		mod(&c)
		if err := c.Validate(); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
