package cache

import (
	"bytes"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// put writes a complete entry the way the preview cache does (data
// files, then the marker, written to temporary names and renamed into
// place holding the lock), all dated at used.
func put(t testing.TB, dir, key string, size int, used time.Time) {
	t.Helper()
	body := bytes.Repeat([]byte(key[:1]), size)
	var tmps []string
	exts := []string{".mp4", ".png", ".json"}
	for _, ext := range exts {
		tmp := filepath.Join(dir, fmt.Sprintf("%s.%d-%d.tmp%s", key, os.Getpid(), rand.Int63(), ext))
		if err := os.WriteFile(tmp, body, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(tmp, used, used); err != nil {
			t.Fatal(err)
		}
		tmps = append(tmps, tmp)
	}
	unlock, err := Lock(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	for i, tmp := range tmps {
		if err := os.Rename(tmp, filepath.Join(dir, key+exts[i])); err != nil {
			t.Fatal(err)
		}
	}
}

func exists(dir, name string) bool {
	_, err := os.Stat(filepath.Join(dir, name))
	return err == nil
}

// TestTrimLRU: above the cap the least recently used entries go, whole;
// a touched entry counts as just used; entries within Grace stay.
func TestTrimLRU(t *testing.T) {
	dir := t.TempDir()
	old := time.Now().Add(-time.Hour)
	for i, k := range []string{"a", "b", "c", "d"} {
		put(t, dir, k, 100, old.Add(time.Duration(i)*time.Minute)) // a oldest … d newest
	}
	if !Touch(filepath.Join(dir, "a.json")) { // a becomes the most recent
		t.Fatal("touch of a complete entry failed")
	}
	n, err := Trim(dir, Policy{Max: 650, Marker: ".json"}) // 4×300 bytes: two must go
	if err != nil {
		t.Fatal(err)
	}
	if n != 2 {
		t.Errorf("evicted %d entries, want 2", n)
	}
	for _, c := range []struct {
		key  string
		kept bool
	}{{"a", true}, {"b", false}, {"c", false}, {"d", true}} {
		for _, ext := range []string{".mp4", ".png", ".json"} {
			if exists(dir, c.key+ext) != c.kept {
				t.Errorf("%s%s: kept %v, want %v", c.key, ext, !c.kept, c.kept)
			}
		}
	}
	if Touch(filepath.Join(dir, "b.json")) {
		t.Error("touch of an evicted entry succeeded")
	}
	if left, _ := os.ReadDir(dir); len(left) != 7 {
		t.Errorf("%d files left, want 6 and the lock (no trash)", len(left))
	}

	// Recently used entries stay above the cap.
	put(t, dir, "e", 100, time.Now())
	if n, _ := Trim(dir, Policy{Max: 1, Marker: ".json", Grace: 10 * time.Minute}); n != 1 || exists(dir, "d.json") || !exists(dir, "a.json") || !exists(dir, "e.json") {
		t.Errorf("grace: evicted %d (want 1, d), a kept %v, e kept %v", n, exists(dir, "a.json"), exists(dir, "e.json"))
	}
	if n, _ := Trim(dir, Policy{Max: 0, Marker: ".json"}); n != 0 {
		t.Errorf("no cap evicted %d", n)
	}
}

// TestTrimWriters: files of an entry being written (temporaries, data
// without its marker) are never evicted while fresh; a crashed writer's
// stale leftovers are deleted.
func TestTrimWriters(t *testing.T) {
	dir := t.TempDir()
	put(t, dir, "old", 100, time.Now().Add(-time.Hour))
	fresh := []string{"w.123-1.tmp.mp4", "w.mp4", "w.png", ".take-99", "x.json.42.tmp"}
	for _, f := range fresh {
		os.WriteFile(filepath.Join(dir, f), []byte("partial"), 0o644)
	}
	staleFiles := []string{"s.7-1.tmp.mp4", "s.mp4", ".take-1"}
	long := time.Now().Add(-48 * time.Hour)
	for _, f := range staleFiles {
		p := filepath.Join(dir, f)
		os.WriteFile(p, []byte("left"), 0o644)
		os.Chtimes(p, long, long)
	}
	if n, err := Trim(dir, Policy{Max: 1, Marker: ".json"}); err != nil || n != 1 {
		t.Fatalf("evicted %d, %v; want the one complete entry", n, err)
	}
	for _, f := range fresh {
		if !exists(dir, f) {
			t.Errorf("%s, being written, was deleted", f)
		}
	}
	for _, f := range staleFiles {
		if exists(dir, f) {
			t.Errorf("%s, a day-old leftover, was kept", f)
		}
	}
	if n, err := Trim(filepath.Join(dir, "none"), Policy{Max: 1, Marker: ".json"}); n != 0 || err != nil {
		t.Errorf("missing folder: %d, %v", n, err)
	}
}

// stressGrace is the grace the stress trims with: entries written or
// used in the last three seconds stay, older ones go as the cap needs (a
// reader stalled longer than the grace, on a very loaded machine, may
// lose its entry: that is the contract).
const stressGrace = 3 * time.Second

// stress runs writers, readers and trimmers on dir for d, with the real
// clock. A reader that touched an entry's marker must find every file of
// it whole (its reads take far less than the grace). It returns the
// failures seen and the entries evicted.
func stress(dir string, d time.Duration, seed int64) ([]string, int) {
	var mu sync.Mutex
	var fails []string
	fail := func(f string, a ...any) {
		mu.Lock()
		fails = append(fails, fmt.Sprintf(f, a...))
		mu.Unlock()
	}
	stop := time.Now().Add(d)
	var wg sync.WaitGroup
	evicted := 0
	for g := range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewSource(seed + int64(g)))
			for time.Now().Before(stop) {
				key := strconv.Itoa(r.Intn(100))
				switch g % 3 {
				case 0: // writer, on a miss, as the caches write
					if !exists(dir, key+".json") {
						put(&testing.T{}, dir, key, 500, time.Now())
					}
					time.Sleep(time.Millisecond)
				case 1: // reader
					time.Sleep(200 * time.Millisecond) // each key read about every 3 s: some age past the grace
					if !Touch(filepath.Join(dir, key+".json")) {
						continue
					}
					for _, ext := range []string{".mp4", ".png"} {
						b, err := os.ReadFile(filepath.Join(dir, key+ext))
						if err != nil || len(b) != 500 {
							fail("reader: %s%s after a hit: %d bytes, %v", key, ext, len(b), err)
						}
					}
				case 2:
					n, err := Trim(dir, Policy{Max: 4000, Marker: ".json", Grace: stressGrace})
					if err != nil {
						fail("trim: %v", err)
					}
					mu.Lock()
					evicted += n
					mu.Unlock()
					time.Sleep(5 * time.Millisecond)
				}
			}
		}()
	}
	wg.Wait()
	return fails, evicted
}

