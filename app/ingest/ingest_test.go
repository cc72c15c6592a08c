package ingest

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"

	"rushcut/media"
)

// touch creates the named files (content "x") in dir.
func touch(t *testing.T, dir string, names ...string) {
	t.Helper()
	for _, n := range names {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestFolder scans a folder as a card copied from a Mac leaves it.
func TestFolder(t *testing.T) {
	dir := t.TempDir()
	touch(t, dir, "B002.MOV", "A001.mov", "._A001.mov", ".DS_Store", ".hidden.mp4", "notes.txt", "C003.mxf", "d.Y4M", "sound.wav")
	os.Mkdir(filepath.Join(dir, "sub.mov"), 0o755)
	got, err := Folder(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range got {
		names = append(names, filepath.Base(p))
	}
	if want := []string{"A001.mov", "B002.MOV", "C003.mxf", "d.Y4M"}; !reflect.DeepEqual(names, want) {
		t.Fatalf("Folder = %v, want %v", names, want)
	}
	if empty, err := Folder(t.TempDir()); err != nil || len(empty) != 0 {
		t.Errorf("empty folder: %v, %v", empty, err)
	}
	if _, err := Folder(filepath.Join(dir, "missing")); err == nil || !strings.Contains(err.Error(), "missing: no such file") {
		t.Errorf("missing folder: %v", err)
	}
}

// TestCollect expands folders, keeps named files, drops duplicates and
// refuses what cannot be media before opening it.
func TestCollect(t *testing.T) {
	dir := t.TempDir()
	touch(t, dir, "b.mp4", "a.mov", "._a.mov")
	named := filepath.Join(t.TempDir(), ".named.mov") // named by the user: taken
	touch(t, filepath.Dir(named), ".named.mov")
	got, err := Collect([]string{dir, filepath.Join(dir, "a.mov"), named})
	want := []string{filepath.Join(dir, "a.mov"), filepath.Join(dir, "b.mp4"), named}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("Collect = %v, %v; want %v", got, err, want)
	}
	if _, err := Collect([]string{t.TempDir()}); err == nil || !strings.Contains(err.Error(), "no video files") {
		t.Errorf("folder without video: %v", err)
	}
	if _, err := Collect([]string{filepath.Join(dir, "gone.mov")}); err == nil || !strings.Contains(err.Error(), "gone.mov: no such file") {
		t.Errorf("missing file: %v", err)
	}
	fifo := filepath.Join(t.TempDir(), "f.mp4")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	_, err = Collect([]string{dir, fifo})
	if !errors.Is(err, media.ErrBadInput) || !strings.HasPrefix(err.Error(), fifo+": not a regular file") {
		t.Errorf("named pipe: %v; want one bad-input line naming it", err)
	}
	// In a folder, a pipe is listed; opening it refuses it by name.
	os.Rename(fifo, filepath.Join(dir, "c.mov"))
	got, err = Collect([]string{dir})
	if err != nil || len(got) != 3 {
		t.Fatalf("folder with a pipe: %v, %v", got, err)
	}
	if err := media.CheckFile(got[2]); !errors.Is(err, media.ErrBadInput) {
		t.Errorf("the listed pipe is not refused: %v", err)
	}
}
