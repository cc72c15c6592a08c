package cache

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"time"
)

// Policy says how a folder is trimmed.
type Policy struct {
	// Max is the size cap in bytes of all entries together (≤ 0: no cap).
	Max int64
	// Marker is the extension of the file that marks an entry complete
	// and records its last use (its modification time), e.g. ".json".
	Marker string
	// Grace is how recently used an entry may be and still be evicted:
	// entries used within Grace stay even above the cap (0: a minute).
	Grace time.Duration
	// Stale is the age after which a temporary file or an entry without
	// its marker is taken for a crashed writer's and deleted (0: a day).
	Stale time.Duration
}

// Touch records a use of the entry whose marker is at path (its
// modification time becomes now). It returns false when the marker is
// gone (the entry was never complete or is being evicted): a miss.
func Touch(marker string) bool {
	now := time.Now()
	return os.Chtimes(marker, now, now) == nil
}

// entry is one complete entry found by Trim.
type entry struct {
	key   string
	files []string // all but the marker
	size  int64
	used  time.Time // the marker's modification time
}

var trashSeq atomic.Int64

// Trim evicts least recently used entries from dir until the entries
// there total at most p.Max bytes, and deletes stale temporary files and
// markerless leftovers. It returns how many entries it evicted. A folder
// that does not exist is empty.
func Trim(dir string, p Policy) (int, error) {
	if p.Grace <= 0 {
		p.Grace = time.Minute
	}
	if p.Stale <= 0 {
		p.Stale = 24 * time.Hour
	}
	des, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("cache %s: %w", dir, err)
	}
	now := time.Now()
	byKey := map[string]*entry{}
	var total int64
	for _, de := range des {
		name := de.Name()
		if !de.Type().IsRegular() {
			continue
		}
		fi, err := de.Info()
		if err != nil {
			continue // gone meanwhile
		}
		path := filepath.Join(dir, name)
		if strings.HasPrefix(name, ".") || strings.Contains(name, ".tmp") {
			if now.Sub(fi.ModTime()) > p.Stale {
				os.Remove(path)
			}
			continue
		}
		key, _, _ := strings.Cut(name, ".")
		e := byKey[key]
		if e == nil {
			e = &entry{key: key}
			byKey[key] = e
		}
		e.size += fi.Size()
		if name == key+p.Marker {
			e.used = fi.ModTime()
		} else {
			e.files = append(e.files, path)
		}
	}
	var es []*entry
	for _, e := range byKey {
		if e.used.IsZero() { // being written, or a crash's leftover
			if stale(e.files, now, p.Stale) {
				for _, f := range e.files {
					os.Remove(f)
				}
			}
			continue
		}
		total += e.size
		es = append(es, e)
	}
	if p.Max <= 0 || total <= p.Max {
		return 0, nil
	}
	sort.Slice(es, func(i, j int) bool { return es[i].used.Before(es[j].used) })
	unlock, err := Lock(dir)
	if err != nil {
		return 0, fmt.Errorf("cache %s: %w", dir, err)
	}
	defer unlock()
	n := 0
	for _, e := range es {
		if total <= p.Max {
			break
		}
		if now.Sub(e.used) < p.Grace {
			break // the rest are newer still
		}
		if evict(dir, e, p.Marker) {
			total -= e.size
			n++
		}
	}
	return n, nil
}

// stale is true when every file is older than age.
func stale(files []string, now time.Time, age time.Duration) bool {
	for _, f := range files {
		fi, err := os.Stat(f)
		if err == nil && now.Sub(fi.ModTime()) <= age {
			return false
		}
	}
	return true
}

// evict removes one entry: the marker is renamed away first, so that new
// readers miss; if a reader touched it before the rename, it is put back.
func evict(dir string, e *entry, marker string) bool {
	m := filepath.Join(dir, e.key+marker)
	trash := filepath.Join(dir, fmt.Sprintf(".evict-%s-%d-%d%s", e.key, os.Getpid(), trashSeq.Add(1), marker))
	if os.Rename(m, trash) != nil {
		return false // another process evicted it, or a writer replaced it
	}
	fi, err := os.Stat(trash)
	if err != nil || !fi.ModTime().Equal(e.used) {
		// Used (or rewritten) since we looked: put it back, unless a
		// writer has already put a new marker there.
		switch err := os.Link(trash, m); {
		case err == nil || os.IsExist(err):
			os.Remove(trash)
		default: // no hard links here
			os.Rename(trash, m)
		}
		return false
	}
	for _, f := range e.files {
		// A file newer than the entry's last use is a new writer's,
		// renamed into place before we took the lock: keep it.
		if fi, err := os.Stat(f); err == nil && !fi.ModTime().After(e.used) {
			os.Remove(f)
		}
	}
	os.Remove(trash)
	return true
}
