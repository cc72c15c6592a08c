package edl

import (
	"bytes"
	"fmt"
	"math/rand"
	"testing"

	"rushcut/app/edit"
	"rushcut/media/timecode"
)

type rateMode struct {
	r    edit.Rate
	drop bool
}

var modes = []rateMode{
	{edit.Rate23976, false}, {edit.Rate24, false}, {edit.Rate25, false},
	{edit.Rate2997, true}, {edit.Rate2997, false}, {edit.Rate30, false},
	{edit.Rate50, false}, {edit.Rate5994, true}, {edit.Rate5994, false}, {edit.Rate60, false},
}

var names = []string{"A001C003", "take 2", "Été côté", "日本語 クリップ", "shot#5 (alt)", "BL", "a", "A001C003_x", "x/y"}

// randomTimeline builds a valid timeline that CMX3600 can express: one
// video track with clips, gaps, dissolves and wipes (with handles), speed
// changes exact to 0.1 fps, markers, media at the timeline rate or mixed
// rates, with or without timecode, and optional mirrored audio tracks.
func randomTimeline(rng *rand.Rand) *edit.Timeline {
	mode := modes[rng.Intn(len(modes))]
	tl := &edit.Timeline{Name: fmt.Sprintf("Random %d", rng.Intn(1000)), Rate: mode.r, DropFrame: mode.drop}
	day := timecode.FramesPerDay(mode.r.Num, mode.r.Den, mode.drop)
	tl.Start = rng.Int63n(day / 2)

	var pool []*edit.MediaReference
	for i := 0; i < 1+rng.Intn(6); i++ {
		mm := mode
		if rng.Intn(4) == 0 {
			mm = modes[rng.Intn(len(modes))]
		}
		m := &edit.MediaReference{
			Path: fmt.Sprintf("/rushes/day %d/%s %d.mov", rng.Intn(3), names[rng.Intn(len(names))], i),
			Rate: mm.r, Duration: 20000 + rng.Int63n(20000), HasAudio: rng.Intn(3) > 0,
		}
		if rng.Intn(5) > 0 {
			m.HasTimecode, m.DropFrame = true, mm.drop
			mday := timecode.FramesPerDay(mm.r.Num, mm.r.Den, mm.drop)
			m.Start = rng.Int63n(mday - 2*m.Duration)
		}
		if rng.Intn(4) == 0 {
			m.Reel = names[rng.Intn(len(names))]
		}
		pool = append(pool, m)
	}
	speeds := []edit.Ratio{{Num: 2, Den: 1}, {Num: 1, Den: 2}, {Num: 3, Den: 2}, {Num: 1, Den: 4}, {Num: 5, Den: 4}, {Num: 3, Den: 1}}

	// Plan clips and transitions (record side), then pick source ins.
	type plan struct {
		c       *edit.Clip
		inPrev  int64 // InOffset of the transition before
		outNext int64 // OutOffset of the transition after
	}
	var items []edit.Item
	var plans []*plan
	n := 1 + rng.Intn(40)
	for i := 0; i < n; i++ {
		c := &edit.Clip{Media: pool[rng.Intn(len(pool))], Duration: 12 + rng.Int63n(300)}
		if rng.Intn(5) == 0 && c.Duration > 20 {
			s := speeds[rng.Intn(len(speeds))]
			fps := s.Mul(edit.Ratio{Num: c.Media.Rate.Base(), Den: 1})
			if (fps.Num*10)%fps.Den == 0 && edit.SourceFrames(c.Duration, s, c.Media.Rate, mode.r) > 0 {
				c.Effects = append(c.Effects, edit.Effect{Kind: edit.EffectSpeed, Speed: s})
			}
		}
		if rng.Intn(6) == 0 {
			c.Markers = append(c.Markers, edit.Marker{Name: "note " + names[rng.Intn(len(names))], Color: edit.Blue, Start: rng.Int63n(c.Duration)})
		}
		if rng.Intn(8) == 0 {
			c.Effects = append(c.Effects, edit.Effect{Kind: "stabilize", Params: map[string]string{"strength": "0.5"}})
		}
		p := &plan{c: c}
		if len(plans) > 0 && rng.Intn(4) == 0 {
			if _, isClip := items[len(items)-1].(*edit.Clip); isClip {
				prev := plans[len(plans)-1]
				// The outgoing clip must keep a frame of its own past the
				// tail of its own incoming transition: Duration ≥ in + out + 12
				// (so that every event plays at least one source frame).
				room := prev.c.Duration - 12 - prevOutOffset(items)
				// One FCM line per event: both sides of a transition must
				// write their source timecode in the same mode.
				if room >= 0 && c.Duration >= 2 && writtenMode(prev.c.Media, mode.r) == writtenMode(c.Media, mode.r) {
					tr := &edit.Transition{Kind: edit.Dissolve}
					if rng.Intn(3) == 0 {
						tr.Kind, tr.WipeCode = edit.Wipe, 1+rng.Intn(999)
					}
					tr.InOffset = rng.Int63n(room + 1)
					tr.OutOffset = rng.Int63n(c.Duration - 11)
					if tr.Duration() == 0 {
						tr.OutOffset = 1
					}
					if tr.Duration() <= 999 {
						items = append(items, tr)
						prev.outNext = tr.OutOffset
						p.inPrev = tr.InOffset
					}
				}
			}
		}
		items = append(items, c)
		plans = append(plans, p)
		if rng.Intn(6) == 0 && i < n-1 {
			items = append(items, &edit.Gap{Duration: 1 + rng.Int63n(100)})
		}
	}
	for _, p := range plans {
		m := p.c.Media
		head := edit.SourceFrames(p.inPrev, p.c.Speed(), m.Rate, tl.Rate) + 2
		need := edit.SourceFrames(p.c.Duration+p.outNext, p.c.Speed(), m.Rate, tl.Rate) + 2
		p.c.SourceIn = m.Start + head + rng.Int63n(m.Duration-head-need)
	}
	tl.Tracks = []*edit.Track{{Name: "V1", Kind: edit.Video, Items: items}}
	for a := 0; a < rng.Intn(3); a++ {
		at := &edit.Track{Name: fmt.Sprintf("A%d", a+1), Kind: edit.Audio}
		for _, it := range items {
			switch v := it.(type) {
			case *edit.Clip:
				if v.Media.HasAudio {
					cc := *v
					at.Items = append(at.Items, &cc)
				} else {
					at.Items = append(at.Items, &edit.Gap{Duration: v.Duration})
				}
			case *edit.Gap:
				at.Items = append(at.Items, &edit.Gap{Duration: v.Duration})
			}
		}
		tl.Tracks = append(tl.Tracks, at)
	}
	return tl
}

