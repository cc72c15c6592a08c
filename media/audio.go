package media

import (
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/asticode/go-astiav"
)

// AudioReader streams the first audio stream of a file as mono float32
// samples at a chosen rate, resampled and downmixed by swresample (through
// libavfilter's aresample and aformat). Close frees everything it holds.
type AudioReader struct {
	path string
	rate int
	// after is appended to the resampling filters (e.g. astats for levels).
	after string
	in    *input
	dec   *decoder
	g     *graph
	raw   *astiav.Frame
	out   *astiav.Frame
	done  bool
	// start is the first decoded frame's timestamp (stream time base).
	start    int64
	hasStart bool
}

// OpenAudio opens path read-only for audio reading at rate samples per
// second (mono, float32 in -1..1).
func OpenAudio(path string, rate int) (*AudioReader, error) {
	if rate < 1000 || rate > 384000 {
		return nil, fmt.Errorf("%s: audio sample rate %d out of range 1000..384000", path, rate)
	}
	in, err := openInput(path)
	if err != nil {
		return nil, err
	}
	if in.audio == nil {
		in.close()
		return nil, badInput(path, "no audio stream", ErrNoAudio)
	}
	a := &AudioReader{path: path, rate: rate, in: in, raw: astiav.AllocFrame(), out: astiav.AllocFrame()}
	if a.dec, err = newDecoder(in, in.audio, 1, false); err != nil {
		a.Close()
		return nil, err
	}
	return a, nil
}

func (a *AudioReader) buildGraph(f *astiav.Frame) error {
	args := astiav.FilterArgs{
		"time_base":   a.in.audio.TimeBase().String(),
		"sample_rate": strconv.Itoa(f.SampleRate()),
		"sample_fmt":  f.SampleFormat().Name(),
	}
	if l := f.ChannelLayout(); l.Valid() && l.String() != "" {
		args["channel_layout"] = l.String()
	} else {
		args["channels"] = strconv.Itoa(max(1, l.NbChannels()))
	}
	spec := fmt.Sprintf("aresample=%d,aformat=sample_fmts=flt:channel_layouts=mono", a.rate) + a.after
	g, err := newGraph("abuffer", args, "abuffersink", spec)
	if err != nil {
		return fmt.Errorf("%s: %w", a.path, err)
	}
	a.g = g
	return nil
}

// Read appends the next decoded chunk of samples to dst and returns it;
// io.EOF once every sample has been returned.
func (a *AudioReader) Read(dst []float32) ([]float32, error) {
	if err := a.next(); err != nil {
		return dst, err
	}
	return appendSamples(dst, a.out), nil
}

// next leaves the next filtered frame in a.out; io.EOF at the end.
func (a *AudioReader) next() error {
	for {
		if a.g != nil {
			a.out.Unref()
			err := a.g.pull(a.out)
			if err == nil {
				return nil
			}
			if errors.Is(err, astiav.ErrEof) {
				return io.EOF
			}
			if !errors.Is(err, astiav.ErrEagain) {
				return fmt.Errorf("%s: resampling: %w", a.path, err)
			}
		}
		if a.done {
			return io.EOF
		}
		a.raw.Unref()
		err := a.dec.next(a.raw)
		if err == io.EOF {
			a.done = true
			if a.g == nil {
				return io.EOF
			}
			if err := a.g.push(nil); err != nil {
				return fmt.Errorf("%s: resampling: %w", a.path, err)
			}
			continue
		}
		if err != nil {
			return err
		}
		if a.g == nil {
			if a.start, a.hasStart = bestEffortTS(a.raw), true; a.start == noPTS {
				a.start = 0
			}
			if err := a.buildGraph(a.raw); err != nil {
				return err
			}
		}
		if err := a.g.push(a.raw); err != nil {
			return fmt.Errorf("%s: resampling: %w", a.path, err)
		}
	}
}

// ReadAll returns every remaining sample.
func (a *AudioReader) ReadAll() ([]float32, error) {
	var all []float32
	for {
		var err error
		all, err = a.Read(all)
		if err == io.EOF {
			return all, nil
		}
		if err != nil {
			return all, err
		}
	}
}

// Close frees every FFmpeg object the reader holds; safe to call twice.
func (a *AudioReader) Close() error {
	if a.g != nil {
		a.g.free()
		a.g = nil
	}
	for _, f := range []**astiav.Frame{&a.raw, &a.out} {
		if *f != nil {
			(*f).Free()
			*f = nil
		}
	}
	if a.dec != nil {
		a.dec.close()
		a.dec = nil
	}
	if a.in != nil {
		a.in.close()
		a.in = nil
	}
	return nil
}
