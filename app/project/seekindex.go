package project

import (
	"os"
	"sync"
	"time"

	"rushcut/app/analysis"
	"rushcut/media"
)

// fileStamp is a file as this process last saw it.
type fileStamp struct {
	path        string
	size, mtime int64
}

// knownIndex remembers each file's stored seek index by path, size and
// modification time, so that it is read and checked (a content hash of
// the file) once per process, not at every reader opened. It keeps the
// index encoded (media.MarshalIndex, about 4 bytes a frame rather than
// 24: a bin of long clips browsed one by one), decoded at each use. That
// a file has none is remembered for missRetry only: its analysis may
// finish later.
var knownIndex sync.Map // fileStamp -> known

// known is a stored index looked up at a time (enc nil: none then).
type known struct {
	enc []byte
	at  time.Time
}

// missRetry is how long a file found without a stored index is not
// looked up again.
const missRetry = 30 * time.Second

// loadIndex reads the index an analysis stored (tests swap it).
var loadIndex = analysis.LoadSeekIndex

// storedIndex returns the seek index an analysis of path stored (see
// analysis.LoadSeekIndex), or nil: a Reader given it seeks at once
// instead of decoding the whole file first.
func storedIndex(path string) []media.IndexEntry {
	st, err := os.Stat(path)
	if err != nil || !st.Mode().IsRegular() {
		return nil
	}
	k := fileStamp{path, st.Size(), st.ModTime().UnixNano()}
	if v, ok := knownIndex.Load(k); ok {
		kn := v.(known)
		if kn.enc != nil {
			idx, err := media.UnmarshalIndex(kn.enc)
			if err == nil {
				return idx
			}
		} else if time.Since(kn.at) < missRetry {
			return nil
		}
	}
	idx := loadIndex(path, media.DefaultStream)
	var enc []byte
	if idx != nil {
		enc = media.MarshalIndex(idx)
	}
	knownIndex.Store(k, known{enc, time.Now()})
	return idx
}
