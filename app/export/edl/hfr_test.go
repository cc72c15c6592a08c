package edl

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"rushcut/app/edit"
)

var (
	r120   = edit.Rate{Num: 120, Den: 1}
	r11988 = edit.Rate{Num: 120000, Den: 1001}
	r240   = edit.Rate{Num: 240, Den: 1}
)

// tcField matches one timecode field of an event line: two frame digits.
var tcField = regexp.MustCompile(`^\d\d:\d\d:\d\d[:;]\d\d$`)

// checkTwoDigitFrames fails when an event or M2 line of text has a
// timecode field that is not HH:MM:SS:FF with two frame digits.
func checkTwoDigitFrames(t *testing.T, text []byte) {
	t.Helper()
	for _, ln := range strings.Split(string(text), "\n") {
		f := strings.Fields(ln)
		if len(f) == 0 || !(isEventLine(ln) || f[0] == "M2") {
			continue
		}
		for _, s := range f {
			if strings.Count(s, ":")+strings.Count(s, ";") >= 3 && !tcField.MatchString(s) {
				t.Errorf("timecode %q is not HH:MM:SS:FF in line %q", s, ln)
			}
		}
	}
}

// TestHighRateSourceRoundTrip: sources above 60 fps (120 in 24, 240 in
// 24, 119.88 DF in 23.976, 120 in 60) write their source timecode at
// their timecode base with two frame digits and a SOURCE RATE comment, and
// the repo's reader gives back the same source frames at the real rate.
func TestHighRateSourceRoundTrip(t *testing.T) {
	tests := []struct {
		name       string
		media, tl  edit.Rate
		start      string // media start timecode
		firstEvent string // the first event line's four timecodes
	}{
		// 48 record frames at 24 are 240 frames at 120: 2 s.
		{"120 in 24", r120, edit.Rate24, "10:00:00:00", "10:00:00:00 10:00:02:00 01:00:00:00 01:00:02:00"},
		{"240 in 24", r240, edit.Rate24, "10:00:00:00", "10:00:00:00 10:00:02:00 01:00:00:00 01:00:02:00"},
		{"119.88 DF in 23.976", r11988, edit.Rate23976, "10:00:00;00", "10:00:00;00 10:00:02;00 01:00:00:00 01:00:02:00"},
		// Real time, 2 frames per record frame: in the text the source
		// and record timecodes move together.
		{"120 in 60", r120, edit.Rate60, "10:00:00:00", "10:00:00:00 10:00:00:48 01:00:00:00 01:00:00:48"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := mediaAt("/r/HFR_A001.mov", tt.media, tt.start, 20*int64(tt.media.Nominal()))
			step := tt.media.TimecodeStep()
			clip := func(tcOff, dur int64, eff ...edit.Effect) *edit.Clip {
				return &edit.Clip{Media: m, SourceIn: m.Start + tcOff*step, Duration: dur, Effects: eff}
			}
			tl := videoTimeline("HFR", tt.tl, false, "01:00:00:00",
				clip(0, 48),
				clip(330, 24, edit.SpeedEffect(2, 1)),
				&edit.Transition{Kind: edit.Dissolve, InOffset: 6, OutOffset: 6},
				clip(600, 72),
			)
			l, err := Build(tl)
			if err != nil {
				t.Fatalf("Build: %v", err)
			}
			text, err := l.Bytes()
			if err != nil {
				t.Fatal(err)
			}
			checkTwoDigitFrames(t, text)
			if !strings.Contains(string(text), "* SOURCE RATE: "+tt.media.String()+"\n") {
				t.Errorf("no SOURCE RATE %s comment:\n%s", tt.media, text)
			}
			if !strings.Contains(string(text), tt.firstEvent) {
				t.Errorf("first event lacks %q:\n%s", tt.firstEvent, text)
			}
			// The source range is what the clips use, at the real rate.
			for i, c := range tl.Tracks[0].Clips() {
				s := l.Events[i].Source
				if i == 2 {
					// The dissolve moves the incoming event back 6 frames.
					if want := c.SourceIn - edit.SourceFrames(6, edit.One, m.Rate, tl.Rate); s.In != want {
						t.Errorf("event %d source in %d, want %d", i+1, s.In, want)
					}
					continue
				}
				rec := c.Duration
				if i == 1 {
					rec -= 6 // the event ends where the dissolve starts
				}
				want := c.SourceIn + edit.SourceFrames(rec, c.Speed(), m.Rate, tl.Rate)
				if s.In != c.SourceIn || s.Out != want {
					t.Errorf("event %d source %d–%d, want %d–%d", i+1, s.In, s.Out, c.SourceIn, want)
				}
			}
			back, err := Read(bytes.NewReader(text), tt.tl)
			if err != nil {
				t.Fatalf("Read: %v\n%s", err, text)
			}
			if err := back.Validate(); err != nil {
				t.Fatalf("Validate after Read: %v\n%s", err, text)
			}
			if d := diffLists(l, back); d != "" {
				t.Fatalf("round trip differs: %s\n%s", d, text)
			}
			// The M2 states the speed in the source's timecode frames per
			// second: 2 × 60 for 120 fps.
			if fps := back.Events[1].Source.Speed.FPS; fps.Float() != 2*float64(tt.media.Base()) {
				t.Errorf("M2 %v fps, want %d", fps, 2*tt.media.Base())
			}
		})
	}
}

