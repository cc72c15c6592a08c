package project

import (
	"context"
	"image"
	"testing"
	"time"

	"rushcut/app/edit"
	"rushcut/media/mediatest"
)

// TestPlay plays two clips of a real file at 25 fps: every record frame
// in order, each the source frame the clip says, in real time; a cancel
// stops it.
func TestPlay(t *testing.T) {
	p := mediatest.FFmpeg(t, "p.mov", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25:duration=4", "-c:v", "mpeg4", "-q:v", "3")
	m := &edit.MediaReference{Path: p, Rate: edit.Rate{Num: 25, Den: 1}, Duration: 100}
	tl := &edit.Timeline{Rate: m.Rate, Tracks: []*edit.Track{{Name: "V1", Kind: edit.Video, Items: []edit.Item{
		&edit.Clip{Media: m, SourceIn: 60, Duration: 10},
		&edit.Clip{Media: m, SourceIn: 5, Duration: 15},
	}}}}
	start := time.Now()
	var got []PlayedFrame
	for f := range Play(context.Background(), tl, 3, 160) {
		got = append(got, f)
	}
	took := time.Since(start)
	if len(got) < 20 || got[len(got)-1].Record != 24 {
		t.Fatalf("%d frames, last %d; want up to record frame 24", len(got), got[len(got)-1].Record)
	}
	for i := 1; i < len(got); i++ {
		if got[i].Record <= got[i-1].Record {
			t.Fatalf("frame %d after %d", got[i].Record, got[i-1].Record)
		}
	}
	if took < 700*time.Millisecond {
		t.Errorf("22 frames at 25 fps played in %v: not real time", took)
	}
	// Record frame 3 is source frame 63, record 10 is source frame 5.
	for _, c := range []struct{ rec, src int64 }{{3, 63}, {10, 5}} {
		for _, f := range got {
			if f.Record != c.rec {
				continue
			}
			want, err := Frame(p, int(c.src), 160)
			if err != nil {
				t.Fatal(err)
			}
			if !same(f.Image, want) {
				t.Errorf("record frame %d is not source frame %d", c.rec, c.src)
			}
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	ch := Play(ctx, tl, 0, 160)
	<-ch
	cancel()
	done := time.After(2 * time.Second)
	for {
		select {
		case _, ok := <-ch:
			if !ok {
				return
			}
		case <-done:
			t.Fatal("playback did not stop on cancel")
		}
	}
}

func same(a, b image.Image) bool {
	ra, ok1 := a.(*image.RGBA)
	rb, ok2 := b.(*image.RGBA)
	return ok1 && ok2 && ra.Rect == rb.Rect && string(ra.Pix) == string(rb.Pix)
}

// TestShuttleBackwards shuttles a real two-clip timeline backwards at
// twice the rate from the frames server: record frames only decrease,
// skipping rather than queueing, each picture is the source frame its
// clip says, and it stops at the timeline's start.
func TestShuttleBackwards(t *testing.T) {
	p := mediatest.FFmpeg(t, "p.mov", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25:duration=4", "-c:v", "mpeg4", "-q:v", "3")
	m := &edit.MediaReference{Path: p, Rate: edit.Rate{Num: 25, Den: 1}, Duration: 100}
	tl := &edit.Timeline{Rate: m.Rate, Tracks: []*edit.Track{{Name: "V1", Kind: edit.Video, Items: []edit.Item{
		&edit.Clip{Media: m, SourceIn: 60, Duration: 10},
		&edit.Clip{Media: m, SourceIn: 5, Duration: 15},
	}}}}
	s := NewFrames(2, 32<<20)
	defer s.Close()
	var got []PlayedFrame
	start := time.Now()
	for f := range Shuttle(context.Background(), tl, 20, -2, 160, s.Frame) {
		got = append(got, f)
	}
	if len(got) < 5 || got[0].Record != 20 || got[len(got)-1].Record > 1 {
		t.Fatalf("%d frames from %d to %d; want 20 down to 0 or 1", len(got), got[0].Record, got[len(got)-1].Record)
	}
	if took := time.Since(start); took < 300*time.Millisecond {
		t.Errorf("20 frames at -2× took %v: faster than the rate", took)
	}
	for i, f := range got {
		if i > 0 && f.Record >= got[i-1].Record {
			t.Fatalf("frame %d after %d going backwards", f.Record, got[i-1].Record)
		}
		src := int64(5 + f.Record - 10)
		if f.Record < 10 {
			src = 60 + f.Record
		}
		want, err := Frame(p, int(src), 160)
		if err != nil {
			t.Fatal(err)
		}
		if !same(f.Image, want) {
			t.Errorf("record frame %d is not source frame %d", f.Record, src)
		}
	}
}
