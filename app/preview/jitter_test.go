package preview

import (
	"errors"
	"image"
	"io"
	"math"
	"testing"

	"gocv.io/x/gocv"

	"rushcut/media"
)

// Residual camera jitter, measured independently of the stabiliser (which
// tracks corners with Lucas-Kanade and fits a similarity): the global
// shift between consecutive frames by phase correlation (FFT, Hann
// window) on the central 80% of each frame at 320 px wide (so that the
// borders a stabiliser fills, black or mirrored, do not count), summed
// into a camera path, and high-passed by subtracting its centred moving
// average over 2×jitterRadius+1 frames. The jitter is the RMS of that
// high-passed path, in percent of the frame width.
const (
	jitterWidth  = 320
	jitterRadius = 3
)

// jitter returns the residual high-frequency camera motion of a clip as a
// percentage of its width (frames [skip, len−skip) only).
func jitter(t testing.TB, path string, skip int) float64 {
	t.Helper()
	r, err := media.OpenReader(path, media.ReaderOptions{Width: jitterWidth, Format: media.Gray8, Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	w, h := r.Size()
	roi := image.Rect(w/10, h/10, w-w/10, h-h/10)
	win := hann(roi.Dx(), roi.Dy())
	defer win.Close()
	prev, cur, gray := gocv.NewMat(), gocv.NewMat(), gocv.NewMatWithSize(h, w, gocv.MatTypeCV8U)
	defer prev.Close()
	defer cur.Close()
	defer gray.Close()
	var xs, ys []float64
	var px, py float64
	for i := 0; ; i++ {
		f, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		p, _ := gray.DataPtrUint8()
		copy(p, f.Data)
		reg := gray.Region(roi)
		reg.ConvertTo(&cur, gocv.MatTypeCV32F)
		reg.Close()
		if i > 0 {
			s, _ := gocv.PhaseCorrelate(prev, cur, win)
			px += float64(s.X)
			py += float64(s.Y)
		}
		xs, ys = append(xs, px), append(ys, py)
		prev, cur = cur, prev
	}
	hx, hy := highPass(xs, jitterRadius), highPass(ys, jitterRadius)
	var sum float64
	n := 0
	for i := max(skip, jitterRadius); i < len(xs)-max(skip, jitterRadius); i++ {
		sum += hx[i]*hx[i] + hy[i]*hy[i]
		n++
	}
	if n == 0 {
		t.Fatalf("%s: too short to measure jitter", path)
	}
	return 100 * math.Sqrt(sum/float64(n)) / float64(w)
}

// highPass subtracts the centred moving average over 2r+1 samples.
func highPass(v []float64, r int) []float64 {
	out := make([]float64, len(v))
	for i := range v {
		lo, hi := max(0, i-r), min(len(v)-1, i+r)
		var s float64
		for _, x := range v[lo : hi+1] {
			s += x
		}
		out[i] = v[i] - s/float64(hi-lo+1)
	}
	return out
}

// hann returns a w×h Hann window (CV_32F) for PhaseCorrelate.
func hann(w, h int) gocv.Mat {
	row, col := gocv.NewMatWithSize(1, w, gocv.MatTypeCV32F), gocv.NewMatWithSize(h, 1, gocv.MatTypeCV32F)
	defer row.Close()
	defer col.Close()
	for x := 0; x < w; x++ {
		row.SetFloatAt(0, x, float32(0.5-0.5*math.Cos(2*math.Pi*float64(x)/float64(w-1))))
	}
	for y := 0; y < h; y++ {
		col.SetFloatAt(y, 0, float32(0.5-0.5*math.Cos(2*math.Pi*float64(y)/float64(h-1))))
	}
	a, b := gocv.NewMat(), gocv.NewMat()
	defer a.Close()
	defer b.Close()
	gocv.Repeat(row, h, 1, &a)
	gocv.Repeat(col, 1, w, &b)
	out := gocv.NewMat()
	gocv.Multiply(a, b, &out)
	return out
}
