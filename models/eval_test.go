package models

import (
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"testing"

	"gocv.io/x/gocv"

	"rushcut/media"
	"rushcut/media/mediatest"
)

// The real-footage evaluation: the opencv-doc clips with frame-exact shot
// truth in media/mediatest/truth. Every pair is one frame of the original clip and
// one frame of a regraded, reframed copy made with the ffmpeg CLI (exposure,
// saturation and hue changed, 80 % crop-in), as between takes or after a
// grade. Same shot = positive, different shot (same clip or another clip) =
// negative. The clips are never used in training.

const opencvData = "/usr/share/doc/opencv-doc/examples/data"

// evalClips are the clips with truth; Megamind_bugy is left out, being the
// same picture as Megamind (its shots would be negatives of themselves).
var evalClips = []struct {
	name  string
	every int // frame stride of the sample
}{{"Megamind.avi", 3}, {"vtest.avi", 10}, {"tree.avi", 2}}

// regrade is the grade and reframe of the copy: 80 % centre crop-in,
// +exposure, +40 % saturation, a hue shift, a gamma change.
const regrade = "crop=iw*0.8:ih*0.8,scale=448:-2,eq=brightness=0.06:contrast=1.1:saturation=1.4:gamma=1.15,hue=h=12"

type truthFile struct {
	Frames int      `json:"frames"`
	Shots  [][2]int `json:"shots"`
}

// truthDir is the ground truth of the opencv-doc clips, kept in the
// repository (media/mediatest/truth).
func truthDir(t testing.TB) string {
	t.Helper()
	mediatest.Truth(t, "Megamind.json")
	return mediatest.TruthDir()
}

// sample is one decoded frame of the evaluation with its shot label.
type sample struct {
	clip, frame, shot int
	// label names the camera set-up: two samples with one label show the
	// same shot (same clip and shot here; the moving-camera reels label
	// their segments by the source shot they were cut from).
	label int
	mat   gocv.Mat // BGR at analysis size
}

func shotOf(tr truthFile, frame int) int {
	for i, s := range tr.Shots {
		if frame >= s[0] && frame <= s[1] {
			return i
		}
	}
	return -1
}

// readSamples decodes every `every`-th frame of path at width 224 (frames in
// no shot, such as black, are skipped).
func readSamples(t testing.TB, path string, clip, every int, tr truthFile) []sample {
	t.Helper()
	r, err := media.OpenReader(path, media.ReaderOptions{Width: 224, Format: media.BGR24, Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var out []sample
	n := 0
	for {
		f, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		n++
		if f.Index%every != 0 {
			continue
		}
		shot := shotOf(tr, f.Index)
		if shot < 0 {
			continue
		}
		m, err := gocv.NewMatFromBytes(f.Height, f.Width, gocv.MatTypeCV8UC3, f.Data)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, sample{clip: clip, frame: f.Index, shot: shot, mat: m})
	}
	if n != tr.Frames {
		t.Fatalf("%s: decoded %d frames, truth says %d", path, n, tr.Frames)
	}
	return out
}

// labelled sets each sample's label.
func labelled(ss []sample, label func(sample) int) []sample {
	for i := range ss {
		ss[i].label = label(ss[i])
	}
	return ss
}

// makeRegraded writes the regraded copy of src with the ffmpeg CLI, one
// output frame per decoded input frame, losslessly (FFV1).
func makeRegraded(t testing.TB, src, dir string) string {
	t.Helper()
	dst := filepath.Join(dir, filepath.Base(src)+".regraded.mkv")
	cmd := exec.Command("ffmpeg", "-nostdin", "-v", "error", "-y", "-i", src, "-an", "-vf", regrade,
		"-fps_mode", "passthrough", "-c:v", "ffv1", dst)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg regrade of %s: %v\n%s", src, err, out)
	}
	return dst
}

// evalSet is the decoded evaluation: originals and regraded copies.
type evalSet struct {
	orig, graded []sample
}

func (s *evalSet) close() {
	for _, x := range append(s.orig, s.graded...) {
		x.mat.Close()
	}
}

