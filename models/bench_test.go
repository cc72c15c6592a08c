package models

import (
	"errors"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"rushcut/media"
)

// benchModel is the model benchmarks run: $RUSHCUT_MODEL, else the shipped
// one ("" for OpenDefault).
func benchModel(b *testing.B) string {
	b.Helper()
	return ""
}

// benchFrames decodes n frames of an opencv-doc clip at 224 pixels wide.
func benchFrames(b *testing.B, clip string, n int) []*media.Frame {
	b.Helper()
	path := filepath.Join(opencvData, clip)
	if !isFile(path) {
		b.Skipf("%s not installed", path)
	}
	r, err := media.OpenReader(path, media.ReaderOptions{Width: 224, Threads: 1})
	if err != nil {
		b.Fatal(err)
	}
	defer r.Close()
	var out []*media.Frame
	for len(out) < n {
		f, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, f)
	}
	return out
}

// BenchmarkEmbed measures embeddings per second on the CPU at batch 1, 8 and
// 32 (preprocessing included), with the default session settings and with
// two threads.
//
//	go test -run - -bench Embed -benchtime 3x ./models/
func BenchmarkEmbed(b *testing.B) {
	needRuntime(b)
	model := benchModel(b)
	frames := benchFrames(b, "Megamind.avi", 64)
	for _, threads := range []int{DefaultThreads, 2} {
		for _, bs := range []int{1, 8, 32} {
			b.Run(fmt.Sprintf("threads=%d/batch=%d", threads, bs), func(b *testing.B) {
				e, err := OpenDefault(model, Options{Provider: CPU, Threads: threads, BatchSize: bs, Logf: func(string, ...any) {}})
				if err != nil {
					b.Fatal(err)
				}
				defer e.Close()
				if _, err := e.Embed(frames[:bs]); err != nil { // warm up
					b.Fatal(err)
				}
				b.ResetTimer()
				start := time.Now()
				for i := 0; i < b.N; i++ {
					if _, err := e.Embed(frames); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.N*len(frames))/time.Since(start).Seconds(), "emb/s")
			})
		}
	}
}

// analysisRun decodes clip at 224 wide in one goroutine and embeds every
// stride-th frame in another, as the analysis does; stride 0 decodes only.
// It returns the wall time.
func analysisRun(b *testing.B, clip string, e *Embedder, stride int) (time.Duration, int) {
	b.Helper()
	path := filepath.Join(opencvData, clip)
	r, err := media.OpenReader(path, media.ReaderOptions{Width: 224, Threads: 1})
	if err != nil {
		b.Fatal(err)
	}
	defer r.Close()
	start := time.Now()
	ch := make(chan *media.Frame, 64)
	var wg sync.WaitGroup
	var embErr error
	if e != nil {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var batch []*media.Frame
			for f := range ch {
				batch = append(batch, f)
				if len(batch) == e.BatchSize() {
					if _, err := e.Embed(batch); err != nil && embErr == nil {
						embErr = err
					}
					batch = batch[:0]
				}
			}
			if _, err := e.Embed(batch); err != nil && embErr == nil {
				embErr = err
			}
		}()
	}
	n := 0
	for {
		f, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			b.Fatal(err)
		}
		n++
		if e != nil && f.Index%stride == 0 {
			ch <- f
		}
	}
	close(ch)
	wg.Wait()
	if embErr != nil {
		b.Fatal(embErr)
	}
	return time.Since(start), n
}

// BenchmarkSessionSettings compares intra-op threads and spinning while a
// decoder competes for the cores: decode vtest.avi (795 frames, 768x576,
// MPEG-4) and embed every 2nd frame, pipelined. Lower ns/op is better; the
// defaults (DefaultThreads, spinning off) come from this benchmark.
//
//	go test -run - -bench SessionSettings -benchtime 3x ./models/
func BenchmarkSessionSettings(b *testing.B) {
	needRuntime(b)
	model := benchModel(b)
	if !isFile(filepath.Join(opencvData, "vtest.avi")) {
		b.Skip("vtest.avi not installed")
	}
	for _, threads := range []int{1, 2} {
		for _, spin := range []bool{false, true} {
			b.Run(fmt.Sprintf("threads=%d/spinning=%v", threads, spin), func(b *testing.B) {
				e, err := OpenDefault(model, Options{Provider: CPU, Threads: threads, Spinning: spin, Logf: func(string, ...any) {}})
				if err != nil {
					b.Fatal(err)
				}
				defer e.Close()
				var total time.Duration
				var frames int
				for i := 0; i < b.N; i++ {
					d, n := analysisRun(b, "vtest.avi", e, 2)
					total += d
					frames += n
				}
				b.ReportMetric(float64(frames)/total.Seconds(), "frames/s")
			})
		}
	}
}

// ffmpegDecode times the ffmpeg CLI decoding and scaling clip to 224 wide
// with one thread, writing nothing; 0 without ffmpeg.
func ffmpegDecode(b *testing.B, clip string) time.Duration {
	b.Helper()
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		return 0
	}
	start := time.Now()
	cmd := exec.Command("ffmpeg", "-nostdin", "-v", "error", "-threads", "1", "-i", filepath.Join(opencvData, clip),
		"-an", "-vf", "scale=224:-2", "-f", "null", "-")
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("ffmpeg: %v\n%s", err, out)
	}
	return time.Since(start)
}

// BenchmarkAnalysisRatio reports the speed of decode + ViT (every frame, and
// on a stride of every 4th frame, pipelined) as a ratio to decode-only
// throughput on the same file in the same run — the media reader's (ratio)
// and the ffmpeg CLI's, `ffmpeg -threads 1 -i FILE -vf scale=224:-2 -f null -`
// (ratio-ffmpeg-cli) — and as a multiple of real time.
//
//	go test -run - -bench AnalysisRatio -benchtime 3x ./models/
func BenchmarkAnalysisRatio(b *testing.B) {
	needRuntime(b)
	model := benchModel(b)
	for _, clip := range []struct {
		name string
		fps  float64
	}{{"vtest.avi", 10}, {"Megamind.avi", 2997.0 / 125}} {
		if !isFile(filepath.Join(opencvData, clip.name)) {
			b.Skipf("%s not installed", clip.name)
		}
		for _, stride := range []int{1, 4} {
			b.Run(fmt.Sprintf("%s/every=%d", clip.name, stride), func(b *testing.B) {
				e, err := OpenDefault(model, Options{Provider: CPU, Logf: func(string, ...any) {}})
				if err != nil {
					b.Fatal(err)
				}
				defer e.Close()
				var dec, ana, cli time.Duration
				var frames int
				for i := 0; i < b.N; i++ {
					d, n := analysisRun(b, clip.name, nil, 0)
					a, _ := analysisRun(b, clip.name, e, stride)
					dec += d
					ana += a
					cli += ffmpegDecode(b, clip.name)
					frames += n
				}
				b.ReportMetric(dec.Seconds()/ana.Seconds(), "ratio")
				if cli > 0 {
					b.ReportMetric(cli.Seconds()/ana.Seconds(), "ratio-ffmpeg-cli")
				}
				b.ReportMetric(float64(frames)/dec.Seconds(), "decode-fps")
				b.ReportMetric(float64(frames)/ana.Seconds(), "analysis-fps")
				b.ReportMetric(float64(frames)/clip.fps/ana.Seconds(), "x-realtime")
			})
		}
	}
}
