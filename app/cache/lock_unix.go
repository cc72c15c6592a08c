//go:build unix

package cache

import (
	"os"
	"path/filepath"
	"syscall"
)

// Lock takes the folder's lock (an flock on dir/.lock), held by a writer
// while it renames an entry's files into place and by Trim while it
// evicts, so that eviction never deletes a file a writer has just put
// there. Readers take no lock. The returned function releases it.
func Lock(dir string) (func(), error) {
	f, err := os.OpenFile(filepath.Join(dir, ".lock"), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}
