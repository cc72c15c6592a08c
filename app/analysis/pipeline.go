package analysis

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"

	"rushcut/media"
	"rushcut/vision"
)

// chunkLen is how many consecutive frames one worker job holds: long
// enough that priming a worker with the frame before the chunk costs
// little (one frame's motion inputs in eight), short enough to keep both
// cores busy and memory small (16 held 7 MiB more frame buffers at peak).
const chunkLen = 8

// chunk is a run of consecutive frames for one worker.
type chunk struct {
	start  int      // index of frames[0]
	prev   []byte   // the frame before start (nil for the first chunk)
	frames [][]byte // packed BGR24 pixels
}

// result is a worker's output for one chunk. When the ViT runs, the
// chunk comes back with it, its frames not yet released, for the ordered
// embedding stage.
type result struct {
	start int
	feats []vision.Features
	c     *chunk
	err   error
}

// decodeAndExtract runs the pipeline: decode → feature workers → ordered
// merge. Buffers circulate through a bounded free list. With keep, the
// Analysis holds every frame's features (and embeddings); without, they
// go through a vision.StreamDetector as they come and are dropped, so
// memory stays flat however long the file is.
func decodeAndExtract(ctx context.Context, path string, opt Options, cascade string, keep bool) (*Analysis, error) {
	total := 0
	var rate media.Rational // the probe's nominal rate (right for VFR)
	if info, err := media.ProbeStream(path, opt.Stream); err == nil && info.Video != nil {
		total = int(info.Video.Frames)
		rate = info.Video.FrameRate
	}
	ro := readerOptions(opt)
	ro.NoIndex = !keep
	r, err := media.OpenReader(path, ro)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	w, h := r.Size()
	if !rate.Valid() {
		rate = r.FrameRate()
	}
	a := &Analysis{Path: path, FPS: rate, Width: w, Height: h}
	// The per-frame lists are reserved from the probe's count: grown by
	// append they would hold up to twice their length, and on a long file
	// (304 B of features a frame) that slack set the peak.
	n := reserve(total)
	var det *vision.StreamDetector
	if keep {
		a.Features = make([]vision.Features, 0, n)
	} else {
		det = vision.NewStreamDetector()
	}
	nw := workers(opt)
	if nw > 1 {
		// The workers are the parallelism; OpenCV's inner threads would
		// only fight them and the decoder for the same cores. Only for
		// this analysis: the process's setting comes back after it.
		defer vision.LimitOpenCVThreads(1)()
	}
	eo := extractorOptions(w, h, rate, cascade)
	// Open the extractors up front so a bad cascade fails before decoding.
	exs := make([]*vision.Extractor, nw)
	for i := range exs {
		if exs[i], err = vision.NewExtractor(eo); err != nil {
			for _, e := range exs[:i] {
				e.Close()
			}
			return nil, err
		}
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	frameBytes := w * h * 3
	held := 0 // chunks the embedding stage holds beyond the workers'
	if opt.Embedder != nil {
		held = 2
	}
	// The pool's capacity bounds the frames in flight; decode makes the
	// buffers as it first needs them, which is usually far fewer.
	free := make(chan []byte, (2*nw+2+held)*(chunkLen+1))
	jobs := make(chan *chunk, nw)
	results := make(chan result, nw)
	var wg sync.WaitGroup
	for _, e := range exs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer e.Close()
			work(ctx, e, jobs, results, free, opt.Embedder != nil)
		}()
	}
	// The first error wins, as in an errgroup: it is recorded before the
	// context is cancelled, so the other stages' "context canceled" that
	// follows never hides it.
	var first firstError
	fail := func(err error) {
		if first.set(err) {
			cancel()
		}
	}
	decDone := make(chan struct{})
	times := make([]float64, 0, n) // the decoder's; read only after decDone
	go func() {
		defer close(decDone)
		if err := decode(ctx, r, jobs, &pool{free: free, size: frameBytes}, &times); err != nil {
			fail(err)
		}
		close(jobs)
	}()
	go func() {
		wg.Wait()
		close(results)
	}()
	var stage *embedStage
	if opt.Embedder != nil {
		stage = newEmbedStage(opt.Embedder, opt.EmbedStride, w, h, free)
	}
	pending := map[int]result{}
	got := 0 // frames merged
	// lag holds the features merged last while the ViT runs: a chunk's
	// frames may still be embedded with the next chunk's (the frames
	// before a change), and the detector wants a frame's vector before
	// its features.
	var lag []vision.Features
	toDetector := func(upTo int, feats []vision.Features) {
		if stage != nil {
			stage.drain(upTo, det.Embed)
		}
		det.Add(feats)
	}
	for res := range results {
		if res.err != nil {
			fail(res.err)
		}
		if first.get() != nil {
			releaseChunk(res.c, free)
			continue
		}
		pending[res.start] = res
		for {
			r, ok := pending[got]
			if !ok {
				break
			}
			delete(pending, got)
			if stage != nil && first.get() == nil {
				if err := stage.add(r.c, r.feats); err != nil {
					fail(fmt.Errorf("%s: %w", path, err))
				}
			} else {
				releaseChunk(r.c, free)
			}
			got += len(r.feats)
			switch {
			case keep:
				a.Features = append(a.Features, r.feats...)
			case stage != nil:
				toDetector(r.start, lag)
				lag = r.feats
			default:
				det.Add(r.feats)
			}
		}
		if opt.Progress != nil {
			opt.Progress(got, max(total, got))
		}
	}
	for _, r := range pending {
		releaseChunk(r.c, free)
	}
	if stage != nil {
		e := stage.finish()
		if keep {
			a.Embeddings = e
		} else if first.get() == nil {
			toDetector(got, lag)
		}
		a.Model = opt.Embedder.Manifest().Name + " " + opt.Embedder.Manifest().Version
	}
	<-decDone
	a.Times = times
	if err := first.get(); err != nil {
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			// Only the caller's cancellation gets here first.
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		// Cancelled after the decoder finished: the workers may have
		// dropped chunks.
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if got == 0 {
		return nil, &media.InputError{Path: path, Reason: errNoFrames.Error(), Err: errNoFrames}
	}
	if keep {
		vision.Finish(a.Features)
		a.seek = &storedIndex{stream: opt.Stream, entries: r.Index()}
	} else {
		// The shake measure (Finish) is not the detector's: it has no
		// features to complete.
		res := det.Result()
		a.detected = &res
		a.streamed = got
	}
	a.Skipped = r.Skipped()
	a.Start = r.StartTime()
	if re := r.ReadError(); re != nil {
		a.ReadError = re.Error()
	}
	return a, nil
}

