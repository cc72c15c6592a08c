package media

import (
	"errors"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
)

func TestProbeRealClips(t *testing.T) {
	for _, c := range realClips {
		t.Run(c.name, func(t *testing.T) {
			info, err := Probe(opencvData(t, c.name))
			if err != nil {
				t.Fatal(err)
			}
			v := info.Video
			if v == nil {
				t.Fatal("no video stream")
			}
			if v.Width != c.width || v.Height != c.height || v.Frames != int64(c.frames) {
				t.Errorf("got %dx%d %d frames, want %dx%d %d", v.Width, v.Height, v.Frames, c.width, c.height, c.frames)
			}
			if c.rate.Valid() && v.FrameRate != c.rate {
				t.Errorf("frame rate %s, want %s", v.FrameRate, c.rate)
			}
			if info.Container != "avi" {
				t.Errorf("container %q, want avi", info.Container)
			}
		})
	}
}

func TestProbeMegamindDetails(t *testing.T) {
	info, err := Probe(opencvData(t, "Megamind.avi"))
	if err != nil {
		t.Fatal(err)
	}
	v := info.Video
	if v.Codec != "mpeg4" || v.PixelFormat != "yuv420p" || v.VFR || v.AvgFrameRate != (Rational{2997, 125}) {
		t.Errorf("video %+v", v)
	}
	if math.Abs(info.DurationSeconds-11.26) > 0.01 {
		t.Errorf("duration %.3f, want 11.26", info.DurationSeconds)
	}
	if info.Audio == nil || info.Audio.Codec != "ac3" || info.Audio.SampleRate != 48000 || info.Audio.Channels != 2 {
		t.Errorf("audio %+v", info.Audio)
	}
	if info.Timecode != nil {
		t.Errorf("unexpected timecode %+v", info.Timecode)
	}
}

func TestProbeTreeIsVFRAndCounted(t *testing.T) {
	// tree.avi's header claims 444 frames at 15 fps but holds 68 frames
	// with gaps between them: the container lies, counting is right.
	info, err := Probe(opencvData(t, "tree.avi"))
	if err != nil {
		t.Fatal(err)
	}
	if v := info.Video; v.Frames != 68 || !v.FramesCounted || !v.VFR {
		t.Errorf("frames %d counted %v vfr %v, want 68 true true", v.Frames, v.FramesCounted, v.VFR)
	}
}

func TestProbeTimecode(t *testing.T) {
	cases := []struct {
		name, file, rate, tc string
		drop                 bool
		frame                int64
	}{
		{"25 NDF mov", "tc.mov", "25", "01:02:03:04", false, ((1*60+2)*60+3)*25 + 4},
		{"29.97 DF mp4", "df.mp4", "30000/1001", "01:00:00;00", true, 107892},
		{"25 NDF mkv", "tc.mkv", "25", "10:00:00:00", false, 10 * 3600 * 25},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			codec := "libx264"
			if filepath.Ext(c.file) == ".mkv" {
				codec = "mpeg4"
			}
			p := ffmpegFixture(t, c.file, "-f", "lavfi", "-i", "testsrc2=s=160x120:r="+c.rate+":d=1",
				"-timecode", c.tc, "-c:v", codec, "-preset", "ultrafast")
			if codec == "mpeg4" {
				p = ffmpegFixture(t, c.file, "-f", "lavfi", "-i", "testsrc2=s=160x120:r="+c.rate+":d=1",
					"-timecode", c.tc, "-c:v", codec)
			}
			info, err := Probe(p)
			if err != nil {
				t.Fatal(err)
			}
			tc := info.Timecode
			if tc == nil {
				t.Fatal("no timecode found")
			}
			if tc.Text != c.tc || tc.DropFrame != c.drop || tc.Frame != c.frame {
				t.Errorf("timecode %+v, want %s drop=%v frame=%d", tc, c.tc, c.drop, c.frame)
			}
		})
	}
}

func TestProbeVFR(t *testing.T) {
	// 30 frames at 30 fps, then 60 frames at 15 fps.
	p := ffmpegFixture(t, "vfr.mkv", "-f", "lavfi", "-i", "testsrc2=s=160x120:r=30:d=3",
		"-vf", "setpts='if(lt(N,30),N/30/TB,(30+(N-30)*2)/30/TB)'", "-fps_mode", "passthrough",
		"-c:v", "libx264", "-preset", "ultrafast")
	info, err := Probe(p)
	if err != nil {
		t.Fatal(err)
	}
	if !info.Video.VFR || info.Video.Frames != 90 {
		t.Errorf("vfr %v frames %d, want true 90", info.Video.VFR, info.Video.Frames)
	}
	cfr := ffmpegFixture(t, "cfr.mkv", "-f", "lavfi", "-i", "testsrc2=s=160x120:r=30:d=3", "-c:v", "libx264", "-preset", "ultrafast")
	if info, err := Probe(cfr); err != nil || info.Video.VFR {
		t.Errorf("constant-rate clip: err %v, vfr %v", err, info != nil && info.Video.VFR)
	}
	// The reader's timestamps follow the real frame times.
	frames := readAll(t, p, ReaderOptions{Width: 64})
	if len(frames) != 90 {
		t.Fatalf("read %d frames, want 90", len(frames))
	}
	if d := frames[29].TimeS - frames[28].TimeS; math.Abs(d-1.0/30) > 0.002 {
		t.Errorf("early frame step %.4f s, want 1/30", d)
	}
	if d := frames[80].TimeS - frames[79].TimeS; math.Abs(d-2.0/30) > 0.002 {
		t.Errorf("late frame step %.4f s, want 2/30", d)
	}
}

