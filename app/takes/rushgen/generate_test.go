package rushgen

import (
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"
	"time"
)

// TestGenerateSmall makes the small day and checks, with ffprobe and
// ffmpeg's own decoding, that the truth is what is in the files.
func TestGenerateSmall(t *testing.T) {
	dir := t.TempDir()
	p := Small()
	start := time.Now()
	tr, err := Generate(context.Background(), dir, p)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("generated %d takes in %v", len(tr.Takes), time.Since(start).Round(time.Millisecond))
	entries, _ := os.ReadDir(dir)
	if len(entries) != len(p.Takes)+1 {
		t.Errorf("%d files in the folder, want %d takes and the truth", len(entries), len(p.Takes))
	}
	b, err := os.ReadFile(filepath.Join(dir, TruthFile))
	if err != nil {
		t.Fatal(err)
	}
	var onDisk Truth
	if err := json.Unmarshal(b, &onDisk); err != nil || !reflect.DeepEqual(onDisk, tr) {
		t.Errorf("%s does not round-trip to the returned truth (%v)", TruthFile, err)
	}
	// Ensure finds the folder whole and makes nothing again.
	first, _ := os.Stat(filepath.Join(dir, tr.Takes[0].File))
	if again, err := Ensure(context.Background(), dir, p); err != nil || !reflect.DeepEqual(again, tr) {
		t.Errorf("Ensure on a made folder: %v", err)
	}
	if st, _ := os.Stat(filepath.Join(dir, tr.Takes[0].File)); !st.ModTime().Equal(first.ModTime()) {
		t.Error("Ensure made a whole folder again")
	}
	// Measures of each take, for comparing takes of one setup.
	sharp := map[string]float64{}
	light := map[string]float64{}
	shake := map[string]float64{}
	for i, k := range tr.Takes {
		path := filepath.Join(dir, k.File)
		t.Run(k.File, func(t *testing.T) {
			checkContainer(t, path, k)
			g := grayFrames(t, path)
			if len(g.frames) != k.Frames {
				t.Fatalf("decoded %d frames, truth says %d", len(g.frames), k.Frames)
			}
			checkPicture(t, path, g, k, p.Takes[i])
			if !k.MOS {
				checkSound(t, path, k)
			}
			sharp[k.File] = avg(k.In, k.Out, g.sharpness)
			light[k.File] = avg(k.In, k.Out, func(n int) float64 { return mean(g.frames[n]) })
			shake[k.File] = avg(k.In+1, k.Out, func(n int) float64 { return g.diff(n-1, n) })
		})
	}
	// Each spoil shows against the setup's best take.
	for _, k := range tr.Takes {
		best := tr.Best[k.Setup]
		switch k.Spoiled {
		case Focus:
			if sharp[k.File] > 0.6*sharp[best] {
				t.Errorf("%s is out of focus, yet as sharp (%.2f) as the best take (%.2f)", k.File, sharp[k.File], sharp[best])
			}
		case Exposure:
			if light[k.File] < light[best]+30 {
				t.Errorf("%s is over-exposed, yet its mean luma %.0f is near the best take's %.0f", k.File, light[k.File], light[best])
			}
		case Shaky:
			if shake[k.File] < 2*shake[best] {
				t.Errorf("%s is shaky, yet changes %.1f a frame against the best take's %.1f", k.File, shake[k.File], shake[best])
			}
		case Short:
			var b TakeTruth
			for _, o := range tr.Takes {
				if o.File == best {
					b = o
				}
			}
			if n, m := k.Out-k.In+1, b.Out-b.In+1; 10*n > 7*m {
				t.Errorf("%s is cut short, yet has %d action frames to the best take's %d", k.File, n, m)
			}
		}
	}
}

// checkContainer checks the streams, lengths, timecode and reel name.
func checkContainer(t *testing.T, path string, k TakeTruth) {
	t.Helper()
	pr := probe(t, path)
	var video, audio, tmcd int
	for _, s := range pr.Streams {
		switch s.CodecType {
		case "video":
			video++
			if s.Width != Width || s.Height != Height || s.NbFrames != strconv.Itoa(k.Frames) {
				t.Errorf("video %dx%d, %s frames; want %dx%d, %d", s.Width, s.Height, s.NbFrames, Width, Height, k.Frames)
			}
			if s.Tags["timecode"] != k.StartTC {
				t.Errorf("timecode %q, want %s", s.Tags["timecode"], k.StartTC)
			}
		case "audio":
			audio++
			if s.SampleRate != strconv.Itoa(SampleRate) || s.Channels != 1 || s.NbFrames != strconv.Itoa(k.Frames*SamplesPerFrame) {
				t.Errorf("audio %s Hz, %d channels, %s samples; want %d, mono, %d", s.SampleRate, s.Channels, s.NbFrames, SampleRate, k.Frames*SamplesPerFrame)
			}
		case "data":
			tmcd++
			if s.Tags["reel_name"] != k.Reel || s.Tags["timecode"] != k.StartTC {
				t.Errorf("timecode track: reel %q, timecode %q; want %s, %s", s.Tags["reel_name"], s.Tags["timecode"], k.Reel, k.StartTC)
			}
		}
	}
	if want := map[bool]int{true: 0, false: 1}[k.MOS]; video != 1 || audio != want || tmcd != 1 {
		t.Errorf("%d video, %d audio, %d timecode streams; want 1, %d, 1", video, audio, tmcd, want)
	}
	if d := pr.duration(); math.Abs(d-k.Seconds) > 0.045 {
		t.Errorf("duration %.3f s, truth says %.3f s", d, k.Seconds)
	}
}

