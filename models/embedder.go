package models

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	ort "github.com/yalue/onnxruntime_go"
)

// Provider selects where inference runs.
type Provider string

// Execution providers.
const (
	// Auto uses CUDA when the loaded ONNX Runtime build and the machine
	// support it, else the CPU, and logs which one it uses.
	Auto Provider = "auto"
	// CPU uses ONNX Runtime's CPU execution provider.
	CPU Provider = "cpu"
	// CUDA uses ONNX Runtime's CUDA execution provider and fails with
	// ErrCUDAUnavailable where there is none.
	CUDA Provider = "cuda"
)

// ParseProvider parses "auto", "cpu" or "cuda" ("" is auto).
func ParseProvider(s string) (Provider, error) {
	switch p := Provider(strings.ToLower(strings.TrimSpace(s))); p {
	case "":
		return Auto, nil
	case Auto, CPU, CUDA:
		return p, nil
	}
	return "", fmt.Errorf("unknown provider %q (want auto, cpu or cuda)", s)
}

// Defaults of Options, chosen by BenchmarkSessionSettings on 2 cores while
// a decoder competes for them (see models/README.md).
const (
	// DefaultThreads is ONNX Runtime's intra-op thread count.
	DefaultThreads = 1
	// DefaultBatchSize is the number of frames per inference call.
	DefaultBatchSize = 16
	// DefaultMaxModelBytes refuses model files larger than 1 GiB.
	DefaultMaxModelBytes = 1 << 30
)

// Options configures an Embedder. The zero value is the default: provider
// auto, DefaultThreads intra-op threads without spinning, DefaultBatchSize.
type Options struct {
	// Provider is Auto (default), CPU or CUDA.
	Provider Provider
	// Threads is ONNX Runtime's intra-op thread count; 0 is DefaultThreads.
	Threads int
	// Spinning lets idle ONNX Runtime worker threads spin-wait for work
	// instead of sleeping: lower latency when the cores are free, wasted
	// cycles when a decoder needs them. Off by default.
	Spinning bool
	// BatchSize is the most frames per inference call; 0 is
	// DefaultBatchSize.
	BatchSize int
	// CUDADevice is the GPU index for the CUDA provider.
	CUDADevice int
	// MaxModelBytes refuses larger model files; 0 is DefaultMaxModelBytes.
	// Independently, a model must fit three times in available memory.
	MaxModelBytes int64
	// Logf receives the one line that says which provider is in use; nil
	// logs through the standard log package.
	Logf func(format string, args ...any)
}

// Embedder turns frames into embeddings with one ONNX Runtime session.
// Embed may be called from several goroutines at once; Close must not race
// with them.
type Embedder struct {
	mu       sync.RWMutex
	session  *ort.DynamicAdvancedSession
	man      Manifest
	path     string
	provider Provider
	batch    int  // frames per Run
	fixed    bool // the graph has a fixed batch dimension equal to batch
	threads  int  // intra-op threads
	spinning bool // spin-waiting allowed
	pre      prep // preprocessing derived from the manifest
	closed   bool // Close was called
}

// Open loads the model at modelPath (.onnx) with its manifest (see
// ManifestPath), checks them against each other and against the graph, and
// starts a session on the provider opt asks for.
func Open(modelPath string, opt Options) (*Embedder, error) {
	manPath := ManifestPath(modelPath)
	man, err := LoadManifest(manPath)
	if err != nil {
		return nil, err
	}
	if filepath.Base(modelPath) != man.File {
		return nil, badModel(ErrMismatch, nil, fmt.Sprintf("manifest %s describes %q, not %q", manPath, man.File, filepath.Base(modelPath)))
	}
	limit := opt.MaxModelBytes
	if limit <= 0 {
		limit = DefaultMaxModelBytes
	}
	fi, err := os.Stat(modelPath)
	if err != nil {
		return nil, badModel(nil, err, fmt.Sprintf("model %s: %v", modelPath, unwrapPathError(err)))
	}
	if !fi.Mode().IsRegular() {
		return nil, badModel(nil, nil, fmt.Sprintf("model %s: not a regular file", modelPath))
	}
	if err := checkSize(fi.Size(), limit); err != nil {
		return nil, badModel(ErrTooLarge, nil, fmt.Sprintf("model %s: %v", modelPath, err))
	}
	data, err := os.ReadFile(modelPath)
	if err != nil {
		return nil, badModel(nil, err, fmt.Sprintf("model %s: %v", modelPath, unwrapPathError(err)))
	}
	return load(modelPath, data, man, opt)
}

