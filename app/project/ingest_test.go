package project

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestAddSkipsAppleDouble adds a card copied from a Mac: the "._" files
// beside each clip are not media and must not show up in the bin as
// unreadable clips, and a named pipe with a clip's name is refused by
// name without blocking the bin.
func TestAddSkipsAppleDouble(t *testing.T) {
	dir := t.TempDir()
	clip, err := os.ReadFile(filepath.Join(DemoDir, "tree.avi"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "A001.avi"), clip, 0o644)
	os.WriteFile(filepath.Join(dir, "._A001.avi"), []byte("Mac OS X        resource fork"), 0o644)
	os.WriteFile(filepath.Join(dir, ".hidden.mov"), []byte("x"), 0o644)
	pipe := filepath.Join(dir, "B002.mov")
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Fatal(err)
	}
	p := New()
	done := make(chan struct{})
	go func() {
		p.Add(dir)
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Add blocked on a named pipe")
	}
	if cs := p.Clips(); len(cs) != 1 || cs[0].Name() != "A001.avi" {
		t.Errorf("clips %v, want A001.avi alone", cs)
	}
	errs := p.Errors()
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), pipe+": not a regular file") {
		t.Errorf("errors %v, want one naming the pipe", errs)
	}
}
