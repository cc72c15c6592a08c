package vision

import "sort"

// Window sizes of a StreamDetector, in frames.
const (
	// streamStep is how many frames each window settles: 8192 (5 min 28 s
	// at 25 fps) keeps a window's features near 3 MB, and the margins
	// detected twice an eighth more work than the whole file's.
	streamStep = 8192
	// streamMargin is the context a window sees on each side of the frames
	// it settles. It must exceed the detector's reach: a gradual
	// transition's ends lie up to maxHalf (125) frames from its centre,
	// the centre's candidacy looks up to 40 frames (candScales) further,
	// and the cuts that bound it come from steps and baselines a few
	// frames around; 512 is twice that, so that each frame's result is
	// the one DetectWith gives on the whole file (TestStreamMatchesWhole).
	streamMargin = 512
)

// StreamDetector runs the detector over a file's features as they
// arrive, in overlapping windows, and holds one window's features and
// embeddings at most: its memory stays flat however long the file. Each
// window settles the frames of its middle, seen with streamMargin frames
// of context on both sides, so the result is DetectWith's on the whole
// sequence. Not safe for concurrent use.
type StreamDetector struct {
	step, margin int
	// buf holds the features of frames base, base+1, ...
	buf  []Features
	base int
	// sem holds the vectors of embedded frames from base on (absolute
	// frame numbers); nil when no embeddings are given.
	sem *Embeddings
	// done is the number of frames settled (every frame before it).
	done int
	res  Result
}

// NewStreamDetector returns a detector for one file's features.
func NewStreamDetector() *StreamDetector {
	return newStreamDetector(streamStep, streamMargin)
}

func newStreamDetector(step, margin int) *StreamDetector {
	return &StreamDetector{step: step, margin: margin}
}

// Embed adds frame i's embedding vector (see Embeddings.Add). Frames come
// in increasing order, and a frame's vector must be added before the
// features that complete its window: the embeddings of every frame
// before the last Add's end.
func (d *StreamDetector) Embed(i int, v []float32) {
	if d.sem == nil {
		d.sem = &Embeddings{}
	}
	d.sem.Add(i, v)
}

// Add appends the features of the next frames, in order, and settles
// every window they complete.
func (d *StreamDetector) Add(fs []Features) {
	for i := range fs {
		f := &fs[i]
		n := d.base + len(d.buf)
		if isBlack(f) {
			if k := len(d.res.Black); k > 0 && d.res.Black[k-1][1] == n-1 {
				d.res.Black[k-1][1] = n
			} else {
				d.res.Black = append(d.res.Black, [2]int{n, n})
			}
		}
		d.buf = append(d.buf, *f)
		if d.base+len(d.buf) >= d.done+d.step+d.margin {
			d.settle(d.done + d.step)
		}
	}
}

// settle runs the window that settles frames done..end-1 and keeps its
// results for them.
func (d *StreamDetector) settle(end int) {
	lo := max(0, d.done-d.margin)
	hi := d.base + len(d.buf)
	r := DetectWith(d.buf[lo-d.base:hi-d.base], d.window(lo, hi))
	for _, t := range r.Transitions {
		t.Frame += lo
		t.Start += lo
		t.End += lo
		if t.Start < d.done || t.Start >= end || d.overlapsKept(t) {
			continue
		}
		d.res.Transitions = append(d.res.Transitions, t)
	}
	for _, f := range r.Flashes {
		if f += lo; f >= d.done && f < end {
			d.res.Flashes = append(d.res.Flashes, f)
		}
	}
	d.done = end
	d.drop(max(0, d.done-d.margin))
}

// overlapsKept reports whether gradual transition t overlaps a gradual
// one already kept (by findGradual's test): two windows that settled the frames on either side
// of their border would have seen the same one. It never happens when
// the margin exceeds the detector's reach; the test keeps the result
// free of overlaps if it ever did.
func (d *StreamDetector) overlapsKept(t Transition) bool {
	if t.Kind == Cut {
		return false
	}
	for k := len(d.res.Transitions) - 1; k >= 0; k-- {
		p := d.res.Transitions[k]
		if p.End < t.Start-2*d.margin {
			break
		}
		if p.Kind != Cut && t.Start < p.End && t.End > p.Start {
			return true
		}
	}
	return false
}

// window returns the embeddings of frames lo..hi-1, numbered from lo.
func (d *StreamDetector) window(lo, hi int) *Embeddings {
	if d.sem == nil {
		return nil
	}
	e := d.sem
	a := sort.Search(len(e.Frames), func(k int) bool { return int(e.Frames[k]) >= lo })
	b := sort.Search(len(e.Frames), func(k int) bool { return int(e.Frames[k]) >= hi })
	w := &Embeddings{Dim: e.Dim, Frames: make([]int32, b-a), Vecs: e.Vecs[a*e.Dim : b*e.Dim]}
	for k := range w.Frames {
		w.Frames[k] = e.Frames[a+k] - int32(lo)
	}
	return w
}

// drop forgets the features and embeddings of the frames before from,
// moving the rest to the front of their buffers.
func (d *StreamDetector) drop(from int) {
	if k := from - d.base; k > 0 {
		d.buf = d.buf[:copy(d.buf, d.buf[k:])]
		d.base = from
	}
	if e := d.sem; e != nil {
		k := sort.Search(len(e.Frames), func(k int) bool { return int(e.Frames[k]) >= from })
		e.Frames = e.Frames[:copy(e.Frames, e.Frames[k:])]
		e.Vecs = e.Vecs[:copy(e.Vecs, e.Vecs[k*e.Dim:])]
	}
}

// Held is the number of frames whose features the detector holds now.
func (d *StreamDetector) Held() int { return len(d.buf) }

// Result settles the frames still open and returns the result for the
// whole sequence. Call it once, after the last Add.
func (d *StreamDetector) Result() Result {
	n := d.base + len(d.buf)
	if d.done < n {
		d.settle(n)
	}
	res := d.res
	res.Frames = n
	sortTransitions(res.Transitions)
	black := make([]bool, n)
	for _, r := range res.Black {
		for i := r[0]; i <= r[1]; i++ {
			black[i] = true
		}
	}
	res.Shots = shots(n, res.Transitions, black)
	return res
}
