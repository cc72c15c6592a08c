package vision

import (
	"errors"
	"io"
	"math/rand"
	"testing"

	"rushcut/media"
)

// readFrames decodes the first max frames of path (all when max < 0) at
// analysis size, and returns them with their size.
func readFrames(b *testing.B, path string, max int) (frames [][]byte, w, h int) {
	r, err := media.OpenReader(path, media.ReaderOptions{Width: AnalysisWidth})
	if err != nil {
		b.Fatal(err)
	}
	defer r.Close()
	for max < 0 || len(frames) < max {
		f, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			b.Fatal(err)
		}
		frames = append(frames, f.Data)
	}
	w, h = r.Size()
	return frames, w, h
}

// BenchmarkExtract measures the feature extraction of one frame at
// analysis size (Megamind at 256 px wide), with and without faces; it
// reports the cost per frame, for comparing the features' share of an
// analysis with decoding (see app/analysis's ratio benchmarks).
func BenchmarkExtract(b *testing.B) {
	frames, w, h := readFrames(b, opencvData(b, "Megamind.avi"), -1)
	for _, faces := range []bool{false, true} {
		name := "nofaces"
		opt := ExtractorOptions{Width: w, Height: h}
		if faces {
			name = "faces"
			opt.FaceCascade = DefaultFaceCascade
		}
		b.Run(name, func(b *testing.B) {
			e, err := NewExtractor(opt)
			if err != nil {
				b.Fatal(err)
			}
			defer e.Close()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := e.Add(frames[i%len(frames)], i); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkDetectLong runs Detect on a synthetic 30-minute file (45,000
// frames at 25 fps: shots joined by cuts and dissolves) and reports
// the heap it allocates per frame (alloc-B/frame) besides the usual
// B/op and allocs/op.
func BenchmarkDetectLong(b *testing.B) {
	fs := footage(rand.New(rand.NewSource(30)), 45000)
	b.ReportAllocs()
	var total uint64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		total += allocBytes(fs)
	}
	b.ReportMetric(float64(total)/float64(b.N)/float64(len(fs)), "alloc-B/frame")
}
