package preview

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"rushcut/app/edit"
)

// TestCacheCap: above the cap, the least recently used preview goes, all
// of its files; one just read from the cache (a hit marks it used) and
// the one just rendered stay.
func TestCacheCap(t *testing.T) {
	dir := t.TempDir()
	src := Source{Path: megamind(t), In: 10, Out: 20}
	req := func(slope float64) Request {
		return Request{Source: src, Width: 160, Effect: Effect{Kind: Color,
			CDL: edit.CDL{Slope: [3]float64{slope, 1, 1}, Power: [3]float64{1, 1, 1}, Sat: 1}}}
	}
	render := func(slope float64, max int64) Result {
		t.Helper()
		r, err := Render(context.Background(), req(slope), Options{CacheDir: dir, CacheMax: max})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	a, b := render(1.1, -1), render(1.2, -1)
	// Both made two hours ago, b used more recently than a.
	var size int64
	for i, r := range []Result{a, b} {
		when := time.Now().Add(time.Duration(i-2) * time.Hour)
		for _, ext := range []string{".mp4", ".png", ".json"} {
			p := r.Clip[:len(r.Clip)-4] + ext
			os.Chtimes(p, when, when)
			fi, err := os.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			size += fi.Size()
		}
	}
	if again := render(1.1, -1); !again.Cached { // a hit: a is now the most recently used
		t.Fatal("a was not cached")
	}
	c := render(1.3, size) // a, b and c do not fit: b, least recently used, goes
	for _, x := range []struct {
		name string
		r    Result
		kept bool
	}{{"a (hit)", a, true}, {"b (least recently used)", b, false}, {"c (new)", c, true}} {
		for _, p := range []string{x.r.Clip, x.r.Still, x.r.Clip[:len(x.r.Clip)-4] + ".json"} {
			if _, err := os.Stat(p); (err == nil) != x.kept {
				t.Errorf("%s: %s kept %v, want %v", x.name, filepath.Base(p), err == nil, x.kept)
			}
		}
	}
	if r := render(1.2, -1); r.Cached {
		t.Error("the evicted preview still came from the cache")
	}
}

// TestStabilizeSpoolRemoved: the stabilise preview's spool (its decoded
// frames, kept for the warp pass) is gone after a render and after a
// cancelled one; only the entry's files stay.
func TestStabilizeSpoolRemoved(t *testing.T) {
	dir := t.TempDir()
	req := Request{Source: Source{Path: megamind(t), In: 5, Out: 35}, Effect: Effect{Kind: Stabilize}, Width: 160}
	if _, err := Render(context.Background(), req, Options{CacheDir: dir}); err != nil {
		t.Fatal(err)
	}
	var left []string
	des, _ := os.ReadDir(dir)
	for _, de := range des {
		if de.Name() != ".lock" {
			left = append(left, de.Name())
		}
	}
	if len(left) != 3 {
		t.Errorf("after a render: %v, want the entry's three files (and the lock)", left)
	}
	cdir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	_, err := Render(ctx, req, Options{CacheDir: cdir, Progress: func(done, _ int) {
		if done == 10 { // inside the tracking pass
			cancel()
		}
	}})
	if err == nil {
		t.Fatal("cancelled render succeeded")
	}
	if left, _ := os.ReadDir(cdir); len(left) != 0 {
		t.Errorf("a cancelled stabilise left %d files (%v)", len(left), left[0].Name())
	}
}
