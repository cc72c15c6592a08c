package main

import (
	"bytes"
	"os"
	"testing"
)

// TestCutsWithoutFaces checks what lets `cuts --no-cache` skip counting
// faces: faces never change what cuts reports. The cached run counts them
// (the analysis it keeps serves take ranking later); the uncached run
// does not, and both must print the same JSON. Its analysis is kept
// nowhere: the cache holds only the first run's.
func TestCutsWithoutFaces(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("RUSHCUT_CACHE_DIR", dir)
	var cached, uncached, errb bytes.Buffer
	if code := run([]string{"cuts", megamind, "--json"}, &cached, &errb); code != exitOK {
		t.Fatalf("cuts: exit %d: %s", code, errb.String())
	}
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) == 0 {
		t.Fatalf("the cached run kept no analysis in %s: %v", dir, err)
	}
	errb.Reset()
	if code := run([]string{"cuts", megamind, "--json", "--no-cache"}, &uncached, &errb); code != exitOK {
		t.Fatalf("cuts --no-cache: exit %d: %s", code, errb.String())
	}
	if !bytes.Equal(cached.Bytes(), uncached.Bytes()) {
		t.Errorf("cuts with faces counted and without differ:\n%s\n---\n%s", cached.String(), uncached.String())
	}
	after, err := os.ReadDir(dir)
	if err != nil || len(after) != len(entries) {
		t.Errorf("cuts --no-cache wrote to the cache: %d entries before, %d after (%v)", len(entries), len(after), err)
	}
}
