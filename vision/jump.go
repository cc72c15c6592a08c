package vision

// Jump-cut parameters. A jump cut (the same set-up and framing, time
// skipped) leaves most of the picture where it was, so its step score is
// low; what marks it is a thumbnail change at once that the motion of the
// shot does not make: far above the thumbnail changes of the steps
// around it, and not repeated in the steps on either side.
const (
	// jumpMinScore is the least step score of a jump cut.
	jumpMinScore = 0.15
	// jumpThumbMin is the least thumbnail change (0..255) of a jump cut
	// in a picture of ordinary contrast (a luma spread of jumpSpreadRef or
	// more); in a picture of less contrast every change, the shot's own
	// and a cut's, is smaller in proportion, and so is the floor (see
	// jumpFloor).
	jumpThumbMin = 3.0
	// jumpSpreadRef is the luma spread (0..255) of the pictures
	// jumpThumbMin was set on: the tuned jump cuts' 48-52.
	jumpSpreadRef = 50.0
	// jumpThumb is how far the thumbnail change stands above the changes
	// of the steps on either side.
	jumpThumb = 4.0
	// jumpMotion is how far it stands above the mean thumbnail change of
	// the moving steps around it (thumbMotion).
	jumpMotion = 5.0
	// stillStep is the thumbnail change (0..255) under which a step shows
	// no motion at all: a repeated frame of footage on twos, or a still.
	stillStep = 0.05
)

// jumpCut reports whether step i is a jump cut: the thumbnail changes at
// once, far more than in the steps on either side and than the motion
// of the shot around it (thumbMotion), and not by a change of light or
// one step of a gradual change.
func jumpCut(fs []Features, score []float64, quiet []bool, i int) bool {
	n := len(fs)
	if score[i] < jumpMinScore || i < 2 || i+1 >= n || quiet[i-1] || quiet[i+1] {
		return false
	}
	d := thumbMAD(&fs[i-1], &fs[i])
	if d < jumpFloor(&fs[i-1], &fs[i]) || jumpThumb*max(thumbMAD(&fs[i-2], &fs[i-1]), thumbMAD(&fs[i], &fs[i+1])) > d {
		return false
	}
	if d < jumpMotion*thumbMotion(fs, quiet, i) {
		return false
	}
	return !rampAt(fs, i) && !lightChange(fs, i)
}

// thumbMotion is the mean thumbnail change of the steps within cutWindow
// of step i that move at all (a repeated frame says nothing of the
// motion), leaving out i and its neighbours and the steps of flashes.
func thumbMotion(fs []Features, quiet []bool, i int) float64 {
	var s float64
	k := 0
	for j := max(1, i-cutWindow); j <= min(len(fs)-1, i+cutWindow); j++ {
		if j >= i-1 && j <= i+1 || quiet[j] {
			continue
		}
		if d := thumbMAD(&fs[j-1], &fs[j]); d >= stillStep {
			s += d
			k++
		}
	}
	if k == 0 {
		return 0
	}
	return s / float64(k)
}

// jumpFloor is the least thumbnail change of a jump cut between frames a
// and b: jumpThumbMin, scaled down in proportion to the larger of their
// luma spreads where that is below jumpSpreadRef (a shot graded down to a
// few levels of luma changes its thumbnail by a level or so at a cut).
func jumpFloor(a, b *Features) float64 {
	return jumpThumbMin * min(1, float64(max(a.LumaStd, b.LumaStd))/jumpSpreadRef)
}
