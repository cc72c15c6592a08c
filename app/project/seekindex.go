package project

import (
	"os"
	"sync"

	"rushcut/app/analysis"
	"rushcut/media"
)

// fileStamp is a file as this process last saw it.
type fileStamp struct {
	path        string
	size, mtime int64
}

// knownIndex remembers each file's stored seek index (nil: none) by path,
// size and modification time, so that it is read and checked (a content
// hash of the file) once per process, not at every reader opened.
var knownIndex sync.Map // fileStamp -> []media.IndexEntry

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
		return v.([]media.IndexEntry)
	}
	idx := loadIndex(path, media.DefaultStream)
	knownIndex.Store(k, idx)
	return idx
}