func TestProbeAnamorphic(t *testing.T) {
	p := ffmpegFixture(t, "sar.mp4", "-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=1",
		"-vf", "setsar=4/3", "-c:v", "libx264", "-preset", "ultrafast")
	info, err := Probe(p)
	if err != nil {
		t.Fatal(err)
	}
	v := info.Video
	if v.SAR != (Rational{4, 3}) || v.DisplayWidth != 427 || v.DisplayHeight != 240 {
		t.Errorf("sar %s display %dx%d, want 4/3 427x240", v.SAR, v.DisplayWidth, v.DisplayHeight)
	}
	r, err := OpenReader(p, ReaderOptions{Width: 256})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if w, h := r.Size(); w != 256 || h != 144 {
		t.Errorf("analysis size %dx%d, want 256x144 (16:9 display)", w, h)
	}
}

func TestRotatedClip(t *testing.T) {
	src := ffmpegFixture(t, "src.mov", "-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=1", "-c:v", "libx264", "-preset", "ultrafast")
	p := ffmpegFixture(t, "rot.mp4", "-i", src, "-c", "copy", "-metadata:s:v:0", "rotate=90")
	info, err := Probe(p)
	if err != nil {
		t.Fatal(err)
	}
	v := info.Video
	if v.Rotation != 90 && v.Rotation != 270 {
		t.Fatalf("rotation %d, want a quarter turn", v.Rotation)
	}
	if v.DisplayWidth != 240 || v.DisplayHeight != 320 {
		t.Errorf("display %dx%d, want 240x320", v.DisplayWidth, v.DisplayHeight)
	}
	// The reader turns the picture the way ffmpeg's own autorotate does.
	r, err := OpenReader(p, ReaderOptions{Width: 120, Format: Gray8})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	f, err := r.Next()
	if err != nil {
		t.Fatal(err)
	}
	if f.Width != 120 || f.Height != 160 {
		t.Fatalf("frame %dx%d, want 120x160", f.Width, f.Height)
	}
	want := ffmpegGray(t, p, 120, 160, "")
	wrong := ffmpegGray(t, src, 160, 120, "transpose=clock,transpose=clock,transpose=clock,")
	if wrong2 := ffmpegGray(t, src, 160, 120, "transpose=clock,"); meanAbsDiff(want, wrong) < meanAbsDiff(want, wrong2) {
		wrong = wrong2
	}
	got, bad := meanAbsDiff(f.Data, want), meanAbsDiff(f.Data, wrong)
	if got > 4 || bad < 3*got {
		t.Errorf("mean difference to ffmpeg's autorotated frame %.2f, to the opposite turn %.2f", got, bad)
	}
}

// ffmpegGray decodes the first frame of path with the ffmpeg CLI (which
// autorotates) as w x h gray pixels.
func ffmpegGray(t *testing.T, path string, w, h int, pre string) []byte {
	t.Helper()
	out := filepath.Join(t.TempDir(), "f.gray")
	vf := pre + "scale=" + itoa(w) + ":" + itoa(h) + ":flags=area,format=gray"
	if pre != "" {
		vf = pre + "scale=" + itoa(h) + ":" + itoa(w) + ":flags=area,format=gray"
	}
	cmd := exec.Command("ffmpeg", "-v", "error", "-y", "-i", path, "-vf", vf, "-frames:v", "1", "-f", "rawvideo", out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg: %v %s", err, b)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func itoa(i int) string { return strconv.Itoa(i) }

func meanAbsDiff(a, b []byte) float64 {
	if len(a) != len(b) {
		return math.Inf(1)
	}
	var s float64
	for i := range a {
		s += math.Abs(float64(a[i]) - float64(b[i]))
	}
	return s / float64(len(a))
}

func TestProbeAudioOnly(t *testing.T) {
	p := ffmpegFixture(t, "tone.wav", "-f", "lavfi", "-i", "sine=frequency=440:duration=2")
	info, err := Probe(p)
	if err != nil {
		t.Fatal(err)
	}
	if info.Video != nil || info.Audio == nil || info.Audio.SampleRate != 44100 {
		t.Errorf("info %+v", info)
	}
	_, err = OpenReader(p, ReaderOptions{Width: 64})
	if !errors.Is(err, ErrNoVideo) || !errors.Is(err, ErrBadInput) {
		t.Errorf("OpenReader on audio-only: %v, want ErrNoVideo", err)
	}
}
