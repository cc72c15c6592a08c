package color

import (
	"math"
	"testing"

	"rushcut/media/mediatest"
)

// TestSampleFlat measures a clip of one flat colour: every quantile of
// each channel is that channel's value and the mean Lab is the colour's.
func TestSampleFlat(t *testing.T) {
	// sRGB (200, 100, 50) is L* 53.6, a* 36.3, b* 45.4 (D65).
	path := mediatest.FFmpeg(t, "flat.mkv", "-f", "lavfi", "-i", "color=c=0xC86432:s=64x48:r=10", "-frames:v", "10",
		"-vf", "format=bgr0", "-c:v", "ffv1")
	st, err := Sample(path, 0, 0, 10, 4)
	if err != nil {
		t.Fatal(err)
	}
	if st.Frames != 4 {
		t.Errorf("%d frames sampled, want 4", st.Frames)
	}
	for c, want := range []float64{200, 100, 50} {
		for k, q := range st.Quantiles[c] {
			if math.Abs(q*255-want) > 1 {
				t.Fatalf("channel %d quantile %.2f = %.1f, want %.0f", c, Levels[k], q*255, want)
			}
		}
	}
	for i, want := range []float64{53.6, 36.3, 45.4} {
		if math.Abs(st.Lab[i]-want) > 1.5 {
			t.Errorf("Lab %v, want about (53.6, 36.3, 45.4)", st.Lab)
			break
		}
	}
	d, err := MeanDeltaE(path, path, 0, 10, 3, nil)
	if err != nil {
		t.Fatal(err)
	}
	if d.Mean != 0 {
		t.Errorf("a clip against itself: mean ΔE %v, want 0", d.Mean)
	}
	// A table that darkens red by 40 levels moves the colour.
	var lut LUT
	for k := range 256 {
		lut[0][k], lut[1][k], lut[2][k] = uint8(max(0, k-40)), uint8(k), uint8(k)
	}
	if d, err = MeanDeltaE(path, path, 0, 10, 3, &lut); err != nil || d.Mean < 5 {
		t.Errorf("red darkened by 40: mean ΔE %v (%v), want ≥ 5", d.Mean, err)
	}
}

func TestSampleBadInput(t *testing.T) {
	if _, err := Sample(t.TempDir(), 0, 0, 10, 3); err == nil {
		t.Error("a directory was sampled")
	}
	if _, err := Sample("/nonexistent.mov", 0, 5, 5, 3); err == nil {
		t.Error("an empty range was sampled")
	}
}
