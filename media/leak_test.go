package media

import (
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
)

// rssKB reads this process's resident set size.
func rssKB(t *testing.T) int {
	t.Helper()
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skipf("no /proc: %v", err)
	}
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "VmRSS:") {
			n, _ := strconv.Atoi(strings.Fields(l)[1])
			return n
		}
	}
	t.Fatal("no VmRSS")
	return 0
}

// TestNoLeakOpenDecodeClose opens a file, decodes 10 frames, seeks once and
// closes it, 1,000 times: every FFmpeg object must be freed, so resident
// memory stays flat. A leaked decoded frame (~570 kB at 720x528) would add
// over 500 MB.
func TestNoLeakOpenDecodeClose(t *testing.T) {
	if testing.Short() {
		t.Skip("long test")
	}
	path := opencvData(t, "Megamind.avi")
	cycle := func(n int) {
		for i := 0; i < n; i++ {
			if _, err := Probe(path); err != nil {
				t.Fatal(err)
			}
			r, err := OpenReader(path, ReaderOptions{Width: 128, Threads: 1})
			if err != nil {
				t.Fatal(err)
			}
			for j := 0; j < 10; j++ {
				if _, err := r.Next(); err != nil {
					t.Fatal(err)
				}
			}
			r.Close()
		}
		runtime.GC()
		debug.FreeOSMemory()
	}
	cycle(100)
	before := rssKB(t)
	cycle(1000)
	after := rssKB(t)
	t.Logf("RSS after 100 cycles %d kB, after 1,100 cycles %d kB", before, after)
	if after-before > 32<<10 {
		t.Errorf("RSS grew by %d kB over 1,000 open/decode/close cycles", after-before)
	}
}
