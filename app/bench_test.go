package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"rushcut/app/takes/rushgen"
)

// BenchmarkAnalyzeRushes times what a user runs: `rushcut analyze DIR`
// as a process (picture analysis, audio levels, the ViT and the slate
// reader, no cache) on a generated day, against `ffmpeg -i F -vf
// scale=256:-1 -f null -` over the same files in the same run. It reports
// the ratio (x_ffmpeg: ours over ffmpeg's throughput; 1 is as fast as
// ffmpeg decoding alone) and the process's peak RSS.
// RUSHCUT_BENCH_DAY=1 uses the Day set (6.7 min of rushes) instead of
// Small.
func BenchmarkAnalyzeRushes(b *testing.B) {
	plan := rushgen.Small()
	if os.Getenv("RUSHCUT_BENCH_DAY") != "" {
		plan = rushgen.Day()
	}
	dir := filepath.Join(os.TempDir(), "rushcut-bench-rushes", plan.Name)
	tr, err := rushgen.Ensure(context.Background(), dir, plan)
	if err != nil {
		b.Fatal(err)
	}
	var bestOurs, bestRef time.Duration
	var rss int64
	for i := 0; i < b.N; i++ {
		start := time.Now()
		for _, t := range tr.Takes {
			out, err := exec.Command("ffmpeg", "-v", "error", "-i", filepath.Join(dir, t.File), "-vf", "scale=256:-1", "-f", "null", "-").CombinedOutput()
			if err != nil {
				b.Fatalf("ffmpeg: %v %s", err, out)
			}
		}
		ref := time.Since(start)
		cmd := exec.Command(os.Args[0], "analyze", "--no-cache", "--json", dir)
		cmd.Env = append(os.Environ(), "RUSHCUT_AS_CLI=1", "RUSHCUT_CACHE_DIR="+b.TempDir())
		start = time.Now()
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("rushcut analyze: %v %s", err, out[max(0, len(out)-2000):])
		}
		ours := time.Since(start)
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			rss = max(rss, ru.Maxrss)
		}
		if bestOurs == 0 || ours < bestOurs {
			bestOurs = ours
		}
		if bestRef == 0 || ref < bestRef {
			bestRef = ref
		}
	}
	b.ReportMetric(float64(bestRef)/float64(bestOurs), "x_ffmpeg")
	b.ReportMetric(bestOurs.Seconds(), "analyze_s")
	b.ReportMetric(bestRef.Seconds(), "ffmpeg_s")
	b.ReportMetric(float64(rss)/1024, "peak_rss_MB")
}
