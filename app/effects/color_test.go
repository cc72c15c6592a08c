package effects

import (
	"fmt"
	"math"
	"testing"

	"rushcut/app/edit"
	"rushcut/media/mediatest"
	"rushcut/vision/color"
)

// lutrgb is the ffmpeg lutrgb filter applying c's slope, offset and power
// (saturation 1) per channel.
func lutrgb(c edit.CDL) string {
	ch := func(i int) string {
		return fmt.Sprintf("255*pow(clip(val/255*%g+%g\\,0\\,1)\\,%g)", c.Slope[i], c.Offset[i], c.Power[i])
	}
	return fmt.Sprintf("lutrgb=r='%s':g='%s':b='%s'", ch(0), ch(1), ch(2))
}

// stats samples n frames of a whole test clip (numbered from 0).
func stats(t *testing.T, path string, frames, n int) ColorStats {
	t.Helper()
	st, err := color.Sample(path, 0, 0, int64(frames), n)
	if err != nil {
		t.Fatal(err)
	}
	return ColorStats{Quantiles: st.Quantiles, Levels: color.Levels, Lab: st.Lab}
}

// maxDiff is the largest difference between two CDLs' per-channel
// curves over the code values the footage occupies in that channel (its
// 1% to 99% quantiles in st): outside them no fit has evidence.
func maxDiff(a, b edit.CDL, st ColorStats) float64 {
	d := 0.0
	for i := range 3 {
		q := st.Quantiles[i]
		for x := q[0]; x <= q[len(q)-1]; x += 0.005 {
			d = max(d, math.Abs(channel(a, i, x)-channel(b, i, x)))
		}
	}
	return d
}

// TestColorMatchRecovers regrades real shots with known CDLs (ffmpeg
// lutrgb, lossless FFV1 RGB), fits the CDL that brings each regraded clip
// back to the original from sampled frames, and measures the mean
// CIEDE2000 of the corrected clip to the original over every pixel of
// other frames (see the clip list for what was held out). Floors: mean
// ΔE2000 below 2.0 after the match (the target) over the pixels
// the regrade did not clip (no channel at 0 or 255: a clipped pixel has
// lost what no grade restores; the mean over all pixels is logged); the
// recovered curve within 0.03 (code values 0..1) of the exact inverse's
// over the range the footage occupies.
func TestColorMatchRecovers(t *testing.T) {
	if testing.Short() {
		t.Skip("decodes real footage")
	}
	grades := []struct {
		name string
		cdl  edit.CDL
		inv  edit.CDL // the exact inverse, a CDL because offset or power is neutral
	}{
		{"slope+power (warm, brighter)", edit.CDL{Slope: [3]float64{1.15, 1.0, 0.85}, Power: [3]float64{0.9, 1, 1.1}, Sat: 1},
			edit.CDL{Slope: [3]float64{math.Pow(1.15, -0.9), 1, math.Pow(0.85, -1.1)}, Power: [3]float64{1 / 0.9, 1, 1 / 1.1}, Sat: 1}},
		{"slope+offset (cool, lifted)", edit.CDL{Slope: [3]float64{0.8, 0.9, 1.05}, Offset: [3]float64{0.05, 0.02, -0.02}, Power: [3]float64{1, 1, 1}, Sat: 1},
			edit.CDL{Slope: [3]float64{1 / 0.8, 1 / 0.9, 1 / 1.05}, Offset: [3]float64{-0.05 / 0.8, -0.02 / 0.9, 0.02 / 1.05}, Power: [3]float64{1, 1, 1}, Sat: 1}},
	}
	// vtest.avi is the clip the fit was written on; Megamind.avi and
	// tree.avi were held out (and first run before the fit ignored
	// clipped quantiles); fruits.jpg and building.jpg, panned across as
	// shots, were held out until the fit was final.
	pan := "scale=640:-2,crop=480:360:x='t*60':y=0,scale=320:-2,format=bgr0"
	for _, c := range []struct {
		clip string
		args []string
	}{
		{"vtest.avi", nil}, {"Megamind.avi", nil}, {"tree.avi", nil},
		{"fruits.jpg", []string{"-loop", "1", "-r", "30"}}, {"building.jpg", []string{"-loop", "1", "-r", "30"}},
	} {
		clip := c.clip
		src := mediatest.OpencvData(t, clip)
		const frames = 30
		vf := "scale=320:-2,format=bgr0"
		if c.args != nil {
			vf = pan
		}
		args := append(append([]string{}, c.args...), "-i", src, "-frames:v", fmt.Sprint(frames), "-vf", vf, "-an", "-c:v", "ffv1")
		ref := mediatest.FFmpeg(t, "ref.mkv", args...)
		for _, g := range grades {
			t.Run(clip+"/"+g.name, func(t *testing.T) {
				graded := mediatest.FFmpeg(t, "graded.mkv", "-i", ref, "-vf", lutrgb(g.cdl)+",format=bgr0", "-c:v", "ffv1")
				gs := stats(t, graded, frames, 8)
				cdl, rms, err := FitCDL(stats(t, ref, frames, 8), gs)
				if err != nil {
					t.Fatal(err)
				}
				before, err := color.MeanDeltaE(ref, graded, 0, frames, 6, nil)
				if err != nil {
					t.Fatal(err)
				}
				lut := color.LUT(LUT(cdl))
				after, err := color.MeanDeltaE(ref, graded, 0, frames, 6, &lut)
				if err != nil {
					t.Fatal(err)
				}
				d := maxDiff(cdl, g.inv, gs)
				t.Logf("%s %s: mean ΔE2000 %.2f before, %.2f after (%.2f over the %.1f%% of pixels the regrade did not clip); recovered slope %.3f offset %.3f power %.3f (inverse slope %.3f offset %.3f power %.3f); curve within %.3f; fit RMS %.4f",
					clip, g.name, before.Mean, after.Mean, after.Unclipped, 100*(1-after.Clipped), cdl.Slope, cdl.Offset, cdl.Power, g.inv.Slope, g.inv.Offset, g.inv.Power, d, rms)
				if after.Unclipped >= 2.0 {
					t.Errorf("mean ΔE2000 after the match %.2f over unclipped pixels, want < 2.0 (before %.2f)", after.Unclipped, before.Unclipped)
				}
				if d > 0.03 {
					t.Errorf("recovered CDL's curve is %.3f from the inverse's, want ≤ 0.03", d)
				}
			})
		}
	}
}