// OpenBytes is Open for a model and manifest held in memory (the shipped
// model embedded in the binary); name is used in messages.
func OpenBytes(name string, model, manifest []byte, opt Options) (*Embedder, error) {
	man, err := ParseManifest(manifest)
	if err != nil {
		return nil, badModel(nil, err, fmt.Sprintf("manifest of %s: %v", name, err))
	}
	limit := opt.MaxModelBytes
	if limit <= 0 {
		limit = DefaultMaxModelBytes
	}
	if err := checkSize(int64(len(model)), limit); err != nil {
		return nil, badModel(ErrTooLarge, nil, fmt.Sprintf("model %s: %v", name, err))
	}
	return load(name, model, man, opt)
}

// checkSize refuses a model over limit bytes or one that would not fit in
// available memory: ONNX Runtime holds the file, the parsed graph and the
// optimised initialisers at once while it builds a session.
func checkSize(size, limit int64) error {
	if size > limit {
		return fmt.Errorf("%d bytes is over the %d-byte limit for models", size, limit)
	}
	if avail := availableMemory(); avail > 0 && 3*size > avail {
		return fmt.Errorf("%d bytes needs about %d bytes of memory to load, only %d available", size, 3*size, avail)
	}
	return nil
}

// availableMemory reads MemAvailable from /proc/meminfo; 0 if unknown.
func availableMemory() int64 {
	f, err := os.Open("/proc/meminfo")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "MemAvailable:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err != nil {
				return 0
			}
			return kb * 1024
		}
	}
	return 0
}

func load(name string, data []byte, man *Manifest, opt Options) (*Embedder, error) {
	if man.Bytes > 0 && man.Bytes != int64(len(data)) {
		return nil, badModel(ErrChecksum, nil, fmt.Sprintf("model %s: %d bytes, manifest says %d (wrong or damaged file)", name, len(data), man.Bytes))
	}
	sum := sha256.Sum256(data)
	if got := hex.EncodeToString(sum[:]); !strings.EqualFold(got, man.SHA256) {
		return nil, badModel(ErrChecksum, nil, fmt.Sprintf("model %s: sha256 %s, manifest says %s (wrong or damaged file)", name, got, man.SHA256))
	}
	provider := opt.Provider
	if provider == "" {
		provider = Auto
	}
	if _, err := ParseProvider(string(provider)); err != nil {
		return nil, err
	}
	if _, _, err := Runtime(); err != nil {
		return nil, err
	}
	fixedBatch, err := checkGraph(name, data, man)
	if err != nil {
		return nil, err
	}
	e := &Embedder{man: *man, path: name, threads: opt.Threads, spinning: opt.Spinning, batch: opt.BatchSize}
	if e.threads <= 0 {
		e.threads = DefaultThreads
	}
	if e.batch <= 0 {
		e.batch = DefaultBatchSize
	}
	if fixedBatch > 0 {
		e.batch, e.fixed = fixedBatch, true
	}
	e.pre = newPrep(man.Input)
	logf := opt.Logf
	if logf == nil {
		logf = log.Printf
	}
	var cudaErr error // why auto did not use CUDA
	switch provider {
	case CPU:
		err = e.startSession(data, CPU, opt.CUDADevice)
	case CUDA:
		err = e.startSession(data, CUDA, opt.CUDADevice)
	case Auto:
		if cudaErr = e.startSession(data, CUDA, opt.CUDADevice); cudaErr != nil {
			err = e.startSession(data, CPU, 0)
		}
	}
	if err != nil {
		return nil, err
	}
	if err := e.probe(); err != nil {
		e.Close()
		return nil, err
	}
	switch {
	case e.provider == CUDA:
		logf("models: %s on CUDA device %d", man.Name, opt.CUDADevice)
	case cudaErr != nil:
		logf("models: %s on CPU (threads %d, spinning %s); CUDA not used: %s", man.Name, e.threads, onOff(e.spinning), cudaCause(cudaErr))
	default:
		logf("models: %s on CPU (threads %d, spinning %s)", man.Name, e.threads, onOff(e.spinning))
	}
	return e, nil
}

// cudaCause shortens a CUDA failure for auto's log line; the full message
// is what provider cuda returns.
func cudaCause(err error) string {
	msg := oneLine(err)
	switch {
	case strings.Contains(msg, "Failed to load library") || strings.Contains(msg, "not enabled in this build"):
		lib, ver, _ := Runtime()
		return fmt.Sprintf("ONNX Runtime %s at %s is a CPU-only build (set %s to a GPU build for CUDA)", ver, lib, LibraryEnv)
	case len(msg) > 200:
		return msg[:200] + "..."
	}
	return msg
}

func onOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}

func oneLine(err error) string { return strings.Join(strings.Fields(err.Error()), " ") }

// checkGraph compares the graph's inputs and outputs with the manifest and
// returns the graph's fixed batch size (0 when dynamic).
func checkGraph(name string, data []byte, man *Manifest) (int, error) {
	ins, outs, err := ort.GetInputOutputInfoWithONNXData(data)
	if err != nil {
		return 0, badModel(nil, err, fmt.Sprintf("model %s: not a loadable ONNX model: %s", name, oneLine(err)))
	}
	mismatch := func(format string, args ...any) error {
		return badModel(ErrMismatch, nil, fmt.Sprintf("model %s: manifest does not match the graph: ", name)+fmt.Sprintf(format, args...))
	}
	var in *ort.InputOutputInfo
	var names []string
	for i := range ins {
		names = append(names, ins[i].Name)
		if ins[i].Name == man.Input.Name {
			in = &ins[i]
		}
	}
	if in == nil {
		return 0, mismatch("no input %q (the graph's inputs: %s)", man.Input.Name, strings.Join(names, ", "))
	}
	if len(ins) != 1 {
		return 0, mismatch("the graph has %d inputs (%s); only single-input image encoders are supported", len(ins), strings.Join(names, ", "))
	}
	if in.OrtValueType != ort.ONNXTypeTensor || in.DataType != ort.TensorElementDataTypeFloat {
		return 0, mismatch("input %q is %s, want a float32 tensor", in.Name, in.String())
	}
	gs := in.Dimensions
	ms := man.Input.Shape
	if len(gs) != len(ms) {
		return 0, mismatch("input %q has shape %v, manifest says %v", in.Name, []int64(gs), ms)
	}
	for i := 1; i < len(gs); i++ {
		if gs[i] != ms[i] {
			return 0, mismatch("input %q has shape %v, manifest says %v", in.Name, []int64(gs), ms)
		}
	}
	fixed := 0
	if gs[0] > 0 {
		if ms[0] != gs[0] {
			return 0, mismatch("input %q has a fixed batch of %d, manifest says %d", in.Name, gs[0], ms[0])
		}
		fixed = int(gs[0])
	}
	var out *ort.InputOutputInfo
	names = names[:0]
	for i := range outs {
		names = append(names, outs[i].Name)
		if outs[i].Name == man.Output.Name {
			out = &outs[i]
		}
	}
	if out == nil {
		return 0, mismatch("no output %q (the graph's outputs: %s)", man.Output.Name, strings.Join(names, ", "))
	}
	if out.OrtValueType != ort.ONNXTypeTensor || out.DataType != ort.TensorElementDataTypeFloat {
		return 0, mismatch("output %q is %s, want a float32 tensor", out.Name, out.String())
	}
	od := out.Dimensions
	if len(od) != 2 || (od[1] > 0 && int(od[1]) != man.Output.Dim) {
		return 0, mismatch("output %q has shape %v, manifest says [batch, %d]", out.Name, []int64(od), man.Output.Dim)
	}
	return fixed, nil
}

// probe runs one blank batch and checks the output's shape, which the graph
// may leave symbolic: [batch, output.dim] or the manifest is wrong.
func (e *Embedder) probe() error {
	n := int64(1)
	if e.fixed {
		n = int64(e.batch)
	}
	in, err := ort.NewEmptyTensor[float32](ort.NewShape(n, 3, int64(e.pre.size.Y), int64(e.pre.size.X)))
	if err != nil {
		return fmt.Errorf("models: probe input: %w", err)
	}
	defer in.Destroy()
	outs := []ort.Value{nil}
	if err := e.session.Run([]ort.Value{in}, outs); err != nil {
		return badModel(nil, err, fmt.Sprintf("model %s: a test inference failed: %s", e.path, oneLine(err)))
	}
	defer outs[0].Destroy()
	got := outs[0].GetShape()
	if len(got) != 2 || got[0] != n || int(got[1]) != e.man.Output.Dim {
		return badModel(ErrMismatch, nil, fmt.Sprintf("model %s: manifest does not match the graph: output %q has shape %v for a batch of %d, manifest says [batch, %d]",
			e.path, e.man.Output.Name, []int64(got), n, e.man.Output.Dim))
	}
	return nil
}

