package media

import (
	"errors"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"rushcut/media/mediatest"
)

// ffmpegFrames is how many frames the ffmpeg CLI decodes from path (its
// own count, for comparison with ours).
func ffmpegFrames(t *testing.T, path string) int {
	t.Helper()
	out, err := exec.Command("ffprobe", "-v", "quiet", "-count_frames", "-select_streams", "v:0",
		"-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", path).Output()
	if err != nil {
		t.Fatalf("ffprobe %s: %v", path, err)
	}
	n, err := strconv.Atoi(strings.Trim(strings.TrimSpace(string(out)), ","))
	if err != nil {
		t.Fatalf("ffprobe %s: %q", path, out)
	}
	return n
}

// TestVFRTimesFromTimestamps is the VFR recipe: 1 s at 25 fps
// (every other frame of a 50 fps source dropped), then a cut at 2.0 s
// into 50 fps. Frame 75 is the cut; its time is 2.0 s, not 75/50.
func TestVFRTimesFromTimestamps(t *testing.T) {
	p := ffmpegFixture(t, "vfr_cut.mp4", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=50:duration=2",
		"-f", "lavfi", "-i", "mandelbrot=size=320x180:rate=50",
		"-filter_complex", "[1]trim=duration=1,setpts=PTS-STARTPTS[b];[0][b]concat=n=2:v=1[c];[c]select='lt(t,1)*not(mod(n,2))+gte(t,1)'",
		"-fps_mode", "vfr", "-c:v", "libx264", "-preset", "ultrafast")
	info, err := Probe(p)
	if err != nil {
		t.Fatal(err)
	}
	if !info.Video.VFR || info.Video.FrameRate != (Rational{50, 1}) {
		t.Errorf("VFR %v at %s, want VFR at 50/1", info.Video.VFR, info.Video.FrameRate)
	}
	frames := readAll(t, p, ReaderOptions{Width: 64})
	if len(frames) != 125 {
		t.Fatalf("%d frames, want 125", len(frames))
	}
	for _, c := range []struct {
		i int
		s float64
	}{{0, 0}, {1, 0.04}, {24, 0.96}, {25, 1.0}, {75, 2.0}, {124, 2.98}} {
		if got := frames[c.i].TimeS; math.Abs(got-c.s) > 1e-3 {
			t.Errorf("frame %d at %.4f s, want %.4f", c.i, got, c.s)
		}
	}
}

// TestPhoneTimestamps is the phone recipe: a 90 kHz time base with
// jittered stamps, so r_frame_rate reads 90000/1. The nominal rate is 30,
// and frame 90 (the cut) is at its own stamp, 3 s plus the jitter.
func TestPhoneTimestamps(t *testing.T) {
	p := ffmpegFixture(t, "phone.mp4", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30:duration=3",
		"-f", "lavfi", "-i", "mandelbrot=size=320x180:rate=30",
		"-filter_complex", "[1]trim=duration=2,setpts=PTS-STARTPTS[b];[0][b]concat=n=2:v=1[c];[c]settb=1/90000,setpts='(N/30+0.006*sin(N*1.7))/TB'",
		"-fps_mode", "passthrough", "-enc_time_base", "1:90000", "-video_track_timescale", "90000",
		"-c:v", "libx264", "-preset", "ultrafast")
	info, err := Probe(p)
	if err != nil {
		t.Fatal(err)
	}
	if info.Video.FrameRate != (Rational{30, 1}) {
		t.Errorf("frame rate %s, want 30/1", info.Video.FrameRate)
	}
	r, err := OpenReader(p, ReaderOptions{Width: 64})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if got := r.FrameRate(); got.Float() > 1000 {
		t.Errorf("reader rate %s is the time base, not a frame rate", got)
	}
	frames := readAll(t, p, ReaderOptions{Width: 64})
	stamp := func(n int) float64 { return float64(n)/30 + 0.006*math.Sin(float64(n)*1.7) }
	for _, n := range []int{1, 45, 90, 149} {
		want := stamp(n) - stamp(0)
		if got := frames[n].TimeS; math.Abs(got-want) > 2e-4 {
			t.Errorf("frame %d at %.5f s, want %.5f", n, got, want)
		}
	}
}

