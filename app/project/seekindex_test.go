package project

import (
	"bytes"
	"context"
	"errors"
	"image"
	"os"
	"testing"
	"time"

	"rushcut/app/analysis"
	"rushcut/media"
	"rushcut/media/mediatest"
)

func TestMain(m *testing.M) {
	// The stored seek indexes the tests see are their own, never the
	// user's analyses.
	dir, err := os.MkdirTemp("", "rushcut-cache-")
	if err == nil {
		os.Setenv(analysis.CacheDirEnv, dir)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// TestFramesUseStoredIndex: once a file has been analysed, the server
// seeks deep into it with the index the analysis stored, without an
// indexing pass, and serves the frame a fresh reader seeks to.
func TestFramesUseStoredIndex(t *testing.T) {
	dir := t.TempDir()
	path := mediatest.FFmpeg(t, "a.mp4", "-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=20",
		"-c:v", "libx264", "-preset", "ultrafast", "-bf", "2", "-g", "50")
	a, err := analysis.Analyze(context.Background(), path, analysis.Options{CacheDir: dir, NoFaces: true})
	if err != nil {
		t.Fatal(err)
	}
	old := loadIndex
	loadIndex = func(p string, st media.Stream) []media.IndexEntry {
		idx, _ := analysis.LoadSeekIndexFrom(dir, p, st)
		return idx
	}
	defer func() { loadIndex = old }()
	s := NewFrames(2, 64<<20)
	defer s.Close()
	n := a.Frames() - 2
	img, err := s.Frame(context.Background(), path, n, 160)
	if err != nil {
		t.Fatal(err)
	}
	fresh, err := media.OpenReader(path, media.ReaderOptions{Width: 160, Format: media.RGBA})
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	want, err := fresh.Seek(n)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(img.(*image.RGBA).Pix, want.Data) {
		t.Errorf("frame %d differs from a fresh reader's", n)
	}
	if st := s.Stats(); st.Stored != 1 || st.Indexed != 0 {
		t.Errorf("stats %+v: want the stored index used and no indexing pass", st)
	}
	// The bin's thumbnail (the viewer's middle frame) seeks with it too.
	thumb, err := Thumbnail(&Clip{Path: path}, n, 160)
	if err != nil || !bytes.Equal(thumb.(*image.RGBA).Pix, want.Data) {
		t.Errorf("thumbnail of frame %d: %v, or not the fresh reader's picture", n, err)
	}
}

// TestFramesSeekCancelled: a request whose context ends while the server
// indexes a long file for its seek returns the context's error, and the
// server still serves the frame afterwards.
func TestFramesSeekCancelled(t *testing.T) {
	path := mediatest.FFmpeg(t, "long.mp4", "-f", "lavfi", "-i", "testsrc2=s=320x240:r=30:d=120",
		"-c:v", "libx264", "-preset", "ultrafast", "-g", "60")
	old := loadIndex
	loadIndex = func(string, media.Stream) []media.IndexEntry { return nil }
	defer func() { loadIndex = old }()
	s := NewFrames(2, 64<<20)
	defer s.Close()
	// 3,600 frames take seconds to index here; the request gives up
	// after a tenth of one.
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if _, err := s.Frame(ctx, path, 3590, 160); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("cancelled request: %v, want the context's error", err)
	}
	if _, err := s.Frame(context.Background(), path, 3590, 160); err != nil {
		t.Fatalf("request after the cancelled one: %v", err)
	}
}
