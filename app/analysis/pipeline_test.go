package analysis

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"rushcut/media"
	"rushcut/vision"
)

// TestWorkersAgree checks that the chunked parallel pipeline gives exactly
// the features of a single worker reading in order.
func TestWorkersAgree(t *testing.T) {
	p := opencvData(t, "Megamind.avi")
	one, err := Analyze(context.Background(), p, Options{NoCache: true, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	three, err := Analyze(context.Background(), p, Options{NoCache: true, Workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(one.Features) != 270 || !reflect.DeepEqual(one.Features, three.Features) {
		t.Fatalf("1 worker gave %d frames, 3 workers %d; features differ", len(one.Features), len(three.Features))
	}
}

// TestProgress checks the callback: monotonic, ending at total == frames.
func TestProgress(t *testing.T) {
	var seen [][2]int
	a, err := Analyze(context.Background(), opencvData(t, "tree.avi"), Options{NoCache: true, Progress: func(d, n int) { seen = append(seen, [2]int{d, n}) }})
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) == 0 {
		t.Fatal("no progress reported")
	}
	for i := 1; i < len(seen); i++ {
		if seen[i][0] < seen[i-1][0] {
			t.Fatalf("progress went back: %v", seen)
		}
	}
	if last := seen[len(seen)-1]; last[0] != a.Frames() || last[1] != a.Frames() {
		t.Fatalf("last progress %v, want %d of %d", last, a.Frames(), a.Frames())
	}
}

// TestCancel cancels an analysis midway, without and with the ViT stage:
// it must return the context's error promptly and leave no goroutine
// behind.
func TestCancel(t *testing.T) {
	t.Run("pixels", func(t *testing.T) { cancelMidway(t, Options{NoCache: true}) })
	t.Run("vit", func(t *testing.T) { cancelMidway(t, withViT(t)) })
}

func cancelMidway(t *testing.T, opt Options) {
	before := runtime.NumGoroutine()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	opt.Progress = func(d, n int) {
		if d >= 100 {
			cancel()
		}
	}
	_, err := Analyze(ctx, opencvData(t, "vtest.avi"), opt)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
	deadline := time.Now().Add(3 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		buf := make([]byte, 1<<16)
		t.Fatalf("%d goroutines left behind:\n%s", n-before, buf[:runtime.Stack(buf, true)])
	}
}

// TestCache checks that a second analysis of the same file reads the
// cache, and that changing the file (its mtime) misses it.
func TestCache(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(CacheDirEnv, dir)
	src, err := os.ReadFile(opencvData(t, "tree.avi"))
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "tree.avi")
	if err := os.WriteFile(p, src, 0o644); err != nil {
		t.Fatal(err)
	}
	first, err := Analyze(context.Background(), p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if first.Cached {
		t.Fatal("first analysis claims to come from the cache")
	}
	entries, _ := filepath.Glob(filepath.Join(dir, "*", "*.rca"))
	if len(entries) != 1 {
		t.Fatalf("cache holds %v, want one entry under %s", entries, dir)
	}
	second, err := Analyze(context.Background(), p, Options{Progress: func(int, int) {}})
	if err != nil {
		t.Fatal(err)
	}
	if !second.Cached || !reflect.DeepEqual(first.Features, second.Features) || second.FPS != first.FPS || second.Width != first.Width {
		t.Fatalf("second analysis: cached=%v, features equal=%v", second.Cached, reflect.DeepEqual(first.Features, second.Features))
	}
	if !reflect.DeepEqual(first.Detect(), second.Detect()) {
		t.Fatal("detection from the cache differs")
	}
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(p, later, later); err != nil {
		t.Fatal(err)
	}
	third, err := Analyze(context.Background(), p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if third.Cached {
		t.Fatal("a file with a new mtime was served from the cache")
	}
	// A damaged cache entry is ignored, not trusted.
	entries, _ = filepath.Glob(filepath.Join(dir, "*", "*.rca"))
	for _, e := range entries {
		os.WriteFile(e, []byte("garbage"), 0o644)
	}
	fourth, err := Analyze(context.Background(), p, Options{})
	if err != nil || fourth.Cached || !reflect.DeepEqual(fourth.Features, first.Features) {
		t.Fatalf("damaged cache: err=%v cached=%v", err, fourth != nil && fourth.Cached)
	}
}

// TestCorruptPackets damages an MPEG-TS file in the middle: the analysis
// skips the damaged packets, reports them, and still finds the cuts.
func TestCorruptPackets(t *testing.T) {
	p := ffmpegFixture(t, "m.ts", "-i", opencvData(t, "Megamind.avi"), "-an", "-vf", "scale=320:-2",
		"-c:v", "mpeg2video", "-q:v", "4", "-g", "12")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	for _, off := range []int{len(b) / 3, len(b) / 2} {
		for i := off; i < off+188*6; i++ {
			b[i] = byte(i*7919 + 13)
		}
	}
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	a, err := Analyze(context.Background(), p, noCache)
	if err != nil {
		t.Fatal(err)
	}
	if a.Skipped == 0 {
		t.Fatal("damage not reported")
	}
	if a.Frames() < 250 {
		t.Fatalf("only %d frames analysed", a.Frames())
	}
	var cuts []int
	for _, tr := range a.Detect().Transitions {
		if tr.Kind == vision.Cut {
			cuts = append(cuts, tr.Frame)
		}
	}
	if len(cuts) != 4 {
		t.Fatalf("cuts %v, want the 4 of Megamind (give or take a lost frame)", cuts)
	}
}

// TestBadInput checks one-line errors naming the file, marked bad input.
func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.txt")
	os.WriteFile(text, []byte("not a video\n"), 0o644)
	empty := filepath.Join(dir, "empty.mp4")
	os.WriteFile(empty, nil, 0o644)
	audio := ffmpegFixture(t, "tone.wav", "-f", "lavfi", "-i", "sine=d=0.5")
	for _, p := range []string{filepath.Join(dir, "missing.mp4"), text, empty, dir, audio} {
		_, err := Analyze(context.Background(), p, noCache)
		if err == nil {
			t.Errorf("%s: no error", p)
			continue
		}
		if !errors.Is(err, media.ErrBadInput) || !strings.Contains(err.Error(), p) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: want a one-line bad-input error naming the file, got %q", p, err)
		}
	}
}

// TestListsReserved checks that the per-frame lists are sized from the
// probe's count, not doubled by append (the slack that set the peak on
// long files), and that an absurd count in a damaged header reserves no
// more than maxReserve.
func TestListsReserved(t *testing.T) {
	a, err := Analyze(context.Background(), opencvData(t, "Megamind.avi"), Options{NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	n := a.Frames()
	if c := cap(a.Features); c < n || c > reserve(n) {
		t.Errorf("features: %d frames in a list of capacity %d, want at most %d", n, c, reserve(n))
	}
	if c := cap(a.Times); c < n || c > reserve(n) {
		t.Errorf("times: %d frames in a list of capacity %d, want at most %d", n, c, reserve(n))
	}
	if r := reserve(1 << 40); r != maxReserve {
		t.Errorf("a header claiming 2^40 frames reserves %d, want %d", r, maxReserve)
	}
	if r := reserve(-1); r != 0 {
		t.Errorf("an unknown count reserves %d, want 0", r)
	}
}
