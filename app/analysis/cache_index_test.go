package analysis

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"rushcut/media"
)

// seekTo opens path for display and seeks to frame n, with idx when given,
// returning the frame and how many frames the Reader decoded.
func seekTo(t *testing.T, path string, idx []media.IndexEntry, n int) (*media.Frame, int) {
	t.Helper()
	r, err := media.OpenReader(path, media.ReaderOptions{Width: 96, Format: media.RGBA})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if idx != nil {
		r.SetIndex(idx)
	}
	f, err := r.Seek(n)
	if err != nil {
		t.Fatal(err)
	}
	return f, r.Decoded()
}

// TestStoredSeekIndex analyses a file with the cache on and checks that
// the seek index stored beside the analysis lets a display Reader seek
// near the end without an indexing pass, to the same pixels as a Reader
// that indexes the file itself; and that a cached analysis leaves it be.
func TestStoredSeekIndex(t *testing.T) {
	dir := t.TempDir()
	path := ffmpegFixture(t, "long.mp4", "-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=30",
		"-c:v", "libx264", "-preset", "ultrafast", "-bf", "2", "-g", "50")
	opt := Options{CacheDir: dir, NoFaces: true}
	if _, err := LoadSeekIndexFrom(dir, path, media.DefaultStream); err == nil {
		t.Fatal("an index before any analysis")
	}
	a, err := Analyze(context.Background(), path, opt)
	if err != nil {
		t.Fatal(err)
	}
	idx, err := LoadSeekIndexFrom(dir, path, media.DefaultStream)
	if err != nil {
		t.Fatalf("no stored index after the analysis: %v", err)
	}
	if len(idx) != a.Frames() {
		t.Fatalf("stored index has %d frames, the analysis %d", len(idx), a.Frames())
	}
	if other, err := LoadSeekIndexFrom(dir, path, media.StreamIndex(1)); err == nil {
		t.Errorf("an index of another stream (%d frames)", len(other))
	}
	n := a.Frames() - 3
	got, cost := seekTo(t, path, idx, n)
	want, fresh := seekTo(t, path, nil, n)
	if got.Index != n || !bytes.Equal(got.Data, want.Data) || got.PTS != want.PTS {
		t.Errorf("seek to %d with the stored index: frame %d, pts %d/%d, same pixels %v", n, got.Index, got.PTS, want.PTS, bytes.Equal(got.Data, want.Data))
	}
	if cost >= a.Frames()/2 || fresh < a.Frames() {
		t.Errorf("decoded %d frames with the stored index, %d without, of %d", cost, fresh, a.Frames())
	}
	// A cached analysis neither needs nor drops the stored index.
	if b, err := Analyze(context.Background(), path, opt); err != nil || !b.Cached {
		t.Fatalf("second analysis: cached %v, %v", b != nil && b.Cached, err)
	}
	if _, err := LoadSeekIndexFrom(dir, path, media.DefaultStream); err != nil {
		t.Errorf("index gone after a cached analysis: %v", err)
	}
}

// TestStoredSeekIndexNotTrusted: an index whose file changed since, a
// damaged entry, and an entry filed under another file's key are never
// returned.
func TestStoredSeekIndexNotTrusted(t *testing.T) {
	dir := t.TempDir()
	mk := func(name, src string) string {
		return ffmpegFixture(t, name, "-f", "lavfi", "-i", src+"=s=160x120:r=25:d=4", "-c:v", "libx264", "-preset", "ultrafast")
	}
	path, other := mk("a.mp4", "testsrc2"), mk("b.mp4", "smptebars")
	opt := Options{CacheDir: dir, NoFaces: true}
	for _, p := range []string{path, other} {
		if _, err := Analyze(context.Background(), p, opt); err != nil {
			t.Fatal(err)
		}
	}
	key, err := seekIndexKey(path, media.DefaultStream)
	if err != nil {
		t.Fatal(err)
	}
	okey, err := seekIndexKey(other, media.DefaultStream)
	if err != nil {
		t.Fatal(err)
	}
	entry, oentry := seekIndexPath(dir, key), seekIndexPath(dir, okey)
	good, err := os.ReadFile(entry)
	if err != nil {
		t.Fatal(err)
	}
	load := func() error { _, err := LoadSeekIndexFrom(dir, path, media.DefaultStream); return err }
	if err := load(); err != nil {
		t.Fatal(err)
	}
	// Damaged anywhere: refused.
	for _, i := range []int{0, len(seekIndexMagic) + 5, len(good) / 2, len(good) - 1} {
		bad := bytes.Clone(good)
		bad[i] ^= 0x01
		if err := os.WriteFile(entry, bad, 0o644); err != nil {
			t.Fatal(err)
		}
		if load() == nil {
			t.Errorf("byte %d flipped: index accepted", i)
		}
	}
	// Another file's entry under this file's key: refused.
	ob, err := os.ReadFile(oentry)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(entry, ob, 0o644); err != nil {
		t.Fatal(err)
	}
	if load() == nil {
		t.Error("another file's index accepted")
	}
	// The file changed since (a new modification time): no index.
	if err := os.WriteFile(entry, good, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(path, time.Now(), time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if load() == nil {
		t.Error("index of the file before it changed accepted")
	}
	// The file replaced by another of the same kind: no index either.
	copyFile(t, other, path)
	if load() == nil {
		t.Error("index of the replaced file accepted")
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	src, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst, err := os.Create(filepath.Clean(to))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		t.Fatal(err)
	}
}
