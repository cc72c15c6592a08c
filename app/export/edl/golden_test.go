package edl

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"rushcut/app/edit"
)

// goldenTimelines builds the timelines whose EDLs were written by hand from
// the CMX3600 rules in testdata/*.edl.
func goldenTimelines() map[string]*edit.Timeline {
	r24, r23, r25, r2997 := edit.Rate24, edit.Rate23976, edit.Rate25, edit.Rate2997
	out := map[string]*edit.Timeline{}

	// Cuts, audio on two tracks under the video, a source without
	// timecode, non-ASCII names, a reel clash and a marker.
	a := mediaAt("/rushes/day1/A001C003_take 2.mov", r24, "14:02:10:05", 500)
	b := mediaAt("/rushes/day1/Été côté.mov", r24, "", 300)
	b.HasAudio = false
	c := mediaAt("/rushes/day1/A001C003.mov", r24, "10:00:00:00", 100)
	ca := &edit.Clip{Media: a, SourceIn: tc(r24, "14:02:12:00"), Duration: 48}
	cb := &edit.Clip{Media: b, SourceIn: 10, Duration: 30}
	cc := &edit.Clip{Media: c, SourceIn: c.Start, Duration: 24,
		Markers: []edit.Marker{{Name: "cut here", Comment: "motion peak 0.82", Color: edit.Green, Start: 12}}}
	audio := func(name string) *edit.Track {
		return &edit.Track{Name: name, Kind: edit.Audio, Items: []edit.Item{
			&edit.Clip{Media: a, SourceIn: ca.SourceIn, Duration: 48}, &edit.Gap{Duration: 30},
			&edit.Clip{Media: c, SourceIn: c.Start, Duration: 24},
		}}
	}
	tl := videoTimeline("Cuts 24", r24, false, "01:00:00:00", ca, cb, cc)
	tl.Tracks = append(tl.Tracks, audio("A1"), audio("A2"))
	out["cuts_24"] = tl

	// A dissolve starting at the cut, and a wipe centred on the cut from
	// a 24 fps source in a 23.976 timeline (frame for frame).
	x := mediaAt("/media/X.mov", r23, "05:00:00:00", 1000)
	y := mediaAt("/media/Y.mov", r23, "06:00:00:00", 1000)
	z := mediaAt("/media/Z.mov", r24, "07:00:00:00", 1000)
	out["dissolve_23976"] = videoTimeline("Dissolves", r23, false, "01:00:00:00",
		&edit.Clip{Media: x, SourceIn: x.Start + 24, Duration: 72},
		&edit.Transition{Kind: edit.Dissolve, OutOffset: 30},
		&edit.Clip{Media: y, SourceIn: y.Start + 48, Duration: 96},
		&edit.Transition{Kind: edit.Wipe, WipeCode: 1, InOffset: 6, OutOffset: 6},
		&edit.Clip{Media: z, SourceIn: z.Start + 12, Duration: 48},
	)

	// Speed changes (M2) from a tape-tagged source.
	p := mediaAt("/m/P.mxf", r25, "20:00:00:00", 4000)
	p.Reel = "Tape 7"
	out["m2_25"] = videoTimeline("Speed 25", r25, false, "10:00:00:00",
		&edit.Clip{Media: p, SourceIn: p.Start, Duration: 50, Effects: []edit.Effect{edit.SpeedEffect(2, 1)}},
		&edit.Clip{Media: p, SourceIn: tc(r25, "20:00:10:00"), Duration: 50, Effects: []edit.Effect{edit.SpeedEffect(1, 2)}},
		&edit.Clip{Media: p, SourceIn: tc(r25, "20:01:00:00"), Duration: 25},
		&edit.Clip{Media: p, SourceIn: tc(r25, "20:02:00:00"), Duration: 25, Effects: []edit.Effect{edit.SpeedEffect(3, 2)}},
	)

	// Drop-frame record and source across the 10-minute and 1-minute
	// boundaries, an M2 on a drop-frame source, a non-drop source.
	d := mediaAt("/m/D.mov", r2997, "01:00:59;20", 600)
	n := mediaAt("/m/N.mov", r2997, "00:59:00:00", 4000)
	out["df_2997"] = videoTimeline("DF", r2997, true, "00:09:59;00",
		&edit.Clip{Media: d, SourceIn: d.Start, Duration: 60},
		&edit.Clip{Media: d, SourceIn: d.Start + 60, Duration: 30, Effects: []edit.Effect{edit.SpeedEffect(2, 1)}},
		&edit.Clip{Media: n, SourceIn: tc(r2997, "01:00:00:00"), Duration: 30},
	)
	out["ndf_2997"] = videoTimeline("NDF", r2997, false, "01:00:00:00",
		&edit.Clip{Media: n, SourceIn: tc(r2997, "00:59:30:00"), Duration: 1800},
	)

	// Mixed rates: real-time conform for 25 and 50, frame for frame for
	// 23.976, a VFR phone clip without timecode at its nominal 29.97.
	s25 := mediaAt("/m/S25.mov", r25, "10:00:00:00", 1000)
	s23 := mediaAt("/m/S23.mov", r23, "11:00:00:00", 1000)
	s50 := mediaAt("/m/S50.mov", edit.Rate50, "12:00:00:00", 1000)
	ph := mediaAt("/m/phone.mp4", r2997, "", 1000)
	ph.VFR = true
	out["mixed_24"] = videoTimeline("Mixed rates", r24, false, "01:00:00:00",
		&edit.Clip{Media: s25, SourceIn: s25.Start, Duration: 96},
		&edit.Clip{Media: s23, SourceIn: s23.Start, Duration: 48},
		&edit.Clip{Media: s50, SourceIn: s50.Start, Duration: 24},
		&edit.Clip{Media: ph, SourceIn: 0, Duration: 24},
	)
	return out
}

