package rushgen

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"sync"
)

// Generate makes every take of the plan in dir (which it creates), writes
// the plan's truth there as TruthFile, and returns the truth. Takes are
// made in parallel, one single-threaded ffmpeg run per take and per CPU.
// It fails with a message naming what to install when ffmpeg, the slate
// font or the opencv-doc footage is missing.
func Generate(ctx context.Context, dir string, p Plan) (Truth, error) {
	if err := check(p, FontFile); err != nil {
		return Truth{}, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Truth{}, err
	}
	// The truth goes last: a folder left half made has none.
	truthPath := filepath.Join(dir, TruthFile)
	if err := os.Remove(truthPath); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return Truth{}, err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan Take)
	errs := make([]error, len(p.Takes))
	var wg sync.WaitGroup
	for range max(1, runtime.NumCPU()) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for t := range jobs {
				su, _ := p.Setup(t.Setup)
				err := ffmpeg(ctx, takeArgs(su, t, FontFile, filepath.Join(dir, t.File)))
				if err != nil {
					errs[indexOf(p, t.File)] = fmt.Errorf("rushgen: take %s (%s T%d): %w", t.File, t.Setup, t.Number, err)
					cancel()
				}
			}
		}()
	}
feed:
	for _, t := range p.Takes {
		select {
		case jobs <- t:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return Truth{}, err
	}
	if err := ctx.Err(); err != nil {
		return Truth{}, err
	}
	t := p.Truth()
	b, err := json.MarshalIndent(t, "", "  ")
	if err != nil {
		return Truth{}, err
	}
	tmp := truthPath + ".tmp"
	if err := os.WriteFile(tmp, append(b, '\n'), 0o644); err != nil {
		return Truth{}, err
	}
	return t, os.Rename(tmp, truthPath)
}

// Load reads the truth of a generated folder.
func Load(dir string) (Truth, error) {
	var t Truth
	b, err := os.ReadFile(filepath.Join(dir, TruthFile))
	if err != nil {
		return t, err
	}
	if err := json.Unmarshal(b, &t); err != nil {
		return t, fmt.Errorf("rushgen: %s: %w", filepath.Join(dir, TruthFile), err)
	}
	return t, nil
}

// Ensure returns the truth of the plan's folder in dir, generating it
// only when dir does not already hold it (the same truth, and every take
// file): benchmarks can keep a day's rushes between runs.
func Ensure(ctx context.Context, dir string, p Plan) (Truth, error) {
	want := p.Truth()
	if have, err := Load(dir); err == nil && reflect.DeepEqual(have, want) {
		whole := true
		for _, k := range want.Takes {
			if st, err := os.Stat(filepath.Join(dir, k.File)); err != nil || st.Size() == 0 {
				whole = false
				break
			}
		}
		if whole {
			return want, nil
		}
	}
	return Generate(ctx, dir, p)
}

// check makes sure that the plan is whole and that what it needs is
// installed: the ffmpeg CLI, the slate font and the footage.
func check(p Plan, font string) error {
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		return fmt.Errorf("rushgen: the ffmpeg CLI is missing (install the Debian package ffmpeg): %w", err)
	}
	if _, err := os.Stat(font); err != nil {
		return fmt.Errorf("rushgen: the slate font %s is missing: install the Debian package %s", font, FontPackage)
	}
	seen := map[string]bool{}
	for _, t := range p.Takes {
		su, ok := p.Setup(t.Setup)
		if !ok {
			return fmt.Errorf("rushgen: plan %s: take %s has no setup %q", p.Name, t.File, t.Setup)
		}
		if seen[t.File] {
			return fmt.Errorf("rushgen: plan %s: two takes named %s", p.Name, t.File)
		}
		seen[t.File] = true
		if _, err := os.Stat(src(su.Source)); err != nil {
			return fmt.Errorf("rushgen: footage missing (install the Debian package opencv-doc): %w", err)
		}
	}
	return nil
}

func indexOf(p Plan, file string) int {
	for i, t := range p.Takes {
		if t.File == file {
			return i
		}
	}
	return 0
}

// ffmpeg runs the ffmpeg CLI quietly, its filter graph on one thread.
func ffmpeg(ctx context.Context, args []string) error {
	full := append([]string{"-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-filter_complex_threads", "1"}, args...)
	out, err := exec.CommandContext(ctx, "ffmpeg", full...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("ffmpeg %s: %v: %s", strings.Join(args, " "), err, strings.TrimSpace(string(out)))
	}
	return nil
}
