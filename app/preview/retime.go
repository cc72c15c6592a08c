package preview

import (
	"math"

	"gocv.io/x/gocv"

	"rushcut/media"
	"rushcut/vision/render"
)

// flash replaces the listed frames with the last good frame before them,
// over a window that opens a second before the first of them.
type flash struct {
	s          *stream
	start, n   int
	i          int
	bad        map[int]bool
	good       gocv.Mat
	haveGood   bool
	stillIndex int
}

func newFlash(j *job) (producer, error) {
	e, src := j.req.Effect, j.req.Source
	c := int(math.Round(j.rate.Float() * contextSeconds))
	start := max(src.In, e.Frames[0]-c)
	s, err := openStream(src.Path, j.req.Width, media.BGR24, start)
	if err != nil {
		return nil, err
	}
	f := &flash{s: s, start: start, n: min(src.Out-start, j.maxOut), bad: map[int]bool{}, good: gocv.NewMat(), stillIndex: e.Frames[0] - start}
	for _, x := range e.Frames {
		f.bad[x] = true
	}
	return f, nil
}

func (f *flash) frames() int { return f.n }
func (f *flash) still() int  { return f.stillIndex }
func (f *flash) next(before, after *gocv.Mat) error {
	if err := f.s.read(before); err != nil {
		return err
	}
	k := f.start + f.i
	f.i++
	if f.bad[k] && f.haveGood {
		f.good.CopyTo(after)
		return nil
	}
	before.CopyTo(after)
	if !f.bad[k] {
		before.CopyTo(&f.good)
		f.haveGood = true
	}
	return nil
}
func (f *flash) close() {
	f.s.close()
	f.good.Close()
}

// speed shows the range at normal speed (before) and retimed (after): the
// after's frame i sits at source position i×speed, made by blending (or
// optical-flow interpolation of) the two frames around it.
type speed struct {
	bs, as     *stream
	in, length int
	n, i       int
	sp         float64
	a, b       gocv.Mat
	ia, ib     int // source offsets of a and b (−1: none)
	flow       *render.Interpolator
	paired     int
}

func newSpeed(j *job) (producer, error) {
	e, src := j.req.Effect, j.req.Source
	bs, err := openStream(src.Path, j.req.Width, media.BGR24, src.In)
	if err != nil {
		return nil, err
	}
	as, err := openStream(src.Path, j.req.Width, media.BGR24, src.In)
	if err != nil {
		bs.close()
		return nil, err
	}
	sp := e.Speed.Float()
	n := min(j.maxOut, max(1, int(float64(src.Len())/sp)))
	p := &speed{bs: bs, as: as, in: src.In, length: src.Len(), n: n, sp: sp, a: gocv.NewMat(), b: gocv.NewMat(), ia: -1, ib: -1, paired: -1}
	if e.Flow {
		p.flow = render.NewInterpolator()
	}
	return p, nil
}

func (p *speed) frames() int { return p.n }
func (p *speed) still() int  { return p.n / 2 }

// advance makes b source offset k and a the frame before it.
func (p *speed) advance(k int) error {
	for p.ib < k {
		p.a, p.b = p.b, p.a
		p.ia = p.ib
		if err := p.as.read(&p.b); err != nil {
			return err
		}
		p.ib++
	}
	return nil
}

func (p *speed) next(before, after *gocv.Mat) error {
	i := p.i
	p.i++
	if i < p.length {
		if err := p.bs.read(before); err != nil {
			return err
		}
	}
	pos := float64(i) * p.sp
	k := int(pos)
	t := pos - float64(k)
	if k+1 >= p.length || t < 1e-6 {
		if err := p.advance(min(k, p.length-1)); err != nil {
			return err
		}
		p.b.CopyTo(after)
		return nil
	}
	if err := p.advance(k + 1); err != nil {
		return err
	}
	if p.flow != nil {
		if p.paired != k {
			p.flow.Pair(p.a, p.b)
			p.paired = k
		}
		p.flow.Frame(p.a, p.b, t, after)
		return nil
	}
	render.Blend(p.a, p.b, t, after)
	return nil
}

func (p *speed) close() {
	p.bs.close()
	p.as.close()
	p.a.Close()
	p.b.Close()
	if p.flow != nil {
		p.flow.Close()
	}
}
