package impulse

import (
	"errors"
	"io"
	"testing"
	"time"

	"gocv.io/x/gocv"

	"rushcut/media"
	"rushcut/media/mediatest"
)

// hit is vtest.avi's first 40 frames at 320 px with filter f applied to
// frame 20 only.
func hit(t testing.TB, f string) string {
	src := mediatest.OpencvData(t, "vtest.avi")
	return mediatest.FFmpeg(t, "hit.mkv", "-i", src, "-frames:v", "40", "-filter_complex",
		"[0:v]scale=320:-2,format=yuv420p,split[a][b];[b]"+f+",format=yuv420p[f];[a][f]overlay=enable='eq(n\\,20)'", "-an", "-c:v", "ffv1")
}

// TestScores checks that a frame damaged in each of several ways — a
// mirrored picture, a small dark dot, a scratch, a change of colour that
// keeps the lightness — scores above zero while the clip's own frames,
// walkers moving, score zero, and the first and last score zero.
func TestScores(t *testing.T) {
	for name, f := range map[string]string{
		"mirror":  "hflip",
		"dot":     "drawbox=x=150:y=60:w=7:h=7:color=black:t=fill",
		"scratch": "drawbox=x=230:y=0:w=2:h=ih:color=white:t=fill",
		"colour":  "hue=h=180",
	} {
		s, err := Scores(hit(t, f))
		if err != nil {
			t.Fatal(err)
		}
		if len(s) != 40 {
			t.Fatalf("%s: %d scores for 40 frames", name, len(s))
		}
		for i, v := range s {
			if i == 20 {
				if v == 0 {
					t.Errorf("%s: damaged frame 20 scores 0", name)
				}
				continue
			}
			if v != 0 {
				t.Errorf("%s: frame %d scores %.5f, want 0", name, i, v)
			}
		}
		if s[0] != 0 || s[39] != 0 {
			t.Errorf("%s: first and last frames score %v, %v, want 0", name, s[0], s[39])
		}
	}
}

func TestScoresBadInput(t *testing.T) {
	if _, err := Scores(t.TempDir()); err == nil {
		t.Error("a directory gave scores")
	}
}

// BenchmarkScores reports the damage score's throughput (frames/s at
// Width) on 200 frames of vtest.avi, and its time as a ratio to decoding
// the same frames at Width alone, measured alternately in the same run.
func BenchmarkScores(b *testing.B) {
	path := mediatest.FFmpeg(b, "bench.mkv", "-i", mediatest.OpencvData(b, "vtest.avi"), "-frames:v", "200", "-an", "-c:v", "ffv1")
	decode := func() time.Duration {
		start := time.Now()
		r, err := media.OpenReader(path, media.ReaderOptions{Width: Width, Format: media.BGR24, Sequential: true})
		if err != nil {
			b.Fatal(err)
		}
		defer r.Close()
		for {
			if _, err := r.Next(); errors.Is(err, io.EOF) {
				break
			} else if err != nil {
				b.Fatal(err)
			}
		}
		return time.Since(start)
	}
	var dec, sc time.Duration
	n := 0
	for i := 0; i < b.N; i++ {
		d := decode()
		start := time.Now()
		s, err := Scores(path)
		if err != nil {
			b.Fatal(err)
		}
		e := time.Since(start)
		if i == 0 || d < dec {
			dec = d
		}
		if i == 0 || e < sc {
			sc = e
		}
		n = len(s)
	}
	b.ReportMetric(float64(n)/sc.Seconds(), "frames/s")
	b.ReportMetric(sc.Seconds()/dec.Seconds(), "x-decode")
}

// TestScorerSizes checks that three frames of different sizes give no
// score, three of one size give one, and Close frees everything twice
// safely.
func TestScorerSizes(t *testing.T) {
	var s Scorer
	defer s.Close()
	for i, sz := range [][2]int{{40, 60}, {40, 60}, {30, 60}, {30, 60}, {30, 60}} {
		m := gocv.NewMatWithSize(sz[0], sz[1], gocv.MatTypeCV8UC3)
		_, ok := s.Push(m)
		m.Close()
		if want := i == 4; ok != want {
			t.Errorf("push %d: ok %v, want %v", i, ok, want)
		}
	}
	s.Close()
}
