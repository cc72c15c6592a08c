package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"rushcut/app/takes/rushgen"
)

// BenchmarkGUI measures the window as an editor meets it, on the
// generated Day (57 takes), with the real binary under Xvfb:
//   - ui_ms_p50/p95/max: how late the UI loop runs a task posted every
//     20 ms (the app's RUSHCUT_UI_PROBE) while `rushcut gui DIR` analyses
//     the day on both cores, against the same when idle after (idle_p95);
//   - first_draw_ms: from starting `rushcut gui P.rushcut` (cache warm) to
//     the first screenshot showing the timeline's clips, against the same
//     for an empty window (`rushcut gui --bin`, ref_draw_ms), both found
//     by polling screenshots, and cut_shown_ms, when the app put the cut
//     on screen by its own clock.
func BenchmarkGUI(b *testing.B) {
	for _, p := range []string{"Xvfb", "xwd", "convert"} {
		if _, err := exec.LookPath(p); err != nil {
			b.Fatalf("%s missing: %v", p, err)
		}
	}
	dir := filepath.Join(os.TempDir(), "rushcut-bench-rushes", "day")
	if _, err := rushgen.Ensure(context.Background(), dir, rushgen.Day()); err != nil {
		b.Fatal(err)
	}
	display := fmt.Sprintf(":%d", 500+os.Getpid()%400)
	xvfb := exec.Command("Xvfb", display, "-screen", "0", "1280x720x24", "-nolisten", "tcp")
	if err := xvfb.Start(); err != nil {
		b.Fatal(err)
	}
	defer func() { xvfb.Process.Kill(); xvfb.Wait() }()
	waitForX(b, display)
	home := b.TempDir()
	env := append(os.Environ(), "RUSHCUT_AS_CLI=1", "DISPLAY="+display, "HOME="+home,
		"XDG_CACHE_HOME="+filepath.Join(home, "cache"), "XDG_CONFIG_HOME="+filepath.Join(home, "config"),
		"RUSHCUT_CACHE_DIR="+filepath.Join(home, "analysis"))
	project := filepath.Join(home, "day.rushcut")
	for i := 0; i < b.N; i++ {
		// Cold: analyse the day with the window open, probing the UI loop.
		os.RemoveAll(filepath.Join(home, "analysis"))
		os.Remove(project)
		probe := filepath.Join(home, "probe.txt")
		app := start(b, env, "RUSHCUT_UI_PROBE="+probe, "gui", dir, "--project", project)
		waitFor(b, probe, "cut_shown", 15*time.Minute)
		time.Sleep(2 * time.Second) // idle latencies
		stop(app)
		busy, idle := latencies(b, probe)
		slices.Sort(busy)
		slices.Sort(idle)
		b.ReportMetric(pct(busy, 50), "ui_ms_p50")
		b.ReportMetric(pct(busy, 95), "ui_ms_p95")
		b.ReportMetric(pct(busy, 100), "ui_ms_max")
		b.ReportMetric(pct(idle, 95), "idle_p95")

		// Warm: reopen the project; and an empty window for reference.
		ref := firstDraw(b, env, display, func(v, _, _ int, shot string) bool { return nonBlack(shot) > 20000 }, "gui", "--bin")
		draw := firstDraw(b, env, display, func(v, a, _ int, _ string) bool { return v > 5000 && a > 2000 }, "RUSHCUT_UI_PROBE="+probe, "gui", project)
		b.ReportMetric(float64(draw.Milliseconds()), "first_draw_ms")
		b.ReportMetric(float64(ref.Milliseconds()), "ref_draw_ms")
		if ms, ok := marked(b, probe, "cut_shown"); ok {
			b.ReportMetric(ms, "cut_shown_ms")
		}
	}
}

// start runs the binary with env plus any VAR=value given first in args.
func start(b *testing.B, env []string, args ...string) *exec.Cmd {
	for len(args) > 0 && strings.Contains(args[0], "=") {
		env = append(env, args[0])
		args = args[1:]
	}
	if len(args) == 0 {
		return nil
	}
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = env
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	return cmd
}

func stop(cmd *exec.Cmd) {
	if cmd != nil {
		cmd.Process.Kill()
		cmd.Wait()
	}
}

// firstDraw starts the binary and returns how long until a screenshot
// satisfies drawn (given the clip pixel counts of countPixels).
func firstDraw(b *testing.B, env []string, display string, drawn func(video, audio, markers int, shot string) bool, args ...string) time.Duration {
	shot := filepath.Join(b.TempDir(), "shot.png")
	begin := time.Now()
	app := start(b, env, args...)
	defer stop(app)
	for time.Since(begin) < 5*time.Minute {
		cmd := exec.Command("sh", "-c", "xwd -root -silent -display "+display+" | convert xwd:- "+shot)
		if cmd.Run() == nil {
			v, a, m := countPixels(nil, shot)
			if drawn(v, a, m, shot) {
				return time.Since(begin)
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	b.Fatalf("%v: nothing drawn in 5 minutes", args)
	return 0
}

// nonBlack counts the screenshot's pixels that are not black (an open
// window over Xvfb's black root).
func nonBlack(shot string) int {
	out, err := exec.Command("convert", shot, "-fill", "white", "+opaque", "black", "-format", "%[fx:mean*w*h]", "info:").Output()
	if err != nil {
		return 0
	}
	f, _ := strconv.ParseFloat(strings.TrimSpace(string(out)), 64)
	return int(f)
}

func waitFor(b *testing.B, path, mark string, limit time.Duration) {
	begin := time.Now()
	for time.Since(begin) < limit {
		if _, ok := marked(b, path, mark); ok {
			return
		}
		time.Sleep(200 * time.Millisecond)
	}
	b.Fatalf("no %s in %s after %v", mark, path, limit)
}

// marked returns the ms of the probe's mark line, if written.
func marked(b *testing.B, path, mark string) (float64, bool) {
	f, err := os.Open(path)
	if err != nil {
		return 0, false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), mark+" ms="); ok {
			ms, _ := strconv.ParseFloat(v, 64)
			return ms, true
		}
	}
	return 0, false
}

// latencies reads the probe's latencies while analysing and after.
func latencies(b *testing.B, path string) (busy, idle []float64) {
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	for _, l := range strings.Split(string(data), "\n") {
		var phase string
		var ms float64
		if _, err := fmt.Sscanf(l, "latency phase=%s ms=%g", &phase, &ms); err != nil {
			continue
		}
		if phase == "analysis" {
			busy = append(busy, ms)
		} else {
			idle = append(idle, ms)
		}
	}
	if len(busy) == 0 || len(idle) == 0 {
		b.Fatalf("probe has %d busy and %d idle samples", len(busy), len(idle))
	}
	return busy, idle
}

// pct is the p-th percentile of sorted xs.
func pct(xs []float64, p float64) float64 {
	i := int(float64(len(xs)-1) * p / 100)
	return xs[i]
}
