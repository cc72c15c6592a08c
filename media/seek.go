package media

import (
	"fmt"
	"io"
)

// IndexEntry identifies one decoded frame: its best-effort timestamp and a
// fingerprint of its decoded picture.
type IndexEntry struct {
	PTS  int64
	Hash uint64
}

// Seek returns frame n (0-based, presentation order): exactly the frame
// Next yields at index n on a sequential read. After Seek, Next continues
// with frame n+1.
//
// Timestamps alone cannot find a frame in every file: packed B-frames (AVI
// XviD) and open GOPs make a decoder stamp frames differently after a seek.
// So Seek identifies frames by a fingerprint of their decoded pictures. It
// needs the index of every frame's timestamp and fingerprint: a Reader read
// to the end has it; otherwise the first Seek builds it with one decode pass
// (no scaling), and SetIndex supplies one saved earlier. Seek then picks
// the nearest frame at or before n whose picture is unique (an anchor),
// seeks to a key frame before it, decodes until the anchor appears (seeking
// further back if it overshot) and counts forward to n. Without any unique
// anchor it decodes from the start and counts: always right, only slower.
//
// A Seek that fails with the Reader's state lost (the file could not be
// reopened to rewind it) leaves the error sticky, as Next does.
func (r *Reader) Seek(n int) (*Frame, error) {
	if r.err != nil {
		return nil, r.err
	}
	if n < 0 {
		return nil, fmt.Errorf("%s: seek to frame %d: negative frame number", r.path, n)
	}
	if r.opt.Sequential {
		return nil, fmt.Errorf("%s: seek to frame %d: the reader was opened for sequential reading", r.path, n)
	}
	if r.index == nil {
		idx, err := buildIndex(r.path, r.opt)
		if err != nil {
			return nil, err
		}
		r.SetIndex(idx)
	}
	if n >= len(r.index) {
		return nil, fmt.Errorf("%s: seek to frame %d: out of range (the file has %d frames)", r.path, n, len(r.index))
	}
	r.seenFull = false
	if anchor := r.anchorFor(n); anchor >= 0 {
		ok, err := r.seekToAnchor(anchor)
		if err != nil {
			return nil, err
		}
		if ok {
			return r.forwardTo(anchor, n)
		}
	}
	if err := r.rewind(); err != nil {
		return nil, err
	}
	ts, err := r.decodeNext()
	if err != nil {
		return nil, fmt.Errorf("%s: seek to frame %d: the file has no frames", r.path, n)
	}
	return r.forwardTo(0, n, ts)
}

// Index returns every frame's timestamp and fingerprint once the file has
// been read to the end (or indexed by Seek), else nil.
func (r *Reader) Index() []IndexEntry { return r.index }

// SetIndex supplies the frame index from an earlier full read, so Seek
// needs no indexing pass.
func (r *Reader) SetIndex(idx []IndexEntry) {
	r.index = idx
	r.where = make(map[uint64]int, len(idx))
	for i, e := range idx {
		if e.Hash == missingHash {
			continue
		}
		if _, dup := r.where[e.Hash]; dup {
			r.where[e.Hash] = -1
		} else {
			r.where[e.Hash] = i
		}
	}
}

// anchorFor returns the nearest frame at or before n with a unique
// fingerprint, or -1.
func (r *Reader) anchorFor(n int) int {
	for j := n; j >= 0 && j >= n-2000; j-- {
		if r.where[r.index[j].Hash] == j {
			return j
		}
	}
	return -1
}

// seekToAnchor leaves the decoder positioned just after decoding frame a.
func (r *Reader) seekToAnchor(a int) (bool, error) {
	for back := 0; ; back = max(1, back*8) {
		start := max(0, a-back)
		if err := r.dec.seek(r.index[start].PTS); err != nil {
			return false, nil
		}
		r.lastPTS = noPTS
		found, over, err := r.decodeUntil(a)
		if err != nil || found {
			return found, err
		}
		if !over || start == 0 {
			return false, nil
		}
	}
}

