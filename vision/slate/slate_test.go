package slate

import (
	"context"
	"errors"
	"image"
	"image/color"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gocv.io/x/gocv"

	"rushcut/app/takes/rushgen"
	"rushcut/media"
)

// TestReadGenerated reads the slate of every take of the small generated
// day from the three frames before the clap: every clear board must read
// as the truth's setup, take and pickup, and no blank, blurred or
// off-frame board may read as anything.
func TestReadGenerated(t *testing.T) {
	if testing.Short() {
		t.Skip("generates rushes (about 20 s)")
	}
	dir := t.TempDir()
	start := time.Now()
	tr, err := rushgen.Generate(context.Background(), dir, rushgen.Small())
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("generated %d takes in %v", len(tr.Takes), time.Since(start).Round(time.Millisecond))

	r, err := NewReader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var clear, right, unreadable, invented int
	var spent time.Duration
	for _, k := range tr.Takes {
		frames := []int{k.BoardOut - 3, k.BoardOut - 2, k.BoardOut - 1}
		t0 := time.Now()
		res, err := r.Read(filepath.Join(dir, k.File), frames)
		spent += time.Since(t0)
		if err != nil {
			t.Errorf("%s: %v", k.File, err)
			continue
		}
		read := "-"
		if res.OK {
			read = res.Slate.String()
		}
		t.Logf("%s %-8s truth %-20q read %-20q roll %-4s votes %d/%d conf %.2f in %v", k.File, k.SlateStyle, k.Slate,
			read, res.Slate.Roll, res.Votes, res.Frames, res.Confidence, time.Since(t0).Round(time.Millisecond))
		if k.SlateStyle != rushgen.Clear {
			unreadable++
			if res.OK {
				invented++
				t.Errorf("%s: a %s board read as %q (text %q)", k.File, k.SlateStyle, res.Slate, res.Text)
			}
			continue
		}
		clear++
		s := res.Slate
		if !res.OK || s.Setup != k.Setup || s.Take != k.Take || s.Pickup != k.Pickup || s.String() != k.Slate {
			t.Errorf("%s: read %q (ok %v, text %q), want %q", k.File, s, res.OK, res.Text, k.Slate)
			continue
		}
		if s.Roll != k.Reel {
			t.Logf("%s: roll read as %q, the board says %q (small print: not required)", k.File, s.Roll, k.Reel)
		}
		if res.Confidence <= 0 || res.Confidence > 1 || res.Frame < frames[0] || res.Frame > frames[2] {
			t.Errorf("%s: confidence %v from frame %d", k.File, res.Confidence, res.Frame)
		}
		right++
	}
	t.Logf("clear slates read right: %d of %d; unreadable slates read as a slate: %d of %d; %v a take",
		right, clear, invented, unreadable, (spent / time.Duration(len(tr.Takes))).Round(time.Millisecond))
	if clear == 0 || unreadable == 0 {
		t.Errorf("the small day has %d clear and %d unreadable slates: want both kinds", clear, unreadable)
	}
}

// TestReadErrors: a missing file, no frames, and frames past the end.
func TestReadErrors(t *testing.T) {
	r, err := NewReader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if _, err := r.Read(filepath.Join(t.TempDir(), "missing.mov"), []int{1}); err == nil {
		t.Error("read a missing file")
	}
	path := blackClip(t)
	if _, err := r.Read(path, nil); err == nil {
		t.Error("read no frames without an error")
	}
	// Frames past the end are skipped; a black picture reads as nothing.
	res, err := r.Read(path, []int{3, 4, 500, 9000})
	if err != nil {
		t.Fatal(err)
	}
	if res.OK || res.Frames != 2 || res.Confidence != 0 {
		t.Errorf("black frames: %+v", res)
	}
	if res, err := r.Read(path, []int{-5, 9000}); err != nil || res.OK || res.Frames != 0 || res.Frame != -1 {
		t.Errorf("no frame in the file: %+v, %v", res, err)
	}
}

