package project

import (
	"container/list"
	"context"
	"image"
	"sync"

	"rushcut/media"
)

// Frames serves decoded pictures to viewers, fast enough to scrub and
// step. It keeps a few readers open (one per file and width, so a step
// forward is one decode, not a seek), seeks with the index an analysis
// stored for the file when there is one (else builds it once per
// session), remembers each file's index for readers opened later, and
// caches recent pictures up to a byte budget. A request whose context is
// done before its decode starts is dropped, and one whose context ends
// during a seek (the indexing pass of a long file) stops there. Safe for
// concurrent use.
type Frames struct {
	maxReaders int
	maxBytes   int

	mu      sync.Mutex
	readers map[readerKey]*pooled
	order   *list.List // of readerKey, most recently used first
	index   map[string][]media.IndexEntry
	cache   map[frameKey]*list.Element
	recent  *list.List // of *cached, most recently used first
	bytes   int
	stats   FrameStats
}

// FrameStats counts what the server did (for tests and the status line).
type FrameStats struct {
	// Opened is the readers opened; Indexed the files indexed (a decode
	// pass of the whole file, once per file); Stored the files sought with
	// the index their analysis stored; Seeks the seeks; Steps the frames
	// decoded sequentially; Hits the pictures served from the cache.
	Opened, Indexed, Stored, Seeks, Steps, Hits int
}

type readerKey struct {
	path  string
	width int
}

type frameKey struct {
	path     string
	n, width int
}

type cached struct {
	key frameKey
	img *image.RGBA
}

// pooled is an open reader; mu serialises its use, next is the frame its
// Next returns (-1 before the first read).
type pooled struct {
	mu     sync.Mutex
	r      *media.Reader
	next   int
	closed bool
}

// stepLimit is how far ahead a request may be and still be decoded
// sequentially rather than sought: a short run of decodes beats a seek,
// which restarts at a key frame.
const stepLimit = 12

// NewFrames returns a server keeping at most maxReaders readers open and
// maxBytes of cached pictures.
func NewFrames(maxReaders, maxBytes int) *Frames {
	return &Frames{
		maxReaders: max(maxReaders, 1), maxBytes: maxBytes,
		readers: map[readerKey]*pooled{}, order: list.New(),
		index: map[string][]media.IndexEntry{},
		cache: map[frameKey]*list.Element{}, recent: list.New(),
	}
}

// Stats returns the counts so far.
func (s *Frames) Stats() FrameStats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stats
}

// Frame returns frame n (0-based, presentation order) of the media file at
// path, about width pixels wide. The picture is shared: do not change it.
func (s *Frames) Frame(ctx context.Context, path string, n, width int) (image.Image, error) {
	k := frameKey{path, n, width}
	s.mu.Lock()
	if e, ok := s.cache[k]; ok {
		s.recent.MoveToFront(e)
		s.stats.Hits++
		s.mu.Unlock()
		return e.Value.(*cached).img, nil
	}
	s.mu.Unlock()
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		p, err := s.reader(path, width)
		if err != nil {
			return nil, err
		}
		p.mu.Lock()
		if p.closed { // evicted while this request waited: open afresh
			p.mu.Unlock()
			continue
		}
		img, err := s.serve(ctx, p, k)
		p.mu.Unlock()
		return img, err
	}
}

// serve decodes k on reader p, unless ctx went stale while the request
// waited for it. The caller holds p.mu.
func (s *Frames) serve(ctx context.Context, p *pooled, k frameKey) (image.Image, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	f, err := s.decode(ctx, p, k.path, k.n)
	if err != nil {
		p.next = -1
		return nil, err
	}
	img := &image.RGBA{Pix: f.Data, Stride: f.Stride, Rect: image.Rect(0, 0, f.Width, f.Height)}
	s.put(k, img)
	return img, nil
}