func TestGolden(t *testing.T) {
	for name, tl := range goldenTimelines() {
		t.Run(name, func(t *testing.T) {
			want, err := os.ReadFile(filepath.Join("testdata", name+".edl"))
			if err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			if err := Write(&got, tl); err != nil {
				t.Fatalf("Write: %v", err)
			}
			if got.String() != string(want) {
				t.Errorf("EDL differs from testdata/%s.edl\n--- got\n%s\n--- want\n%s", name, got.String(), want)
				gl, wl := strings.Split(got.String(), "\n"), strings.Split(string(want), "\n")
				for i := 0; i < len(gl) && i < len(wl); i++ {
					if gl[i] != wl[i] {
						t.Errorf("first difference at line %d:\n got %q\nwant %q", i+1, gl[i], wl[i])
						break
					}
				}
			}
			// The hand-written file reads back to the list the writer built.
			built, err := Build(tl)
			if err != nil {
				t.Fatal(err)
			}
			read, err := Read(bytes.NewReader(want), tl.Rate)
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			if err := read.Validate(); err != nil {
				t.Errorf("Validate after Read: %v", err)
			}
			if d := diffLists(built, read); d != "" {
				t.Errorf("read back differs: %s", d)
			}
		})
	}
}

// diffLists compares two lists, ignoring the Media pointers that only a
// built list has. It returns "" when equal.
func diffLists(a, b *List) string {
	strip := func(l *List) *List {
		c := *l
		c.Events = append([]Event(nil), l.Events...)
		for i := range c.Events {
			e := &c.Events[i]
			e.Source.Media = nil
			if e.From != nil {
				f := *e.From
				f.Media = nil
				e.From = &f
			}
		}
		return &c
	}
	sa, sb := strip(a), strip(b)
	if sa.Title != sb.Title || sa.Rate != sb.Rate || sa.DropFrame != sb.DropFrame || len(sa.Events) != len(sb.Events) {
		return "header or event count differs"
	}
	for i := range sa.Events {
		if !reflect.DeepEqual(sa.Events[i], sb.Events[i]) {
			return "event " + sa.Events[i].Channels + ": " + dumpEvent(sa.Events[i]) + " != " + dumpEvent(sb.Events[i])
		}
	}
	return ""
}
