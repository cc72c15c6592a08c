package analysis

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"rushcut/media"
	"rushcut/media/mediatest"
)

// longClip is a 10-minute 720p H.264 file of real footage (Megamind.avi
// looped, x264 ultrafast), made once in the temporary directory and kept
// there between runs (never in the repository).
func longClip(b *testing.B) string {
	b.Helper()
	p := filepath.Join(os.TempDir(), "rushcut-bench-seek-720p-10min.mp4")
	if st, err := os.Stat(p); err == nil && st.Size() > 0 {
		return p
	}
	tmp := p + ".part.mp4"
	out, err := exec.Command("ffmpeg", "-v", "error", "-y", "-nostdin", "-stream_loop", "-1", "-i", mediatest.OpencvData(b, "Megamind.avi"),
		"-t", "600", "-vf", "scale=-2:720", "-an", "-c:v", "libx264", "-preset", "ultrafast", tmp).CombinedOutput()
	if err != nil {
		b.Fatalf("ffmpeg: %v %s", err, out)
	}
	if err := os.Rename(tmp, p); err != nil {
		b.Fatal(err)
	}
	return p
}

// cpuTime is the process's user and system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkSeekStoredIndex measures the time to the first frame of a seek
// to 90% of a 10-minute 720p file in a viewer's reader (640 px, RGBA),
// with the index an analysis stored (reading and checking it included)
// and without (the reader's own indexing pass), alternately in the same
// run; it reports both (wall and CPU), their ratio, the stored index's
// size per frame, and what storing it cost the analysis (the file
// identity hashed again and the entry written) against the analysis's
// decode of the same file.
func BenchmarkSeekStoredIndex(b *testing.B) {
	path := longClip(b)
	dir := b.TempDir()
	// The analysis's read, and the index it leaves.
	c0, w0 := cpuTime(), time.Now()
	r, err := media.OpenReader(path, readerOptions(Options{}))
	if err != nil {
		b.Fatal(err)
	}
	for {
		if _, err := r.Next(); err == io.EOF {
			break
		} else if err != nil {
			b.Fatal(err)
		}
	}
	readCPU, readWall := cpuTime()-c0, time.Since(w0)
	idx := r.Index()
	r.Close()
	c0 = cpuTime()
	if err := saveSeekIndex(dir, path, &storedIndex{entries: idx}); err != nil {
		b.Fatal(err)
	}
	saveCPU := cpuTime() - c0
	key, _ := seekIndexKey(path, media.DefaultStream)
	st, err := os.Stat(seekIndexPath(dir, key))
	if err != nil {
		b.Fatal(err)
	}
	n := len(idx) * 9 / 10
	seek := func(stored bool) (time.Duration, time.Duration, int) {
		c0, w0 := cpuTime(), time.Now()
		r, err := media.OpenReader(path, media.ReaderOptions{Width: 640, Format: media.RGBA})
		if err != nil {
			b.Fatal(err)
		}
		defer r.Close()
		if stored {
			idx, err := LoadSeekIndexFrom(dir, path, media.DefaultStream)
			if err != nil {
				b.Fatal(err)
			}
			r.SetIndex(idx)
		}
		f, err := r.Seek(n)
		if err != nil || f.Index != n {
			b.Fatalf("seek to %d: %v", n, err)
		}
		return time.Since(w0), cpuTime() - c0, r.Decoded()
	}
	var withW, withC, freshW, freshC time.Duration
	var withD, freshD int
	for b.Loop() {
		w, c, d := seek(true)
		withW, withC, withD = withW+w, withC+c, d
		w, c, d = seek(false)
		freshW, freshC, freshD = freshW+w, freshC+c, d
	}
	k := float64(b.N)
	b.ReportMetric(float64(len(idx)), "frames")
	b.ReportMetric(withW.Seconds()*1e3/k, "ms_stored")
	b.ReportMetric(freshW.Seconds()*1e3/k, "ms_fresh")
	b.ReportMetric(float64(freshW)/float64(withW), "x_faster")
	b.ReportMetric(withC.Seconds()*1e3/k, "cpu_ms_stored")
	b.ReportMetric(freshC.Seconds()*1e3/k, "cpu_ms_fresh")
	b.ReportMetric(float64(withD), "decoded_stored")
	b.ReportMetric(float64(freshD), "decoded_fresh")
	b.ReportMetric(float64(st.Size())/float64(len(idx)), "index_B/frame")
	b.ReportMetric(saveCPU.Seconds()*1e3, "cpu_ms_save")
	b.ReportMetric(readCPU.Seconds(), "cpu_s_analysis_read")
	b.ReportMetric(readWall.Seconds(), "s_analysis_read")
	b.ReportMetric(100*float64(saveCPU)/float64(readCPU), "save_%_of_read")
}
