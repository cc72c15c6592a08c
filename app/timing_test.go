package main

import (
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"rushcut/media/mediatest"
)

// cutsOf runs `rushcut cuts --json --no-vit FILE` in-process and decodes it.
func cutsOf(t *testing.T, path string) (cutsJSON, string) {
	t.Helper()
	var out, errb strings.Builder
	if code := run([]string{"cuts", "--json", "--no-vit", path}, &out, &errb); code != exitOK {
		t.Fatalf("cuts %s: exit %d: %s", path, code, errb.String())
	}
	var got cutsJSON
	if err := json.Unmarshal([]byte(out.String()), &got); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	return got, errb.String()
}

// onlyCut returns the frame and time of the one cut in c.
func onlyCut(t *testing.T, c cutsJSON) (int, float64) {
	t.Helper()
	if len(c.Transitions) != 1 || c.Transitions[0].Frame == nil {
		t.Fatalf("want one cut, got %+v", c.Transitions)
	}
	return *c.Transitions[0].Frame, c.Transitions[0].TimeS
}

// TestCutsTimesFromTimestamps: the VFR and phone recipes give the
// cut's time from its timestamp, and the phone file a 30 fps rate.
func TestCutsTimesFromTimestamps(t *testing.T) {
	t.Setenv("RUSHCUT_CACHE_DIR", t.TempDir())
	vfr := mediatest.FFmpeg(t, "vfr_cut.mp4", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=50:duration=2",
		"-f", "lavfi", "-i", "mandelbrot=size=640x360:rate=50",
		"-filter_complex", "[1]trim=duration=1,setpts=PTS-STARTPTS[b];[0][b]concat=n=2:v=1[c];[c]select='lt(t,1)*not(mod(n,2))+gte(t,1)'",
		"-fps_mode", "vfr", "-c:v", "libx264", "-preset", "ultrafast")
	c, _ := cutsOf(t, vfr)
	if f, s := onlyCut(t, c); f != 75 || math.Abs(s-2.0) > 1e-6 {
		t.Errorf("VFR cut at frame %d, %.6f s; want 75 at 2.0 s", f, s)
	}
	phone := mediatest.FFmpeg(t, "phone.mp4", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30:duration=3",
		"-f", "lavfi", "-i", "mandelbrot=size=640x360:rate=30",
		"-filter_complex", "[1]trim=duration=2,setpts=PTS-STARTPTS[b];[0][b]concat=n=2:v=1[c];[c]settb=1/90000,setpts='(N/30+0.006*sin(N*1.7))/TB'",
		"-fps_mode", "passthrough", "-enc_time_base", "1:90000", "-video_track_timescale", "90000",
		"-c:v", "libx264", "-preset", "ultrafast")
	c, _ = cutsOf(t, phone)
	want := 3 + 0.006*math.Sin(90*1.7) - 0.006*math.Sin(0)
	if f, s := onlyCut(t, c); f != 90 || math.Abs(s-want) > 1e-4 || c.FPS != "30/1" {
		t.Errorf("phone cut at frame %d, %.5f s, %s fps; want 90 at %.5f s, 30/1", f, s, c.FPS, want)
	}
}

// TestCutsDamagedFrame: one lost ProRes frame before the cut at 40 leaves
// the cut at 40, counted as one skipped frame.
func TestCutsDamagedFrame(t *testing.T) {
	t.Setenv("RUSHCUT_CACHE_DIR", t.TempDir())
	_, damaged := mediatest.DamagedProRes(t)
	c, stderr := cutsOf(t, damaged)
	if f, s := onlyCut(t, c); f != 40 || math.Abs(s-1.6) > 1e-6 || c.Frames != 80 || c.Skipped != 1 {
		t.Errorf("cut at %d (%.3f s), %d frames, %d skipped; want 40 (1.6 s), 80, 1", f, s, c.Frames, c.Skipped)
	}
	if !strings.Contains(stderr, "skipped 1 ") {
		t.Errorf("stderr %q does not report the skipped frame", stderr)
	}
}

