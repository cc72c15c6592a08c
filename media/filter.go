package media

/*
#cgo pkg-config: libavutil
#include <libavutil/cpu.h>
#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#include <string.h>
#endif

// rc_gathers_slow is 1 on an x86 CPU whose AVX2 gathers are slow next to
// plain loads (AMD's: microcoded, several cycles an element).
static int rc_gathers_slow(void) {
#if defined(__x86_64__) || defined(__i386__)
	unsigned a, b, c, d;
	char v[13] = {0};
	if (!__get_cpuid(0, &a, &b, &c, &d)) return 0;
	memcpy(v, &b, 4); memcpy(v + 4, &d, 4); memcpy(v + 8, &c, 4);
	return strcmp(v, "AuthenticAMD") == 0 || strcmp(v, "HygonGenuine") == 0;
#else
	return 0;
#endif
}

static void rc_mark_slow_gathers(void) {
	av_force_cpu_flags(av_get_cpu_flags() | AV_CPU_FLAG_SLOW_GATHER);
}
*/
import "C"

import (
	"errors"
	"fmt"
	"sync"

	"github.com/asticode/go-astiav"
)

// slowGathers tells FFmpeg, once, before the first filter graph, when the
// CPU's AVX2 gathers are slow (AMD): FFmpeg 5.1 flags only some Intel
// CPUs, so on AMD swscale picks its gather-based AVX2 horizontal scaler,
// which there costs twice the SSSE3 one (on AMD family 26, 1280x720 ->
// 256 px area scaling: swscale went from 30% to 16% of libavcodec's
// samples). The flag only steers swscale's choice of routine: the
// pictures are bit-identical (framemd5 of 1080p and 720p H.264 and MPEG-4
// scaled to 256 px, with and without it). It is process-wide, like
// FFmpeg's own CPU detection that it corrects, and makes every later
// swscale context in the process faster, never different.
var slowGathers sync.Once

func markSlowGathers() {
	slowGathers.Do(func() {
		if C.rc_gathers_slow() != 0 {
			C.rc_mark_slow_gathers()
		}
	})
}

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
	markSlowGathers()
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
