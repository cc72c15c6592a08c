package rushgen

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"os/exec"
	"strconv"
	"testing"
)

// probed is what ffprobe says about a generated file.
type probed struct {
	Streams []struct {
		CodecType  string            `json:"codec_type"`
		NbFrames   string            `json:"nb_frames"`
		SampleRate string            `json:"sample_rate"`
		Channels   int               `json:"channels"`
		Width      int               `json:"width"`
		Height     int               `json:"height"`
		Tags       map[string]string `json:"tags"`
	} `json:"streams"`
	Format struct {
		Duration string `json:"duration"`
	} `json:"format"`
}

func probe(t *testing.T, path string) probed {
	t.Helper()
	out, err := exec.Command("ffprobe", "-v", "error", "-show_streams", "-show_format", "-of", "json", path).Output()
	if err != nil {
		t.Fatalf("ffprobe %s: %v", path, err)
	}
	var p probed
	if err := json.Unmarshal(out, &p); err != nil {
		t.Fatal(err)
	}
	return p
}

func (p probed) duration() float64 {
	d, _ := strconv.ParseFloat(p.Format.Duration, 64)
	return d
}

// decode runs ffmpeg on path with the filter vf and returns the raw
// output in format f.
func decode(t *testing.T, path string, f string, args ...string) []byte {
	t.Helper()
	full := append([]string{"-v", "error", "-nostdin", "-i", path}, args...)
	full = append(full, "-f", f, "-")
	out, err := exec.Command("ffmpeg", full...).Output()
	if err != nil {
		t.Fatalf("ffmpeg %v: %v", full, err)
	}
	return out
}

// gray is a decoded file at a small size: one luma plane a frame.
type gray struct {
	w, h   int
	frames [][]byte
}

const smallW, smallH = 160, 90

func grayFrames(t *testing.T, path string) gray {
	t.Helper()
	b := decode(t, path, "rawvideo", "-vf", fmt.Sprintf("scale=%d:%d,format=gray", smallW, smallH))
	g := gray{w: smallW, h: smallH}
	for n := smallW * smallH; len(b) >= n; b = b[n:] {
		g.frames = append(g.frames, b[:n])
	}
	return g
}

// fullFrame decodes frame n at full size in gray.
func fullFrame(t *testing.T, path string, n int) []byte {
	t.Helper()
	b := decode(t, path, "rawvideo", "-vf", fmt.Sprintf("select='eq(n,%d)',format=gray", n), "-frames:v", "1")
	if len(b) != Width*Height {
		t.Fatalf("%s frame %d: %d bytes", path, n, len(b))
	}
	return b
}

func mean(f []byte) float64 {
	s := 0
	for _, v := range f {
		s += int(v)
	}
	return float64(s) / float64(len(f))
}

// sharpness is the mean absolute horizontal gradient.
func (g gray) sharpness(n int) float64 {
	f, s := g.frames[n], 0
	for y := range g.h {
		for x := 1; x < g.w; x++ {
			s += absInt(int(f[y*g.w+x]) - int(f[y*g.w+x-1]))
		}
	}
	return float64(s) / float64(g.h*(g.w-1))
}

// diff is the mean absolute difference of frames a and b.
func (g gray) diff(a, b int) float64 {
	s := 0
	for i := range g.frames[a] {
		s += absInt(int(g.frames[a][i]) - int(g.frames[b][i]))
	}
	return float64(s) / float64(len(g.frames[a]))
}

// avg averages f over every third frame of [a, b].
func avg(a, b int, f func(int) float64) float64 {
	s, k := 0.0, 0
	for n := a; n <= b; n += 3 {
		s += f(n)
		k++
	}
	return s / float64(k)
}

func pcm(t *testing.T, path string) []int16 {
	t.Helper()
	b := decode(t, path, "s16le", "-map", "0:a:0", "-ac", "1", "-ar", fmt.Sprint(SampleRate))
	s := make([]int16, len(b)/2)
	for i := range s {
		s[i] = int16(binary.LittleEndian.Uint16(b[2*i:]))
	}
	return s
}

// rmsDB is the RMS level of s in dB full scale.
func rmsDB(s []int16) float64 {
	e := 0.0
	for _, v := range s {
		e += float64(v) * float64(v)
	}
	return 10 * math.Log10(e/float64(len(s))/(32768*32768)+1e-12)
}

func absInt(v int) int {
	if v < 0 {
		return -v
	}
	return v
}
