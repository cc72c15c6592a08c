package models

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"gocv.io/x/gocv"

	"rushcut/media"
)

const tinyModel = "testdata/tiny-vit.onnx"

// needRuntime skips a test when ONNX Runtime cannot be loaded (setup not
// run); everywhere `make test` runs it is there.
func needRuntime(t testing.TB) {
	t.Helper()
	if _, _, err := Runtime(); err != nil {
		t.Skipf("ONNX Runtime not loadable (run make setup, or set %s): %v", LibraryEnv, err)
	}
}

// quiet is an Options.Logf that records lines instead of printing them.
type quiet struct {
	mu    sync.Mutex
	lines []string
}

func (q *quiet) logf(format string, args ...any) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.lines = append(q.lines, fmt.Sprintf(format, args...))
}

func openTiny(t testing.TB, opt Options) *Embedder {
	t.Helper()
	needRuntime(t)
	if opt.Logf == nil {
		opt.Logf = (&quiet{}).logf
	}
	if opt.Provider == "" {
		opt.Provider = CPU
	}
	e, err := Open(tinyModel, opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return e
}

// matFrame copies a BGR Mat into a media.Frame.
func matFrame(t testing.TB, m gocv.Mat, index int) *media.Frame {
	t.Helper()
	return &media.Frame{Index: index, Width: m.Cols(), Height: m.Rows(), Stride: m.Cols() * 3, Format: media.BGR24, Data: m.ToBytes()}
}

type reference struct {
	Frames     []string    `json:"frames"`
	Embeddings [][]float64 `json:"embeddings"`
}

func loadReference(t testing.TB, path string) (reference, []*media.Frame) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var ref reference
	if err := json.Unmarshal(b, &ref); err != nil {
		t.Fatal(err)
	}
	var frames []*media.Frame
	for i, name := range ref.Frames {
		m := gocv.IMRead(filepath.Join(filepath.Dir(path), name), gocv.IMReadColor)
		if m.Empty() {
			t.Fatalf("cannot read %s", name)
		}
		frames = append(frames, matFrame(t, m, i))
		m.Close()
	}
	return ref, frames
}

func maxDiff(a []float32, b []float64) float64 {
	d := 0.0
	for i := range a {
		d = math.Max(d, math.Abs(float64(a[i])-b[i]))
	}
	return d
}

// TestMatchesPyTorch checks the whole path (OpenCV preprocessing, ONNX
// Runtime) against the embeddings PyTorch computed for the same frames when
// the model was exported: a wrong channel order, mean, std or resize would
// move them far more than the tolerance.
func TestMatchesPyTorch(t *testing.T) {
	e := openTiny(t, Options{})
	ref, frames := loadReference(t, "testdata/tiny-vit-reference.json")
	embs, err := e.Embed(frames)
	if err != nil {
		t.Fatal(err)
	}
	if len(embs) != len(ref.Embeddings) {
		t.Fatalf("%d embeddings, want %d", len(embs), len(ref.Embeddings))
	}
	for i := range embs {
		if len(embs[i]) != e.Dim() {
			t.Fatalf("embedding %d has %d values, want %d", i, len(embs[i]), e.Dim())
		}
		if d := maxDiff(embs[i], ref.Embeddings[i]); d > 2e-4 {
			t.Errorf("frame %d differs from PyTorch by %.2g (want < 2e-4)", i, d)
		}
	}
}

// TestShippedMatchesPyTorch does the same for the shipped model, embedded
// in the binary.
func TestShippedMatchesPyTorch(t *testing.T) {
	needRuntime(t)
	t.Setenv(ModelEnv, "")
	e, err := OpenDefault("", Options{Provider: CPU, Logf: (&quiet{}).logf})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	ref, frames := loadReference(t, "testdata/"+e.Manifest().Name+"-reference.json")
	embs, err := e.Embed(frames)
	if err != nil {
		t.Fatal(err)
	}
	for i := range embs {
		if d := maxDiff(embs[i], ref.Embeddings[i]); d > 5e-4 {
			t.Errorf("frame %d differs from PyTorch by %.2g (want < 5e-4)", i, d)
		}
	}
}

// TestBatchingDoesNotChangeResults runs 11 frames with batch sizes that
// split them differently (1, 4: a partial last batch, 16: one batch).
func TestBatchingDoesNotChangeResults(t *testing.T) {
	_, frames := loadReference(t, "testdata/tiny-vit-reference.json")
	var many []*media.Frame
	for i := 0; i < 11; i++ {
		many = append(many, frames[i%len(frames)])
	}
	var want [][]float32
	for _, bs := range []int{1, 4, 16} {
		e := openTiny(t, Options{BatchSize: bs})
		if e.BatchSize() != bs {
			t.Fatalf("BatchSize() = %d, want %d", e.BatchSize(), bs)
		}
		got, err := e.Embed(many)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(many) {
			t.Fatalf("batch %d: %d embeddings for %d frames", bs, len(got), len(many))
		}
		if want == nil {
			want = got
			continue
		}
		for i := range got {
			if d := 1 - Cosine(got[i], want[i]); d > 1e-5 {
				t.Errorf("batch %d frame %d: cosine distance %.2g to batch 1", bs, i, d)
			}
		}
	}
	// Frames repeating every 3 must embed the same.
	if d := CosineDistance(want[0], want[3]); d > 1e-6 {
		t.Errorf("same frame embeds %.2g apart", d)
	}
	if d := CosineDistance(want[0], want[1]); d < 1e-4 {
		t.Errorf("different frames embed identically (%.2g)", d)
	}
}