// TestCutsTruncated: a faststart MP4 cut short gives every frame ffmpeg
// decodes, a read_error, one warning line, and no cache entry.
func TestCutsTruncated(t *testing.T) {
	cache := t.TempDir()
	t.Setenv("RUSHCUT_CACHE_DIR", cache)
	whole := mediatest.FFmpeg(t, "fast.mp4", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25:duration=4",
		"-c:v", "libx264", "-preset", "ultrafast", "-movflags", "+faststart")
	b, err := os.ReadFile(whole)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "t.mp4")
	if err := os.WriteFile(p, b[:len(b)*93/100], 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("ffmpeg", "-v", "quiet", "-i", p, "-map", "0:v", "-f", "framemd5", "-").Output()
	if err != nil && len(out) == 0 {
		t.Fatal(err)
	}
	want := 0
	for _, l := range strings.Split(string(out), "\n") {
		if l != "" && !strings.HasPrefix(l, "#") {
			want++
		}
	}
	c, stderr := cutsOf(t, p)
	if c.Frames != want || want >= 100 || !strings.Contains(c.ReadError, "truncated") {
		t.Errorf("%d frames (ffmpeg %d of 100), read_error %q", c.Frames, want, c.ReadError)
	}
	if n := strings.Count(stderr, "truncated"); n != 1 {
		t.Errorf("stderr names the truncation %d times: %q", n, stderr)
	}
	if entries, _ := filepath.Glob(filepath.Join(cache, "*", "*.rca")); len(entries) != 0 {
		t.Errorf("a partial analysis was cached: %v", entries)
	}
}

// interrupt runs the test binary as rushcut with args (and env), sends
// SIGINT once stderr shows marker, and returns the exit status and all
// of stderr.
func interrupt(t *testing.T, env []string, marker string, args ...string) (int, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(append(os.Environ(), "RUSHCUT_AS_CLI=1"), env...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 4096)
	var seen strings.Builder
	for !strings.Contains(seen.String(), marker) {
		n, err := stderr.Read(buf)
		seen.Write(buf[:n])
		if err != nil {
			t.Fatalf("rushcut ended before %q: %q", marker, seen.String())
		}
	}
	time.Sleep(100 * time.Millisecond)
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	for {
		n, err := stderr.Read(buf)
		seen.Write(buf[:n])
		if err != nil {
			break
		}
	}
	code := 0
	if ee, ok := cmd.Wait().(*exec.ExitError); ok {
		code = ee.ExitCode()
	}
	return code, seen.String()
}

// TestCtrlC: SIGINT during `rushcut cuts` exits 130 with one line saying
// the analysis of the file was cancelled.
func TestCtrlC(t *testing.T) {
	clip := mediatest.FFmpeg(t, "long.mp4", "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=25:duration=60",
		"-c:v", "libx264", "-preset", "ultrafast")
	code, stderr := interrupt(t, nil, "%", "cuts", "--no-cache", "--no-vit", clip)
	if code != exitInterrupted || !strings.Contains(stderr, clip+": cancelled") || strings.Contains(stderr, "context canceled") {
		t.Errorf("exit %d, stderr %q; want 130 and %q", code, stderr, clip+": cancelled")
	}
}

