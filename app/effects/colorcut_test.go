package effects_test

import (
	"testing"

	"rushcut/app/effects"
	"rushcut/media/mediatest"
	"rushcut/vision/color"
)

func sampler(path string, start, in, out int64) (effects.ColorStats, error) {
	st, err := color.Sample(path, start, in, out, 8)
	if err != nil {
		return effects.ColorStats{}, err
	}
	return effects.ColorStats{Quantiles: st.Quantiles, Levels: color.Levels, Lab: st.Lab}, nil
}

// TestColorMatchInCut puts a real shot and its regrade side by side as two
// clips of one scene: Propose matches the second to the first with a CDL
// that brings it within a mean ΔE2000 of 2; the shot beside an ungraded
// copy of itself gets no colour match.
func TestColorMatchInCut(t *testing.T) {
	if testing.Short() {
		t.Skip("decodes real footage")
	}
	src := mediatest.OpencvData(t, "tree.avi")
	ref := mediatest.FFmpeg(t, "ref.mkv", "-i", src, "-frames:v", "40", "-vf", "scale=320:-2,format=bgr0", "-an", "-c:v", "ffv1")
	graded := mediatest.FFmpeg(t, "graded.mkv", "-i", ref, "-vf",
		"lutrgb=r='255*pow(clip(val/255*0.85\\,0\\,1)\\,1.1)':b='255*clip(val/255*1.1+0.03\\,0\\,1)',format=bgr0", "-c:v", "ffv1")
	copyOf := mediatest.FFmpeg(t, "copy.mkv", "-i", ref, "-c:v", "ffv1")
	for _, c := range []struct {
		second string
		want   bool
	}{{graded, true}, {copyOf, false}} {
		a, b := analyse(t, ref), analyse(t, c.second)
		a.src.Scene, b.src.Scene = "7", "7"
		in := cutOf([]part{{a, 0, 40}, {b, 0, 40}})
		in.Color = sampler
		list, err := effects.Propose(in, effects.Options{})
		if err != nil {
			t.Fatal(err)
		}
		var match *effects.ColorParams
		for _, s := range list {
			if s.Kind == effects.Color {
				p, err := effects.Of(s.Kind, s.Params)
				if err != nil {
					t.Fatal(err)
				}
				match = p.(*effects.ColorParams)
				t.Log(s.Reason)
				if s.Target.Path != c.second || match.ReferencePath != ref {
					t.Errorf("colour match of %s to %s, want %s to %s", s.Target.Path, match.ReferencePath, c.second, ref)
				}
			}
		}
		if !c.want {
			if match != nil {
				t.Errorf("colour match between a shot and its copy: %+v", match.CDL)
			}
			continue
		}
		if match == nil {
			t.Fatal("no colour match between a shot and its regrade")
		}
		lut := color.LUT(effects.LUT(match.CDL))
		d, err := color.MeanDeltaE(ref, graded, 0, 40, 6, &lut)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("matched: mean ΔE2000 %.2f (%.2f unclipped)", d.Mean, d.Unclipped)
		if d.Unclipped >= 2 {
			t.Errorf("matched clip at mean ΔE2000 %.2f, want < 2", d.Unclipped)
		}
	}
}
