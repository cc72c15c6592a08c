// Package color measures the colour of video frames with OpenCV: the
// per-channel quantiles and the mean CIE L*a*b* colour of frames sampled
// from a range of a file (what a colour match is fitted to), and the mean
// CIEDE2000 between two pixel-aligned clips after a lookup table is
// applied to one (what a colour match is judged by). Frames are decoded
// through package media; every Mat is closed.
package color

import (
	"fmt"

	"gocv.io/x/gocv"

	"rushcut/media"
	"rushcut/vision/color/ciede"
)

// Width is the width frames are measured at (height by aspect).
const Width = 320

// Levels are the quantile levels Sample reports: 1% to 99% in 2% steps.
var Levels = func() []float64 {
	var l []float64
	for q := 0.01; q < 1; q += 0.02 {
		l = append(l, q)
	}
	return l
}()

// Stats are the colour statistics of sampled frames.
type Stats struct {
	// Quantiles[c][k] is the Levels[k] quantile of channel c (R, G, B), in
	// 0..1.
	Quantiles [3][]float64
	// Lab is the mean CIE L*a*b* colour (L in 0..100).
	Lab [3]float64
	// Frames is the number of frames sampled.
	Frames int
}

// LUT is a per-channel lookup table, R G B, 8-bit in and out.
type LUT [3][256]uint8

// Sample decodes n frames spread evenly over frames [in, out) of path (in
// the media's numbering, where start is the file's first frame) and
// measures them.
func Sample(path string, start, in, out int64, n int) (Stats, error) {
	var st Stats
	idx := spread(in-start, out-start, n)
	if len(idx) == 0 {
		return st, fmt.Errorf("%s: no frames in %d–%d", path, in, out)
	}
	r, err := media.OpenReader(path, media.ReaderOptions{Width: Width})
	if err != nil {
		return st, err
	}
	defer r.Close()
	var hist [3][256]float64
	var lab [3]float64
	for _, i := range idx {
		f, err := r.Seek(i)
		if err != nil {
			return st, err
		}
		if err := measure(f, &hist, &lab); err != nil {
			return st, fmt.Errorf("%s: frame %d: %w", path, i, err)
		}
		st.Frames++
	}
	for c := range 3 {
		st.Quantiles[c] = quantiles(&hist[c], Levels)
		st.Lab[c] = lab[c] / float64(st.Frames)
	}
	return st, nil
}

// spread picks n frame indexes evenly over [a, b).
func spread(a, b int64, n int) []int {
	if b <= a || n <= 0 {
		return nil
	}
	n = int(min(int64(n), b-a))
	out := make([]int, n)
	for k := range n {
		out[k] = int(a + (b-a)*int64(2*k+1)/int64(2*n))
	}
	return out
}

// measure adds frame f's channel histograms (R, G, B) to hist and its mean
// Lab to lab.
func measure(f *media.Frame, hist *[3][256]float64, lab *[3]float64) error {
	m, err := gocv.NewMatFromBytes(f.Height, f.Width, gocv.MatTypeCV8UC3, f.Data)
	if err != nil {
		return err
	}
	defer m.Close()
	mask := gocv.NewMat()
	defer mask.Close()
	for c := range 3 {
		h := gocv.NewMat()
		gocv.CalcHist([]gocv.Mat{m}, []int{2 - c}, mask, &h, []int{256}, []float64{0, 256}, false)
		total := float64(f.Width * f.Height)
		for k := range 256 {
			hist[c][k] += float64(h.GetFloatAt(k, 0)) / total
		}
		h.Close()
	}
	l, err := toLab(m)
	if err != nil {
		return err
	}
	defer l.Close()
	s := l.Mean()
	lab[0], lab[1], lab[2] = lab[0]+s.Val1, lab[1]+s.Val2, lab[2]+s.Val3
	return nil
}

// toLab converts an 8-bit BGR Mat to float L*a*b* (L 0..100).
func toLab(m gocv.Mat) (gocv.Mat, error) {
	fl := gocv.NewMat()
	defer fl.Close()
	m.ConvertToWithParams(&fl, gocv.MatTypeCV32FC3, 1.0/255, 0)
	out := gocv.NewMat()
	gocv.CvtColor(fl, &out, gocv.ColorBGRToLab)
	return out, nil
}

// quantiles reads the quantiles at levels from a 256-bin histogram of
// fractions, interpolating within bins; values are in 0..1.
func quantiles(h *[256]float64, levels []float64) []float64 {
	total := 0.0
	for _, v := range h {
		total += v
	}
	out := make([]float64, len(levels))
	cum := 0.0
	k := 0
	for bin, v := range h {
		next := cum + v/total
		for k < len(levels) && levels[k] <= next {
			frac := 0.5
			if v > 0 {
				frac = (levels[k] - cum) / (v / total)
			}
			out[k] = (float64(bin) + frac) / 255
			k++
		}
		cum = next
	}
	for ; k < len(levels); k++ {
		out[k] = 1
	}
	return out
}

