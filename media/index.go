package media

import "errors"

// lostPos is the packet position of a frame lost to damage in the frame
// index (its entry is a placeholder; no packet has this position).
const lostPos = -2

// indexState is what a Reader keeps about its frame index besides the
// entries: how Seek recognises frames in it, who hears of an indexing
// pass's progress, and how many frames it decoded.
type indexState struct {
	// byPos is true when the index has no picture fingerprints (a packet
	// index, from a Sequential read): Seek then recognises frames by the
	// position of their packet, and checks every frame it decodes on the
	// way against the index.
	byPos bool
	// progress hears how far an indexing pass is (see SetIndexProgress).
	progress func(done float64)
	// decoded counts the frames decoded, indexing passes included.
	decoded int
	// pass is an indexing pass a done context stopped, for the next Seek
	// to resume.
	pass *indexPass
}

// indexPass is an indexing pass under way: its own Reader (decoding
// without scaling) and the entries so far.
type indexPass struct {
	r   *Reader
	idx []IndexEntry
}

// errIndexMismatch is a supplied index that does not describe the file
// being read: Seek drops it and indexes the file itself.
var errIndexMismatch = errors.New("the frame index does not match the file")

// lost reports whether e is a placeholder for a frame lost to damage.
func (e IndexEntry) lost() bool { return e.Pos == lostPos }

// hasFingerprints reports whether idx holds picture fingerprints (a full
// read or an indexing pass), not only packet positions.
func hasFingerprints(idx []IndexEntry) bool {
	for _, e := range idx {
		if e.Hash != missingHash {
			return true
		}
	}
	return false
}

// placed reports whether most frames of idx have a packet position.
func placed(idx []IndexEntry) bool {
	n := 0
	for _, e := range idx {
		if e.Pos >= 0 {
			n++
		}
	}
	return 2*n > len(idx)
}

// key is how Seek recognises the frame of entry e: its fingerprint, or
// its packet position in a packet index; false when it has none.
func (r *Reader) key(e IndexEntry) (uint64, bool) {
	if r.ix.byPos {
		return uint64(e.Pos), e.Pos >= 0
	}
	return e.Hash, e.Hash != missingHash
}

// curKey is key for the frame just decoded.
func (r *Reader) curKey() (uint64, bool) {
	return r.key(IndexEntry{Hash: r.curHash, Pos: r.curPos})
}

// SetIndexProgress sets f to hear how far the indexing pass a Seek may
// start has got, as a fraction from 0 to 1 (of the file's bytes), from
// the goroutine calling Seek; nil stops it.
func (r *Reader) SetIndexProgress(f func(done float64)) { r.ix.progress = f }

// Decoded is how many frames the Reader has decoded so far, those of
// indexing passes included: what a seek cost.
func (r *Reader) Decoded() int { return r.ix.decoded }
