package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"rushcut/app/takes/rushgen"
	"rushcut/media/mediatest"
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

// BenchmarkCutsCLI times what a user runs on one file: the built
// `rushcut cuts F --json --no-cache` (ViT on, its default; and --no-vit)
// as a process, against `ffmpeg -v error -i F -vf scale=256:-1 -f null -`
// (the decode limit) and PySceneDetect's detect-adaptive when python3 can
// import scenedetect, run alternately, three rounds, on a 1080p and a 720p
// H.264 file of real footage with real cuts (Megamind.avi eight times
// over, 2,160 frames). Per contender it reports the median over the
// rounds of ffmpeg's wall time over its own in the same round (x_ffmpeg:
// 1 is as fast as decoding alone), the median CPU seconds (user+system),
// the CPU ratio to ffmpeg (cpu_x_ffmpeg, the same ratio measured in CPU
// time: steadier than wall time on a loaded machine) and the peak RSS.
// RUSHCUT_BENCH_BASE names another rushcut binary (say, an older commit's)
// to run in the same rounds as "base", ViT on.
// Run it with `make bench` or
//
//	go test ./app -run '^$' -bench CutsCLI -benchtime 1x -timeout 60m -v
func BenchmarkCutsCLI(b *testing.B) {
	bin := buildRushcut(b)
	contenders := cutsContenders(bin)
	if base := os.Getenv("RUSHCUT_BENCH_BASE"); base != "" {
		// Another rushcut build (an older commit's) in the same rounds.
		contenders = append(contenders, benchCmd{name: "base", argv: func(f string) []string {
			return []string{base, "cuts", f, "--json", "--no-cache"}
		}, rushcut: true})
	}
	if exec.Command("python3", "-c", "import scenedetect").Run() == nil {
		contenders = append(contenders, benchCmd{name: "pyscenedetect", argv: func(f string) []string {
			return []string{"python3", "-m", "scenedetect", "-q", "-i", f, "detect-adaptive"}
		}})
	} else {
		b.Log("PySceneDetect is not importable here (python3 -c 'import scenedetect' fails): compared with ffmpeg only")
	}
	for _, h := range []int{1080, 720} {
		b.Run(strconv.Itoa(h)+"p", func(b *testing.B) {
			path := cutsBenchClip(b, h)
			cache := b.TempDir()
			for i := 0; i < b.N; i++ {
				stats := make([][]procStat, len(contenders))
				for round := 0; round < 3; round++ {
					for c, cmd := range contenders {
						stats[c] = append(stats[c], cmd.run(b, path, cache))
					}
				}
				reportCutsCLI(b, contenders, stats)
			}
		})
	}
}

// BenchmarkCutsCLILong checks issue 11's "flat over a 30-minute file":
// the built `rushcut cuts F --json --no-cache` (ViT on, and --no-vit) on
// BenchmarkCutsCLI's 720p file and on that file played 20 times over (the
// packets copied, 43,200 frames, 30 minutes), against ffmpeg's decode of
// each in the same run, one round each. Besides the ratios it reports each
// contender's peak RSS on the long file over that on the short one
// (rss_long_over_short: 1 is flat).
func BenchmarkCutsCLILong(b *testing.B) {
	bin := buildRushcut(b)
	contenders := cutsContenders(bin)
	short := cutsBenchClip(b, 720)
	long := filepath.Join(filepath.Dir(short), "megamind8x-720p-x20.mp4")
	if _, err := os.Stat(long); err != nil {
		list := filepath.Join(b.TempDir(), "list.txt")
		if err := os.WriteFile(list, []byte(strings.Repeat("file '"+short+"'\n", 20)), 0o644); err != nil {
			b.Fatal(err)
		}
		tmp := long + ".part.mp4"
		if out, err := exec.Command("ffmpeg", "-v", "error", "-y", "-f", "concat", "-safe", "0", "-i", list, "-c", "copy", tmp).CombinedOutput(); err != nil {
			os.Remove(tmp)
			b.Fatalf("ffmpeg concat: %v %s", err, out)
		}
		if err := os.Rename(tmp, long); err != nil {
			b.Fatal(err)
		}
	}
	cache := b.TempDir()
	for i := 0; i < b.N; i++ {
		var peak [2][]int64
		for k, f := range []string{short, long} {
			stats := make([][]procStat, len(contenders))
			for c, cmd := range contenders {
				st := cmd.run(b, f, cache)
				stats[c] = append(stats[c], st)
				peak[k] = append(peak[k], st.rssKB)
			}
			b.Logf("%s:", filepath.Base(f))
			reportCutsCLI(b, contenders, stats)
		}
		for c, cmd := range contenders {
			r := float64(peak[1][c]) / float64(peak[0][c])
			b.Logf("%-8s peak RSS %6.0f MiB short, %6.0f MiB long: %.3fx", cmd.name, float64(peak[0][c])/1024, float64(peak[1][c])/1024, r)
			b.ReportMetric(r, cmd.name+"_rss_long_over_short")
		}
	}
}