func TestRoundTripRandom(t *testing.T) {
	rng := rand.New(rand.NewSource(3600))
	n := 3000
	if testing.Short() {
		n = 300
	}
	for i := 0; i < n; i++ {
		tl := randomTimeline(rng)
		l, err := Build(tl)
		if err != nil {
			t.Fatalf("timeline %d: Build: %v", i, err)
		}
		text, err := l.Bytes()
		if err != nil {
			t.Fatalf("timeline %d: Bytes: %v", i, err)
		}
		back, err := Read(bytes.NewReader(text), tl.Rate)
		if err != nil {
			t.Fatalf("timeline %d: Read: %v\n%s", i, err, text)
		}
		if err := back.Validate(); err != nil {
			t.Fatalf("timeline %d: Validate after Read: %v\n%s", i, err, text)
		}
		if d := diffLists(l, back); d != "" {
			t.Fatalf("timeline %d: round trip differs: %s\n%s", i, d, text)
		}
		again, err := back.Bytes()
		if err != nil || !bytes.Equal(again, text) {
			t.Fatalf("timeline %d: rewrite differs (%v)", i, err)
		}
		checkCoverage(t, i, tl, l)
	}
}

// checkCoverage checks, independently of Build, that the events tile the
// video track: one event per clip, record time covering every clip frame
// and skipping exactly the gaps.
func checkCoverage(t *testing.T, i int, tl *edit.Timeline, l *List) {
	t.Helper()
	v := tl.TracksOf(edit.Video)[0]
	if got, want := len(l.Events), len(v.Clips()); got != want {
		t.Fatalf("timeline %d: %d events for %d clips", i, got, want)
	}
	var gaps, lead int64
	for j, it := range v.Items {
		if g, ok := it.(*edit.Gap); ok {
			gaps += g.Duration
			if j == 0 {
				lead = g.Duration
			}
		}
	}
	var rec int64
	for _, e := range l.Events {
		rec += e.RecordOut - e.RecordIn
	}
	if rec+gaps != v.Duration() {
		t.Fatalf("timeline %d: events cover %d frames + gaps %d, track is %d", i, rec, gaps, v.Duration())
	}
	if l.Events[0].RecordIn != tl.Start+lead || l.Events[len(l.Events)-1].RecordOut != tl.Start+v.Duration() {
		t.Fatalf("timeline %d: record range %d–%d, want %d–%d", i, l.Events[0].RecordIn, l.Events[len(l.Events)-1].RecordOut, tl.Start+lead, tl.Start+v.Duration())
	}
}

// writtenMode is how the writer counts m's source timecode in a timeline at
// rate tl: 0 when the rate cannot drop, else 1 for non-drop, 2 for drop.
func writtenMode(m *edit.MediaReference, tl edit.Rate) int {
	switch {
	case !m.Rate.CanDrop():
		return 0
	case m.DropFrame && (tl.CanDrop() || !edit.FrameForFrame(m.Rate, tl)):
		return 2
	}
	return 1
}

// prevOutOffset returns the OutOffset of the transition before the last
// item of items, or 0.
func prevOutOffset(items []edit.Item) int64 {
	if len(items) >= 2 {
		if tr, ok := items[len(items)-2].(*edit.Transition); ok {
			return tr.OutOffset
		}
	}
	return 0
}