// blackClip makes a short black clip with ffmpeg and returns its path.
func blackClip(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "black.mov")
	img := gocv.NewMatWithSize(270, 480, gocv.MatTypeCV8UC3)
	defer img.Close()
	w, err := gocv.VideoWriterFile(path, "mp4v", 25, 480, 270, true)
	if err != nil {
		t.Skipf("no video writer: %v", err)
	}
	defer w.Close()
	for range 10 {
		if err := w.Write(img); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

// TestReadFrame reads boards drawn here, white text on a dark board over
// a busy set, in BGR24 and Gray8 frames of two sizes.
func TestReadFrame(t *testing.T) {
	r, err := NewReader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for _, c := range []struct {
		w, h  int
		lines []string
		want  string
	}{
		{480, 270, []string{"SCENE 12A", "TAKE 7"}, "SCENE 12A TAKE 7"},
		{1280, 720, []string{"SC 4 TK 2 PU"}, "SCENE 4 TAKE 2 PU"},
		{480, 270, nil, ""},
	} {
		for _, gray := range []bool{false, true} {
			f := boardFrame(c.w, c.h, c.lines, gray)
			res, err := r.ReadFrame(f)
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			if res.OK {
				got = res.Slate.String()
			}
			if got != c.want || res.Frame != f.Index {
				t.Errorf("%dx%d gray=%v %q: read %q (text %q, frame %d)", c.w, c.h, gray, c.lines, got, res.Text, res.Frame)
			}
		}
	}
	bad := &media.Frame{Index: 1, Width: 4, Height: 4, Stride: 16, Format: media.RGBA, Data: make([]byte, 64)}
	if _, err := r.ReadFrame(bad); err == nil {
		t.Error("read an RGBA frame")
	}
	short := boardFrame(480, 270, nil, true)
	short.Data = short.Data[:100]
	if _, err := r.ReadFrame(short); err == nil {
		t.Error("read a frame shorter than its size")
	}
}

// boardFrame draws a dark board with lines of white text (OpenCV's
// Hershey font, thick) on a background of grey stripes and squares.
func boardFrame(w, h int, lines []string, gray bool) *media.Frame {
	img := gocv.NewMatWithSizeFromScalar(gocv.NewScalar(90, 110, 120, 0), h, w, gocv.MatTypeCV8UC3)
	defer img.Close()
	for x := 0; x < w; x += w / 12 {
		gocv.Rectangle(&img, image.Rect(x, 0, x+w/30, h), color.RGBA{200, 190, 170, 0}, -1)
	}
	s := float64(h) / 270
	board := image.Rect(int(100*s), int(60*s), int(380*s), int(210*s))
	gocv.Rectangle(&img, board, color.RGBA{22, 22, 22, 0}, -1)
	for i, l := range lines {
		gocv.PutText(&img, l, image.Pt(board.Min.X+int(14*s), board.Min.Y+int(float64(45+40*i)*s)),
			gocv.FontHersheyDuplex, 1.1*s, color.RGBA{255, 255, 255, 0}, int(2*s+0.5))
	}
	f := &media.Frame{Index: 7, Width: w, Height: h, Format: media.BGR24}
	if gray {
		g := gocv.NewMat()
		defer g.Close()
		gocv.CvtColor(img, &g, gocv.ColorBGRToGray)
		f.Format, f.Data = media.Gray8, g.ToBytes()
	} else {
		f.Data = img.ToBytes()
	}
	f.Stride = w * f.Format.Channels()
	return f
}

// TestNoLanguage: without English data NewReader fails once, naming the
// Debian package.
func TestNoLanguage(t *testing.T) {
	t.Setenv("TESSDATA_PREFIX", t.TempDir())
	r, err := NewReader()
	if err == nil {
		r.Close()
		t.Fatal("NewReader without English data succeeded")
	}
	t.Log(err)
	if strings.Contains(err.Error(), "\n") {
		t.Errorf("error %q is more than one line", err)
	}
	if !errors.Is(err, ErrNoLanguage) || !strings.Contains(err.Error(), LanguagePackage) {
		t.Errorf("error %q does not wrap ErrNoLanguage or name %s", err, LanguagePackage)
	}
	if _, err := Read("any.mov", []int{1}); !errors.Is(err, ErrNoLanguage) {
		t.Errorf("Read without English data: %v", err)
	}
}

func TestTextLines(t *testing.T) {
	frame := image.Rect(0, 0, 960, 540)
	row := func(x, y, n, h int) []image.Rectangle {
		var b []image.Rectangle
		for i := range n {
			b = append(b, image.Rect(x+i*(h*3/4), y, x+i*(h*3/4)+h/2, y+h))
		}
		return b
	}
	for _, c := range []struct {
		name  string
		boxes []image.Rectangle
		chars int
	}{
		{"a line", row(100, 100, 6, 40), 6},
		{"two lines", append(row(100, 100, 6, 40), row(100, 160, 4, 40)...), 10},
		{"a line and specks", append(row(100, 100, 5, 40), image.Rect(10, 10, 14, 14), image.Rect(30, 10, 34, 13)), 5},
		{"two shapes", row(100, 100, 2, 40), 0},
		{"scattered", []image.Rectangle{image.Rect(10, 10, 40, 50), image.Rect(300, 200, 330, 240), image.Rect(600, 50, 630, 90)}, 0},
		{"too tall", row(100, 100, 5, 200), 0},
		{"too wide", []image.Rectangle{image.Rect(0, 100, 300, 130), image.Rect(310, 100, 600, 130), image.Rect(610, 100, 900, 130)}, 0},
		{"nothing", nil, 0},
	} {
		chars, region := textLines(c.boxes, frame)
		if len(chars) != c.chars {
			t.Errorf("%s: %d characters, want %d", c.name, len(chars), c.chars)
		}
		for _, ch := range chars {
			if !ch.In(region) || !region.In(frame) {
				t.Errorf("%s: character %v outside region %v (frame %v)", c.name, ch, region, frame)
			}
		}
	}
}

func TestVote(t *testing.T) {
	a := Slate{Scene: "1", Setup: "1A", Take: 3}
	b := Slate{Scene: "1", Setup: "1A", Take: 8}
	read := func(s Slate, conf float64) frameRead {
		return frameRead{slate: s, ok: s.Take > 0, conf: conf, text: s.String()}
	}
	none := frameRead{conf: 0.3, text: "~~"}
	for _, c := range []struct {
		name  string
		reads []frameRead
		n     int
		ok    bool
		want  Slate
		votes int
	}{
		{"all agree", []frameRead{read(a, .9), read(a, .8), read(a, .7)}, 3, true, a, 3},
		{"two of three", []frameRead{read(a, .9), read(b, .95), read(a, .7)}, 3, true, a, 2},
		{"decided early", []frameRead{read(a, .9), read(a, .7)}, 3, true, a, 2},
		{"one of three", []frameRead{read(a, .9), none, none}, 3, false, Slate{}, 0},
		{"split", []frameRead{read(a, .9), read(b, .9)}, 2, false, Slate{}, 0},
		{"nothing read", nil, 0, false, Slate{}, 0},
	} {
		res := vote(c.reads, c.n)
		if res.OK != c.ok || res.Slate != c.want || res.Votes != c.votes {
			t.Errorf("%s: %+v", c.name, res)
		}
		if !res.OK && res.Confidence != 0 {
			t.Errorf("%s: confidence %v without a slate", c.name, res.Confidence)
		}
	}
	for _, c := range []struct {
		reads []frameRead
		n     int
		want  bool
	}{
		{[]frameRead{read(a, .9)}, 3, false},
		{[]frameRead{read(a, .9), read(a, .9)}, 3, true},
		{[]frameRead{none, none}, 3, true},
		{[]frameRead{read(a, .9), read(b, .9)}, 3, false},
		{[]frameRead{read(a, .9), read(b, .9)}, 4, false},
		{[]frameRead{read(a, .9), read(b, .9), none}, 4, true},
	} {
		if got := decided(c.reads, c.n); got != c.want {
			t.Errorf("decided(%d reads of %d) = %v", len(c.reads), c.n, got)
		}
	}
}