// TestConcurrentProcesses runs the stress in three processes on one
// folder at once, then checks the cap holds once they stop.
func TestConcurrentProcesses(t *testing.T) {
	if dir := os.Getenv("CACHE_STRESS_DIR"); dir != "" {
		seed, _ := strconv.ParseInt(os.Getenv("CACHE_STRESS_SEED"), 10, 64)
		fails, evicted := stress(dir, 6*time.Second, seed)
		for _, f := range fails {
			t.Error(f)
		}
		fmt.Printf("evicted %d\n", evicted)
		return
	}
	dir := t.TempDir()
	var cmds []*exec.Cmd
	var outs []*bytes.Buffer
	for i := range 2 {
		c := exec.Command(os.Args[0], "-test.run=^TestConcurrentProcesses$")
		c.Env = append(os.Environ(), "CACHE_STRESS_DIR="+dir, fmt.Sprintf("CACHE_STRESS_SEED=%d", 100*(i+1)))
		var b bytes.Buffer
		c.Stdout, c.Stderr = &b, &b
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		cmds, outs = append(cmds, c), append(outs, &b)
	}
	fails, evicted := stress(dir, 6*time.Second, 1)
	for _, f := range fails {
		t.Error(f)
	}
	for i, c := range cmds {
		if err := c.Wait(); err != nil {
			t.Errorf("process %d: %v\n%s", i, err, outs[i])
		}
		var n int
		for _, l := range strings.Split(outs[i].String(), "\n") {
			if _, err := fmt.Sscanf(l, "evicted %d", &n); err == nil {
				evicted += n
			}
		}
	}
	if evicted == 0 {
		t.Error("the stress evicted nothing: it tested no race")
	}
	t.Logf("%d entries evicted by the three processes", evicted)
	// The cap holds after a trim once the entries are past the grace.
	later := time.Now().Add(-time.Minute)
	ms, _ := filepath.Glob(filepath.Join(dir, "*"))
	for _, m := range ms {
		os.Chtimes(m, later, later)
	}
	if _, err := Trim(dir, Policy{Max: 4000, Marker: ".json", Grace: stressGrace}); err != nil {
		t.Fatal(err)
	}
	var total int64
	des, _ := os.ReadDir(dir)
	for _, de := range des {
		fi, _ := de.Info()
		total += fi.Size()
	}
	if total > 4000 {
		t.Errorf("%d bytes left, cap 4000", total)
	}
}
