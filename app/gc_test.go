package main

import (
	"io"
	"runtime/debug"
	"testing"
)

// TestBatchGC checks that a command that runs and exits sets the
// collector's target to batchGCPercent, and that GOGC overrides it.
func TestBatchGC(t *testing.T) {
	old := debug.SetGCPercent(100)
	defer debug.SetGCPercent(old)
	t.Setenv("GOGC", "")
	run([]string{"probe", "--json", "/nonexistent.mp4"}, io.Discard, io.Discard)
	if got := debug.SetGCPercent(100); got != batchGCPercent {
		t.Errorf("after rushcut probe the GC percent is %d, want %d", got, batchGCPercent)
	}
	t.Setenv("GOGC", "100")
	run([]string{"probe", "--json", "/nonexistent.mp4"}, io.Discard, io.Discard)
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("with GOGC=100 the GC percent is %d, want 100", got)
	}
}