func loadEvalSet(t testing.TB) *evalSet {
	t.Helper()
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		t.Skip("ffmpeg CLI not installed")
	}
	td := truthDir(t)
	dir := t.TempDir()
	set := &evalSet{}
	for ci, c := range evalClips {
		src := filepath.Join(opencvData, c.name)
		if !isFile(src) {
			t.Skipf("%s not installed (opencv-doc)", src)
		}
		var tr truthFile
		b, err := os.ReadFile(filepath.Join(td, c.name[:len(c.name)-len(filepath.Ext(c.name))]+".json"))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, &tr); err != nil {
			t.Fatal(err)
		}
		set.orig = append(set.orig, labelled(readSamples(t, src, ci, c.every, tr), func(s sample) int { return ci*1000 + s.shot })...)
		set.graded = append(set.graded, labelled(readSamples(t, makeRegraded(t, src, dir), ci, c.every, tr), func(s sample) int { return ci*1000 + s.shot })...)
	}
	return set
}

// embedSamples embeds the samples' frames.
func embedSamples(t testing.TB, e *Embedder, ss []sample) [][]float32 {
	mats := make([]gocv.Mat, len(ss))
	for i := range ss {
		mats[i] = ss[i].mat
	}
	embs, err := e.EmbedMats(mats)
	if err != nil {
		t.Fatal(err)
	}
	return embs
}

// shippedScorers opens the shipped model on the CPU and returns the three
// similarities every evaluation compares: the ViT's cosine first, then the
// colour-histogram and thumbnail baselines. The caller closes e.
func shippedScorers(t testing.TB) (e *Embedder, scorers []scorer) {
	t.Helper()
	e, err := OpenDefault("", Options{Provider: CPU, Threads: 2, Logf: t.Logf})
	if err != nil {
		t.Fatal(err)
	}
	vit := func(t testing.TB, ss []sample) [][]float32 { return embedSamples(t, e, ss) }
	return e, []scorer{
		{"ViT " + e.Manifest().Name, vit, func(a, b []float32) float64 { return Cosine(a, b) }},
		{"colour histogram (HS 30x32, correlation)", histFeature, correlation},
		{"8x8 thumbnail (-L2)", thumbFeature, negL2},
	}
}

// scorer gives a similarity for each sample (higher = more alike) through a
// per-sample feature.
type scorer struct {
	name    string
	feature func(t testing.TB, s []sample) [][]float32
	sim     func(a, b []float32) float64
}

// histFeature is the classic colour-histogram signature: a normalised
// 2-D hue-saturation histogram (30 x 32 bins), compared by correlation.
func histFeature(t testing.TB, ss []sample) [][]float32 {
	out := make([][]float32, len(ss))
	for i, s := range ss {
		hsv := gocv.NewMat()
		gocv.CvtColor(s.mat, &hsv, gocv.ColorBGRToHSV)
		h := gocv.NewMat()
		mask := gocv.NewMat()
		gocv.CalcHist([]gocv.Mat{hsv}, []int{0, 1}, mask, &h, []int{30, 32}, []float64{0, 180, 0, 256}, false)
		gocv.Normalize(h, &h, 1, 0, gocv.NormL1)
		out[i] = matFloats(t, h)
		hsv.Close()
		h.Close()
		mask.Close()
	}
	return out
}

// thumbFeature is the raw 8x8 colour thumbnail (area-averaged), compared by
// negative Euclidean distance.
func thumbFeature(t testing.TB, ss []sample) [][]float32 {
	out := make([][]float32, len(ss))
	for i, s := range ss {
		th := gocv.NewMat()
		gocv.Resize(s.mat, &th, image.Pt(8, 8), 0, 0, gocv.InterpolationArea)
		f := gocv.NewMat()
		th.ConvertTo(&f, gocv.MatTypeCV32FC3)
		out[i] = matFloats(t, f)
		th.Close()
		f.Close()
	}
	return out
}

func matFloats(t testing.TB, m gocv.Mat) []float32 {
	d, err := m.DataPtrFloat32()
	if err != nil {
		t.Fatal(err)
	}
	return append([]float32(nil), d...)
}

