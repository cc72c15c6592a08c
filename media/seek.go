package media

import (
	"context"
	"errors"
	"fmt"
	"io"
)

// IndexEntry identifies one decoded frame: its best-effort timestamp on a
// read from the start, a fingerprint of its decoded picture (0 in a
// packet index, which a Sequential read makes), and the byte position of
// the packet its picture came from (-1 when the demuxer gives none).
type IndexEntry struct {
	PTS  int64
	Hash uint64
	Pos  int64
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
// A packet index (from a Sequential read, stored with the analysis) has no
// fingerprints: Seek then recognises frames by their packets' positions,
// and checks every frame it decodes against the index; an index that does
// not match the file is dropped and the file indexed afresh, never
// trusted.
//
// A Seek that fails with the Reader's state lost (the file could not be
// reopened to rewind it) leaves the error sticky, as Next does.
func (r *Reader) Seek(n int) (*Frame, error) { return r.SeekContext(context.Background(), n) }

// SeekContext is Seek that gives up when ctx is done, with an error that
// matches ctx.Err(): during the indexing pass and while decoding towards
// frame n. The Reader stays usable; the next Seek starts afresh.
func (r *Reader) SeekContext(ctx context.Context, n int) (*Frame, error) {
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
		if err := r.buildIndex(ctx); err != nil {
			return nil, err
		}
	}
	f, err := r.seek(ctx, n)
	if errors.Is(err, errIndexMismatch) {
		r.SetIndex(nil)
		if err := r.buildIndex(ctx); err != nil {
			return nil, err
		}
		f, err = r.seek(ctx, n)
	}
	return f, err
}

// seek is Seek once the Reader has an index.
func (r *Reader) seek(ctx context.Context, n int) (*Frame, error) {
	if n >= len(r.index) {
		return nil, fmt.Errorf("%s: seek to frame %d: out of range (the file has %d frames)", r.path, n, len(r.index))
	}
	r.seenFull = false
	if anchor := r.anchorFor(n); anchor >= 0 {
		ok, err := r.seekToAnchor(ctx, anchor)
		if err != nil {
			return nil, r.seekErr(n, err)
		}
		if ok {
			return r.forwardTo(ctx, anchor, n)
		}
	}
	if err := r.rewind(); err != nil {
		return nil, err
	}
	ts, err := r.decodeNext()
	if err != nil {
		return nil, fmt.Errorf("%s: seek to frame %d: the file has no frames", r.path, n)
	}
	if err := r.check(0); err != nil {
		return nil, r.seekErr(n, err)
	}
	return r.forwardTo(ctx, 0, n, ts)
}

// seekErr names the file and the frame sought in err, keeping it
// matchable (context.Canceled, errIndexMismatch).
func (r *Reader) seekErr(n int, err error) error {
	return fmt.Errorf("%s: seek to frame %d: %w", r.path, n, err)
}

// check verifies, with a packet index, that the frame just decoded is
// frame i of the index: the same packet.
func (r *Reader) check(i int) error {
	if !r.ix.byPos || i >= len(r.index) || r.index[i].Pos < 0 {
		return nil
	}
	if r.curPos != r.index[i].Pos {
		return errIndexMismatch
	}
	return nil
}

// Index returns every frame's index entry once the file has been read to
// the end (or indexed by Seek), else nil. A Sequential Reader's is a
// packet index, without fingerprints.
func (r *Reader) Index() []IndexEntry { return r.index }

// SetIndex supplies the frame index from an earlier full read of the same
// file (either kind, see Index), so Seek needs no indexing pass; nil or
// empty drops the index, and so does a packet index from a demuxer that
// gives most packets no position (Seek could only count from the start:
// its own indexing pass does better).
func (r *Reader) SetIndex(idx []IndexEntry) {
	r.dropPass()
	r.index, r.where = nil, nil
	if len(idx) == 0 || !hasFingerprints(idx) && !placed(idx) {
		return
	}
	r.index = idx
	r.ix.byPos = !hasFingerprints(idx)
	if r.opt.Sequential {
		return
	}
	r.where = make(map[uint64]int, len(idx))
	for i, e := range idx {
		k, ok := r.key(e)
		if !ok {
			continue
		}
		if _, dup := r.where[k]; dup {
			r.where[k] = -1
		} else {
			r.where[k] = i
		}
	}
}

// anchorFor returns the nearest frame at or before n with a unique
// fingerprint, or -1.
func (r *Reader) anchorFor(n int) int {
	for j := n; j >= 0 && j >= n-2000; j-- {
		if k, ok := r.key(r.index[j]); ok && r.where[k] == j {
			return j
		}
	}
	return -1
}