// TestPixelFormatsAndMats feeds the same picture as BGR24, RGBA and through
// EmbedMats: the embeddings must agree; Gray8 must work too.
func TestPixelFormatsAndMats(t *testing.T) {
	e := openTiny(t, Options{})
	m := gocv.IMRead("testdata/tiny-vit-ref0.png", gocv.IMReadColor)
	defer m.Close()
	bgr := matFrame(t, m, 0)
	rgbaMat := gocv.NewMat()
	defer rgbaMat.Close()
	gocv.CvtColor(m, &rgbaMat, gocv.ColorBGRToRGBA)
	rgba := &media.Frame{Width: m.Cols(), Height: m.Rows(), Stride: 4 * m.Cols(), Format: media.RGBA, Data: rgbaMat.ToBytes()}
	grayMat := gocv.NewMat()
	defer grayMat.Close()
	gocv.CvtColor(m, &grayMat, gocv.ColorBGRToGray)
	gray := &media.Frame{Width: m.Cols(), Height: m.Rows(), Stride: m.Cols(), Format: media.Gray8, Data: grayMat.ToBytes()}

	fe, err := e.Embed([]*media.Frame{bgr, rgba, gray})
	if err != nil {
		t.Fatal(err)
	}
	me, err := e.EmbedMats([]gocv.Mat{m, grayMat})
	if err != nil {
		t.Fatal(err)
	}
	if d := CosineDistance(fe[0], fe[1]); d > 1e-6 {
		t.Errorf("RGBA frame embeds %.2g away from BGR", d)
	}
	if d := CosineDistance(fe[0], me[0]); d > 1e-6 {
		t.Errorf("EmbedMats differs from Embed by %.2g", d)
	}
	if d := CosineDistance(fe[2], me[1]); d > 1e-6 {
		t.Errorf("gray Mat differs from gray frame by %.2g", d)
	}
	for i, v := range append(fe, me...) {
		var n float64
		for _, x := range v {
			n += float64(x) * float64(x)
		}
		if math.Abs(n-1) > 1e-4 {
			t.Errorf("embedding %d has norm² %.6f, want 1", i, n)
		}
	}
	if _, err := e.EmbedMats([]gocv.Mat{gocv.NewMatWithSize(4, 4, gocv.MatTypeCV32FC3)}); !errors.Is(err, ErrBadFrame) {
		t.Errorf("float Mat: err = %v, want ErrBadFrame", err)
	}
	empty := gocv.NewMat()
	defer empty.Close()
	if _, err := e.EmbedMats([]gocv.Mat{empty}); !errors.Is(err, ErrBadFrame) {
		t.Errorf("empty Mat: err = %v, want ErrBadFrame", err)
	}
}

// TestPreprocessingFormula checks blobFromImages' output against the
// manifest's formula, value = (px/255*range - mean[c]) / std[c], for
// equal and per-channel std, RGB and BGR, on a picture already at input size
// (so no resampling is involved).
func TestPreprocessingFormula(t *testing.T) {
	const w, h = 8, 6
	img := gocv.NewMatWithSize(h, w, gocv.MatTypeCV8UC3)
	defer img.Close()
	px := make([]byte, w*h*3)
	for i := range px {
		px[i] = byte((i * 37) % 256)
	}
	img2, _ := gocv.NewMatFromBytes(h, w, gocv.MatTypeCV8UC3, px)
	defer img2.Close()
	cases := []Input{
		{Shape: []int64{-1, 3, h, w}, ChannelOrder: RGB, Resize: Stretch, ValueRange: 1, Mean: []float64{0.5, 0.5, 0.5}, Std: []float64{0.25, 0.25, 0.25}},
		{Shape: []int64{-1, 3, h, w}, ChannelOrder: RGB, Resize: Stretch, ValueRange: 1, Mean: []float64{0.481, 0.458, 0.408}, Std: []float64{0.269, 0.261, 0.276}},
		{Shape: []int64{-1, 3, h, w}, ChannelOrder: BGR, Resize: CenterCrop, ValueRange: 255, Mean: []float64{104, 117, 123}, Std: []float64{57, 58, 59}},
		{Shape: []int64{-1, 3, h, w}, ChannelOrder: BGR, Resize: Stretch, ValueRange: 255, Mean: []float64{0, 0, 0}, Std: []float64{1, 1, 1}},
	}
	for ci, in := range cases {
		p := newPrep(in)
		blob, err := p.blob([]gocv.Mat{img2})
		if err != nil {
			t.Fatal(err)
		}
		got, _ := blob.DataPtrFloat32()
		worst := 0.0
		for c := 0; c < 3; c++ {
			src := c // BGR index of the model's channel c
			if in.ChannelOrder == RGB {
				src = 2 - c
			}
			for y := 0; y < h; y++ {
				for x := 0; x < w; x++ {
					v := float64(px[(y*w+x)*3+src])
					want := (v/255*in.ValueRange - in.Mean[c]) / in.Std[c]
					worst = math.Max(worst, math.Abs(float64(got[(c*h+y)*w+x])-want))
				}
			}
		}
		blob.Close()
		if worst > 1e-4 {
			t.Errorf("case %d: blob differs from the formula by %.3g", ci, worst)
		}
	}
}

