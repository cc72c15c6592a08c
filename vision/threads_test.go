package vision

import (
	"os"
	"path/filepath"
	"testing"
)

// TestLimitOpenCVThreads checks that overlapping scopes restore the
// process's thread count when the last one ends, and not before.
func TestLimitOpenCVThreads(t *testing.T) {
	orig := OpenCVThreads()
	defer SetOpenCVThreads(orig)
	SetOpenCVThreads(3)
	before := OpenCVThreads()
	a := LimitOpenCVThreads(1)
	if got := OpenCVThreads(); got != 1 {
		t.Fatalf("inside a scope: %d threads, want 1", got)
	}
	b := LimitOpenCVThreads(1)
	a()
	a() // a second call is a no-op, not a second end
	if got := OpenCVThreads(); got != 1 {
		t.Fatalf("one scope still open: %d threads, want 1", got)
	}
	b()
	if got := OpenCVThreads(); got != before {
		t.Fatalf("after the last scope: %d threads, want %d", got, before)
	}
}

// TestCascadeFreedOnFailedLoad opens extractors whose face cascade does not
// load (missing, not a cascade) and one that does: no classifier may be
// left allocated.
func TestCascadeFreedOnFailedLoad(t *testing.T) {
	bogus := filepath.Join(t.TempDir(), "bogus.xml")
	os.WriteFile(bogus, []byte("<?xml version=\"1.0\"?>\n<opencv_storage></opencv_storage>\n"), 0o644)
	before := liveCascades.Load()
	for _, p := range []string{"/nonexistent/cascade.xml", bogus} {
		if e, err := NewExtractor(ExtractorOptions{Width: 64, Height: 48, FaceCascade: p}); err == nil {
			e.Close()
			t.Errorf("%s: loaded", p)
		}
	}
	if n := liveCascades.Load() - before; n != 0 {
		t.Errorf("%d face classifiers left allocated by failed loads", n)
	}
	if _, err := os.Stat(DefaultFaceCascade); err == nil {
		e, err := NewExtractor(ExtractorOptions{Width: 64, Height: 48, FaceCascade: DefaultFaceCascade})
		if err != nil {
			t.Fatal(err)
		}
		if liveCascades.Load()-before != 1 {
			t.Error("an open extractor does not count its classifier")
		}
		e.Close()
		e.Close()
		if n := liveCascades.Load() - before; n != 0 {
			t.Errorf("%d face classifiers left after Close", n)
		}
	}
}
