package vision

import (
	"math"
	"math/bits"
)

// thumbMAD is the mean absolute difference of two thumbnails (0..255).
func thumbMAD(a, b *Features) float64 {
	s := 0
	for i := range a.Thumb {
		d := int(a.Thumb[i]) - int(b.Thumb[i])
		if d < 0 {
			d = -d
		}
		s += d
	}
	return float64(s) / float64(len(a.Thumb))
}

// histDist is the mean of the Bhattacharyya distances of the compact
// hue-saturation and value histograms (0..1).
func histDist(a, b *Features) float64 {
	return (bhatta(a.Hist[:32], b.Hist[:32]) + bhatta(a.Hist[32:], b.Hist[32:])) / 2
}

func bhatta(p, q []uint8) float64 {
	var sp, sq, bc float64
	for i := range p {
		sp += float64(p[i])
		sq += float64(q[i])
		bc += math.Sqrt(float64(p[i]) * float64(q[i]))
	}
	if sp == 0 || sq == 0 {
		if sp == sq {
			return 0
		}
		return 1
	}
	return math.Sqrt(max(0, 1-bc/math.Sqrt(sp*sq)))
}

// pairDist is a 0..1 picture distance between any two frames from their
// stored signatures: thumbnail, colour histogram and perceptual hash.
func pairDist(a, b *Features) float64 {
	t := min(1, thumbMAD(a, b)/40)
	h := min(1, histDist(a, b)/0.4)
	p := min(1, float64(bits.OnesCount64(a.Hash^b.Hash))/28)
	return (t + h + p) / 3
}

// stepScore is the 0..1 hard-cut evidence between frame i-1 and i: colour
// histogram distance, edge change ratio, perceptual hash distance and the
// luma residual after compensating global motion and brightness. The
// histogram, the one brightness-sensitive measure, weighs least, so that
// flicker and exposure changes score low.
func stepScore(f *Features) float64 {
	h := min(1, float64(f.HistDist)/0.3)
	e := min(1, float64(f.EdgeChange))
	p := min(1, float64(f.HashDist)/28)
	r := min(1, float64(f.Motion.Residual)/30)
	return 0.2*h + 0.25*e + 0.3*p + 0.25*r
}

// flatStdMax is the luma spread under which a frame is a flat field (a
// colour card, a plain background, perhaps with a caption): its hash,
// edges and residual say little, and its colour says what it is.
const flatStdMax = 8

// pairScore is stepScore for the step from frame a to frame b, except
// between two flat fields (not dark): there the hue-saturation
// histogram stands in for the perceptual hash, which is noise on flat
// frames, so that a cut from one colour card to another of the same
// brightness scores as a cut, and a caption changing on it does not.
func pairScore(a, b *Features) float64 {
	if a.LumaStd >= flatStdMax || b.LumaStd >= flatStdMax || isDark(a) || isDark(b) {
		return stepScore(b)
	}
	h := min(1, float64(b.HistDist)/0.3)
	hs := min(1, bhatta(a.Hist[:32], b.Hist[:32])/0.3)
	e := min(1, float64(b.EdgeChange))
	r := min(1, float64(b.Motion.Residual)/30)
	return 0.2*h + 0.25*e + 0.3*hs + 0.25*r
}

// thumbMeans is the mean level (0..255) of a's thumbnail and of b's.
func thumbMeans(a, b *Features) (ma, mb float64) {
	for i := range a.Thumb {
		ma += float64(a.Thumb[i])
		mb += float64(b.Thumb[i])
	}
	const n = ThumbW * ThumbH
	return ma / n, mb / n
}

// ncc is the normalized cross-correlation of two thumbnails: near 1 for
// the same picture whatever its brightness, near 0 for unrelated ones.
// Flat thumbnails give 0.
func ncc(a, b *Features) float64 {
	ma, mb := thumbMeans(a, b)
	var sab, saa, sbb float64
	for i := range a.Thumb {
		x, y := float64(a.Thumb[i])-ma, float64(b.Thumb[i])-mb
		sab += x * y
		saa += x * x
		sbb += y * y
	}
	if n := float64(len(a.Thumb)); saa < n || sbb < n {
		return 0
	}
	return sab / math.Sqrt(saa*sbb)
}

// isBlack reports whether a frame is (near-)black: dark, and without the
// structure of a picture (a very dark but lit shot is not black).
func isBlack(f *Features) bool { return isDark(f) && thumbRange(f) < litRange }

// isDark reports whether a frame is nearly all shadow: black, the last
// frames of a fade, or a very dark shot.
func isDark(f *Features) bool {
	return f.Luma <= 20 && f.LumaStd <= 12 && f.Black >= 0.9
}

// litRange is the least spread (0..255) of a dark frame's thumbnail that
// shows a picture: averaging over the thumbnail's cells removes noise
// but keeps the shapes of a lit scene, however dark.
const litRange = 10

// thumbRange is the spread between the brightest and darkest cell of the
// frame's thumbnail.
func thumbRange(f *Features) int {
	lo, hi := 255, 0
	for _, v := range f.Thumb {
		lo = min(lo, int(v))
		hi = max(hi, int(v))
	}
	return hi - lo
}
