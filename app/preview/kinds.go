package preview

import (
	"context"

	"gocv.io/x/gocv"

	"rushcut/media"
	"rushcut/vision/render"
)

// producer makes the before and after frames of a preview, in order.
type producer interface {
	// frames is the number of output frames; still the one the PNG shows.
	frames() int
	still() int
	// next fills the next output frame's before and after.
	next(before, after *gocv.Mat) error
	close()
}

// job is one render: its request, the output size and rate, and progress.
type job struct {
	req      Request
	w, h     int
	rate     media.Rational
	maxOut   int
	progress func(done, total int)
	// base is the work done before the first output frame (tracking), in
	// frames; crop is the stabiliser's.
	base int
	crop float64
	// dir is the cache folder, for temporary files.
	dir string
}

// newProducer opens what the effect needs. prepare work (the stabiliser's
// tracking pass) happens here, reporting progress as frames of work.
func newProducer(ctx context.Context, j *job) (producer, error) {
	switch j.req.Effect.Kind {
	case Stabilize:
		return newStabilize(ctx, j)
	case Color:
		fx, done := colorFx(j.req.Effect)
		return newPerFrame(j, fx, done)
	case FlashRemove:
		return newFlash(j)
	case Speed:
		return newSpeed(j)
	case Dissolve, EdgeWipe:
		return newDissolve(j)
	case FadeIn, FadeOut:
		return newFade(j)
	}
	return nil, bad("unknown effect %q", j.req.Effect.Kind)
}

// perFrame applies fx to each frame of the range's first maxOut frames.
type perFrame struct {
	s     frameSource
	n, i  int
	fx    func(i int, src gocv.Mat, dst *gocv.Mat)
	done  func()
	stIdx int
}

func newPerFrame(j *job, fx func(i int, src gocv.Mat, dst *gocv.Mat), done func()) (producer, error) {
	s, err := openStream(j.req.Source.Path, j.req.Width, media.BGR24, j.req.Source.In)
	if err != nil {
		done()
		return nil, err
	}
	n := min(j.req.Source.Len(), j.maxOut)
	return &perFrame{s: s, n: n, fx: fx, done: done, stIdx: n / 2}, nil
}

func (p *perFrame) frames() int { return p.n }
func (p *perFrame) still() int  { return p.stIdx }
func (p *perFrame) next(before, after *gocv.Mat) error {
	if err := p.s.read(before); err != nil {
		return err
	}
	p.fx(p.i, *before, after)
	p.i++
	return nil
}
func (p *perFrame) close() {
	p.s.close()
	p.done()
}

// colorFx grades with the CDL.
func colorFx(e Effect) (func(int, gocv.Mat, *gocv.Mat), func()) {
	g := render.NewGrader(render.CDL{Slope: e.CDL.Slope, Offset: e.CDL.Offset, Power: e.CDL.Power, Sat: e.CDL.Sat})
	return func(_ int, src gocv.Mat, dst *gocv.Mat) { g.Apply(src, dst) }, g.Close
}

// newStabilize decodes the range once at the preview size: every frame
// is tracked (the Tracker shrinks it to its own width), and the first
// maxOut frames are spooled to a temporary file in the cache folder for
// the warp pass, which thus needs no second decode. Then it plans the
// smoothing and crop.
func newStabilize(ctx context.Context, j *job) (producer, error) {
	e, src := j.req.Effect, j.req.Source
	n := src.Len()
	out := min(n, j.maxOut)
	total := n + out
	s, err := openStream(src.Path, j.req.Width, media.BGR24, src.In)
	if err != nil {
		return nil, err
	}
	defer s.close()
	sp, err := newSpool(j.dir, s.w, s.h)
	if err != nil {
		return nil, err
	}
	ok := false
	defer func() {
		if !ok {
			sp.close()
		}
	}()
	tr := render.NewTracker()
	defer tr.Close()
	m := gocv.NewMat()
	defer m.Close()
	motions := make([]render.Motion, n)
	for i := range n {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		f, err := s.frame()
		if err != nil {
			return nil, err
		}
		if i < out {
			if err := sp.write(f.Data); err != nil {
				return nil, err
			}
		}
		if err := render.Load(&m, f.Data, f.Width, f.Height); err != nil {
			return nil, err
		}
		motions[i] = tr.Step(m)
		j.progress(i+1, total)
	}
	if err := sp.rewind(); err != nil {
		return nil, err
	}
	plan := render.Smooth(motions, e.Radius, e.MaxCrop, j.w, j.h)
	j.crop = plan.Crop()
	j.base = n
	ok = true
	return &perFrame{s: sp, n: out, fx: func(i int, src gocv.Mat, dst *gocv.Mat) { plan.Warp(i, src, dst) }, done: func() {}, stIdx: out / 2}, nil
}
