package media

import (
	"bytes"
	"context"
	"errors"
	"io"
	"testing"

	"rushcut/media/mediatest"
)

// packetIndex reads path as the analysis does (Sequential, without the
// loop filter, at a small size) and returns the packet index it keeps,
// through MarshalIndex and UnmarshalIndex as the cache stores it.
func packetIndex(t *testing.T, path string) []IndexEntry {
	t.Helper()
	r, err := OpenReader(path, ReaderOptions{Width: 64, Sequential: true, SkipLoopFilter: true, Threads: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for {
		if _, err := r.Next(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
	}
	idx := r.Index()
	if len(idx) == 0 || hasFingerprints(idx) {
		t.Fatalf("%s: sequential read left %d index entries (fingerprints: %v)", path, len(idx), hasFingerprints(idx))
	}
	back, err := UnmarshalIndex(MarshalIndex(idx))
	if err != nil {
		t.Fatal(err)
	}
	return back
}

// allFrames reads every frame of path from the start (the truth a seek
// must match).
func allFrames(t *testing.T, path string, opt ReaderOptions) []*Frame {
	t.Helper()
	r, err := OpenReader(path, opt)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var out []*Frame
	for {
		f, err := r.Next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, f)
	}
}

// TestSeekWithPacketIndex checks that a Reader given the packet index of
// a sequential read seeks without an indexing pass (it decodes far fewer
// frames than the file has) and returns the very frames a read from the
// start yields: H.264 with B-frames, packed-B-frame MPEG-4 AVI, MS MPEG-4,
// and ProRes with a frame lost to a damaged packet.
func TestSeekWithPacketIndex(t *testing.T) {
	h264 := mediatest.FFmpeg(t, "gop.mp4", "-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=24",
		"-c:v", "libx264", "-preset", "ultrafast", "-bf", "3", "-g", "50", "-pix_fmt", "yuv420p")
	// AVCHD-like: H.264 with B-frames in MPEG-TS (packets reassembled by
	// the parser), and HEVC in Matroska.
	mts := mediatest.FFmpeg(t, "gop.mts", "-i", h264, "-c", "copy", "-f", "mpegts")
	hevc := mediatest.FFmpeg(t, "gop.mkv", "-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=12",
		"-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "log-level=error:keyint=50:bframes=3")
	_, damaged := mediatest.DamagedProRes(t)
	for _, path := range []string{h264, mts, hevc, mediatest.OpencvData(t, "Megamind.avi"), mediatest.OpencvData(t, "vtest.avi"), damaged} {
		opt := ReaderOptions{Width: 96, Format: RGBA}
		frames := allFrames(t, path, opt)
		n := frames[len(frames)-1].Index + 1
		truth := make([]*Frame, n) // by frame number; nil: lost to damage
		for _, f := range frames {
			truth[f.Index] = f
		}
		idx := packetIndex(t, path)
		if len(idx) != n {
			t.Fatalf("%s: packet index has %d frames, the file %d", path, len(idx), n)
		}
		if lost := len(idx) - len(frames); path == damaged && (lost != 1 || !idx[20].lost()) {
			t.Errorf("damaged file: %d frames lost, entry 20 %+v; want frame 20 alone", lost, idx[20])
		}
		for _, want := range []int{n - 1, n - 3, n / 2, n * 9 / 10, 1, 25} {
			if truth[want] == nil || (want+1 < n && truth[want+1] == nil) {
				continue
			}
			r, err := OpenReader(path, opt)
			if err != nil {
				t.Fatal(err)
			}
			r.SetIndex(idx)
			f, err := r.Seek(want)
			if err != nil {
				r.Close()
				t.Fatalf("%s: seek to %d: %v", path, want, err)
			}
			if f.Index != want || f.PTS != truth[want].PTS || !bytes.Equal(f.Data, truth[want].Data) {
				t.Errorf("%s: seek to %d gave frame %d (pts %d, want %d), pixels equal: %v", path, want, f.Index, f.PTS, truth[want].PTS, bytes.Equal(f.Data, truth[want].Data))
			}
			// No indexing pass, and not a decode from the start either:
			// at most a few GOPs before the frame.
			if d := r.Decoded(); want > n/2 && d > n/2 {
				t.Errorf("%s: seek to %d of %d decoded %d frames", path, want, n, d)
			}
			if want+1 < n {
				g, err := r.Next()
				if err != nil || g.Index != want+1 || !bytes.Equal(g.Data, truth[want+1].Data) {
					t.Errorf("%s: Next after seek to %d: %v, not frame %d", path, want, err, want+1)
				}
			}
			r.Close()
		}
	}
}

// TestSeekCancelledWhileIndexing cancels a seek to the last frames of a
// long file partway through its indexing pass: it returns the context's
// error having decoded only part of the file, and the Reader still seeks
// right afterwards, resuming the pass rather than starting it again.
func TestSeekCancelledWhileIndexing(t *testing.T) {
	path := mediatest.FFmpeg(t, "long.mp4", "-f", "lavfi", "-i", "testsrc2=s=320x240:r=30:d=120",
		"-c:v", "libx264", "-preset", "ultrafast", "-g", "60")
	const frames = 3600
	r, err := OpenReader(path, ReaderOptions{Width: 64, Format: Gray8})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	ctx, cancel := context.WithCancel(context.Background())
	var reports []float64
	r.SetIndexProgress(func(done float64) {
		reports = append(reports, done)
		if done > 0.1 {
			cancel()
		}
	})
	_, err = r.SeekContext(ctx, frames-2)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled seek: %v, want context.Canceled", err)
	}
	if d := r.Decoded(); d >= frames/2 {
		t.Errorf("cancelled at a tenth of the file, yet %d of %d frames decoded", d, frames)
	}
	if len(reports) < 2 || reports[0] <= 0 || reports[len(reports)-1] > 0.5 {
		t.Errorf("progress reports %v: want a few, rising past 0.1, stopping soon after", reports)
	}
	// An already cancelled context stops at once.
	if _, err := r.SeekContext(ctx, frames-1); !errors.Is(err, context.Canceled) {
		t.Errorf("seek with a done context: %v", err)
	}
	r.SetIndexProgress(nil)
	f, err := r.Seek(frames - 2)
	if err != nil || f.Index != frames-2 {
		t.Fatalf("seek after the cancelled one: %v", err)
	}
	if len(r.Index()) != frames {
		t.Errorf("index has %d frames, want %d", len(r.Index()), frames)
	}
	// The second seek resumed the pass the first one stopped: every frame
	// indexed once, and then at most two GOPs decoded for the seek.
	if d := r.Decoded(); d > frames+120 {
		t.Errorf("%d frames decoded in all for %d frames: the stopped pass was not resumed", d, frames)
	}
}

// TestWrongPacketIndexNotTrusted gives a Reader the packet index of
// another file with as many frames: Seek notices on the first frame it
// decodes, indexes the file itself and returns the right frame.
func TestWrongPacketIndexNotTrusted(t *testing.T) {
	mk := func(name, src string) string {
		return mediatest.FFmpeg(t, name, "-f", "lavfi", "-i", src+"=s=160x120:r=25:d=8",
			"-c:v", "libx264", "-preset", "ultrafast", "-bf", "2", "-g", "25")
	}
	a, b := mk("a.mp4", "testsrc2"), mk("b.mp4", "smptebars")
	opt := ReaderOptions{Width: 80, Format: Gray8}
	truth := allFrames(t, a, opt)
	wrong := packetIndex(t, b)
	if len(wrong) != len(truth) {
		t.Fatalf("fixtures differ in length: %d and %d frames", len(wrong), len(truth))
	}
	r, err := OpenReader(a, opt)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	r.SetIndex(wrong)
	want := len(truth) - 5
	f, err := r.Seek(want)
	if err != nil {
		t.Fatal(err)
	}
	if f.Index != want || !bytes.Equal(f.Data, truth[want].Data) {
		t.Errorf("seek with another file's index gave the wrong picture for frame %d", want)
	}
	if !hasFingerprints(r.Index()) || r.Decoded() < len(truth) {
		t.Errorf("the wrong index was kept (decoded %d frames, fingerprints %v)", r.Decoded(), hasFingerprints(r.Index()))
	}
	// A packet index without positions could only count from the start:
	// refused, so the Reader indexes the file itself.
	blind := packetIndex(t, a)
	for i := range blind {
		blind[i].Pos = -1
	}
	r.SetIndex(blind)
	if r.Index() != nil {
		t.Error("a packet index without positions was taken")
	}
}

// TestIndexCodec round-trips both kinds of index, with a lost frame, and
// refuses every damaged, truncated or foreign encoding.
func TestIndexCodec(t *testing.T) {
	packets := []IndexEntry{{PTS: 126000, Pos: 564}, {PTS: 129600, Pos: 9000}, {PTS: 133200, Pos: lostPos}, {PTS: 136800, Pos: 12000}, {PTS: 140400, Pos: -1}}
	prints := []IndexEntry{{PTS: -2, Hash: 7, Pos: 48}, {PTS: 0, Hash: 1 << 63, Pos: 4000}, {PTS: 1, Hash: missingHash, Pos: lostPos}, {PTS: 3, Hash: 9, Pos: 3000}}
	for _, idx := range [][]IndexEntry{packets, prints} {
		b := MarshalIndex(idx)
		got, err := UnmarshalIndex(b)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(idx) {
			t.Fatalf("round trip: %d entries, want %d", len(got), len(idx))
		}
		for i := range idx {
			if got[i] != idx[i] {
				t.Errorf("entry %d: %+v, want %+v", i, got[i], idx[i])
			}
		}
		for i := range b {
			c := bytes.Clone(b)
			c[i] ^= 0x10
			if _, err := UnmarshalIndex(c); err == nil {
				t.Errorf("byte %d flipped: accepted", i)
			}
		}
		for n := range len(b) {
			if _, err := UnmarshalIndex(b[:n]); err == nil {
				t.Errorf("truncated to %d bytes: accepted", n)
			}
		}
	}
	if _, err := UnmarshalIndex(nil); err == nil {
		t.Error("empty: accepted")
	}
}