// decodeUntil decodes until frame a is current (found), or a later known
// frame shows the seek landed past it (over).
func (r *Reader) decodeUntil(a int) (found, over bool, err error) {
	for unknown := 0; unknown < 1000; {
		if _, err := r.decodeNext(); err == io.EOF {
			return false, false, nil
		} else if err != nil {
			return false, false, err
		}
		i, ok := r.where[r.curHash]
		switch {
		case !ok || i < 0:
			unknown++
		case i == a:
			return true, false, nil
		case i > a:
			return false, true, nil
		}
	}
	return false, false, nil
}

// forwardTo decodes from the current frame cur (already decoded, with
// timestamp ts when given) to frame n and returns it scaled.
func (r *Reader) forwardTo(cur, n int, ts ...int64) (*Frame, error) {
	t := r.lastPTS
	if len(ts) > 0 {
		t = ts[0]
	}
	for cur < n {
		cur++
		if cur < len(r.index) && r.index[cur].Hash == missingHash {
			continue // lost to damage: the last decoded frame stands in
		}
		var err error
		if t, err = r.decodeNext(); err != nil {
			return nil, fmt.Errorf("%s: seek to frame %d: the file ended at frame %d", r.path, n, cur)
		}
	}
	// A decoder may stamp frames differently after a seek (packed
	// B-frames): the sequential read's timestamp is the frame's own.
	if n < len(r.index) {
		t = r.index[n].PTS
	}
	r.next = n
	f, err := r.convert(t, nil)
	if err != nil {
		return nil, err
	}
	r.next = n + 1
	return f, nil
}

// rewind goes back to the first frame, reopening the file if the demuxer
// cannot seek. A failed reopen is the Reader's sticky error: the decoder
// it had is closed, so nothing may use it again.
func (r *Reader) rewind() error {
	r.lastPTS = noPTS
	if err := r.dec.seek(r.index[0].PTS); err == nil {
		if _, _, err := r.probeFirst(); err == nil {
			return nil
		}
	}
	r.dec.close()
	r.in.close()
	in, err := openStream(r.path, r.opt.Stream)
	if err != nil {
		return r.fail(err)
	}
	if in.video == nil {
		in.close()
		return r.fail(badInput(r.path, "no video stream after reopening", ErrNoVideo))
	}
	dec, err := newDecoder(in, in.video, r.opt.Threads, r.opt.SkipLoopFilter)
	if err != nil {
		in.close()
		return r.fail(err)
	}
	r.in, r.dec = in, dec
	return nil
}

// probeFirst checks that after a seek to the start the first decoded
// frame is frame 0, then seeks back again so decoding restarts there.
func (r *Reader) probeFirst() (int64, bool, error) {
	ts, err := r.decodeNext()
	if err != nil || r.curHash != r.index[0].Hash {
		return 0, false, fmt.Errorf("not at frame 0")
	}
	if err := r.dec.seek(r.index[0].PTS); err != nil {
		return 0, false, err
	}
	r.lastPTS = noPTS
	return ts, true, nil
}

// buildIndex decodes path once, without scaling, and returns every
// frame's timestamp and fingerprint in presentation order.
func buildIndex(path string, opt ReaderOptions) ([]IndexEntry, error) {
	r, err := OpenReader(path, ReaderOptions{Width: 2, Height: 2, Format: Gray8, Threads: opt.Threads, Stream: opt.Stream, SkipLoopFilter: opt.SkipLoopFilter})
	if err != nil {
		return nil, err
	}
	defer r.Close()
	var idx []IndexEntry
	for {
		prev := r.lastPTS
		ts, err := r.decodeNext()
		if err == io.EOF {
			return idx, nil
		} else if err != nil {
			return nil, err
		}
		if r.gap > 0 && len(idx) > 0 {
			idx = append(idx, r.placeholders(prev, ts)...)
		}
		idx = append(idx, IndexEntry{ts, r.curHash})
	}
}

// Close frees every FFmpeg object the Reader holds. It is safe to call
// more than once; Next and Seek on a closed Reader return an error.
func (r *Reader) Close() error {
	r.fail(fmt.Errorf("%s: %w", r.path, errClosed))
	if r.g != nil {
		r.g.free()
		r.g = nil
	}
	if r.raw != nil {
		r.raw.Free()
		r.raw = nil
	}
	if r.out != nil {
		r.out.Free()
		r.out = nil
	}
	if r.dec != nil {
		r.dec.close()
		r.dec = nil
	}
	if r.in != nil {
		r.in.close()
		r.in = nil
	}
	return nil
}