// readerOptions is how the analysis decodes: at vision.AnalysisWidth,
// BGR24, without the H.264/HEVC in-loop deblocking filter (a fifth or so
// less decoding work at 1080p; at 256 px wide the pictures hardly differ,
// and the accuracy sets score the same), front to back without the frame
// fingerprints only seeking needs. settingsKey names the decode.
func readerOptions(opt Options) media.ReaderOptions {
	return media.ReaderOptions{Width: vision.AnalysisWidth, Format: media.BGR24, Stream: opt.Stream, SkipLoopFilter: true, Sequential: true, Threads: decoderThreads(workers(opt))}
}

// decoderThreads is how many threads the decoder gets when nw feature
// workers run: one per core. Half the cores (one on 2) saved about 9 MiB
// at 1080p, but on an idle 2-core machine the analysis then took 10-15%
// longer than the whole (BenchmarkCutsCLI: 1080p 0.73x against 0.81x of
// ffmpeg's decode, 720p 0.61x against 0.70x), the decode and scale on one
// thread being the longest path; the user waits for the wall clock.
// FFmpeg's own choice would be cores+1.
func decoderThreads(nw int) int { return max(1, nw) }

// decodeRule names how readerOptions decodes, for the cache key: change
// it with readerOptions.
const decodeRule = "noloop"

// firstError keeps the first error set, for goroutines that fail at once.
type firstError struct {
	mu  sync.Mutex
	err error
}

// set records err if no error was recorded yet, and reports whether it did.
func (f *firstError) set(err error) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil || err == nil {
		return false
	}
	f.err = err
	return true
}

func (f *firstError) get() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.err
}

// maxReserve bounds what reserve trusts of a probe's frame count: four
// hours at 60 fps. A damaged header may claim any count; beyond this the
// lists grow by append as they would without a count.
const maxReserve = 4 * 3600 * 60

// reserve is the capacity to give the per-frame lists of a file the probe
// counted total frames in: the count and a margin for what the count
// missed (a damaged index), never more than maxReserve.
func reserve(total int) int {
	if total <= 0 {
		return 0
	}
	return min(total+total/50+chunkLen, maxReserve)
}

