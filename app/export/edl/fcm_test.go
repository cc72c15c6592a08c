package edl

import (
	"bytes"
	"strings"
	"testing"

	"rushcut/app/edit"
)

// fcmReading is an event as a reader that follows the FCM lines and
// ignores the separators (as Avid's EDL Manager does) reads it: source
// timecodes in the mode of the last FCM line, record timecodes and
// locators in the header's.
type fcmReading struct {
	srcIn, srcOut, recIn, recOut int64
	locs                         []int64
}

// readByFCM reads EDL text that way at record rate rec, with every source
// at rate src. It fails the test when a timecode's separator disagrees
// with the governing FCM line (';' under NON-DROP, ':' under DROP at a
// rate that can drop), so readers that follow the separators agree too.
func readByFCM(t *testing.T, text string, rec, src edit.Rate) []fcmReading {
	t.Helper()
	var header, cur, seen bool
	var out []fcmReading
	parse := func(r edit.Rate, s string, drop bool) int64 {
		if strings.Contains(s, ";") && !drop {
			t.Errorf("%q is written with ';' under FCM: NON-DROP FRAME", s)
		}
		if !strings.Contains(s, ";") && drop && r.CanDrop() {
			t.Errorf("%q is drop-frame without ';' (a reader that follows the separators, as OTIO does, reads it as non-drop)", s)
		}
		f, err := r.ParseTimecode(strings.ReplaceAll(s, ";", ":"), drop && r.CanDrop())
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		return f
	}
	for _, ln := range strings.Split(text, "\n") {
		f := strings.Fields(ln)
		switch {
		case strings.HasPrefix(ln, "FCM:"):
			cur = ln == "FCM: DROP FRAME"
			if !seen {
				header, seen = cur, true
			}
		case len(f) == 8 && isEventLine(ln):
			out = append(out, fcmReading{srcIn: parse(src, f[4], cur), srcOut: parse(src, f[5], cur),
				recIn: parse(rec, f[6], header), recOut: parse(rec, f[7], header)})
		case strings.HasPrefix(ln, "* LOC:"):
			out[len(out)-1].locs = append(out[len(out)-1].locs, parse(rec, f[2], header))
		}
	}
	return out
}

// TestFrameCodeModes checks that an FCM-following reader reads the same
// frames as the timeline holds: drop-frame sources in a non-drop timeline
// (per-event FCM lines), drop-frame locators, and a 29.97 drop-frame
// source in a 30 fps timeline (written in the timeline's counting).
func TestFrameCodeModes(t *testing.T) {
	r2997 := edit.Rate2997
	a := mediaAt("/m/A.mov", r2997, "09:59:50;00", 900)
	b := mediaAt("/m/B.mov", r2997, "00:00:59;20", 900)
	n := mediaAt("/m/N.mov", r2997, "00:59:00:00", 900)
	mk := []edit.Marker{{Name: "here", Start: 5}}
	tests := []struct {
		name string
		tl   *edit.Timeline
	}{
		{"DF sources, NDF timeline", videoTimeline("x", r2997, false, "01:00:00:00",
			&edit.Clip{Media: a, SourceIn: a.Start, Duration: 600},
			&edit.Clip{Media: n, SourceIn: n.Start, Duration: 60},
			&edit.Clip{Media: b, SourceIn: b.Start + 10, Duration: 60, Markers: mk})},
		{"DF timeline with a locator", videoTimeline("x", r2997, true, "00:59:58;00",
			&edit.Clip{Media: b, SourceIn: b.Start, Duration: 200, Markers: []edit.Marker{{Name: "m", Start: 125}}},
			&edit.Clip{Media: n, SourceIn: n.Start, Duration: 30})},
		{"29.97 DF source in 30", videoTimeline("x", edit.Rate30, false, "01:00:00:00",
			&edit.Clip{Media: a, SourceIn: a.Start, Duration: 600, Markers: mk})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(&buf, tt.tl); err != nil {
				t.Fatal(err)
			}
			text := buf.String()
			if !tt.tl.Rate.CanDrop() && strings.Contains(text, ";") {
				t.Errorf("';' in an EDL at %s fps, where no timecode can drop:\n%s", tt.tl.Rate, text)
			}
			got := readByFCM(t, text, tt.tl.Rate, r2997)
			clips := tt.tl.Tracks[0].Clips()
			if len(got) != len(clips) {
				t.Fatalf("%d events for %d clips:\n%s", len(got), len(clips), text)
			}
			pos := tt.tl.Start
			for i, c := range clips {
				g := got[i]
				if g.srcIn != c.SourceIn || g.srcOut != c.SourceIn+c.Duration || g.recIn != pos || g.recOut != pos+c.Duration {
					t.Errorf("event %d read as src %d–%d rec %d–%d; want src %d–%d rec %d–%d\n%s", i+1,
						g.srcIn, g.srcOut, g.recIn, g.recOut, c.SourceIn, c.SourceIn+c.Duration, pos, pos+c.Duration, text)
				}
				for j, m := range c.Markers {
					if j >= len(g.locs) || g.locs[j] != pos+m.Start {
						t.Errorf("event %d locator read as %v, want %d\n%s", i+1, g.locs, pos+m.Start, text)
					}
				}
				pos += c.Duration
			}
			back, err := Read(strings.NewReader(text), tt.tl.Rate)
			if err != nil {
				t.Fatal(err)
			}
			for i, e := range back.Events {
				if e.Source.In != clips[i].SourceIn {
					t.Errorf("Read: event %d source in %d, want %d", i+1, e.Source.In, clips[i].SourceIn)
				}
			}
		})
	}
}

// TestRefusesMixedModeTransition: one FCM line per event cannot state a
// transition between a drop-frame and a non-drop-frame source.
func TestRefusesMixedModeTransition(t *testing.T) {
	a := mediaAt("/m/A.mov", edit.Rate2997, "01:00:00;00", 900)
	n := mediaAt("/m/N.mov", edit.Rate2997, "02:00:00:00", 900)
	tl := videoTimeline("x", edit.Rate2997, true, "01:00:00;00",
		&edit.Clip{Media: a, SourceIn: a.Start, Duration: 100},
		&edit.Transition{Kind: edit.Dissolve, OutOffset: 10},
		&edit.Clip{Media: n, SourceIn: n.Start, Duration: 100})
	var buf bytes.Buffer
	err := Write(&buf, tl)
	if err == nil || !strings.Contains(err.Error(), "mixes drop-frame and non-drop-frame") || buf.Len() != 0 {
		t.Fatalf("Write = %v (%d bytes), want a refusal naming the mixed modes", err, buf.Len())
	}
}