// TestConcurrentEmbed runs Embed from several goroutines (run with -race).
func TestConcurrentEmbed(t *testing.T) {
	e := openTiny(t, Options{BatchSize: 2})
	_, frames := loadReference(t, "testdata/tiny-vit-reference.json")
	want, err := e.Embed(frames)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; k < 5; k++ {
				got, err := e.Embed(frames)
				if err != nil {
					errs <- err
					return
				}
				for i := range got {
					if d := CosineDistance(got[i], want[i]); d > 1e-6 {
						errs <- fmt.Errorf("frame %d: %.2g", i, d)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestSessionSettings checks that thread and spinning settings are applied
// and reported, and that the provider log line is exactly one line.
func TestSessionSettings(t *testing.T) {
	for _, c := range []struct {
		threads  int
		spinning bool
	}{{0, false}, {1, true}, {2, false}, {2, true}} {
		q := &quiet{}
		e := openTiny(t, Options{Threads: c.threads, Spinning: c.spinning, Logf: q.logf})
		th, sp := e.Threads()
		wantTh := c.threads
		if wantTh == 0 {
			wantTh = DefaultThreads
		}
		if th != wantTh || sp != c.spinning {
			t.Errorf("Threads() = %d, %v; want %d, %v", th, sp, wantTh, c.spinning)
		}
		if len(q.lines) != 1 || !strings.Contains(q.lines[0], "CPU") || !strings.Contains(q.lines[0], fmt.Sprintf("threads %d", wantTh)) {
			t.Errorf("log = %q, want one line saying CPU and %d threads", q.lines, wantTh)
		}
		if e.Provider() != CPU {
			t.Errorf("Provider() = %s, want cpu", e.Provider())
		}
	}
}

func TestCosine(t *testing.T) {
	cases := []struct {
		a, b []float32
		want float64
	}{
		{[]float32{1, 0}, []float32{1, 0}, 1},
		{[]float32{1, 0}, []float32{0, 2}, 0},
		{[]float32{1, 1}, []float32{-2, -2}, -1},
		{[]float32{0, 0}, []float32{1, 0}, 0},
		{[]float32{1}, []float32{1, 0}, 0},
		{nil, nil, 0},
	}
	for _, c := range cases {
		if got := Cosine(c.a, c.b); math.Abs(got-c.want) > 1e-9 {
			t.Errorf("Cosine(%v, %v) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
	if d := CosineDistance([]float32{1, 0}, []float32{-1, 0}); d != 2 {
		t.Errorf("CosineDistance of opposite vectors = %v, want 2", d)
	}
}

func TestParseProvider(t *testing.T) {
	for in, want := range map[string]Provider{"": Auto, "auto": Auto, "CPU": CPU, " cuda ": CUDA} {
		if got, err := ParseProvider(in); err != nil || got != want {
			t.Errorf("ParseProvider(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseProvider("tpu"); err == nil || !strings.Contains(err.Error(), "auto, cpu or cuda") {
		t.Errorf("ParseProvider(tpu) err = %v", err)
	}
}

// TestShippedModel checks that the embedded model is the file in
// assets/models (same manifest and bytes) and that $RUSHCUT_MODEL
// overrides it.
func TestShippedModel(t *testing.T) {
	needRuntime(t)
	t.Setenv(ModelEnv, "")
	e, err := OpenDefault("", Options{Provider: CPU, Logf: (&quiet{}).logf})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	m := e.Manifest()
	if m.File != ShippedModelFile || m.Licence.Weights == "" || len(m.Licence.TrainingData) == 0 || m.Provenance["seed"] == nil {
		t.Errorf("shipped manifest incomplete: file %q, licence %+v, provenance %v", m.File, m.Licence, m.Provenance)
	}
	if p := ShippedModelPath(); p != "" {
		onDisk, err := LoadManifest(ManifestPath(p))
		if err != nil {
			t.Fatal(err)
		}
		if onDisk.SHA256 != m.SHA256 {
			t.Errorf("embedded model sha256 %s, assets/models has %s", m.SHA256, onDisk.SHA256)
		}
	}
	t.Setenv(ModelEnv, tinyModel)
	tiny, err := OpenDefault("", Options{Provider: CPU, Logf: (&quiet{}).logf})
	if err != nil {
		t.Fatal(err)
	}
	defer tiny.Close()
	if tiny.Manifest().Name != "tiny-vit" {
		t.Errorf("$%s ignored: opened %s", ModelEnv, tiny.Manifest().Name)
	}
}