// TestDroppedFramesKeepTheGrid: a 30 fps camera that dropped every 5th
// frame is constant-rate with holes, timed at 30.
func TestDroppedFramesKeepTheGrid(t *testing.T) {
	p := ffmpegFixture(t, "drop.mp4", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30:duration=4",
		"-vf", "select='not(eq(mod(n,5),4))'", "-fps_mode", "vfr", "-c:v", "libx264", "-preset", "ultrafast")
	info, err := Probe(p)
	if err != nil {
		t.Fatal(err)
	}
	if info.Video.FrameRate != (Rational{30, 1}) || info.Video.Frames != 96 {
		t.Errorf("%d frames at %s, want 96 at 30/1", info.Video.Frames, info.Video.FrameRate)
	}
	frames := readAll(t, p, ReaderOptions{Width: 64})
	if got := frames[95].TimeS; math.Abs(got-118.0/30) > 1e-3 {
		t.Errorf("last frame at %.4f s, want %.4f (source frame 118)", got, 118.0/30)
	}
}

// TestEditListIsNotTruncation: a lossless trim (`-ss 1.3 -i in -c copy`)
// writes an MP4 edit list; its hidden frames are not missing ones.
func TestEditListIsNotTruncation(t *testing.T) {
	src := ffmpegFixture(t, "in.mov", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25:duration=4",
		"-c:v", "libx264", "-preset", "ultrafast", "-g", "50")
	p := ffmpegFixture(t, "out.mov", "-ss", "1.3", "-i", src, "-c", "copy")
	info, err := Probe(p)
	if err != nil {
		t.Fatalf("Probe: %v", err)
	}
	want := ffmpegFrames(t, p)
	if int(info.Video.Frames) != want {
		t.Errorf("Probe counts %d frames, ffmpeg decodes %d", info.Video.Frames, want)
	}
	if got := len(readAll(t, p, ReaderOptions{Width: 64})); got != want {
		t.Errorf("Reader yields %d frames, ffmpeg decodes %d", got, want)
	}
}

// TestTruncatedKeepsBufferedFrames: a faststart MP4 cut short keeps every
// frame ffmpeg can decode (the decoder is drained past a failed frame)
// and reports the truncation.
func TestTruncatedKeepsBufferedFrames(t *testing.T) {
	whole := ffmpegFixture(t, "fast.mp4", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=4",
		"-c:v", "libx264", "-preset", "ultrafast", "-movflags", "+faststart")
	b, err := os.ReadFile(whole)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "t.mp4")
	if err := os.WriteFile(p, b[:len(b)*93/100], 0o644); err != nil {
		t.Fatal(err)
	}
	want := ffmpegFrames(t, p)
	r, err := OpenReader(p, ReaderOptions{Width: 64})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	n := 0
	for ; ; n++ {
		if _, err := r.Next(); err != nil {
			break
		}
	}
	if n != want || want >= 100 {
		t.Errorf("Reader yields %d frames, ffmpeg decodes %d of 100", n, want)
	}
	if r.ReadError() == nil || !strings.Contains(r.ReadError().Error(), "truncated") {
		t.Errorf("ReadError = %v, want a truncation", r.ReadError())
	}
}

// TestDamagedFrameKeepsNumbers: the frame after a lost one keeps its
// source number, the loss is counted once, and Seek agrees with Next.
func TestDamagedFrameKeepsNumbers(t *testing.T) {
	clean, damaged := mediatest.DamagedProRes(t)
	want := readAll(t, clean, ReaderOptions{Width: 64, Format: Gray8})
	r, err := OpenReader(damaged, ReaderOptions{Width: 64, Format: Gray8})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var got []*Frame
	for {
		f, err := r.Next()
		if err != nil {
			break
		}
		got = append(got, f)
	}
	if len(got) != len(want)-1 || r.Skipped() != 1 {
		t.Fatalf("%d frames with %d skipped, want %d with 1", len(got), r.Skipped(), len(want)-1)
	}
	for _, f := range got {
		if f.Index == 20 {
			t.Fatal("the lost frame 20 has a number")
		}
		w := want[f.Index]
		if string(f.Data) != string(w.Data) || math.Abs(f.TimeS-w.TimeS) > 1e-6 {
			t.Fatalf("frame %d differs from the clean file's frame %d", f.Index, f.Index)
		}
	}
	for _, n := range []int{45, 21, 5} {
		f, err := r.Seek(n)
		if err != nil {
			t.Fatal(err)
		}
		if f.Index != n || string(f.Data) != string(want[n].Data) {
			t.Errorf("Seek(%d) gave frame %d, not the clean file's frame %d", n, f.Index, n)
		}
	}
}

