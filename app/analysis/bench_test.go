package analysis

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"rushcut/media"
	"rushcut/media/mediatest"
	"rushcut/vision"
	"rushcut/vision/reels"
)

// analyzeOnce times a full analysis (every feature on, no cache; the ViT
// when opt has an Embedder).
func analyzeOnce(b *testing.B, path string, opt Options) (time.Duration, int) {
	b.Helper()
	opt.NoCache = true
	start := time.Now()
	a, err := Analyze(context.Background(), path, opt)
	if err != nil {
		b.Fatal(err)
	}
	return time.Since(start), a.Frames()
}

// BenchmarkAnalyzeVsFFmpeg reports analysis throughput (every feature,
// faces on a stride) as a ratio to the ffmpeg CLI decoding the same file,
// measured alternately in the same run, best of each: pixel features
// alone, and with the shipped ViT on its default stride (plus the frames
// around abrupt changes). Targets for pixels alone: ≥ 0.65 at 720p,
// ≥ 0.85 at 1080p. The clip is 29.97 fps, so fps/29.97 is the real-time
// factor.
func BenchmarkAnalyzeVsFFmpeg(b *testing.B) {
	for _, h := range []int{720, 1080} {
		for _, vit := range []bool{false, true} {
			name := strconv.Itoa(h) + "p"
			if vit {
				name += "-vit"
			}
			b.Run(name, func(b *testing.B) {
				path := mediatest.BenchClip(b, h)
				var opt Options
				if vit {
					opt.Embedder = shippedViT(b)
				}
				mediatest.ReportRatio(b, path, func() (time.Duration, int) { return analyzeOnce(b, path, opt) })
			})
		}
	}
}

// BenchmarkAccuracy reports hard-cut and gradual F1 of Rushcut with the
// ViT cue, of Rushcut on pixel statistics alone (same analysis), and of
// ffmpeg's scdet over the generated set (tuning, held-out, hidden-cut and
// dark hidden-cut reels) and the opencv-doc clips, scored in the same run.
func BenchmarkAccuracy(b *testing.B) {
	dir := reelSet(b)
	type item struct{ video, truth string }
	var items []item
	for _, r := range append(append(append(reels.Set(), reels.Holdout()...), reels.Hidden()...), reels.HiddenDark()...) {
		items = append(items, item{filepath.Join(dir, r.Name+".mp4"), filepath.Join(dir, r.Name+".json")})
	}
	for _, c := range []string{"Megamind", "Megamind_bugy", "vtest", "tree"} {
		items = append(items, item{opencvData(b, c+".avi"), mediatest.Truth(b, c+".json")})
	}
	opt := Options{NoCache: true, Embedder: shippedViT(b)}
	var ours, pixels, theirs vision.Scores
	for i := 0; i < b.N; i++ {
		ours, pixels, theirs = vision.Scores{}, vision.Scores{}, vision.Scores{}
		for _, it := range items {
			truth, err := vision.LoadTruth(it.truth)
			if err != nil {
				b.Fatal(err)
			}
			a, err := Analyze(context.Background(), it.video, opt)
			if err != nil {
				b.Fatal(err)
			}
			sd, err := Scdet(context.Background(), it.video, DefaultScdetThreshold, media.DefaultStream)
			if err != nil {
				b.Fatal(err)
			}
			ours = ours.Add(vision.Score(truth.Transitions, a.Detect().Transitions))
			pixels = pixels.Add(vision.Score(truth.Transitions, a.DetectPixels().Transitions))
			theirs = theirs.Add(vision.Score(truth.Transitions, sd))
		}
	}
	b.ReportMetric(ours.Cuts.F1(), "cut_F1")
	b.ReportMetric(ours.Gradual.F1(), "gradual_F1")
	b.ReportMetric(pixels.Cuts.F1(), "pixels_cut_F1")
	b.ReportMetric(theirs.Cuts.F1(), "scdet_cut_F1")
	b.ReportMetric(theirs.Gradual.F1(), "scdet_gradual_F1")
	b.Logf("rushcut     cuts %v gradual %v", ours.Cuts, ours.Gradual)
	b.Logf("pixels only cuts %v gradual %v", pixels.Cuts, pixels.Gradual)
	b.Logf("scdet       cuts %v gradual %v", theirs.Cuts, theirs.Gradual)
}

// BenchmarkLongFile analyses a long 1080p file, without and with the ViT,
// and reports peak RSS (the process high-water mark, reset before the
// analysis) and the speed ratio to ffmpeg. Opt-in: RUSHCUT_LONG_FILE names the file, e.g. a 30-minute
// 1080p H.264 made with
//
//	ffmpeg -stream_loop -1 -i Megamind.avi -an -t 1800 -vf scale=1920:1080 -c:v libx264 -preset ultrafast -crf 30 long1080.mp4
func BenchmarkLongFile(b *testing.B) {
	path := os.Getenv("RUSHCUT_LONG_FILE")
	if path == "" {
		b.Skip("set RUSHCUT_LONG_FILE to a long 1080p file")
	}
	for _, vit := range []bool{false, true} {
		name := "pixels"
		if vit {
			name = "vit"
		}
		b.Run(name, func(b *testing.B) {
			var opt Options
			if vit {
				opt.Embedder = shippedViT(b)
			}
			for i := 0; i < b.N; i++ {
				resetPeakRSS()
				ours, frames := analyzeOnce(b, path, opt)
				peak := peakRSS()
				ref := mediatest.FFmpegDecode(b, path)
				b.ReportMetric(float64(peak)/(1<<20), "peak_RSS_MB")
				b.ReportMetric(float64(ref)/float64(ours), "x_ffmpeg")
				b.ReportMetric(float64(frames), "frames")
			}
		})
	}
}

// resetPeakRSS resets the kernel's RSS high-water mark for this process.
func resetPeakRSS() { _ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// peakRSS is the process's RSS high-water mark in bytes (VmHWM).
func peakRSS() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}
