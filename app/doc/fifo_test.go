package doc

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestOpenRefusesAFIFO: a named pipe called P.rushcut is refused at once
// in one line naming it, never read (which would block forever); a
// folder too.
func TestOpenRefusesAFIFO(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "cut.rushcut")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	folder := filepath.Join(dir, "folder.rushcut")
	os.Mkdir(folder, 0o755)
	for _, c := range []struct{ path, want string }{{fifo, "not a regular file (a named pipe)"}, {folder, "directory"}} {
		done := make(chan error, 1)
		go func() { _, _, err := Open(c.path); done <- err }()
		select {
		case err := <-done:
			if err == nil || !strings.Contains(err.Error(), c.path) || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("%s: error %v, want one line naming it and saying %q", c.path, err, c.want)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("Open blocked on %s", c.path)
		}
	}
}
