package main

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"rushcut/models"
)

const embedClip = "/usr/share/doc/opencv-doc/examples/data/Megamind.avi"

func needEmbedDeps(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(embedClip); err != nil {
		t.Skipf("opencv-doc clip not installed: %v", err)
	}
	if _, _, err := models.Runtime(); err != nil {
		t.Skipf("ONNX Runtime not loadable: %v", err)
	}
}

// TestEmbedJSON runs `rushcut embed --json` with the tiny test model: one
// embedding of the model's size per sampled frame, unit length.
func TestEmbedJSON(t *testing.T) {
	needEmbedDeps(t)
	model, _ := filepath.Abs("../models/testdata/tiny-vit.onnx")
	stdout, stderr, code := rushcutProcess(t, nil, "embed", embedClip, "--every", "50", "--model", model, "--provider", "cpu", "--json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var out embedOutput
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatalf("bad JSON: %v\n%s", err, stdout)
	}
	if out.Model != "tiny-vit" || out.Provider != "cpu" || out.Dim != 8 {
		t.Errorf("header = %q %q %d", out.Model, out.Provider, out.Dim)
	}
	want := []int{0, 50, 100, 150, 200, 250}
	if len(out.Frames) != len(want) {
		t.Fatalf("%d frames, want %d", len(out.Frames), len(want))
	}
	for i, f := range out.Frames {
		var n float64
		for _, x := range f.Embedding {
			n += float64(x) * float64(x)
		}
		if f.Frame != want[i] || len(f.Embedding) != 8 || math.Abs(n-1) > 1e-4 {
			t.Errorf("frame %d: index %d, %d values, norm² %.4f", i, f.Frame, len(f.Embedding), n)
		}
	}
	if lines := strings.Split(strings.TrimSpace(stderr), "\n"); len(lines) != 1 || !strings.Contains(lines[0], "on CPU") {
		t.Errorf("stderr = %q, want the one provider line", stderr)
	}
}

// TestEmbedErrors: bad usage, missing media, a broken model and an
// unavailable CUDA each give a one-line error and the documented status.
func TestEmbedErrors(t *testing.T) {
	needEmbedDeps(t)
	model, _ := filepath.Abs("../models/testdata/tiny-vit.onnx")
	broken := filepath.Join(t.TempDir(), "tiny-vit.onnx")
	os.WriteFile(broken, []byte("not onnx"), 0o644)
	data, _ := os.ReadFile("../models/testdata/model.json")
	os.WriteFile(filepath.Join(filepath.Dir(broken), "model.json"), data, 0o644)
	cases := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"embed"}, exitUsage, "usage"},
		{[]string{"embed", embedClip, "--every", "0"}, exitUsage, "usage"},
		{[]string{"embed", embedClip, "--provider", "tpu", "--model", model}, exitUsage, "auto, cpu or cuda"},
		{[]string{"embed", filepath.Join(t.TempDir(), "gone.mov"), "--model", model, "--provider", "cpu"}, exitUsage, "gone.mov"},
		{[]string{"embed", embedClip, "--model", broken}, exitUsage, "damaged"},
		{[]string{"embed", embedClip, "--model", filepath.Join(t.TempDir(), "none.onnx")}, exitUsage, "model.json"},
	}
	if ok, _ := models.CUDAAvailable(); !ok {
		cases = append(cases, struct {
			args []string
			code int
			msg  string
		}{[]string{"embed", embedClip, "--model", model, "--provider", "cuda"}, exitFail, "CUDA"})
	}
	for _, c := range cases {
		_, stderr, code := rushcutProcess(t, nil, c.args...)
		lines := strings.Split(strings.TrimRight(stderr, "\n"), "\n")
		if code != c.code || !strings.Contains(stderr, c.msg) || len(lines) != 1 {
			t.Errorf("%v: exit %d, stderr %q; want exit %d mentioning %q", c.args, code, stderr, c.code, c.msg)
		}
	}
}
