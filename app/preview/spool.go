package preview

import (
	"bufio"
	"fmt"
	"io"
	"os"

	"gocv.io/x/gocv"

	"rushcut/vision/render"
)

// frameSource yields a preview's source frames in order.
type frameSource interface {
	read(m *gocv.Mat) error
	close()
}

// spool keeps decoded frames (packed BGR, all one size) in a temporary
// file, so that a second pass over them needs no second decode. The file
// is removed by close.
type spool struct {
	f    *os.File
	w    *bufio.Writer
	r    *bufio.Reader
	fw   int
	fh   int
	n    int // frames written
	buf  []byte
	left int // frames still to read
}

// newSpool creates the spool's file in dir (a name the cache never
// counts or evicts while fresh).
func newSpool(dir string, w, h int) (*spool, error) {
	f, err := os.CreateTemp(dir, ".spool-*.tmp")
	if err != nil {
		return nil, fmt.Errorf("preview spool: %w", err)
	}
	return &spool{f: f, w: bufio.NewWriterSize(f, 1<<20), fw: w, fh: h}, nil
}

// write appends one frame's pixels.
func (s *spool) write(bgr []byte) error {
	if len(bgr) < s.fw*s.fh*3 {
		return fmt.Errorf("preview spool: frame has %d bytes, want %d", len(bgr), s.fw*s.fh*3)
	}
	if _, err := s.w.Write(bgr[:s.fw*s.fh*3]); err != nil {
		return fmt.Errorf("preview spool %s: %w", s.f.Name(), err)
	}
	s.n++
	return nil
}

// rewind ends writing; reads then start from the first frame.
func (s *spool) rewind() error {
	if err := s.w.Flush(); err != nil {
		return fmt.Errorf("preview spool %s: %w", s.f.Name(), err)
	}
	if _, err := s.f.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("preview spool %s: %w", s.f.Name(), err)
	}
	s.r, s.left = bufio.NewReaderSize(s.f, 1<<20), s.n
	return nil
}

// read loads the next spooled frame into m.
func (s *spool) read(m *gocv.Mat) error {
	if s.left == 0 {
		return fmt.Errorf("preview spool: read past the %d frames spooled", s.n)
	}
	if len(s.buf) != s.fw*s.fh*3 {
		s.buf = make([]byte, s.fw*s.fh*3)
	}
	if _, err := io.ReadFull(s.r, s.buf); err != nil {
		return fmt.Errorf("preview spool %s: %w", s.f.Name(), err)
	}
	s.left--
	return render.Load(m, s.buf, s.fw, s.fh)
}

func (s *spool) close() {
	s.f.Close()
	os.Remove(s.f.Name())
}
