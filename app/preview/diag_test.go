package preview

import (
	"math"
	"os"
	"strings"
	"testing"

	"gocv.io/x/gocv"

	"rushcut/media"
	"rushcut/vision/render"
)

// hpRMS is the RMS of a path high-passed as the jitter measure does, in
// pixels, away from the ends.
func hpRMS(x, y []float64, skip int) float64 {
	hx, hy := highPass(x, jitterRadius), highPass(y, jitterRadius)
	var s float64
	n := 0
	for i := skip; i < len(x)-skip; i++ {
		s += hx[i]*hx[i] + hy[i]*hy[i]
		n++
	}
	return math.Sqrt(s / float64(n))
}

// TestStabilizeDiagnose is a design aid (RUSHCUT_STAB_DIAG=clip,clip),
// for the design clips only: on still-pan clips it compares the tracker's
// frame-to-frame motion with the true crop path (the crop moves by whole
// even pixels, and the tracker lands within a fraction of a pixel of
// them), and reports in pixels the tracking error's high-frequency part,
// what the smoothing lets through with a perfect tracker, and what
// candidate smoothing windows would leave.
func TestStabilizeDiagnose(t *testing.T) {
	names := os.Getenv("RUSHCUT_STAB_DIAG")
	if names == "" {
		t.Skip("design aid: RUSHCUT_STAB_DIAG=building-pan")
	}
	for _, c := range append(shakeClips, designClips...) {
		if !strings.Contains(","+names+",", ","+c.name+",") || c.pan == 0 {
			// The true path is known only for a still panned by whole
			// pixels.
			continue
		}
		shaky, _ := makeShaky(t, c)
		r, err := media.OpenReader(shaky, media.ReaderOptions{Threads: 1})
		if err != nil {
			t.Fatal(err)
		}
		tr := render.NewTracker()
		m := gocv.NewMat()
		var ms, truth []render.Motion
		w, h := r.Size()
		for {
			f, err := r.Next()
			if err != nil {
				break
			}
			render.Load(&m, f.Data, f.Width, f.Height)
			mo := tr.Step(m)
			ms = append(ms, mo)
			// The crop moves by whole even pixels (yuv420p alignment);
			// the tracker is within a fraction of a pixel of it.
			truth = append(truth, render.Motion{DX: 2 * math.Round(mo.DX/2), DY: 2 * math.Round(mo.DY/2)})
		}
		r.Close()
		tr.Close()
		m.Close()
		cum := func(v []render.Motion) (x, y, a []float64) {
			var px, py, pa float64
			for _, mo := range v {
				px, py, pa = px+mo.DX, py+mo.DY, pa+mo.DA
				x, y, a = append(x, px), append(y, py), append(a, pa)
			}
			return
		}
		mx, my, ma := cum(ms)
		tx, ty, _ := cum(truth)
		n := len(mx)
		ex, ey := make([]float64, n), make([]float64, n)
		for i := range n {
			ex[i], ey[i] = mx[i]-tx[i], my[i]-ty[i]
		}
		zero := make([]float64, n)
		plan := render.Smooth(ms, DefaultRadius, 0.10, w, h)
		ideal := render.Smooth(truth, DefaultRadius, 0.10, w, h)
		ox, oy, ix, iy := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
		for i := range n {
			ox[i], oy[i] = tx[i]+plan.Corrections[i].DX, ty[i]+plan.Corrections[i].DY
			ix[i], iy[i] = tx[i]+ideal.Corrections[i].DX, ty[i]+ideal.Corrections[i].DY
		}
		for _, k := range diagKernels(DefaultRadius) {
			sx, sy := convolve(mx, k.w), convolve(my, k.w)
			var peak float64
			for i := range n {
				ox[i], oy[i] = tx[i]+sx[i]-mx[i], ty[i]+sy[i]-my[i]
				peak = max(peak, math.Abs(sx[i]-mx[i])/float64(w), math.Abs(sy[i]-my[i])/float64(h))
			}
			t.Logf("  %-22s predicted output HF %.3f px; largest correction %.1f%% of the frame", k.name, hpRMS(ox, oy, 22), 100*peak)
		}
		t.Logf("%s (%dx%d): true path HF %.3f px; tracking error path HF %.3f px (x %.3f, y %.3f), angle HF %.5f rad; predicted output HF %.3f px (%.4f%% of width at zoom %.3f); with a perfect tracker %.3f px",
			c.name, w, h, hpRMS(tx, ty, 15), hpRMS(ex, ey, 15), hpRMS(ex, zero, 15), hpRMS(zero, ey, 15), hpRMS(ma, zero, 15),
			hpRMS(ox, oy, 15), 100*plan.Zoom*hpRMS(ox, oy, 15)/float64(w), plan.Zoom, hpRMS(ix, iy, 15))
	}
}

type diagKernel struct {
	name string
	w    []float64 // offsets −k…k, normalised
}

func norm(name string, w []float64) diagKernel {
	var s float64
	for _, v := range w {
		s += v
	}
	for i := range w {
		w[i] /= s
	}
	return diagKernel{name, w}
}

// diagKernels are candidate smoothing windows for radius r.
func diagKernels(r int) []diagKernel {
	gauss := func(sigma float64, k int, edge bool) []float64 {
		w := make([]float64, 2*k+1)
		e := math.Exp(-float64((k+1)*(k+1)) / (2 * sigma * sigma))
		for j := -k; j <= k; j++ {
			w[j+k] = math.Exp(-float64(j*j) / (2 * sigma * sigma))
			if edge {
				w[j+k] -= e
			}
		}
		return w
	}
	cosine := func(k int, a []float64) []float64 {
		w := make([]float64, 2*k+1)
		for j := -k; j <= k; j++ {
			x := math.Pi * float64(j) / float64(k+1)
			for i, c := range a {
				w[j+k] += c * math.Cos(float64(i)*x)
			}
		}
		return w
	}
	rf := float64(r)
	return []diagKernel{
		norm("gauss r/2 cut r", gauss(rf/2, r, false)),
		norm("gauss r/2 - edge", gauss(rf/2, r, true)),
		norm("gauss r/3 cut r", gauss(rf/3, r, false)),
		norm("gauss r/2 cut 1.5r", gauss(rf/2, r*3/2, false)),
		norm("hann r", cosine(r, []float64{0.5, 0.5})),
		norm("blackman r", cosine(r, []float64{0.42, 0.5, 0.08})),
		norm("hann 1.5r", cosine(r*3/2, []float64{0.5, 0.5})),
		norm("blackman 1.5r", cosine(r*3/2, []float64{0.42, 0.5, 0.08})),
	}
}

// convolve smooths v with the window, shrunk symmetrically at the ends.
func convolve(v []float64, w []float64) []float64 {
	k := len(w) / 2
	out := make([]float64, len(v))
	for i := range v {
		kk := min(k, i, len(v)-1-i)
		var s, ws float64
		for j := -kk; j <= kk; j++ {
			s += w[j+k] * v[i+j]
			ws += w[j+k]
		}
		out[i] = s / ws
	}
	return out
}
