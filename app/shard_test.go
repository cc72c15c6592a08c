package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"rushcut/app/takes/rushgen"
)

// TestShardsFillOneCache: N concurrent `rushcut analyze --shard I/N`
// processes write one cache directory; a whole-folder analyze afterwards
// reads every take from it (no decoding) and reports exactly what a fresh
// analysis does.
func TestShardsFillOneCache(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "rushes")
	if _, err := rushgen.Generate(context.Background(), dir, rushgen.Small()); err != nil {
		t.Fatal(err)
	}
	cache := t.TempDir()
	const n = 3
	var wg sync.WaitGroup
	errs := make([]string, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := exec.Command(os.Args[0], "analyze", "--no-vit", "--json", "--shard", fmt.Sprintf("%d/%d", i, n), dir)
			cmd.Env = append(os.Environ(), "RUSHCUT_AS_CLI=1", "RUSHCUT_CACHE_DIR="+cache)
			if out, err := cmd.CombinedOutput(); err != nil {
				errs[i] = fmt.Sprintf("shard %d: %v: %s", i, err, out)
			}
		}()
	}
	wg.Wait()
	for _, e := range errs {
		if e != "" {
			t.Fatal(e)
		}
	}
	analyzeJSONOf := func(cacheDir string, extra ...string) analyzeJSON {
		args := append([]string{"analyze", "--no-vit", "--json", dir}, extra...)
		stdout, stderr, code := rushcutProcess(t, []string{"RUSHCUT_CACHE_DIR=" + cacheDir}, args...)
		if code != exitOK {
			t.Fatalf("analyze: exit %d: %s", code, stderr)
		}
		var a analyzeJSON
		if err := json.Unmarshal([]byte(stdout), &a); err != nil {
			t.Fatal(err)
		}
		return a
	}
	shared := analyzeJSONOf(cache)
	fresh := analyzeJSONOf(t.TempDir())
	if len(shared.Takes) != 8 || len(fresh.Takes) != 8 {
		t.Fatalf("%d and %d takes, want 8", len(shared.Takes), len(fresh.Takes))
	}
	for i, tk := range shared.Takes {
		if !tk.Cached {
			t.Errorf("%s was decoded again, not read from the shards' cache", tk.Path)
		}
		f := fresh.Takes[i]
		if !reflect.DeepEqual(tk.Trim, f.Trim) || tk.Frames != f.Frames {
			t.Errorf("%s: from the cache %+v, fresh %+v", tk.Path, tk.Trim, f.Trim)
		}
	}
	entries, _ := filepath.Glob(filepath.Join(cache, "*", "*"))
	for _, e := range entries {
		if strings.Contains(filepath.Base(e), ".tmp-") {
			t.Errorf("temporary file left in the cache: %s", e)
		}
	}
}
