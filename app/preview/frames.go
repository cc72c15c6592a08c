package preview

import (
	"errors"
	"fmt"
	"io"

	"gocv.io/x/gocv"

	"rushcut/app/analysis"
	"rushcut/media"
	"rushcut/vision/render"
)

// stream reads a file's frames in order from a given frame into Mats.
type stream struct {
	path  string
	r     *media.Reader
	w, h  int
	pos   int // number of the frame the next read yields
	buf   []byte
	first *media.Frame // frame read by the seek, handed out first
}

// openStream opens path at width w (0: display width), positioned so that
// the next read yields frame n.
func openStream(path string, w int, format media.PixelFormat, n int) (*stream, error) {
	r, err := media.OpenReader(path, media.ReaderOptions{Width: w, Format: format})
	if err != nil {
		return nil, err
	}
	s := &stream{path: path, r: r, pos: n}
	s.w, s.h = r.Size()
	if n > 0 {
		// The index the file's analysis stored: no indexing pass first.
		if idx := analysis.LoadSeekIndex(path, media.DefaultStream); idx != nil {
			r.SetIndex(idx)
		}
		f, err := r.Seek(n)
		if err != nil {
			r.Close()
			if errors.Is(err, io.EOF) {
				return nil, bad("%s: has no frame %d", path, n)
			}
			return nil, err
		}
		s.first = f
	}
	return s, nil
}

// frame returns the next frame's pixels.
func (s *stream) frame() (*media.Frame, error) {
	if f := s.first; f != nil {
		s.first = nil
		s.pos++
		return f, nil
	}
	f, err := s.r.NextInto(s.buf)
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, bad("%s: ends before frame %d", s.path, s.pos)
		}
		return nil, err
	}
	s.buf = f.Data
	s.pos++
	return f, nil
}

// read loads the next frame into m.
func (s *stream) read(m *gocv.Mat) error {
	f, err := s.frame()
	if err != nil {
		return err
	}
	return render.Load(m, f.Data, f.Width, f.Height)
}

// skipTo reads up to frame n (the next read yields n).
func (s *stream) skipTo(n int) error {
	for s.pos < n {
		if _, err := s.frame(); err != nil {
			return err
		}
	}
	if s.pos > n {
		return fmt.Errorf("%s: cannot go back to frame %d from %d", s.path, n, s.pos)
	}
	return nil
}

func (s *stream) close() { s.r.Close() }
