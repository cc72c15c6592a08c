package vision

import (
	"bytes"
	"encoding/gob"
	"os"
	"path/filepath"
	"reflect"
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

// TestDetectKeptGolden checks that DetectWith's results on every kept
// analysis are exactly those stored in the gob file RUSHCUT_DETECT_GOLDEN,
// or writes that file when it does not exist yet: run it once on the code
// before a change meant to keep the results, then after.
func TestDetectKeptGolden(t *testing.T) {
	path := os.Getenv("RUSHCUT_DETECT_GOLDEN")
	if path == "" {
		t.Skip("set RUSHCUT_DETECT_GOLDEN to a results file (written when missing)")
	}
	runs := keptRuns(t)
	got := map[string]Result{}
	for _, r := range runs {
		got[r.Name] = DetectWith(r.Features, r.Embeddings)
	}
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		var buf bytes.Buffer
		if err := gob.NewEncoder(&buf).Encode(got); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote the results of %d kept analyses to %s", len(got), path)
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var want map[string]Result
	if err := gob.NewDecoder(f).Decode(&want); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	same := 0
	for name, g := range got {
		w, ok := want[name]
		switch {
		case !ok:
			t.Logf("%s: not in %s", name, path)
		case !reflect.DeepEqual(g, w):
			t.Errorf("%s: now\n%+v\nstored\n%+v", name, g, w)
		default:
			same++
		}
	}
	t.Logf("%d of %d kept analyses give exactly the stored results", same, len(got))
}
