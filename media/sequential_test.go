package media

import (
	"bytes"
	"io"
	"testing"

	"rushcut/media/mediatest"
)

// TestSequentialReader checks that a Reader opened for sequential reading
// yields exactly the frames of an ordinary one (index, timestamp, pixels),
// keeps a packet index without fingerprints, and refuses to seek instead
// of seeking wrongly.
func TestSequentialReader(t *testing.T) {
	path := mediatest.FFmpeg(t, "seq.mp4", "-i", mediatest.OpencvData(t, "Megamind.avi"), "-frames:v", "90",
		"-vf", "scale=320:-2", "-an", "-c:v", "libx264", "-preset", "veryfast", "-bf", "2")
	read := func(seq bool) ([]*Frame, *Reader) {
		r, err := OpenReader(path, ReaderOptions{Width: 128, Sequential: seq})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { r.Close() })
		var out []*Frame
		for {
			f, err := r.Next()
			if err == io.EOF {
				return out, r
			}
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, f)
		}
	}
	want, full := read(false)
	got, seq := read(true)
	if len(want) != 90 || len(got) != len(want) {
		t.Fatalf("%d frames sequentially, %d otherwise; want 90", len(got), len(want))
	}
	for i := range want {
		a, b := want[i], got[i]
		if a.Index != b.Index || a.PTS != b.PTS || a.TimeS != b.TimeS || !bytes.Equal(a.Data, b.Data) {
			t.Fatalf("frame %d differs: index %d/%d pts %d/%d time %v/%v", i, b.Index, a.Index, b.PTS, a.PTS, b.TimeS, a.TimeS)
		}
	}
	if full.Index() == nil {
		t.Error("an ordinary Reader read to the end has no index")
	}
	// The sequential read keeps the packet index: the full read's
	// timestamps and packet positions, without fingerprints.
	fi, si := full.Index(), seq.Index()
	if len(si) != len(fi) {
		t.Fatalf("sequential index has %d entries, the full read's %d", len(si), len(fi))
	}
	for i := range fi {
		if si[i].Hash != 0 || si[i].PTS != fi[i].PTS || si[i].Pos != fi[i].Pos {
			t.Fatalf("index entry %d: sequential %+v, full %+v", i, si[i], fi[i])
		}
	}
	if _, err := seq.Seek(10); err == nil {
		t.Error("Seek on a sequential Reader: no error")
	}
}