func correlation(a, b []float32) float64 {
	var ma, mb float64
	for i := range a {
		ma += float64(a[i])
		mb += float64(b[i])
	}
	ma /= float64(len(a))
	mb /= float64(len(b))
	var sab, saa, sbb float64
	for i := range a {
		x, y := float64(a[i])-ma, float64(b[i])-mb
		sab += x * y
		saa += x * x
		sbb += y * y
	}
	if saa == 0 || sbb == 0 {
		return 0
	}
	return sab / math.Sqrt(saa*sbb)
}

func negL2(a, b []float32) float64 {
	var s float64
	for i := range a {
		d := float64(a[i]) - float64(b[i])
		s += d * d
	}
	return -math.Sqrt(s)
}

// rocAUC is the probability that a positive scores above a negative, ties
// counting half (Mann-Whitney U).
func rocAUC(pos, neg []float64) float64 {
	type sv struct {
		v   float64
		pos bool
	}
	all := make([]sv, 0, len(pos)+len(neg))
	for _, v := range pos {
		all = append(all, sv{v, true})
	}
	for _, v := range neg {
		all = append(all, sv{v, false})
	}
	sort.Slice(all, func(i, j int) bool { return all[i].v < all[j].v })
	var rankSum float64
	for i := 0; i < len(all); {
		j := i
		for j+1 < len(all) && all[j+1].v == all[i].v {
			j++
		}
		r := float64(i+j)/2 + 1
		for k := i; k <= j; k++ {
			if all[k].pos {
				rankSum += r
			}
		}
		i = j + 1
	}
	np, nn := float64(len(pos)), float64(len(neg))
	return (rankSum - np*(np+1)/2) / (np * nn)
}

// aucs scores every (original, regraded) pair of different frames and
// returns the ROC-AUC over all pairs and over Megamind's pairs only (the
// hard part: four shots of one scene).
func aucs(set *evalSet, fo, fg [][]float32, sim func(a, b []float32) float64) (all, megamind float64, npos, nneg int) {
	var pos, neg, mpos, mneg []float64
	for i, a := range set.orig {
		for j, b := range set.graded {
			if a.clip == b.clip && a.frame == b.frame {
				continue
			}
			s := sim(fo[i], fg[j])
			same := a.label == b.label
			if same {
				pos = append(pos, s)
			} else {
				neg = append(neg, s)
			}
			if a.clip == 0 && b.clip == 0 {
				if same {
					mpos = append(mpos, s)
				} else {
					mneg = append(mneg, s)
				}
			}
		}
	}
	return rocAUC(pos, neg), rocAUC(mpos, mneg), len(pos), len(neg)
}

// TestRealFootageSameShotAUC is the proof the issue asks for: on the real
// clips, the shipped ViT separates same-shot from different-shot pairs
// across a regrade and an 80 % crop-in with ROC-AUC >= 0.95, and better
// than colour histograms and 8x8 thumbnails.
func TestRealFootageSameShotAUC(t *testing.T) {
	if testing.Short() {
		t.Skip("decodes and transcodes the evaluation clips")
	}
	needRuntime(t)
	set := loadEvalSet(t)
	defer set.close()
	e, scorers := shippedScorers(t)
	defer e.Close()
	res := map[string][2]float64{}
	for _, s := range scorers {
		fo, fg := s.feature(t, set.orig), s.feature(t, set.graded)
		all, mm, np, nn := aucs(set, fo, fg, s.sim)
		res[s.name] = [2]float64{all, mm}
		t.Logf("ROC-AUC %-42s all clips %.4f  Megamind only %.4f  (%d same-shot, %d different-shot pairs)", s.name, all, mm, np, nn)
	}
	v := res[scorers[0].name]
	if v[0] < 0.95 {
		t.Errorf("ViT ROC-AUC %.4f < 0.95", v[0])
	}
	for _, s := range scorers[1:] {
		if o := res[s.name]; v[0] <= o[0] {
			t.Errorf("ViT (%.4f) does not beat %s (%.4f)", v[0], s.name, o[0])
		}
	}
}

