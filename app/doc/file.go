package doc

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"time"
)

// Ext is the project file extension.
const Ext = ".rushcut"

// AutosavePath returns where Autosave writes the project saved at path:
// path + ".autosave".
func AutosavePath(path string) string { return path + ".autosave" }

// Error is a project file that could not be read: the file and the
// problem, on one line ("cut.rushcut: unsupported version
// Rushcut.Project.9 (this Rushcut reads up to 1)").
type Error struct {
	// Path is the file, as given to Open, Save or Autosave.
	Path string
	// Err is the problem.
	Err error
}

// Error returns "PATH: PROBLEM" on one line.
func (e *Error) Error() string {
	return e.Path + ": " + strings.ReplaceAll(e.Err.Error(), "\n", "; ")
}

// Unwrap returns the problem (ErrNotProject, ErrVersion, ErrDamaged or a
// file-system error, wrapped).
func (e *Error) Unwrap() error { return e.Err }

// Save writes p to path atomically and removes the autosave beside it. See
// Marshal for what it refuses and the one change it makes to p.
func Save(path string, p *Project) error {
	b, err := Marshal(p)
	if err != nil {
		return &Error{path, fmt.Errorf("not saved: %w", err)}
	}
	if err := writeAtomic(path, b); err != nil {
		return &Error{path, err}
	}
	if err := os.Remove(AutosavePath(path)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return &Error{path, fmt.Errorf("saved, but the autosave is left: %w", err)}
	}
	return nil
}

// Autosave writes p atomically to AutosavePath(path), leaving the project
// file alone.
func Autosave(path string, p *Project) error {
	b, err := Marshal(p)
	if err != nil {
		return &Error{path, fmt.Errorf("not autosaved: %w", err)}
	}
	if err := writeAtomic(AutosavePath(path), b); err != nil {
		return &Error{path, err}
	}
	return nil
}

// Open reads the project at path. autosave is the path of an autosave that
// is newer than the file and differs from it (the app may offer to open it
// instead, after a crash), or "". When the file does not exist but an
// autosave does, Open returns the error and the autosave's path.
func Open(path string) (p *Project, autosave string, err error) {
	autosave = newerAutosave(path)
	data, err := readRegular(path)
	if err != nil {
		return nil, autosave, &Error{path, unwrapPath(err)}
	}
	p, err = Unmarshal(data)
	if err != nil {
		return nil, autosave, &Error{path, err}
	}
	return p, autosave, nil
}

// unwrapPath drops the path from a *fs.PathError, which Error adds anyway.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return err
}

func newerAutosave(path string) string {
	as := AutosavePath(path)
	ai, err := os.Stat(as)
	if err != nil || !ai.Mode().IsRegular() {
		return ""
	}
	fi, err := os.Stat(path)
	if err != nil {
		return as
	}
	if ai.ModTime().Before(fi.ModTime()) {
		return ""
	}
	a, err1 := os.ReadFile(as)
	b, err2 := os.ReadFile(path)
	if err1 == nil && err2 == nil && bytes.Equal(a, b) {
		return ""
	}
	return as
}

// writeAtomic replaces path with data: a temporary file in the same
// folder, written and synced, renamed over path, then the folder synced so
// the rename is durable. A crash leaves the old file or the new one. The
// file keeps the mode of the one it replaces (0644 when new).
func writeAtomic(path string, data []byte) (err error) {
	dir := filepath.Dir(path)
	mode := fs.FileMode(0o644)
	if fi, err := os.Stat(path); err == nil {
		mode = fi.Mode().Perm()
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return unwrapPath(err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if _, err = f.Write(data); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	if err = f.Chmod(mode); err != nil {
		return fmt.Errorf("chmod: %w", err)
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("sync: %w", err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("close: %w", err)
	}
	if err = os.Rename(tmp, path); err != nil {
		return unwrapPath(err)
	}
	return syncDir(dir)
}

// syncDir makes a rename in dir durable. Windows cannot sync a folder (and
// needs not); elsewhere a failure is reported.
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return unwrapPath(err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync folder: %w", err)
	}
	return nil
}

// KeepAside renames path's autosave to a dated name beside it (the editor
// chose the saved project over it: it is kept, never deleted) and returns
// the new name.
func KeepAside(path string, now time.Time) (string, error) {
	as := AutosavePath(path)
	to := as + "-" + now.Format("20060102-150405")
	if err := os.Rename(as, to); err != nil {
		return "", &Error{path, fmt.Errorf("keeping the autosave aside: %w", unwrapPath(err))}
	}
	return to, nil
}

// readRegular reads the file at path, refusing what is not a regular file
// (a FIFO would block the read forever, a device never end): opened
// without blocking, checked once open.
func readRegular(path string) ([]byte, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("not a regular file (%s)", kindOf(st.Mode()))
	}
	return io.ReadAll(f)
}

// kindOf names a file mode's type.
func kindOf(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m.IsDir():
		return "a directory"
	}
	return "not a plain file"
}
