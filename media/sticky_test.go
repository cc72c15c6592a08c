package media

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/asticode/go-astiav"
)

// within runs f and fails the test if it has not returned after d: a
// FIFO opened for reading would block forever.
func within(t *testing.T, d time.Duration, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("%s: still blocked after %v", what, d)
	}
}

// TestNotRegularFile refuses named pipes, devices and symlinks to them in
// one line naming the file, without blocking; a symlink to a real file is
// accepted.
func TestNotRegularFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "f.mp4")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	linkToFifo := filepath.Join(dir, "to-fifo.mov")
	os.Symlink(fifo, linkToFifo)
	real := ffmpegFixture(t, "r.mp4", "-f", "lavfi", "-i", "testsrc2=s=64x48:r=25:d=0.2", "-c:v", "libx264", "-preset", "ultrafast")
	linkToReal := filepath.Join(dir, "to-real.mp4")
	os.Symlink(real, linkToReal)

	for path, want := range map[string]string{
		fifo:        "named pipe",
		linkToFifo:  "named pipe",
		"/dev/null": "character device",
	} {
		within(t, 5*time.Second, path, func() {
			errs := map[string]error{"CheckFile": CheckFile(path)}
			_, errs["Probe"] = Probe(path)
			_, errs["OpenReader"] = OpenReader(path, ReaderOptions{Width: 32})
			_, errs["AudioLevels"] = AudioLevels(path)
			for fn, err := range errs {
				if !errors.Is(err, ErrBadInput) || !strings.HasPrefix(err.Error(), path+": not a regular file") ||
					!strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "\n") {
					t.Errorf("%s(%s) = %v; want one bad-input line naming the file and %q", fn, path, err, want)
				}
			}
		})
	}
	if err := CheckFile(linkToReal); err != nil {
		t.Errorf("symlink to a regular file refused: %v", err)
	}
	if _, err := Probe(linkToReal); err != nil {
		t.Errorf("Probe through a symlink: %v", err)
	}
}

// TestFailedRewindIsSticky makes Seek rewind a file that has gone: the
// error must stay, as bufio.Scanner's does, and no later call may panic on
// the closed decoder.
func TestFailedRewindIsSticky(t *testing.T) {
	p := ffmpegFixture(t, "s.mp4", "-f", "lavfi", "-i", "testsrc2=s=64x48:r=25:d=1", "-c:v", "libx264", "-preset", "ultrafast")
	r, err := OpenReader(p, ReaderOptions{Width: 32})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for range 3 {
		if _, err := r.Next(); err != nil {
			t.Fatal(err)
		}
	}
	// An index whose fingerprints match no frame: no anchor, and the seek
	// to the start does not find frame 0, so Seek reopens the file.
	fake := make([]IndexEntry, 20)
	for i := range fake {
		fake[i] = IndexEntry{PTS: 0, Hash: 0x5eed}
	}
	r.SetIndex(fake)
	if err := os.Remove(p); err != nil {
		t.Fatal(err)
	}
	_, err = r.Seek(5)
	if !errors.Is(err, ErrBadInput) || !strings.Contains(err.Error(), "no such file") {
		t.Fatalf("Seek after the file went: %v, want the reopen's error", err)
	}
	for i := range 2 {
		if _, err2 := r.Next(); !errors.Is(err2, err) {
			t.Errorf("Next #%d after the failed rewind: %v, want the same error %v", i, err2, err)
		}
		if _, err2 := r.Seek(1); !errors.Is(err2, err) {
			t.Errorf("Seek #%d after the failed rewind: %v, want the same error", i, err2)
		}
	}
	if r.Err() != err {
		t.Errorf("Err() = %v, want %v", r.Err(), err)
	}
	_ = r.Skipped()
	_ = r.ReadError()
}

// TestScaleGraphRetryBounded gives the Reader a scale graph that never
// yields a frame (reverse waits for the end): it is rebuilt once, then
// the error is returned and kept, never retried without end.
func TestScaleGraphRetryBounded(t *testing.T) {
	p := ffmpegFixture(t, "g.mp4", "-f", "lavfi", "-i", "testsrc2=s=64x48:r=25:d=0.4", "-c:v", "libx264", "-preset", "ultrafast")
	builds := 0
	newScaleGraph = func(src string, args astiav.FilterArgs, sink, spec string) (*graph, error) {
		builds++
		if builds > 10 {
			return nil, errors.New("test: too many rebuilds")
		}
		return newGraph(src, args, sink, spec+",reverse")
	}
	defer func() { newScaleGraph = newGraph }()
	r, err := OpenReader(p, ReaderOptions{Width: 32})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	_, err = r.Next()
	if err == nil || !strings.Contains(err.Error(), "scaling") || !strings.Contains(err.Error(), p) {
		t.Fatalf("Next: %v, want a scaling error naming the file", err)
	}
	if builds != 2 {
		t.Errorf("the scale graph was built %d times, want 2 (the first, one rebuild)", builds)
	}
	if _, err2 := r.Next(); err2 != err {
		t.Errorf("second Next: %v, want the sticky %v", err2, err)
	}
	if builds != 2 {
		t.Errorf("the sticky error still rebuilt the graph (%d builds)", builds)
	}
}

// TestClosedReader returns an error, not a panic, from a closed Reader.
func TestClosedReader(t *testing.T) {
	p := ffmpegFixture(t, "c.mp4", "-f", "lavfi", "-i", "testsrc2=s=64x48:r=25:d=0.2", "-c:v", "libx264", "-preset", "ultrafast")
	r, err := OpenReader(p, ReaderOptions{Width: 32})
	if err != nil {
		t.Fatal(err)
	}
	r.Close()
	if _, err := r.Next(); !errors.Is(err, errClosed) {
		t.Errorf("Next after Close: %v", err)
	}
	if _, err := r.Seek(0); !errors.Is(err, errClosed) {
		t.Errorf("Seek after Close: %v", err)
	}
	if r.Skipped() != 0 || r.ReadError() != nil {
		t.Error("Skipped/ReadError after Close")
	}
}
