package rough

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"rushcut/app/analysis"
	"rushcut/app/edit"
	"rushcut/app/takes/rushgen"
	"rushcut/vision/slate"
)

// TestTakeCache: reopening a take reads its detection, levels, media and
// slate from the take cache and gives the same report as measuring them;
// a damaged entry is measured again; NoCache writes nothing.
func TestTakeCache(t *testing.T) {
	plan := rushgen.Small()
	dir, tr := rushes(t, plan)
	path := ""
	for _, tk := range tr.Takes { // a take with sound, so that levels are cached too
		if su, ok := plan.Setup(tk.Setup); ok && !su.MOS {
			path = filepath.Join(dir, tk.File)
			break
		}
	}
	sr, err := slate.NewReader()
	if err != nil {
		t.Fatal(err)
	}
	defer sr.Close()
	opt := analysis.Options{CacheDir: t.TempDir()}
	report := func() (*TakeReport, string) {
		r, err := AnalyzeTake(context.Background(), path, opt, sr)
		if err != nil {
			t.Fatal(err)
		}
		c := *r
		c.Cached = false
		b, _ := json.Marshal(struct {
			R     *TakeReport
			Cuts  []int
			Audio any
		}{&c, r.Take.Cuts, r.Take.Audio})
		return r, string(b)
	}
	first, want := report()
	entries, _ := filepath.Glob(filepath.Join(opt.CacheDir, "takes", "*.json"))
	if first.Cached || len(entries) != 1 {
		t.Fatalf("first analysis: cached %v, %d take entries", first.Cached, len(entries))
	}
	second, got := report()
	if !second.Cached || got != want {
		t.Errorf("reopened take (cached %v) differs:\n%s\nwant\n%s", second.Cached, got, want)
	}
	if !second.Slate.OK || second.Label.By != "slate" || second.MOS || second.Take.Audio == nil {
		t.Errorf("reopened take lost its slate or sound: %+v, MOS %v", second.Label, second.MOS)
	}
	os.WriteFile(entries[0], []byte("{broken"), 0o644)
	third, got := report()
	if third.Cached || got != want {
		t.Errorf("after damage: cached %v, same %v", third.Cached, got == want)
	}
	opt = analysis.Options{CacheDir: t.TempDir(), NoCache: true}
	report()
	if es, _ := filepath.Glob(filepath.Join(opt.CacheDir, "takes", "*.json")); len(es) != 0 {
		t.Errorf("NoCache wrote %d take entries", len(es))
	}
}

// TestTakeCacheCap: with the take cache over its cap, a save evicts the
// least recently used entries; an entry just read (a hit marks it used)
// and the one just saved stay.
func TestTakeCacheCap(t *testing.T) {
	opt := analysis.Options{CacheDir: t.TempDir()}
	e := takeEntry{Media: &edit.MediaReference{Path: "take.mov"}}
	dir := filepath.Join(opt.CacheDir, "takes")
	for i, k := range []string{"a", "b", "c"} { // made hours ago, a oldest
		saveTake(opt, k, e)
		when := time.Now().Add(time.Duration(i-5) * time.Hour)
		os.Chtimes(filepath.Join(dir, k+".json"), when, when)
	}
	if _, ok := loadTake(opt, "a"); !ok { // a becomes the most recently used
		t.Fatal("a was not cached")
	}
	fi, err := os.Stat(filepath.Join(dir, "a.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer func(m int64) { takeCacheMax = m }(takeCacheMax)
	takeCacheMax = 3 * fi.Size() // four entries do not fit: b goes
	saveTake(opt, "d", e)
	for k, kept := range map[string]bool{"a": true, "b": false, "c": true, "d": true} {
		if _, ok := loadTake(opt, k); ok != kept {
			t.Errorf("entry %s: kept %v, want %v", k, ok, kept)
		}
	}
}
