package models

import (
	"errors"
	"strings"
	"testing"
)

// TestCUDAUnavailable: where the loaded ONNX Runtime has no CUDA provider,
// provider cuda fails with ErrCUDAUnavailable and a message that says how to
// fix it, and auto falls back to the CPU with exactly one log line saying
// so.
func TestCUDAUnavailable(t *testing.T) {
	needRuntime(t)
	if ok, _ := CUDAAvailable(); ok {
		t.Skip("this ONNX Runtime build has a working CUDA provider; see TestCUDA")
	}
	e, err := Open(tinyModel, Options{Provider: CUDA, Logf: (&quiet{}).logf})
	if err == nil {
		e.Close()
		t.Fatal("provider cuda succeeded without CUDA")
	}
	if !errors.Is(err, ErrCUDAUnavailable) {
		t.Errorf("err = %v, want ErrCUDAUnavailable", err)
	}
	for _, want := range []string{"CUDA", LibraryEnv, "--provider cpu"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("err = %q, want it to mention %q", err, want)
		}
	}
	q := &quiet{}
	e, err = Open(tinyModel, Options{Provider: Auto, Logf: q.logf})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	if e.Provider() != CPU {
		t.Errorf("auto chose %s, want cpu", e.Provider())
	}
	if len(q.lines) != 1 || !strings.Contains(q.lines[0], "on CPU") || !strings.Contains(q.lines[0], "CUDA not used") {
		t.Errorf("auto logged %q, want one line saying CPU and why not CUDA", q.lines)
	}
}

// TestCUDA runs the model on the CUDA provider and compares with the CPU.
// It needs an ONNX Runtime GPU build (RUSHCUT_ORT_LIB) and an NVIDIA GPU;
// elsewhere it skips and says why.
func TestCUDA(t *testing.T) {
	needRuntime(t)
	if ok, err := CUDAAvailable(); !ok {
		lib, ver, _ := Runtime()
		t.Skipf("no CUDA execution provider in ONNX Runtime %s at %s (a CPU build; set %s to an ONNX Runtime GPU build to run this test): %v",
			ver, lib, LibraryEnv, err)
	}
	_, frames := loadReference(t, "testdata/tiny-vit-reference.json")
	q := &quiet{}
	gpu, err := Open(tinyModel, Options{Provider: CUDA, Logf: q.logf})
	if err != nil {
		t.Skipf("CUDA provider present but no usable GPU: %v", err)
	}
	defer gpu.Close()
	if gpu.Provider() != CUDA || len(q.lines) != 1 || !strings.Contains(q.lines[0], "CUDA") {
		t.Errorf("provider %s, log %q", gpu.Provider(), q.lines)
	}
	cpu := openTiny(t, Options{})
	a, err := gpu.Embed(frames)
	if err != nil {
		t.Fatal(err)
	}
	b, err := cpu.Embed(frames)
	if err != nil {
		t.Fatal(err)
	}
	for i := range a {
		if d := CosineDistance(a[i], b[i]); d > 1e-4 {
			t.Errorf("frame %d: CUDA and CPU embeddings %.2g apart", i, d)
		}
	}
}

// TestAutoFallbackStillChecks: the CPU fallback of auto runs the same
// checks (a test batch with the output shape) as provider cpu.
func TestAutoFallbackStillChecks(t *testing.T) {
	needRuntime(t)
	p := modelDir(t, func(m map[string]any) { output(m)["dim"] = 512 }, nil)
	e, err := Open(p, Options{Provider: Auto, Logf: (&quiet{}).logf})
	if err == nil {
		e.Close()
		t.Fatal("auto opened a model whose manifest does not match")
	}
	if !errors.Is(err, ErrMismatch) {
		t.Errorf("err = %v, want ErrMismatch", err)
	}
}