// seekToAnchor leaves the decoder positioned just after decoding frame a.
// A seek that lands past a (a later frame comes first) or that gives no
// frame before the end (an MPEG-TS seek by timestamp lands near the end,
// after the key frame a needs) is tried again further back.
func (r *Reader) seekToAnchor(ctx context.Context, a int) (bool, error) {
	for back := 0; ; back = max(1, back*8) {
		start := max(0, a-back)
		if err := r.dec.seek(r.index[start].PTS); err != nil {
			return false, nil
		}
		r.lastPTS = noPTS
		found, over, err := r.decodeUntil(ctx, a)
		if err != nil || found {
			return found, err
		}
		if !over || start == 0 {
			return false, nil
		}
	}
}

// decodeUntil decodes until frame a is current (found), or a later known
// frame shows the seek landed past it, or the file ends first (over).
func (r *Reader) decodeUntil(ctx context.Context, a int) (found, over bool, err error) {
	for unknown := 0; unknown < 1000; {
		if err := ctx.Err(); err != nil {
			return false, false, err
		}
		if _, err := r.decodeNext(); err == io.EOF {
			return false, true, nil
		} else if err != nil {
			return false, false, err
		}
		k, kok := r.curKey()
		i, ok := r.where[k]
		switch {
		case !kok || !ok || i < 0:
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
func (r *Reader) forwardTo(ctx context.Context, cur, n int, ts ...int64) (*Frame, error) {
	t := r.lastPTS
	if len(ts) > 0 {
		t = ts[0]
	}
	for cur < n {
		if err := ctx.Err(); err != nil {
			return nil, r.seekErr(n, err)
		}
		cur++
		if cur < len(r.index) && r.index[cur].lost() {
			continue // lost to damage: the last decoded frame stands in
		}
		var err error
		if t, err = r.decodeNext(); err != nil {
			return nil, fmt.Errorf("%s: seek to frame %d: the file ended at frame %d", r.path, n, cur)
		}
		if err := r.check(cur); err != nil {
			return nil, r.seekErr(n, err)
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
	k, kok := r.curKey()
	want, wok := r.key(r.index[0])
	if err != nil || !kok || !wok || k != want {
		return 0, false, fmt.Errorf("not at frame 0")
	}
	if err := r.dec.seek(r.index[0].PTS); err != nil {
		return 0, false, err
	}
	r.lastPTS = noPTS
	return ts, true, nil
}

// buildIndex decodes the file once, without scaling, and sets every
// frame's timestamp, fingerprint and packet position in presentation
// order as the index. It stops when ctx is done and reports progress as it
// goes (SetIndexProgress). A pass stopped by ctx is kept, and the next
// call resumes it where it stopped: a viewer that cancels each request
// for a newer one still gets the file indexed.
func (r *Reader) buildIndex(ctx context.Context) error {
	p := r.ix.pass
	if p == nil {
		ir, err := OpenReader(r.path, ReaderOptions{Width: 2, Height: 2, Format: Gray8, Threads: r.opt.Threads, Stream: r.opt.Stream, SkipLoopFilter: r.opt.SkipLoopFilter})
		if err != nil {
			return err
		}
		p = &indexPass{r: ir}
		r.ix.pass = p
	}
	ir := p.r
	before := ir.ix.decoded
	defer func() { r.ix.decoded += ir.ix.decoded - before }()
	size := float64(ir.in.size)
	for {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("%s: indexing for a seek: %w", r.path, err)
		}
		prev := ir.lastPTS
		ts, err := ir.decodeNext()
		if err == io.EOF {
			break
		} else if err != nil {
			r.dropPass()
			return err
		}
		if ir.gap > 0 && len(p.idx) > 0 {
			p.idx = append(p.idx, ir.placeholders(prev, ts)...)
		}
		p.idx = append(p.idx, IndexEntry{PTS: ts, Hash: ir.curHash, Pos: ir.curPos})
		if r.ix.progress != nil && len(p.idx)%32 == 0 && ir.curPos > 0 && size > 0 {
			r.ix.progress(min(1, float64(ir.curPos)/size))
		}
	}
	if r.ix.progress != nil {
		r.ix.progress(1)
	}
	idx := p.idx
	r.dropPass()
	r.SetIndex(idx)
	return nil
}

// dropPass closes the indexing pass in progress, if any.
func (r *Reader) dropPass() {
	if r.ix.pass != nil {
		r.ix.pass.r.Close()
		r.ix.pass = nil
	}
}

// Close frees every FFmpeg object the Reader holds. It is safe to call
// more than once; Next and Seek on a closed Reader return an error.
func (r *Reader) Close() error {
	r.fail(fmt.Errorf("%s: %w", r.path, errClosed))
	r.dropPass()
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