// decode reads every frame into chunks for the workers, appending each
// frame's time (seconds from the first frame) to times. Frames the reader
// lost to damage (a jump in Frame.Index) are filled with copies of the
// frame before them, so that feature n stays frame n of the source.
func decode(ctx context.Context, r *media.Reader, jobs chan<- *chunk, free *pool, times *[]float64) error {
	var last []byte       // copy of the previous chunk's last frame
	var held *media.Frame // a frame read after a gap, waiting for its fill
	next := 0
	for {
		c := &chunk{start: next}
		if last != nil {
			c.prev = last
		}
		for len(c.frames) < chunkLen {
			if held != nil && held.Index == next {
				c.frames = append(c.frames, held.Data)
				*times = append(*times, held.TimeS)
				held = nil
				next++
				continue
			}
			buf, err := free.take(ctx)
			if err != nil {
				if held != nil {
					free.free <- held.Data
				}
				return err
			}
			if held != nil { // fill one lost frame
				before := c.prev
				if len(c.frames) > 0 {
					before = c.frames[len(c.frames)-1]
				}
				copy(buf, before)
				t0 := (*times)[len(*times)-1]
				*times = append(*times, t0+(held.TimeS-t0)/float64(held.Index-next+1))
				c.frames = append(c.frames, buf)
				next++
				continue
			}
			f, err := r.NextInto(buf)
			if errors.Is(err, io.EOF) {
				free.free <- buf
				break
			}
			if err != nil {
				free.free <- buf
				return err
			}
			if f.Index > next && next > 0 {
				held = f
				continue
			}
			c.frames = append(c.frames, f.Data)
			*times = append(*times, f.TimeS)
			next++
		}
		if len(c.frames) == 0 {
			if c.prev != nil {
				free.free <- c.prev
			}
			return nil
		}
		cp, err := free.take(ctx)
		if err != nil {
			return err
		}
		copy(cp, c.frames[len(c.frames)-1])
		last = cp
		short := len(c.frames) < chunkLen // c belongs to a worker once sent
		select {
		case jobs <- c:
		case <-ctx.Done():
			return ctx.Err()
		}
		if short {
			free.free <- last
			return nil
		}
	}
}

// pool hands out frame buffers of size bytes: one given back to free if
// there is one, else a new one while fewer than cap(free) exist, else the
// next one given back. Only decode takes, so every buffer fits in free.
type pool struct {
	free chan []byte
	size int
	made int
}

// take returns a buffer, or ctx's error while waiting for one.
func (p *pool) take(ctx context.Context) ([]byte, error) {
	select {
	case b := <-p.free:
		return b, nil
	default:
	}
	if p.made < cap(p.free) {
		p.made++
		return make([]byte, p.size), nil
	}
	select {
	case b := <-p.free:
		return b, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// work extracts the features of each chunk it receives. With keep, the
// chunk's frames go back with the result instead of to the pool.
func work(ctx context.Context, e *vision.Extractor, jobs <-chan *chunk, results chan<- result, free chan<- []byte, keep bool) {
	for c := range jobs {
		res := result{start: c.start}
		if ctx.Err() == nil {
			res = extractChunk(e, c)
		}
		if c.prev != nil {
			free <- c.prev
			c.prev = nil
		}
		if !keep || ctx.Err() != nil {
			releaseChunk(c, free)
		} else {
			res.c = c
		}
		if ctx.Err() != nil {
			continue
		}
		results <- res
	}
}

// releaseChunk hands a chunk's frame buffers back to the pool (nil: none).
func releaseChunk(c *chunk, free chan<- []byte) {
	if c == nil {
		return
	}
	for _, b := range c.frames {
		free <- b
	}
	c.frames = nil
}

func extractChunk(e *vision.Extractor, c *chunk) result {
	res := result{start: c.start, feats: make([]vision.Features, 0, len(c.frames))}
	if c.prev != nil {
		if err := e.Prime(c.prev, c.start-1); err != nil {
			res.err = fmt.Errorf("frame %d: %w", c.start-1, err)
			return res
		}
	}
	for i, b := range c.frames {
		f, err := e.Add(b, c.start+i)
		if err != nil {
			res.err = fmt.Errorf("frame %d: %w", c.start+i, err)
			return res
		}
		res.feats = append(res.feats, f)
	}
	return res
}