// TestHighRateRefusesBetweenTimecodes: a source or record frame that has
// no timecode of its own (an odd frame at 120) is refused with a message
// that says why, and nothing is written.
func TestHighRateRefusesBetweenTimecodes(t *testing.T) {
	m := mediaAt("/r/HFR.mov", r120, "10:00:00:00", 2400)
	tests := []struct {
		name string
		tl   *edit.Timeline
	}{
		// Source in at an odd frame.
		{"source in", videoTimeline("x", edit.Rate24, false, "01:00:00:00", &edit.Clip{Media: m, SourceIn: m.Start + 1, Duration: 24})},
		// 25 record frames at 24 are 125 frames at 120: the out is odd.
		{"source out", videoTimeline("x", edit.Rate24, false, "01:00:00:00", &edit.Clip{Media: m, SourceIn: m.Start, Duration: 25})},
		// A 120 fps timeline counts record timecode at 60 too.
		{"record out", videoTimeline("x", r120, false, "01:00:00:00", &edit.Clip{Media: m, SourceIn: m.Start, Duration: 121})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			err := Write(&b, tt.tl)
			if err == nil || !strings.Contains(err.Error(), "120/1 fps counts at 60, one number every 2 frames, so CMX3600 cannot state that frame") {
				t.Fatalf("error %v, want a refusal that explains the timecode base", err)
			}
			if b.Len() != 0 {
				t.Errorf("wrote %d bytes despite the error", b.Len())
			}
		})
	}
	// An odd-length transition in a 120 fps timeline cannot be stated in
	// 60 fps timecode frames.
	tl := videoTimeline("x", r120, false, "01:00:00:00",
		&edit.Clip{Media: m, SourceIn: m.Start, Duration: 240},
		&edit.Transition{Kind: edit.Dissolve, InOffset: 3, OutOffset: 0},
		&edit.Clip{Media: m, SourceIn: m.Start + 600, Duration: 240})
	if err := Write(&bytes.Buffer{}, tl); err == nil || !strings.Contains(err.Error(), "not a whole number of timecode frames") {
		t.Errorf("odd transition at 120: error %v", err)
	}
}

// TestHighRateTimeline: a 120 fps timeline writes record timecode at 60
// (01:00:00:00 is record frame 432000) and its transition durations in
// timecode frames: 24 record frames are "012".
func TestHighRateTimeline(t *testing.T) {
	m := mediaAt("/r/HFR.mov", r120, "10:00:00:00", 2400)
	tl := videoTimeline("x", r120, false, "01:00:00:00",
		&edit.Clip{Media: m, SourceIn: m.Start, Duration: 240},
		&edit.Transition{Kind: edit.Dissolve, InOffset: 12, OutOffset: 12},
		&edit.Clip{Media: m, SourceIn: m.Start + 600, Duration: 240})
	if tl.Start != 432000 {
		t.Fatalf("start %d, want 432000", tl.Start)
	}
	var b bytes.Buffer
	if err := Write(&b, tl); err != nil {
		t.Fatal(err)
	}
	text := b.String()
	checkTwoDigitFrames(t, b.Bytes())
	for _, want := range []string{
		"001  HFR      V     C        10:00:00:00 10:00:01:54 01:00:00:00 01:00:01:54\n",
		"002  HFR      V     C        10:00:01:54 10:00:01:54 01:00:01:54 01:00:01:54\n",
		"002  HFR      V     D    012 10:00:04:54 10:00:07:00 01:00:01:54 01:00:04:00\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("missing %q in\n%s", want, text)
		}
	}
	if strings.Contains(text, "SOURCE RATE") {
		t.Errorf("a 120 fps source in a 120 fps list needs no SOURCE RATE:\n%s", text)
	}
	back, err := Read(strings.NewReader(text), r120)
	if err != nil {
		t.Fatal(err)
	}
	if err := back.Validate(); err != nil {
		t.Fatal(err)
	}
	if back.Events[1].Frames != 24 || back.Events[1].RecordIn != 432000+228 {
		t.Errorf("read back dissolve of %d frames at %d", back.Events[1].Frames, back.Events[1].RecordIn)
	}
}
