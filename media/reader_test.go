package media

import (
	"bytes"
	"io"
	"testing"
)

// readAll reads every frame of path at the given options.
func readAll(t *testing.T, path string, opt ReaderOptions) []*Frame {
	t.Helper()
	r, err := OpenReader(path, opt)
	if err != nil {
		t.Fatalf("OpenReader: %v", err)
	}
	defer r.Close()
	var frames []*Frame
	for {
		f, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("Next after %d frames: %v", len(frames), err)
		}
		frames = append(frames, f)
	}
	return frames
}

func TestReaderRealClips(t *testing.T) {
	for _, c := range realClips {
		t.Run(c.name, func(t *testing.T) {
			path := opencvData(t, c.name)
			frames := readAll(t, path, ReaderOptions{Width: 256})
			if len(frames) != c.frames {
				t.Fatalf("read %d frames, want %d", len(frames), c.frames)
			}
			wantH := (256*c.height/c.width + 1) &^ 1
			for i, f := range frames {
				if f.Index != i {
					t.Fatalf("frame %d has Index %d", i, f.Index)
				}
				if f.Width != 256 || f.Height < wantH-2 || f.Height > wantH+2 || len(f.Data) != f.Stride*f.Height || f.Stride != 256*3 {
					t.Fatalf("frame %d: %dx%d stride %d len %d", i, f.Width, f.Height, f.Stride, len(f.Data))
				}
				if i > 0 && f.TimeS <= frames[i-1].TimeS {
					t.Fatalf("frame %d time %.4f not after frame %d time %.4f", i, f.TimeS, i-1, frames[i-1].TimeS)
				}
			}
		})
	}
}

func TestSeekMatchesSequentialRead(t *testing.T) {
	for _, c := range realClips {
		t.Run(c.name, func(t *testing.T) {
			path := opencvData(t, c.name)
			opt := ReaderOptions{Width: 160, Format: Gray8}
			frames := readAll(t, path, opt)
			r, err := OpenReader(path, opt)
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			targets := []int{len(frames) - 1, 0, len(frames) / 2, 1, len(frames)/3 + 1, len(frames) - 2, 7}
			for _, n := range targets {
				f, err := r.Seek(n)
				if err != nil {
					t.Fatalf("Seek(%d): %v", n, err)
				}
				if f.Index != n || !bytes.Equal(f.Data, frames[n].Data) {
					t.Fatalf("Seek(%d) returned index %d, pixels equal to frame %d: %v", n, f.Index, n, bytes.Equal(f.Data, frames[n].Data))
				}
				// Next continues after the seek target.
				if n+1 < len(frames) {
					g, err := r.Next()
					if err != nil || g.Index != n+1 || !bytes.Equal(g.Data, frames[n+1].Data) {
						t.Fatalf("Next after Seek(%d): err %v, wrong frame", n, err)
					}
				}
			}
			if _, err := r.Seek(len(frames)); err == nil {
				t.Fatalf("Seek past the end succeeded")
			}
		})
	}
}
