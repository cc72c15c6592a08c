package preview

import (
	"math"

	"gocv.io/x/gocv"

	"rushcut/media"
	"rushcut/vision/render"
)

// dissolve shows the cut from the outgoing clip to the incoming one: a
// hard cut before, the dissolve (or, with a direction, the edge wipe)
// after. Output frame j (from −pre to post−1) is relative to the cut; the
// outgoing clip plays frame From.Out+j, the incoming Source.In+j, and the
// transition spans −InOffset ≤ j < OutOffset.
type dissolve struct {
	wipe           string // the EdgeWipe's direction; "" dissolves
	out, in        *stream
	pre, post      int
	inOff, outOff  int
	j              int
	fo, fi         gocv.Mat
	haveFo, haveFi bool
}

func newDissolve(j *job) (producer, error) {
	e, src := j.req.Effect, j.req.Source
	c := int(math.Round(j.rate.Float() * contextSeconds))
	pre := min(e.InOffset+c, e.From.Out)
	post := min(e.OutOffset+c, src.Len())
	if pre < e.InOffset {
		return nil, bad("%s: the outgoing clip has %d frames before its out point %d, the dissolve needs %d", e.From.Path, e.From.Out, e.From.Out, e.InOffset)
	}
	if post < e.OutOffset {
		post = e.OutOffset
	}
	if over := pre + post - j.maxOut; over > 0 {
		cut := min(over, pre-e.InOffset)
		pre -= cut
		post = max(e.OutOffset, post-(over-cut))
	}
	out, err := openStream(e.From.Path, j.req.Width, media.BGR24, e.From.Out-pre)
	if err != nil {
		return nil, err
	}
	if out.w != j.w || out.h != j.h {
		out.close()
		return nil, bad("%s is %dx%d at this width, %s %dx%d: a preview dissolves clips of one shape", e.From.Path, out.w, out.h, src.Path, j.w, j.h)
	}
	in, err := openStream(src.Path, j.req.Width, media.BGR24, src.In-e.InOffset)
	if err != nil {
		out.close()
		return nil, err
	}
	wipe := ""
	if e.Kind == EdgeWipe {
		wipe = e.Direction
	}
	return &dissolve{wipe: wipe, out: out, in: in, pre: pre, post: post, inOff: e.InOffset, outOff: e.OutOffset, j: -pre, fo: gocv.NewMat(), fi: gocv.NewMat()}, nil
}

func (d *dissolve) frames() int { return d.pre + d.post }
func (d *dissolve) still() int  { return d.pre }
func (d *dissolve) next(before, after *gocv.Mat) error {
	j := d.j
	d.j++
	if j < d.outOff {
		if err := d.out.read(&d.fo); err != nil {
			return err
		}
	}
	if j >= -d.inOff {
		if err := d.in.read(&d.fi); err != nil {
			return err
		}
	}
	if j < 0 {
		d.fo.CopyTo(before)
	} else {
		d.fi.CopyTo(before)
	}
	if j >= -d.inOff && j < d.outOff {
		t := float64(j+d.inOff+1) / float64(d.inOff+d.outOff+1)
		if d.wipe != "" {
			render.Wipe(d.fo, d.fi, t, d.wipe, after)
		} else {
			render.Blend(d.fo, d.fi, t, after)
		}
		return nil
	}
	before.CopyTo(after)
	return nil
}
func (d *dissolve) close() {
	d.out.close()
	d.in.close()
	d.fo.Close()
	d.fi.Close()
}

// fade shows the head (FadeIn) or tail (FadeOut) of the range, faded from
// or to black over Length frames.
type fade struct {
	s       *stream
	n, i, l int
	out     bool
	stillAt int
}

func newFade(j *job) (producer, error) {
	e, src := j.req.Effect, j.req.Source
	c := int(math.Round(j.rate.Float() * contextSeconds))
	n := min(src.Len(), e.Length+c, j.maxOut)
	l := min(e.Length, n)
	start := src.In
	if e.Kind == FadeOut {
		start = src.Out - n
	}
	s, err := openStream(src.Path, j.req.Width, media.BGR24, start)
	if err != nil {
		return nil, err
	}
	f := &fade{s: s, n: n, l: l, out: e.Kind == FadeOut, stillAt: l / 2}
	if f.out {
		f.stillAt = n - 1 - l/2
	}
	return f, nil
}

func (f *fade) frames() int { return f.n }
func (f *fade) still() int  { return f.stillAt }
func (f *fade) next(before, after *gocv.Mat) error {
	if err := f.s.read(before); err != nil {
		return err
	}
	k := f.i // frames from the head
	if f.out {
		k = f.n - 1 - f.i // frames from the tail
	}
	f.i++
	if k < f.l {
		render.Fade(*before, (float64(k)+0.5)/float64(f.l), after)
		return nil
	}
	before.CopyTo(after)
	return nil
}
func (f *fade) close() { f.s.close() }