// TestAssembleReelFromFile: the reel name stored in a QuickTime file is the
// EDL's reel and the XML's <reel>, not one made from the file name.
func TestAssembleReelFromFile(t *testing.T) {
	mov := mediatest.FFmpeg(t, "take_one.mov", "-f", "lavfi", "-i", "testsrc2=size=160x90:rate=25:duration=1",
		"-timecode", "14:02:10:05", "-metadata:s:v:0", "reel_name=A001R2AB", "-c:v", "mpeg4")
	dir := t.TempDir()
	for _, ext := range []string{".edl", ".xml"} {
		out := filepath.Join(dir, "cut"+ext)
		var o, e strings.Builder
		if code := run([]string{"assemble", "--plain", mov, "-o", out}, &o, &e); code != exitOK {
			t.Fatalf("assemble: exit %d: %s", code, e.String())
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		want := "001  A001R2AB V"
		if ext == ".xml" {
			want = "<name>A001R2AB</name>"
		}
		if !strings.Contains(string(b), want) || strings.Contains(string(b), "TAKE_ONE ") {
			t.Errorf("%s lacks %q:\n%s", ext, want, b)
		}
	}
}

// TestEmbedTimesFromFirstFrame: an MPEG-TS stamps its first frame at
// 1.4 s; embed's time_s counts from the first frame.
func TestEmbedTimesFromFirstFrame(t *testing.T) {
	needEmbedDeps(t)
	ts := mediatest.FFmpeg(t, "clip.ts", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25:duration=2",
		"-c:v", "mpeg2video")
	model, _ := filepath.Abs("../models/testdata/tiny-vit.onnx")
	stdout, stderr, code := rushcutProcess(t, nil, "embed", ts, "--every", "25", "--model", model, "--provider", "cpu", "--json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var out embedOutput
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatal(err)
	}
	if len(out.Frames) != 2 || out.Frames[0].TimeS != 0 || math.Abs(out.Frames[1].TimeS-1) > 1e-6 {
		t.Errorf("frames %+v: want frame 0 at 0 s and frame 25 at 1 s", out.Frames)
	}
}

// TestAssembleVFRByTime: a 30 fps file with every 5th frame dropped (96
// frames over 3.97 s) spans 119 frames of timecode, as a time-based NLE
// plays it, not 96.
func TestAssembleVFRByTime(t *testing.T) {
	p := mediatest.FFmpeg(t, "drop.mp4", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30:duration=4",
		"-vf", "select='not(eq(mod(n,5),4))'", "-fps_mode", "vfr", "-c:v", "libx264", "-preset", "ultrafast")
	out := filepath.Join(t.TempDir(), "cut.edl")
	var o, e strings.Builder
	if code := run([]string{"assemble", "--plain", p, "-o", out}, &o, &e); code != exitOK {
		t.Fatalf("assemble: exit %d: %s", code, e.String())
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "00:00:00:00 00:00:03:29 01:00:00:00 01:00:03:29") {
		t.Errorf("EDL does not span the file by time:\n%s", b)
	}
	if !strings.Contains(e.String(), "96 frames span 119") {
		t.Errorf("no VFR warning: %q", e.String())
	}
}

// TestCutsStreamChoice: cuts reads the default stream, or the one --stream
// names; the cache keeps the two apart; a non-video stream is bad input.
func TestCutsStreamChoice(t *testing.T) {
	t.Setenv("RUSHCUT_CACHE_DIR", t.TempDir())
	p := mediatest.FFmpeg(t, "two.mp4", "-f", "lavfi", "-i", "testsrc2=size=160x90:rate=25:duration=1",
		"-f", "lavfi", "-i", "mandelbrot=size=640x360:rate=25", "-f", "lavfi", "-i", "sine=duration=2",
		"-map", "0", "-map", "1", "-map", "2", "-t", "2",
		"-c:v", "libx264", "-preset", "ultrafast", "-disposition:v:0", "0", "-disposition:v:1", "default")
	for _, c := range []struct {
		args   []string
		frames int
	}{{nil, 50}, {[]string{"--stream", "0"}, 25}, {[]string{"--stream", "1"}, 50}, {nil, 50}} {
		var out, errb strings.Builder
		args := append([]string{"cuts", "--json", "--no-vit", p}, c.args...)
		if code := run(args, &out, &errb); code != exitOK {
			t.Fatalf("%v: exit %d: %s", c.args, code, errb.String())
		}
		var got cutsJSON
		if err := json.Unmarshal([]byte(out.String()), &got); err != nil {
			t.Fatal(err)
		}
		if got.Frames != c.frames {
			t.Errorf("%v: %d frames, want %d", c.args, got.Frames, c.frames)
		}
	}
	var out, errb strings.Builder
	if code := run([]string{"cuts", "--stream", "2", p}, &out, &errb); code != exitUsage || !strings.Contains(errb.String(), "stream 2 is not a video stream") {
		t.Errorf("--stream 2: exit %d, %q", code, errb.String())
	}
}
