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
// little, short enough to keep both cores busy and memory small.
const chunkLen = 16

var cvThreadsOnce sync.Once

// chunk is a run of consecutive frames for one worker.
type chunk struct {
	start  int      // index of frames[0]
	prev   []byte   // the frame before start (nil for the first chunk)
	frames [][]byte // packed BGR24 pixels
}

// result is a worker's output for one chunk.
type result struct {
	start int
	feats []vision.Features
	err   error
}

// decodeAndExtract runs the pipeline: decode → feature workers → ordered
// merge. Buffers circulate through a bounded free list, so memory stays
// flat however long the file is.
func decodeAndExtract(ctx context.Context, path string, opt Options) (*Analysis, error) {
	total := 0
	if info, err := media.Probe(path); err == nil && info.Video != nil {
		total = int(info.Video.Frames)
	}
	r, err := media.OpenReader(path, media.ReaderOptions{Width: vision.AnalysisWidth, Format: media.BGR24})
	if err != nil {
		return nil, err
	}
	defer r.Close()
	w, h := r.Size()
	a := &Analysis{Path: path, FPS: r.FrameRate(), Width: w, Height: h}
	nw := workers(opt)
	if nw > 1 {
		// The workers are the parallelism; OpenCV's inner threads would
		// only fight them and the decoder for the same cores.
		cvThreadsOnce.Do(func() { vision.SetOpenCVThreads(1) })
	}
	eo := extractorOptions(w, h, r.FrameRate(), opt)
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
	free := make(chan []byte, (2*nw+2)*(chunkLen+1))
	for range cap(free) {
		free <- make([]byte, frameBytes)
	}
	jobs := make(chan *chunk, nw)
	results := make(chan result, nw)
	var wg sync.WaitGroup
	for _, e := range exs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer e.Close()
			work(ctx, e, jobs, results, free)
		}()
	}
	decErr := make(chan error, 1)
	go func() {
		decErr <- decode(ctx, r, jobs, free)
		close(jobs)
	}()
	go func() {
		wg.Wait()
		close(results)
	}()
	var firstErr error
	pending := map[int][]vision.Features{}
	for res := range results {
		if res.err != nil && firstErr == nil {
			firstErr = res.err
			cancel()
		}
		if firstErr != nil {
			continue
		}
		pending[res.start] = res.feats
		for {
			fs, ok := pending[len(a.Features)]
			if !ok {
				break
			}
			delete(pending, len(a.Features))
			a.Features = append(a.Features, fs...)
		}
		if opt.Progress != nil {
			opt.Progress(len(a.Features), max(total, len(a.Features)))
		}
	}
	derr := <-decErr
	switch {
	case ctx.Err() != nil && firstErr == nil && derr == nil:
		return nil, ctx.Err()
	case derr != nil:
		return nil, derr
	case firstErr != nil:
		return nil, firstErr
	}
	if len(a.Features) == 0 {
		return nil, &media.InputError{Path: path, Reason: errNoFrames.Error(), Err: errNoFrames}
	}
	vision.Finish(a.Features)
	a.Skipped = r.Skipped()
	if re := r.ReadError(); re != nil {
		a.ReadError = re.Error()
	}
	return a, nil
}

// decode reads every frame into chunks for the workers.
func decode(ctx context.Context, r *media.Reader, jobs chan<- *chunk, free chan []byte) error {
	var last []byte // copy of the previous chunk's last frame
	next := 0
	for {
		c := &chunk{start: next}
		if last != nil {
			c.prev = last
		}
		for len(c.frames) < chunkLen {
			var buf []byte
			select {
			case buf = <-free:
			case <-ctx.Done():
				return ctx.Err()
			}
			f, err := r.NextInto(buf)
			if errors.Is(err, io.EOF) {
				free <- buf
				break
			}
			if err != nil {
				free <- buf
				return err
			}
			c.frames = append(c.frames, f.Data)
			next++
		}
		if len(c.frames) == 0 {
			if c.prev != nil {
				free <- c.prev
			}
			return nil
		}
		var cp []byte
		select {
		case cp = <-free:
		case <-ctx.Done():
			return ctx.Err()
		}
		copy(cp, c.frames[len(c.frames)-1])
		last = cp
		select {
		case jobs <- c:
		case <-ctx.Done():
			return ctx.Err()
		}
		if len(c.frames) < chunkLen {
			free <- last
			return nil
		}
	}
}

// work extracts the features of each chunk it receives.
func work(ctx context.Context, e *vision.Extractor, jobs <-chan *chunk, results chan<- result, free chan<- []byte) {
	for c := range jobs {
		res := result{start: c.start}
		if ctx.Err() == nil {
			res = extractChunk(e, c)
		}
		if c.prev != nil {
			free <- c.prev
		}
		for _, b := range c.frames {
			free <- b
		}
		if ctx.Err() != nil {
			continue
		}
		results <- res
	}
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
