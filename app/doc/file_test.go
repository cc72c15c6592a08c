package doc

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestAutosaveCycle(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "cut.rushcut")
	p := fixture(t)
	if err := Save(path, p); err != nil {
		t.Fatal(err)
	}
	// Editing goes on; an autosave is written; the app crashes.
	p.Name = "Short film, recut"
	if err := Autosave(path, p); err != nil {
		t.Fatal(err)
	}
	past := time.Now().Add(-time.Minute)
	if err := os.Chtimes(path, past, past); err != nil {
		t.Fatal(err)
	}
	q, autosave, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if autosave != AutosavePath(path) || q.Name != "Short film" {
		t.Fatalf("Open: autosave %q, name %q", autosave, q.Name)
	}
	r, _, err := Open(autosave)
	if err != nil || r.Name != "Short film, recut" {
		t.Fatalf("the autosave: %v, %+v", err, r)
	}
	// An autosave older than the file is not offered.
	if err := os.Chtimes(autosave, past.Add(-time.Hour), past.Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, autosave, _ := Open(path); autosave != "" {
		t.Errorf("older autosave offered: %q", autosave)
	}
	// A clean save removes it.
	if err := Save(path, r); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(AutosavePath(path)); !os.IsNotExist(err) {
		t.Errorf("autosave still there after Save: %v", err)
	}
	// A project never saved, with an autosave: the error, and the autosave.
	fresh := filepath.Join(dir, "new.rushcut")
	if err := Autosave(fresh, p); err != nil {
		t.Fatal(err)
	}
	if _, autosave, err := Open(fresh); err == nil || autosave != AutosavePath(fresh) {
		t.Errorf("unsaved project: err %v, autosave %q", err, autosave)
	}
}

func TestSaveIsAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "cut.rushcut")
	if err := Save(path, fixture(t)); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)
	// A project that cannot be written leaves the old file as it was.
	bad := fixture(t)
	bad.Media = bad.Media[1:] // c1's media is no longer listed
	err := Save(path, bad)
	if err == nil || !strings.Contains(err.Error(), "not saved") || !strings.Contains(err.Error(), "not in the project's media") {
		t.Fatalf("Save of a broken project: %v", err)
	}
	after, _ := os.ReadFile(path)
	if string(before) != string(after) {
		t.Error("a failed Save changed the file")
	}
	// A good save keeps the mode and leaves no temporary files.
	if err := Save(path, fixture(t)); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600 kept", fi.Mode().Perm())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("folder holds %v, want only cut.rushcut", names)
	}
	// A folder that cannot be written to: an error naming the file.
	if err := Save(filepath.Join(dir, "missing", "x.rushcut"), fixture(t)); err == nil || !strings.Contains(err.Error(), "x.rushcut: ") {
		t.Errorf("Save into a missing folder: %v", err)
	}
}
