package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"rushcut/app/doc"
)

// TestOpening: what the window's File menu and a drop open: a folder
// without video is refused naming it, a damaged project is refused, a
// folder of rushes gets a project outside it, a project opens as itself
// with its newer autosave offered.
func TestOpening(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	empty := t.TempDir()
	os.WriteFile(filepath.Join(empty, "notes.txt"), []byte("x"), 0o644)
	if _, err := opening([]string{empty}, "", io.Discard); err == nil || !strings.Contains(err.Error(), empty) {
		t.Errorf("a folder without video: %v", err)
	}
	bad := filepath.Join(t.TempDir(), "cut.rushcut")
	os.WriteFile(bad, []byte("{"), 0o644)
	if _, err := opening([]string{bad}, "", io.Discard); err == nil || !strings.Contains(err.Error(), "cut.rushcut") {
		t.Errorf("a damaged project: %v", err)
	}
	rushes := t.TempDir()
	os.WriteFile(filepath.Join(rushes, "A001.mov"), []byte("not really"), 0o644)
	o, err := opening([]string{rushes}, "", io.Discard)
	if err != nil || !strings.HasPrefix(o.Title, "Rushcut — "+filepath.Base(rushes)+"-") || o.Autosave != "" {
		t.Errorf("a folder of rushes: %q, %v", o.Title, err)
	}
	proj := filepath.Join(t.TempDir(), "day.rushcut")
	if err := doc.Save(proj, doc.New("day")); err != nil {
		t.Fatal(err)
	}
	if err := doc.Autosave(proj, doc.New("day, later")); err != nil {
		t.Fatal(err)
	}
	o, err = opening([]string{proj}, "", io.Discard)
	if err != nil || o.Title != "Rushcut — day.rushcut" || o.Autosave != doc.AutosavePath(proj) {
		t.Errorf("a project with a newer autosave: %q offering %q, %v", o.Title, o.Autosave, err)
	}
}
