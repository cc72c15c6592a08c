package media

import (
	"errors"
	"fmt"

	"github.com/asticode/go-astiav"
)

// graph is a one-input, one-output libavfilter graph (scale, transpose,
// format, aresample...). It owns every FFmpeg object it allocates.
type graph struct {
	g    *astiav.FilterGraph
	src  *astiav.FilterContext
	sink *astiav.FilterContext
}

// newGraph builds "src -> spec -> sink" where src is "buffer" or "abuffer"
// with srcArgs, and sink is "buffersink" or "abuffersink".
func newGraph(src string, srcArgs astiav.FilterArgs, sink, spec string) (*graph, error) {
	g := &graph{g: astiav.AllocFilterGraph()}
	if g.g == nil {
		return nil, errors.New("cannot allocate a filter graph")
	}
	g.g.SetThreadCount(1)
	fail := func(what string, err error) (*graph, error) {
		g.free()
		return nil, fmt.Errorf("filter graph %q: %s: %w", spec, what, err)
	}
	var err error
	if g.src, err = g.g.NewFilterContext(astiav.FindFilterByName(src), "in", srcArgs); err != nil {
		return fail("source", err)
	}
	if g.sink, err = g.g.NewFilterContext(astiav.FindFilterByName(sink), "out", nil); err != nil {
		return fail("sink", err)
	}
	outputs := astiav.AllocFilterInOut()
	inputs := astiav.AllocFilterInOut()
	defer outputs.Free()
	defer inputs.Free()
	outputs.SetName("in")
	outputs.SetFilterContext(g.src)
	outputs.SetPadIdx(0)
	outputs.SetNext(nil)
	inputs.SetName("out")
	inputs.SetFilterContext(g.sink)
	inputs.SetPadIdx(0)
	inputs.SetNext(nil)
	if err = g.g.Parse(spec, inputs, outputs); err != nil {
		return fail("parse", err)
	}
	if err = g.g.Configure(); err != nil {
		return fail("configure", err)
	}
	return g, nil
}

// push sends one frame into the graph (nil flushes it).
func (g *graph) push(f *astiav.Frame) error {
	return g.src.BuffersrcAddFrame(f, astiav.NewBuffersrcFlags(astiav.BuffersrcFlagKeepRef))
}

// pull takes the next filtered frame; astiav.ErrEagain when none is ready.
func (g *graph) pull(f *astiav.Frame) error {
	return g.sink.BuffersinkGetFrame(f, astiav.NewBuffersinkFlags())
}

func (g *graph) free() {
	if g.g != nil {
		g.g.Free()
		g.g = nil
	}
}