// checkPicture checks the leader, the board, the clap frame and the tail.
func checkPicture(t *testing.T, path string, g gray, k TakeTruth, tk Take) {
	t.Helper()
	for n := 0; n < k.BoardIn; n++ {
		if m := mean(g.frames[n]); m > 20 {
			t.Fatalf("leader frame %d is not black (mean %.0f)", n, m)
		}
	}
	if m := mean(g.frames[k.BoardIn]); m < 30 {
		t.Errorf("first slate frame %d is black (mean %.0f)", k.BoardIn, m)
	}
	// The board is still until the clap frame, where it is gone (seen
	// on a steady camera, when the board is in the picture).
	steady := k.Spoiled != Shaky && k.SlateStyle != OffFrame
	if still, clap := g.diff(k.BoardOut-2, k.BoardOut-1), g.diff(k.BoardOut-1, k.BoardOut); steady && clap < 4*still+2 {
		t.Errorf("clap frame %d: change %.1f, against %.1f on the slate before", k.BoardOut, clap, still)
	}
	// Text on a clear board: white strokes inside the board, under the
	// clapper bar; none on a blank or blurred one.
	f := fullFrame(t, path, k.BoardOut-1)
	bright, all := 0, 0
	for y := tk.BoardY + 30; y < tk.BoardY+boardH-8; y++ {
		for x := tk.BoardX + 8; x < min(Width, tk.BoardX+boardW-8); x++ {
			all++
			if f[y*Width+x] > 200 {
				bright++
			}
		}
	}
	frac := float64(bright) / float64(max(all, 1))
	t.Logf("board: %.3f text; clap change %.1f", frac, g.diff(k.BoardOut-1, k.BoardOut))
	switch k.SlateStyle {
	case Clear:
		if frac < 0.03 || frac > 0.4 {
			t.Errorf("clear slate: %.3f of the board is text", frac)
		}
	case Blank, Blurred:
		if frac > 0.005 {
			t.Errorf("%s slate: %.3f of the board is sharp text", k.SlateStyle, frac)
		}
	}
	last := len(g.frames) - 1
	switch k.Tail {
	case Black:
		if m := mean(g.frames[last]); m > 20 {
			t.Errorf("black tail ends at mean %.0f", m)
		}
	case Drift:
		if s := g.sharpness(last); s > 1 {
			t.Errorf("drift tail ends with detail %.2f, not on the wall", s)
		}
	case Defocus:
		if s, a := g.sharpness(last), g.sharpness(k.Out); s > 0.5*a {
			t.Errorf("defocus tail ends with detail %.2f, action had %.2f", s, a)
		}
	}
}

// checkSound finds the clap as the loudest sample and checks the levels
// of room tone and dialogue.
func checkSound(t *testing.T, path string, k TakeTruth) {
	t.Helper()
	s := pcm(t, path)
	if len(s) != k.Frames*SamplesPerFrame {
		t.Fatalf("%d samples, want %d", len(s), k.Frames*SamplesPerFrame)
	}
	peak, at := 0, 0
	for i, v := range s {
		if a := absInt(int(v)); a > peak {
			peak, at = a, i
		}
	}
	first := k.Clap * SamplesPerFrame
	if at < first || at >= first+SampleRate*30/1000 || peak < 20000 {
		t.Errorf("loudest sample %d at %d (frame %d), want a burst in the 30 ms from sample %d (frame %d)", peak, at, at/SamplesPerFrame, first, k.Clap)
	}
	// Onset: nothing near the burst's level before its first sample.
	for i := first - SamplesPerFrame; i < first; i++ {
		if absInt(int(s[i])) > peak/4 {
			t.Fatalf("sample %d, before the clap at %d, is already %d", i, first, s[i])
		}
	}
	room := rmsDB(s[:k.BoardOut*SamplesPerFrame-SamplesPerFrame])
	speech := rmsDB(s[k.In*SamplesPerFrame : (k.Out+1)*SamplesPerFrame])
	t.Logf("sound: clap %d at sample %d (frame %d); room tone %.1f dBFS, dialogue %.1f dBFS", peak, at, at/SamplesPerFrame, room, speech)
	if room > -35 || room < -70 || speech < room+15 {
		t.Errorf("room tone %.1f dBFS, dialogue %.1f dBFS: want room tone low and dialogue well above it", room, speech)
	}
}
