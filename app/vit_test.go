package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"rushcut/media/mediatest"
	"rushcut/models"
)

// TestCutsViTFlags checks that `cuts` runs the shipped ViT by default and
// names it in its JSON, that --no-vit runs without it, and that a model or
// provider named explicitly must load: each failure exactly one line on
// stderr and non-zero, bad media included.
func TestCutsViTFlags(t *testing.T) {
	needEmbedDeps(t)
	t.Setenv("RUSHCUT_CACHE_DIR", t.TempDir())
	model := func(args ...string) string {
		t.Helper()
		var out, errb bytes.Buffer
		if code := run(append([]string{"cuts", embedClip, "--json"}, args...), &out, &errb); code != exitOK {
			t.Fatalf("%v: exit %d: %s", args, code, errb.String())
		}
		var got struct {
			Model string `json:"model"`
		}
		if err := json.Unmarshal(out.Bytes(), &got); err != nil {
			t.Fatal(err)
		}
		return got.Model
	}
	if m := model(); !strings.HasPrefix(m, strings.TrimSuffix(models.ShippedModelFile, ".onnx")) {
		t.Errorf("default run: model %q, want the shipped %s", m, models.ShippedModelFile)
	}
	if m := model("--no-vit"); m != "" {
		t.Errorf("--no-vit: model %q", m)
	}
	gone := filepath.Join(t.TempDir(), "none.onnx")
	garbage := filepath.Join(t.TempDir(), "garbage.mp4")
	if err := os.WriteFile(garbage, []byte("not a movie"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"cuts", embedClip, "--model", gone}, exitUsage, "model.json"},
		// Bad media with the ViT loaded: still exactly one line.
		{[]string{"cuts", garbage}, exitUsage, "garbage.mp4"},
		{[]string{"cuts", embedClip, "--provider", "tpu"}, exitUsage, "auto, cpu or cuda"},
		{[]string{"eval", "--truth", mediatest.Truth(t, "Megamind.json"), embedClip, "--vit-stride", "-1"}, exitUsage, "vit-stride"},
	}
	if ok, _ := models.CUDAAvailable(); !ok {
		cases = append(cases, struct {
			args []string
			code int
			msg  string
		}{[]string{"cuts", embedClip, "--provider", "cuda"}, exitFail, "CUDA"})
	}
	for _, c := range cases {
		_, stderr, code := rushcutProcess(t, nil, c.args...)
		lines := strings.Split(strings.TrimRight(stderr, "\n"), "\n")
		if code != c.code || !strings.Contains(stderr, c.msg) || len(lines) != 1 {
			t.Errorf("%v: exit %d, stderr %q; want exit %d mentioning %q", c.args, code, stderr, c.code, c.msg)
		}
	}
}

// TestEvalWithAndWithoutViT checks that eval scores the detector with the
// ViT cue and on pixels alone from one analysis, and says so.
func TestEvalWithAndWithoutViT(t *testing.T) {
	needEmbedDeps(t)
	t.Setenv("RUSHCUT_CACHE_DIR", t.TempDir())
	var out, errb bytes.Buffer
	if code := run([]string{"eval", "--truth", mediatest.Truth(t, "Megamind.json"), embedClip, "--scdet=false"}, &out, &errb); code != exitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	for _, row := range []string{"rushcut(+vit)    cuts", "rushcut(pixels)  cuts"} {
		if !strings.Contains(out.String(), row) {
			t.Errorf("no %q row in:\n%s", row, out.String())
		}
	}
	out.Reset()
	if code := run([]string{"eval", "--truth", mediatest.Truth(t, "Megamind.json"), embedClip, "--scdet=false", "--json"}, &out, &errb); code != exitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var got evalJSON
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.Model == "" || got.Pixels == nil || got.Rushcut.Cuts.TP != 4 || got.Pixels.Cuts.TP != 4 {
		t.Fatalf("eval JSON: %s", out.String())
	}
}