// decode brings reader p to frame n: by stepping when n is just ahead,
// else by seeking, until ctx is done. The caller holds p.mu.
func (s *Frames) decode(ctx context.Context, p *pooled, path string, n int) (*media.Frame, error) {
	if p.next >= 0 && n >= p.next && n-p.next < stepLimit {
		for {
			f, err := p.r.Next()
			if err != nil {
				return nil, err
			}
			s.count(func(st *FrameStats) { st.Steps++ })
			p.next = f.Index + 1
			if f.Index >= n {
				return f, nil
			}
		}
	}
	indexed, stored := p.r.Index() != nil, false
	if !indexed {
		if idx := storedIndex(path); idx != nil {
			p.r.SetIndex(idx)
			indexed, stored = true, true
		}
	}
	f, err := p.r.SeekContext(ctx, n)
	if err != nil {
		return nil, err
	}
	s.count(func(st *FrameStats) {
		st.Seeks++
		if stored {
			st.Stored++
		}
		if !indexed {
			st.Indexed++
		}
	})
	p.next = n + 1
	s.mu.Lock()
	if _, ok := s.index[path]; !ok {
		s.index[path] = p.r.Index()
	}
	s.mu.Unlock()
	return f, nil
}

func (s *Frames) count(f func(*FrameStats)) {
	s.mu.Lock()
	f(&s.stats)
	s.mu.Unlock()
}

// reader returns the pooled reader of path at width, opening one (with
// the file's known index) when there is none and closing the least
// recently used beyond the limit.
func (s *Frames) reader(path string, width int) (*pooled, error) {
	k := readerKey{path, width}
	s.mu.Lock()
	if p, ok := s.readers[k]; ok {
		s.touch(k)
		s.mu.Unlock()
		return p, nil
	}
	idx := s.index[path]
	s.mu.Unlock()
	r, err := media.OpenReader(path, media.ReaderOptions{Width: width, Format: media.RGBA})
	if err != nil {
		return nil, err
	}
	if idx != nil {
		r.SetIndex(idx)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stats.Opened++
	if p, ok := s.readers[k]; ok { // another request opened one meanwhile
		r.Close()
		s.touch(k)
		return p, nil
	}
	p := &pooled{r: r, next: -1}
	s.readers[k] = p
	s.order.PushFront(k)
	for s.order.Len() > s.maxReaders {
		old := s.order.Remove(s.order.Back()).(readerKey)
		s.closeLater(s.readers[old])
		delete(s.readers, old)
	}
	return p, nil
}

// touch marks reader k as just used. The caller holds s.mu.
func (s *Frames) touch(k readerKey) {
	for e := s.order.Front(); e != nil; e = e.Next() {
		if e.Value.(readerKey) == k {
			s.order.MoveToFront(e)
			return
		}
	}
}

// closeLater closes p once no request uses it.
func (s *Frames) closeLater(p *pooled) {
	go func() {
		p.mu.Lock()
		defer p.mu.Unlock()
		if !p.closed {
			p.closed = true
			p.r.Close()
		}
	}()
}

// put caches img under k, evicting the least recently used pictures
// beyond the byte budget.
func (s *Frames) put(k frameKey, img *image.RGBA) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.cache[k]; ok {
		return
	}
	s.cache[k] = s.recent.PushFront(&cached{k, img})
	s.bytes += len(img.Pix)
	for s.bytes > s.maxBytes && s.recent.Len() > 1 {
		c := s.recent.Remove(s.recent.Back()).(*cached)
		delete(s.cache, c.key)
		s.bytes -= len(c.img.Pix)
	}
}

// Close closes every reader (waiting for requests in flight) and empties
// the cache.
func (s *Frames) Close() {
	s.mu.Lock()
	ps := make([]*pooled, 0, len(s.readers))
	for _, p := range s.readers {
		ps = append(ps, p)
	}
	s.readers, s.order = map[readerKey]*pooled{}, list.New()
	s.cache, s.recent, s.bytes = map[frameKey]*list.Element{}, list.New(), 0
	s.mu.Unlock()
	for _, p := range ps {
		p.mu.Lock()
		if !p.closed {
			p.closed = true
			p.r.Close()
		}
		p.mu.Unlock()
	}
}
