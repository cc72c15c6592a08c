package vision

import (
	"encoding/gob"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// keptRun is one kept analysis (the gob files TestEditorSet and
// TestReelSetsKept write to RUSHCUT_EDITOR_DIR).
type keptRun struct {
	Name       string
	Features   []Features
	Embeddings *Embeddings
}

// keptRuns reads every analysis kept in RUSHCUT_EDITOR_DIR, in name
// order; it skips the test when the variable is unset.
func keptRuns(tb testing.TB) []keptRun {
	tb.Helper()
	dir := os.Getenv("RUSHCUT_EDITOR_DIR")
	if dir == "" {
		tb.Skip("set RUSHCUT_EDITOR_DIR to a folder of kept analyses (see vision/reels TestEditorSet)")
	}
	paths, err := filepath.Glob(filepath.Join(dir, "*.gob"))
	if err != nil {
		tb.Fatal(err)
	}
	if len(paths) == 0 {
		tb.Skipf("no kept analyses in %s", dir)
	}
	sort.Strings(paths)
	var out []keptRun
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			tb.Fatal(err)
		}
		var r keptRun
		err = gob.NewDecoder(f).Decode(&r)
		f.Close()
		if err != nil {
			tb.Fatalf("%s: %v", p, err)
		}
		r.Name = filepath.Base(p)
		out = append(out, r)
	}
	return out
}