// DeltaE is the colour difference of two pixel-aligned clips.
type DeltaE struct {
	// Mean is the mean CIEDE2000 over every pixel.
	Mean float64
	// Unclipped is the mean over the pixels none of whose channels is at 0
	// or 255 in the second clip before the table: pixels a grade clipped
	// have lost what no correction brings back.
	Unclipped float64
	// Clipped is the fraction of pixels left out of Unclipped.
	Clipped float64
}

// MeanDeltaE decodes n frames spread over frames [in, out) of both ref
// and path (pixel-aligned clips of the same picture, numbered from 0),
// applies lut to path's frames (nil: none), and measures the CIEDE2000
// between them over every pixel at Width.
func MeanDeltaE(ref, path string, in, out int64, n int, lut *LUT) (DeltaE, error) {
	var res DeltaE
	idx := spread(in, out, n)
	if len(idx) == 0 {
		return res, fmt.Errorf("no frames in %d–%d", in, out)
	}
	ra, err := media.OpenReader(ref, media.ReaderOptions{Width: Width})
	if err != nil {
		return res, err
	}
	defer ra.Close()
	rb, err := media.OpenReader(path, media.ReaderOptions{Width: Width})
	if err != nil {
		return res, err
	}
	defer rb.Close()
	var lutMat gocv.Mat
	if lut != nil {
		b := make([]byte, 256*3)
		for k := range 256 {
			b[3*k], b[3*k+1], b[3*k+2] = lut[2][k], lut[1][k], lut[0][k] // BGR
		}
		lutMat, err = gocv.NewMatFromBytes(1, 256, gocv.MatTypeCV8UC3, b)
		if err != nil {
			return res, err
		}
		defer lutMat.Close()
	}
	var sum, sumU float64
	var count, countU int
	for _, i := range idx {
		fa, err := ra.Seek(i)
		if err != nil {
			return res, err
		}
		la, err := frameLab(fa, nil)
		if err != nil {
			return res, err
		}
		fb, err := rb.Seek(i)
		if err != nil {
			la.Close()
			return res, err
		}
		var lm *gocv.Mat
		if lut != nil {
			lm = &lutMat
		}
		lb, err := frameLab(fb, lm)
		if err != nil {
			la.Close()
			return res, err
		}
		s, c, su, cu, err := sumDeltaE(la, lb, fb.Data)
		la.Close()
		lb.Close()
		if err != nil {
			return res, err
		}
		sum, count, sumU, countU = sum+s, count+c, sumU+su, countU+cu
	}
	res.Mean = sum / float64(count)
	res.Unclipped = sumU / float64(max(1, countU))
	res.Clipped = 1 - float64(countU)/float64(count)
	return res, nil
}

// frameLab is frame f, through lut when given, as float Lab.
func frameLab(f *media.Frame, lut *gocv.Mat) (gocv.Mat, error) {
	m, err := gocv.NewMatFromBytes(f.Height, f.Width, gocv.MatTypeCV8UC3, f.Data)
	if err != nil {
		return gocv.NewMat(), err
	}
	defer m.Close()
	if lut != nil {
		g := gocv.NewMat()
		defer g.Close()
		gocv.LUT(m, *lut, &g)
		return toLab(g)
	}
	return toLab(m)
}

// sumDeltaE is the sum of the per-pixel CIEDE2000 of two Lab Mats of one
// size and the pixel count, then the same over the pixels whose BGR bytes
// in raw (the second frame before any table) are none 0 or 255.
func sumDeltaE(a, b gocv.Mat, raw []byte) (float64, int, float64, int, error) {
	if a.Rows() != b.Rows() || a.Cols() != b.Cols() {
		return 0, 0, 0, 0, fmt.Errorf("frame sizes differ: %dx%d and %dx%d", a.Cols(), a.Rows(), b.Cols(), b.Rows())
	}
	da, err := a.DataPtrFloat32()
	if err != nil {
		return 0, 0, 0, 0, err
	}
	db, err := b.DataPtrFloat32()
	if err != nil {
		return 0, 0, 0, 0, err
	}
	var sum, sumU float64
	n := 0
	for i := 0; i+2 < len(da); i += 3 {
		d := ciede.DeltaE2000(
			[3]float64{float64(da[i]), float64(da[i+1]), float64(da[i+2])},
			[3]float64{float64(db[i]), float64(db[i+1]), float64(db[i+2])})
		sum += d
		if i+2 < len(raw) && !edge(raw[i]) && !edge(raw[i+1]) && !edge(raw[i+2]) {
			sumU += d
			n++
		}
	}
	return sum, len(da) / 3, sumU, n, nil
}

func edge(v byte) bool { return v == 0 || v == 255 }
