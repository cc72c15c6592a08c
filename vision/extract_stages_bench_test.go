package vision

import (
	"image"
	"os"
	"runtime"
	"syscall"
	"testing"

	"gocv.io/x/gocv"
)

// BenchmarkExtractStages reports the CPU time (cpu-ns/op, this thread's
// user+system time, so it holds on a loaded machine where ns/op does not)
// of each step of Add on the frames of RUSHCUT_STAGE_FILE (say, the 720p
// file BenchmarkCutsCLI makes), with OpenCV on one thread as the analysis
// runs it: where a frame's feature time goes.
//
//	RUSHCUT_STAGE_FILE=F go test ./vision -run '^$' -bench ExtractStages -benchtime 500x
func BenchmarkExtractStages(b *testing.B) {
	path := os.Getenv("RUSHCUT_STAGE_FILE")
	if path == "" {
		b.Skip("RUSHCUT_STAGE_FILE names no file")
	}
	frames, w, h := readFrames(b, path, 300)
	if len(frames) < 2 {
		b.Fatalf("%s: %d frames, want 2 or more", path, len(frames))
	}
	e, err := NewExtractor(ExtractorOptions{Width: w, Height: h, FaceCascade: DefaultFaceCascade})
	if err != nil {
		b.Fatal(err)
	}
	defer e.Close()
	defer LimitOpenCVThreads(1)()
	frame := func(i int) []byte { return frames[i%len(frames)] }
	// A described pair (frames i and i+1, the first with corners to
	// track), for the steps that need one.
	pair := func(i int) {
		e.load(frame(i))
		e.describe(e.prev, 50)
		e.load(frame(i + 1))
		e.describe(e.cur, 50)
	}
	pair(10)
	var f Features
	steps := []struct {
		name string
		fn   func(i int)
	}{
		{"add", func(i int) { _, _ = e.Add(frame(i), i) }},
		{"load", func(i int) { _ = e.load(frame(i)) }},
		{"lumaStats", func(int) { e.lumaStats(&f) }},
		{"faces", func(int) { e.countFaces() }},
		{"describe", func(int) { e.describe(e.cur, 50) }},
		{"phash", func(int) { e.phash() }},
		{"motion", func(int) { e.motion() }},
		{"lk", func(int) {
			next, status, errs := gocv.NewMat(), gocv.NewMat(), gocv.NewMat()
			gocv.CalcOpticalFlowPyrLKWithParams(e.prev.gray, e.cur.gray, e.prev.corners, next, &status, &errs,
				image.Pt(15, 15), 2, e.criteria, 0, 1e-4)
			next.Close()
			status.Close()
			errs.Close()
		}},
	}
	for _, s := range steps {
		if s.name == "lumaStats" {
			pair(10) // add leaves the pair swapped and unmatched
		}
		b.Run(s.name, func(b *testing.B) {
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			c0 := threadCPU()
			for i := 0; i < b.N; i++ {
				s.fn(i)
			}
			b.ReportMetric(float64(threadCPU()-c0)/float64(b.N), "cpu-ns/op")
		})
	}
}

// threadCPU is the calling thread's user+system time in nanoseconds.
func threadCPU() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(1 /* RUSAGE_THREAD */, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