// cutsContenders are ffmpeg's decode (the reference, first) and the
// rushcut binary bin's `cuts --json --no-cache`, ViT on and off.
func cutsContenders(bin string) []benchCmd {
	return []benchCmd{
		{name: "ffmpeg", argv: func(f string) []string {
			return []string{"ffmpeg", "-v", "error", "-i", f, "-vf", "scale=256:-1", "-f", "null", "-"}
		}},
		{name: "vit", argv: func(f string) []string { return []string{bin, "cuts", f, "--json", "--no-cache"} }, rushcut: true},
		{name: "novit", argv: func(f string) []string { return []string{bin, "cuts", f, "--json", "--no-cache", "--no-vit"} }, rushcut: true},
	}
}

// benchCmd is one program BenchmarkCutsCLI times.
type benchCmd struct {
	name    string
	argv    func(file string) []string
	rushcut bool // its JSON output is checked
}

// procStat is what one run of a process cost.
type procStat struct {
	wall, cpu time.Duration
	rssKB     int64
}

// run runs the command on file and returns its wall time, CPU time (user
// and system, children included) and peak RSS.
func (c benchCmd) run(b *testing.B, file, cache string) procStat {
	b.Helper()
	argv := c.argv(file)
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = append(os.Environ(), "RUSHCUT_CACHE_DIR="+cache)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		e := errb.Bytes()
		b.Fatalf("%s: %v: %s", strings.Join(argv, " "), err, e[max(0, len(e)-2000):])
	}
	if c.rushcut {
		var res struct{ Frames int }
		if err := json.Unmarshal(out.Bytes(), &res); err != nil || res.Frames == 0 {
			b.Fatalf("%s: no frames in its JSON (%v)", strings.Join(argv, " "), err)
		}
	}
	st := procStat{wall: wall, cpu: cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		st.rssKB = ru.Maxrss
	}
	return st
}

// reportCutsCLI reports each contender's medians (see BenchmarkCutsCLI);
// stats[0] is ffmpeg's, the reference.
func reportCutsCLI(b *testing.B, contenders []benchCmd, stats [][]procStat) {
	ref := stats[0]
	b.Logf("%-14s %9s %9s %9s %8s %9s", "", "x_ffmpeg", "wall_s", "cpu_s", "cpu_x", "rss_MiB")
	for c, cmd := range contenders {
		var wallRatio, cpuRatio, wall, cpu []float64
		var rss int64
		for r, st := range stats[c] {
			wallRatio = append(wallRatio, ref[r].wall.Seconds()/st.wall.Seconds())
			cpuRatio = append(cpuRatio, ref[r].cpu.Seconds()/st.cpu.Seconds())
			wall = append(wall, st.wall.Seconds())
			cpu = append(cpu, st.cpu.Seconds())
			rss = max(rss, st.rssKB)
		}
		mib := float64(rss) / 1024
		b.Logf("%-14s %8.2fx %9.1f %9.1f %7.2fx %9.0f", cmd.name, median(wallRatio), median(wall), median(cpu), median(cpuRatio), mib)
		if c > 0 {
			b.ReportMetric(median(wallRatio), cmd.name+"_x_ffmpeg")
			b.ReportMetric(median(cpuRatio), cmd.name+"_cpu_x_ffmpeg")
		}
		b.ReportMetric(median(cpu), cmd.name+"_cpu_s")
		b.ReportMetric(mib, cmd.name+"_peak_RSS_MiB")
	}
}

func median(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	return s[len(s)/2]
}

// buildRushcut builds the rushcut command, as a user gets it from `make
// build` (with the flags of scripts/buildenv.sh), into a temporary folder.
func buildRushcut(b *testing.B) string {
	b.Helper()
	bin := filepath.Join(b.TempDir(), "rushcut")
	build := exec.Command("bash", "-c", `. ../scripts/buildenv.sh && exec go build -o "$1" .`, "bash", bin)
	if out, err := build.CombinedOutput(); err != nil {
		b.Fatalf("go build: %v %s", err, out)
	}
	return bin
}

// cutsBenchClip returns an H.264 file of real footage at the given height
// (16:9), 2,160 frames: Megamind.avi eight times over, so it has real cuts
// (and one where each loop starts again). It is made once with the ffmpeg
// CLI into the temporary folder (RUSHCUT_BENCH_DIR overrides it) and
// reused, since encoding 1080p takes minutes on two cores.
func cutsBenchClip(b *testing.B, height int) string {
	b.Helper()
	dir := os.Getenv("RUSHCUT_BENCH_DIR")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "rushcut-bench-cli")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(dir, fmt.Sprintf("megamind8x-%dp.mp4", height))
	if _, err := os.Stat(path); err == nil {
		return path
	}
	tmp := path + ".part.mp4"
	out, err := exec.Command("ffmpeg", "-v", "error", "-y", "-stream_loop", "7", "-i", mediatest.OpencvData(b, "Megamind.avi"),
		"-vf", fmt.Sprintf("scale=%d:%d,setsar=1", height*16/9, height), "-an", "-c:v", "libx264", "-preset", "veryfast",
		"-crf", "20", "-pix_fmt", "yuv420p", tmp).CombinedOutput()
	if err != nil {
		os.Remove(tmp)
		b.Fatalf("ffmpeg: %v %s", err, out)
	}
	if err := os.Rename(tmp, path); err != nil {
		b.Fatal(err)
	}
	return path
}