// startSession creates the session on provider p, destroying everything it
// made when it fails.
func (e *Embedder) startSession(data []byte, p Provider, device int) (err error) {
	so, err := ort.NewSessionOptions()
	if err != nil {
		return fmt.Errorf("models: session options: %w", err)
	}
	defer so.Destroy()
	if err := e.configure(so); err != nil {
		return err
	}
	if p == CUDA {
		if err := appendCUDA(so, device); err != nil {
			return err
		}
	}
	s, err := ort.NewDynamicAdvancedSessionWithONNXData(data, []string{e.man.Input.Name}, []string{e.man.Output.Name}, so)
	if err != nil {
		if p == CUDA {
			return fmt.Errorf("%w: starting a session on CUDA device %d: %s", ErrCUDAUnavailable, device, oneLine(err))
		}
		return badModel(nil, err, fmt.Sprintf("model %s: creating a session: %s", e.path, oneLine(err)))
	}
	e.session, e.provider = s, p
	return nil
}

// configure applies the thread and spinning settings.
func (e *Embedder) configure(so *ort.SessionOptions) error {
	spin := "0"
	if e.spinning {
		spin = "1"
	}
	steps := []struct {
		what string
		err  func() error
	}{
		{"intra-op threads", func() error { return so.SetIntraOpNumThreads(e.threads) }},
		{"inter-op threads", func() error { return so.SetInterOpNumThreads(1) }},
		{"execution mode", func() error { return so.SetExecutionMode(ort.ExecutionModeSequential) }},
		{"graph optimisation", func() error { return so.SetGraphOptimizationLevel(ort.GraphOptimizationLevelEnableAll) }},
		{"intra-op spinning", func() error { return so.AddSessionConfigEntry("session.intra_op.allow_spinning", spin) }},
		{"inter-op spinning", func() error { return so.AddSessionConfigEntry("session.inter_op.allow_spinning", spin) }},
	}
	for _, s := range steps {
		if err := s.err(); err != nil {
			return fmt.Errorf("models: setting %s: %w", s.what, err)
		}
	}
	return nil
}

// appendCUDA adds ONNX Runtime's CUDA execution provider to so. A CPU-only
// build refuses CreateCUDAProviderOptions or the append; either way the
// error says so and how to get a GPU build.
func appendCUDA(so *ort.SessionOptions, device int) error {
	lib, ver, _ := Runtime()
	fail := func(err error) error {
		return fmt.Errorf("%w: ONNX Runtime %s at %s has no usable CUDA provider (%s); point %s at an ONNX Runtime GPU build, or use --provider cpu",
			ErrCUDAUnavailable, ver, lib, oneLine(err), LibraryEnv)
	}
	co, err := ort.NewCUDAProviderOptions()
	if err != nil {
		return fail(err)
	}
	defer co.Destroy()
	if err := co.Update(map[string]string{"device_id": strconv.Itoa(device)}); err != nil {
		return fail(err)
	}
	if err := so.AppendExecutionProviderCUDA(co); err != nil {
		return fail(err)
	}
	return nil
}

// CUDAAvailable reports whether the loaded ONNX Runtime build offers the
// CUDA execution provider, and if not, why.
func CUDAAvailable() (bool, error) {
	if _, _, err := Runtime(); err != nil {
		return false, err
	}
	so, err := ort.NewSessionOptions()
	if err != nil {
		return false, err
	}
	defer so.Destroy()
	if err := appendCUDA(so, 0); err != nil {
		return false, err
	}
	return true, nil
}

// Manifest returns the model's manifest.
func (e *Embedder) Manifest() Manifest { return e.man }

// Provider returns the provider in use, CPU or CUDA (never Auto).
func (e *Embedder) Provider() Provider { return e.provider }

// Dim is the embedding size.
func (e *Embedder) Dim() int { return e.man.Output.Dim }

// BatchSize is the number of frames per inference call.
func (e *Embedder) BatchSize() int { return e.batch }

// Threads and Spinning report the session's CPU settings.
func (e *Embedder) Threads() (threads int, spinning bool) { return e.threads, e.spinning }

// Close destroys the session. It is safe to call more than once.
func (e *Embedder) Close() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.closed {
		return nil
	}
	e.closed = true
	if e.session == nil {
		return nil
	}
	err := e.session.Destroy()
	e.session = nil
	return err
}

// String describes the embedder in one line.
func (e *Embedder) String() string {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s %s (%d-d, %dx%d input) on %s", e.man.Name, e.man.Version, e.man.Output.Dim, e.man.Input.Width(), e.man.Input.Height(), e.provider)
	return b.String()
}
