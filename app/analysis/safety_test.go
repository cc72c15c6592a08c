package analysis

import (
	"context"
	"errors"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	"rushcut/media"
	"rushcut/models"
	"rushcut/vision"
)

// copyClip copies an opencv-doc clip into a temp dir (so its cache entry
// is the test's own) and returns the copy's path.
func copyClip(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(opencvData(t, name))
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestFirstErrorWins fails the ViT stage (a closed model) while the
// decoder is still reading: the analysis must report that failure, never
// the "context canceled" its own cancellation caused in the other stages.
func TestFirstErrorWins(t *testing.T) {
	if _, _, err := models.Runtime(); err != nil {
		t.Skipf("ONNX Runtime not loadable: %v", err)
	}
	emb, err := models.OpenDefault("", models.Options{Provider: models.CPU, Logf: func(string, ...any) {}})
	if err != nil {
		t.Fatal(err)
	}
	emb.Close()
	p := opencvData(t, "vtest.avi")
	for i := range 5 {
		_, err := Analyze(context.Background(), p, Options{NoCache: true, Workers: 2, Embedder: emb})
		if !errors.Is(err, models.ErrClosed) || errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), p) {
			t.Fatalf("run %d: %v; want the model's own error naming the file", i, err)
		}
	}
}

// TestCacheKeyFaces analyses with faces off, then with the defaults: the
// second must not be served the first's result (faces never counted).
func TestCacheKeyFaces(t *testing.T) {
	if faceCascade(Options{}) == "" {
		t.Skipf("no face cascade at %s", vision.DefaultFaceCascade)
	}
	dir := t.TempDir()
	p := copyClip(t, "Megamind.avi")
	off, err := Analyze(context.Background(), p, Options{CacheDir: dir, NoFaces: true})
	if err != nil {
		t.Fatal(err)
	}
	on, err := Analyze(context.Background(), p, Options{CacheDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	sampled := func(a *Analysis) int {
		n := 0
		for _, f := range a.Features {
			if f.Faces != vision.NoFaces {
				n++
			}
		}
		return n
	}
	if on.Cached || sampled(on) == 0 {
		t.Fatalf("faces on after a faces-off run: cached=%v, faces counted on %d of %d frames", on.Cached, sampled(on), on.Frames())
	}
	if sampled(off) != 0 {
		t.Fatalf("faces off counted faces on %d frames", sampled(off))
	}
	again, err := Analyze(context.Background(), p, Options{CacheDir: dir, NoFaces: true})
	if err != nil || !again.Cached || !reflect.DeepEqual(again.Features, off.Features) {
		t.Fatalf("faces off again: err=%v, not served its own entry", err)
	}
}

// TestSettingsKeyCoversOptions changes each option in turn: the ones that
// change the result must change the cache key. A new Options field fails
// this test until it is listed here (and, if it changes the result, put
// in settingsKey).
func TestSettingsKeyCoversOptions(t *testing.T) {
	noEffect := map[string]bool{"Workers": true, "Progress": true, "NoCache": true, "CacheDir": true, "DetectOnly": true}
	var emb *models.Embedder
	if _, _, err := models.Runtime(); err == nil {
		emb = shippedViT(t)
	}
	changes := map[string]func(*Options) bool{ // false: cannot be tried here
		"NoFaces":  func(o *Options) bool { o.NoFaces = true; return faceCascade(Options{}) != "" },
		"Embedder": func(o *Options) bool { o.Embedder = emb; return emb != nil },
		"EmbedStride": func(o *Options) bool {
			o.Embedder, o.EmbedStride = emb, DefaultEmbedStride+1
			return emb != nil
		},
		"Stream": func(o *Options) bool { o.Stream = media.StreamIndex(1); return true },
	}
	typ := reflect.TypeOf(Options{})
	for i := range typ.NumField() {
		name := typ.Field(i).Name
		if !noEffect[name] && changes[name] == nil {
			t.Errorf("Options.%s: not in settingsKey's test; does it change the result?", name)
		}
	}
	key := func(o Options) string { return settingsKey(o, faceCascade(o)) }
	for name, change := range changes {
		base := Options{}
		if name == "EmbedStride" {
			base.Embedder = emb
		}
		o := base
		if !change(&o) {
			t.Logf("Options.%s: not tried (no model or no cascade here)", name)
			continue
		}
		if key(o) == key(base) {
			t.Errorf("changing Options.%s leaves the cache key %q", name, key(o))
		}
	}
	if o := (Options{Workers: 3, Progress: func(int, int) {}, NoCache: true, CacheDir: "/elsewhere"}); key(o) != key(Options{}) {
		t.Error("Workers, Progress, NoCache or CacheDir changes the cache key")
	}
	// The cascade is keyed by its identity, not only its path.
	c := filepath.Join(t.TempDir(), "cascade.xml")
	os.WriteFile(c, []byte("a"), 0o644)
	k1 := settingsKey(Options{}, c)
	os.WriteFile(c, []byte("ab"), 0o644)
	if k2 := settingsKey(Options{}, c); k1 == k2 || settingsKey(Options{}, "") == k1 {
		t.Error("a changed or absent face cascade leaves the cache key")
	}
	if !strings.Contains(k1, "features=") {
		t.Errorf("key %q does not name vision.FeaturesVersion", k1)
	}
}

// fillRandom sets every field of v (numbers, arrays, nested structs) to a
// random non-zero value.
func fillRandom(v reflect.Value, rnd *rand.Rand) {
	switch v.Kind() {
	case reflect.Struct:
		for i := range v.NumField() {
			fillRandom(v.Field(i), rnd)
		}
	case reflect.Array:
		for i := range v.Len() {
			fillRandom(v.Index(i), rnd)
		}
	case reflect.Float32, reflect.Float64:
		v.SetFloat(float64(float32(rnd.NormFloat64()*1000 + 0.5)))
	case reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Int:
		v.SetInt(int64(rnd.Intn(100) + 1))
	case reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uint:
		v.SetUint(uint64(rnd.Intn(200) + 1))
	default:
		panic("fillRandom: field kind " + v.Kind().String() + " has no encoding in codec.go")
	}
}

// TestFeatureCodecCoversEveryField round-trips Features whose every field
// is set: a field the codec leaves out comes back zero.
func TestFeatureCodecCoversEveryField(t *testing.T) {
	rnd := rand.New(rand.NewSource(1))
	in := make([]vision.Features, 300)
	for i := range in {
		fillRandom(reflect.ValueOf(&in[i]).Elem(), rnd)
	}
	var b strings.Builder
	if err := writeFeatures(&b, in); err != nil {
		t.Fatal(err)
	}
	if b.Len() != len(in)*featureRecord {
		t.Fatalf("%d bytes for %d frames, want %d each", b.Len(), len(in), featureRecord)
	}
	out, err := readFeatures(strings.NewReader(b.String()), len(in))
	if err != nil {
		t.Fatal(err)
	}
	for i := range in {
		if !reflect.DeepEqual(in[i], out[i]) {
			t.Fatalf("frame %d:\n in %+v\nout %+v\n(a vision.Features field missing from codec.go? add it, and bump cacheVersion and vision.FeaturesVersion)", i, in[i], out[i])
		}
	}
	if _, err := readFeatures(strings.NewReader(b.String()[:b.Len()-1]), len(in)); err == nil {
		t.Error("a short file read as whole")
	}
}

// TestOpenCVThreadsRestored checks that an analysis leaves OpenCV's
// process-wide thread count as it found it.
func TestOpenCVThreadsRestored(t *testing.T) {
	orig := vision.OpenCVThreads()
	defer vision.SetOpenCVThreads(orig)
	vision.SetOpenCVThreads(2)
	want := vision.OpenCVThreads()
	if _, err := Analyze(context.Background(), opencvData(t, "tree.avi"), Options{NoCache: true, Workers: 2}); err != nil {
		t.Fatal(err)
	}
	if got := vision.OpenCVThreads(); got != want {
		t.Fatalf("after an analysis OpenCV runs %d threads, want the %d it had", got, want)
	}
}

// TestFIFORefused analyses a named pipe, with and without the cache: one
// bad-input line naming it, at once (no writer ever comes).
func TestFIFORefused(t *testing.T) {
	p := filepath.Join(t.TempDir(), "f.mp4")
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	for _, opt := range []Options{{CacheDir: t.TempDir()}, noCache} {
		done := make(chan error, 1)
		go func() {
			_, err := Analyze(context.Background(), p, opt)
			done <- err
		}()
		select {
		case err := <-done:
			if !errors.Is(err, media.ErrBadInput) || !strings.HasPrefix(err.Error(), p+": not a regular file") {
				t.Errorf("NoCache=%v: %v; want one bad-input line naming the pipe", opt.NoCache, err)
			}
		case <-time.After(5 * time.Second):
			// Unblock the analysis so the test binary can end.
			if f, err := os.OpenFile(p, os.O_WRONLY, 0); err == nil {
				f.Close()
			}
			t.Fatalf("NoCache=%v: Analyze blocked on a FIFO", opt.NoCache)
		}
	}
}
