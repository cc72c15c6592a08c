package project

import (
	"bytes"
	"context"
	"errors"
	"image"
	"path/filepath"
	"sync"
	"testing"
)

// TestFramesServeTheRequestedFrames: every picture the server gives is
// the frame a fresh reader seeks to; a file is indexed once, a step
// forward decodes one frame instead of seeking, a repeat is a cache hit,
// and a reader closed for the pool's limit reopens with the file's index.
func TestFramesServeTheRequestedFrames(t *testing.T) {
	mega := filepath.Join(DemoDir, "Megamind.avi")
	tree := filepath.Join(DemoDir, "tree.avi")
	want := func(path string, n int) []byte {
		img, err := Thumbnail(&Clip{Path: path}, n, 160)
		if err != nil {
			t.Fatal(err)
		}
		return img.(*image.RGBA).Pix
	}
	s := NewFrames(1, 64<<20)
	defer s.Close()
	get := func(path string, n int) []byte {
		img, err := s.Frame(context.Background(), path, n, 160)
		if err != nil {
			t.Fatal(err)
		}
		return img.(*image.RGBA).Pix
	}
	for _, n := range []int{120, 121, 122, 125, 40, 260} {
		if !bytes.Equal(get(mega, n), want(mega, n)) {
			t.Errorf("Megamind frame %d differs from a fresh reader's", n)
		}
	}
	st := s.Stats()
	if st.Opened != 1 || st.Indexed != 1 || st.Seeks != 3 || st.Steps != 5 {
		t.Errorf("stats %+v: want one reader, one index, seeks to 120, 40 and 260, steps 121, 122, 123-125", st)
	}
	get(mega, 121)
	if s.Stats().Hits != 1 {
		t.Errorf("a repeated frame was decoded again: %+v", s.Stats())
	}
	if !bytes.Equal(get(tree, 10), want(tree, 10)) { // evicts Megamind's reader
		t.Error("tree frame 10 differs")
	}
	if !bytes.Equal(get(mega, 200), want(mega, 200)) {
		t.Error("Megamind frame 200 differs after reopening")
	}
	if st := s.Stats(); st.Opened != 3 || st.Indexed != 2 {
		t.Errorf("stats %+v: reopening Megamind should reuse its index (2 files indexed)", st)
	}
}

// TestFramesDropStaleRequests: a request whose context is done is not
// decoded; concurrent requests each get their own frame.
func TestFramesDropStaleRequests(t *testing.T) {
	mega := filepath.Join(DemoDir, "Megamind.avi")
	s := NewFrames(2, 8<<20)
	defer s.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.Frame(ctx, mega, 50, 160); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled request: %v", err)
	}
	if st := s.Stats(); st.Seeks+st.Steps != 0 {
		t.Errorf("a cancelled request decoded: %+v", st)
	}
	var wg sync.WaitGroup
	got := make([]image.Image, 8)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			img, err := s.Frame(context.Background(), mega, 100+i*10, 160)
			if err != nil {
				t.Error(err)
			}
			got[i] = img
		}()
	}
	wg.Wait()
	for i, img := range got {
		if img == nil {
			continue
		}
		if w, err := Thumbnail(&Clip{Path: mega}, 100+i*10, 160); err != nil || !bytes.Equal(w.(*image.RGBA).Pix, img.(*image.RGBA).Pix) {
			t.Errorf("concurrent request for frame %d got another picture (%v)", 100+i*10, err)
		}
	}
	if _, err := s.Frame(context.Background(), filepath.Join(t.TempDir(), "none.mov"), 0, 160); err == nil {
		t.Error("a missing file gave a frame")
	}
}