// TestDefaultVideoStream: a small proxy as stream 0 and the default main
// picture as stream 1: the main picture is read.
func TestDefaultVideoStream(t *testing.T) {
	p := ffmpegFixture(t, "two.mp4", "-f", "lavfi", "-i", "testsrc2=size=160x90:rate=25:duration=1",
		"-f", "lavfi", "-i", "mandelbrot=size=640x360:rate=25", "-map", "0", "-map", "1", "-t", "1",
		"-c:v", "libx264", "-preset", "ultrafast", "-disposition:v:0", "0", "-disposition:v:1", "default")
	info, err := Probe(p)
	if err != nil {
		t.Fatal(err)
	}
	if info.Video.Index != 1 || info.Video.Width != 640 {
		t.Errorf("picked stream %d (%dx%d), want the default stream 1", info.Video.Index, info.Video.Width, info.Video.Height)
	}
}

// TestFramesCountedOnlyWhenTheHeaderLies: Matroska states no frame count,
// so its count cannot disagree with one.
func TestFramesCountedOnlyWhenTheHeaderLies(t *testing.T) {
	p := ffmpegFixture(t, "x.mkv", "-f", "lavfi", "-i", "testsrc2=size=160x90:rate=25:duration=1", "-c:v", "mpeg2video")
	info, err := Probe(p)
	if err != nil {
		t.Fatal(err)
	}
	if info.Video.FramesCounted || info.Video.Frames != 25 {
		t.Errorf("frames %d counted %v, want 25 and false", info.Video.Frames, info.Video.FramesCounted)
	}
}

// TestReelName: the reel or tape name stored in a QuickTime tmcd track
// and in an MXF file.
func TestReelName(t *testing.T) {
	mov := ffmpegFixture(t, "reel.mov", "-f", "lavfi", "-i", "testsrc2=size=160x90:rate=25:duration=1",
		"-timecode", "14:02:10:05", "-metadata:s:v:0", "reel_name=A001R2AB", "-c:v", "mpeg4")
	mxf := ffmpegFixture(t, "reel.mxf", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=1",
		"-timecode", "10:00:00:00", "-metadata", "reel_name=TAPE042", "-c:v", "mpeg2video")
	plain := ffmpegFixture(t, "plain.mov", "-f", "lavfi", "-i", "testsrc2=size=160x90:rate=25:duration=1", "-c:v", "mpeg4")
	for p, want := range map[string]string{mov: "A001R2AB", mxf: "TAPE042", plain: ""} {
		info, err := Probe(p)
		if err != nil {
			t.Fatal(err)
		}
		if info.Reel != want {
			t.Errorf("%s: reel %q, want %q", filepath.Base(p), info.Reel, want)
		}
	}
}

// TestChosenVideoStream: the user can read the proxy stream instead, and
// naming a stream that is not video is bad input.
func TestChosenVideoStream(t *testing.T) {
	p := ffmpegFixture(t, "two.mp4", "-f", "lavfi", "-i", "testsrc2=size=160x90:rate=25:duration=1",
		"-f", "lavfi", "-i", "mandelbrot=size=640x360:rate=25", "-f", "lavfi", "-i", "sine=duration=1",
		"-map", "0", "-map", "1", "-map", "2", "-t", "1",
		"-c:v", "libx264", "-preset", "ultrafast", "-disposition:v:0", "0", "-disposition:v:1", "default")
	info, err := ProbeStream(p, StreamIndex(0))
	if err != nil {
		t.Fatal(err)
	}
	if info.Video.Index != 0 || info.Video.Width != 160 {
		t.Errorf("stream 0 gave stream %d (%dx%d)", info.Video.Index, info.Video.Width, info.Video.Height)
	}
	frames := readAll(t, p, ReaderOptions{Stream: StreamIndex(0)})
	if len(frames) != 25 || frames[0].Width != 160 {
		t.Errorf("read %d frames of width %d from the proxy", len(frames), frames[0].Width)
	}
	for _, bad := range []int{2, 7} {
		if _, err := ProbeStream(p, StreamIndex(bad)); err == nil || !errors.Is(err, ErrBadInput) || !strings.Contains(err.Error(), "not a video stream") {
			t.Errorf("stream %d: %v", bad, err)
		}
	}
}