func TestRocAUC(t *testing.T) {
	cases := []struct {
		pos, neg []float64
		want     float64
	}{
		{[]float64{3, 4}, []float64{1, 2}, 1},
		{[]float64{1, 2}, []float64{3, 4}, 0},
		{[]float64{1}, []float64{1}, 0.5},
		{[]float64{1, 3}, []float64{2}, 0.5},
	}
	for _, c := range cases {
		if got := rocAUC(c.pos, c.neg); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("rocAUC(%v, %v) = %v, want %v", c.pos, c.neg, got, c.want)
		}
	}
}

// TestViTCutCue measures the ViT alone as a hard-cut detector on the real
// clips, to size it as a cue for the vision detector: a cut at frame i when
// the embedding distance from frame i-1 to i exceeds cutThreshold and the
// change persists (i-1 to i+1 also exceeds it), which ignores one-frame
// damage and flashes. Cuts count as found at their exact frame. It logs the
// distances at the true cuts and the largest elsewhere. The threshold (0.2)
// was set after seeing those distances on these clips, so the F1 it logs is
// not a held-out number; the separation is the evidence.
func TestViTCutCue(t *testing.T) {
	if testing.Short() {
		t.Skip("decodes the evaluation clips")
	}
	needRuntime(t)
	td := truthDir(t)
	e, err := OpenDefault("", Options{Provider: CPU, Threads: 2, BatchSize: 32, Logf: t.Logf})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	const cutThreshold = 0.2
	var tp, fp, fn int
	for _, clip := range []string{"Megamind", "Megamind_bugy", "vtest", "tree"} {
		src := filepath.Join(opencvData, clip+".avi")
		if !isFile(src) {
			t.Skipf("%s not installed", src)
		}
		var tr struct {
			Transitions []struct {
				Kind  string `json:"kind"`
				Frame int    `json:"frame"`
			} `json:"transitions"`
		}
		b, err := os.ReadFile(filepath.Join(td, clip+".json"))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, &tr); err != nil {
			t.Fatal(err)
		}
		r, err := media.OpenReader(src, media.ReaderOptions{Width: 224, Threads: 1})
		if err != nil {
			t.Fatal(err)
		}
		var frames []*media.Frame
		for {
			f, err := r.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			frames = append(frames, f)
		}
		r.Close()
		embs, err := e.Embed(frames)
		if err != nil {
			t.Fatal(err)
		}
		found := map[int]bool{}
		var dets []int
		for i := 1; i < len(embs); i++ {
			next := min(i+1, len(embs)-1)
			if CosineDistance(embs[i-1], embs[i]) > cutThreshold && CosineDistance(embs[i-1], embs[next]) > cutThreshold {
				dets = append(dets, i)
				found[i] = true
			}
		}
		truth := map[int]bool{}
		for _, tt := range tr.Transitions {
			if tt.Kind == "cut" {
				truth[tt.Frame] = true
			}
		}
		var atCuts []string
		maxOther, at := 0.0, 0
		for i := 1; i < len(embs); i++ {
			d := CosineDistance(embs[i-1], embs[i])
			if truth[i] {
				atCuts = append(atCuts, fmt.Sprintf("%d:%.3f", i, d))
			} else if d > maxOther {
				maxOther, at = d, i
			}
		}
		t.Logf("%-14s distance at cuts %v; largest elsewhere %.3f (frame %d)", clip, atCuts, maxOther, at)
		ctp := 0
		for f := range found {
			if truth[f] {
				ctp++
			}
		}
		tp += ctp
		fp += len(found) - ctp
		fn += len(truth) - ctp
		t.Logf("%-14s truth cuts %v, ViT cuts %v", clip, keys(truth), dets)
	}
	f1 := float64(2*tp) / float64(max(1, 2*tp+fp+fn))
	t.Logf("ViT alone as a hard-cut detector (threshold %.2f): TP %d FP %d FN %d, F1 %.3f", cutThreshold, tp, fp, fn, f1)
}

func keys(m map[int]bool) []int {
	var out []int
	for k := range m {
		out = append(out, k)
	}
	sort.Ints(out)
	return out
}
