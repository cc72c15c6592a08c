package models

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"rushcut/media"
)

// modelDir copies the tiny model into a temporary folder, lets edit change
// the manifest (as a generic JSON map) and the model bytes, and returns the
// model's path there.
func modelDir(t *testing.T, editManifest func(m map[string]any), editModel func([]byte) []byte) string {
	t.Helper()
	data, err := os.ReadFile(tinyModel)
	if err != nil {
		t.Fatal(err)
	}
	mb, err := os.ReadFile("testdata/model.json")
	if err != nil {
		t.Fatal(err)
	}
	var man map[string]any
	if err := json.Unmarshal(mb, &man); err != nil {
		t.Fatal(err)
	}
	if editModel != nil {
		data = editModel(data)
	}
	if editManifest != nil {
		editManifest(man)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "tiny-vit.onnx")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	mb, _ = json.Marshal(man)
	if err := os.WriteFile(filepath.Join(dir, ManifestName), mb, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// resign makes the manifest's checksum and size match edited model bytes,
// so that the test reaches the check after them.
func resign(data []byte) func(m map[string]any) {
	return func(m map[string]any) {
		s := sha256.Sum256(data)
		m["sha256"] = hex.EncodeToString(s[:])
		m["bytes"] = len(data)
	}
}

func input(m map[string]any) map[string]any  { return m["input"].(map[string]any) }
func output(m map[string]any) map[string]any { return m["output"].(map[string]any) }

// TestBadModels opens broken models and manifests: each must fail with a
// clear one-line error matching ErrBadModel and the specific sentinel,
// never crash.
func TestBadModels(t *testing.T) {
	needRuntime(t)
	garbage := []byte("this is not an ONNX protobuf, just text pretending to be a model file\x00\x01\x02")
	orig, _ := os.ReadFile(tinyModel)
	truncated := orig[:len(orig)/2]
	cases := []struct {
		name     string
		path     func(t *testing.T) string
		opt      Options
		kind     error
		contains string
	}{
		{"missing model", func(t *testing.T) string {
			p := modelDir(t, nil, nil)
			os.Remove(p)
			return p
		}, Options{}, ErrBadModel, "no such file"},
		{"missing manifest", func(t *testing.T) string {
			p := modelDir(t, nil, nil)
			os.Remove(filepath.Join(filepath.Dir(p), ManifestName))
			return p
		}, Options{}, ErrBadModel, "model.json"},
		{"manifest not JSON", func(t *testing.T) string {
			p := modelDir(t, nil, nil)
			os.WriteFile(filepath.Join(filepath.Dir(p), ManifestName), []byte("{name: oops"), 0o644)
			return p
		}, Options{}, ErrBadModel, "not a valid manifest"},
		{"manifest unknown field", func(t *testing.T) string {
			return modelDir(t, func(m map[string]any) { m["sha265"] = "typo" }, nil)
		}, Options{}, ErrBadModel, "unknown field"},
		{"manifest without licence", func(t *testing.T) string {
			return modelDir(t, func(m map[string]any) { delete(m, "licence") }, nil)
		}, Options{}, ErrBadModel, "licence.weights"},
		{"manifest bad channel order", func(t *testing.T) string {
			return modelDir(t, func(m map[string]any) { input(m)["channel_order"] = "GRB" }, nil)
		}, Options{}, ErrBadModel, "channel_order"},
		{"manifest names another file", func(t *testing.T) string {
			return modelDir(t, func(m map[string]any) { m["file"] = "other.onnx" }, nil)
		}, Options{}, ErrMismatch, "other.onnx"},
		{"sha256 mismatch", func(t *testing.T) string {
			return modelDir(t, func(m map[string]any) {
				m["sha256"] = strings.Repeat("ab", 32)
			}, nil)
		}, Options{}, ErrChecksum, "sha256"},
		{"damaged model (size)", func(t *testing.T) string {
			return modelDir(t, nil, func(b []byte) []byte { return truncated })
		}, Options{}, ErrChecksum, "bytes"},
		{"damaged model (one byte)", func(t *testing.T) string {
			return modelDir(t, nil, func(b []byte) []byte {
				c := append([]byte(nil), b...)
				c[len(c)/2] ^= 0xff
				return c
			})
		}, Options{}, ErrChecksum, "sha256"},
		{"corrupt model, manifest re-signed", func(t *testing.T) string {
			return modelDir(t, resign(garbage), func([]byte) []byte { return garbage })
		}, Options{}, ErrBadModel, "not a loadable ONNX model"},
		{"truncated model, manifest re-signed", func(t *testing.T) string {
			return modelDir(t, resign(truncated), func([]byte) []byte { return truncated })
		}, Options{}, ErrBadModel, "not a loadable ONNX model"},
		{"input shape mismatch", func(t *testing.T) string {
			return modelDir(t, func(m map[string]any) { input(m)["shape"] = []int{-1, 3, 64, 64} }, nil)
		}, Options{}, ErrMismatch, "shape"},
		{"input name mismatch", func(t *testing.T) string {
			return modelDir(t, func(m map[string]any) { input(m)["name"] = "images" }, nil)
		}, Options{}, ErrMismatch, `no input "images"`},
		{"output name mismatch", func(t *testing.T) string {
			return modelDir(t, func(m map[string]any) { output(m)["name"] = "last_hidden_state" }, nil)
		}, Options{}, ErrMismatch, `no output "last_hidden_state"`},
		{"embedding size mismatch", func(t *testing.T) string {
			return modelDir(t, func(m map[string]any) { output(m)["dim"] = 512 }, nil)
		}, Options{}, ErrMismatch, "512"},
		{"too large for the limit", func(t *testing.T) string { return modelDir(t, nil, nil) },
			Options{MaxModelBytes: 1000}, ErrTooLarge, "limit"},
		{"model is a folder", func(t *testing.T) string {
			p := modelDir(t, nil, nil)
			os.Remove(p)
			os.Mkdir(p, 0o755)
			return p
		}, Options{}, ErrBadModel, "not a regular file"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := c.path(t)
			c.opt.Provider = CPU
			c.opt.Logf = (&quiet{}).logf
			e, err := Open(p, c.opt)
			if err == nil {
				e.Close()
				t.Fatal("Open succeeded")
			}
			if !errors.Is(err, ErrBadModel) || !errors.Is(err, c.kind) {
				t.Errorf("err = %v; want ErrBadModel and %v", err, c.kind)
			}
			msg := err.Error()
			if !strings.Contains(msg, c.contains) || strings.Contains(msg, "\n") {
				t.Errorf("err = %q; want one line containing %q", msg, c.contains)
			}
		})
	}
}

// TestTooLargeForMemory checks the memory side of the size check: a model
// that would need more than the available memory is refused before it is
// read.
func TestTooLargeForMemory(t *testing.T) {
	avail := availableMemory()
	if avail == 0 {
		t.Skip("no /proc/meminfo")
	}
	err := checkSize(avail/2, 1<<62)
	if err == nil || !strings.Contains(err.Error(), "available") {
		t.Errorf("checkSize(avail/2) = %v, want a not-enough-memory error", err)
	}
	if err := checkSize(1<<20, DefaultMaxModelBytes); err != nil {
		t.Errorf("checkSize(1 MiB) = %v", err)
	}
}

// TestOpenBytes loads the model from memory and refuses a mismatch there.
func TestOpenBytes(t *testing.T) {
	needRuntime(t)
	data, _ := os.ReadFile(tinyModel)
	man, _ := os.ReadFile("testdata/model.json")
	e, err := OpenBytes("tiny", data, man, Options{Provider: CPU, Logf: (&quiet{}).logf})
	if err != nil {
		t.Fatal(err)
	}
	e.Close()
	if _, err := OpenBytes("tiny", data[:100], man, Options{Provider: CPU}); !errors.Is(err, ErrChecksum) {
		t.Errorf("truncated bytes: err = %v, want ErrChecksum", err)
	}
	if _, err := OpenBytes("tiny", data, []byte("{}"), Options{Provider: CPU}); !errors.Is(err, ErrBadModel) {
		t.Errorf("empty manifest: err = %v, want ErrBadModel", err)
	}
}

// TestBadFrames feeds frames that cannot be valid.
func TestBadFrames(t *testing.T) {
	e := openTiny(t, Options{})
	good := &media.Frame{Width: 4, Height: 2, Stride: 12, Format: media.BGR24, Data: make([]byte, 24)}
	cases := map[string]*media.Frame{
		"nil":          nil,
		"zero size":    {Width: 0, Height: 2, Stride: 0, Format: media.BGR24},
		"short data":   {Width: 4, Height: 2, Stride: 12, Format: media.BGR24, Data: make([]byte, 20)},
		"wrong stride": {Width: 4, Height: 2, Stride: 16, Format: media.BGR24, Data: make([]byte, 32)},
		"bad format":   {Width: 4, Height: 2, Stride: 12, Format: media.PixelFormat(9), Data: make([]byte, 24)},
		"absurd size":  {Width: 1 << 20, Height: 1, Stride: 3 << 20, Format: media.BGR24},
	}
	for name, f := range cases {
		if _, err := e.Embed([]*media.Frame{good, f}); !errors.Is(err, ErrBadFrame) {
			t.Errorf("%s: err = %v, want ErrBadFrame", name, err)
		}
	}
	if embs, err := e.Embed(nil); err != nil || len(embs) != 0 {
		t.Errorf("no frames: %v, %v", embs, err)
	}
	e.Close()
	if _, err := e.Embed([]*media.Frame{good}); !errors.Is(err, ErrClosed) {
		t.Errorf("after Close: err = %v, want ErrClosed", err)
	}
	if err := e.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}

// TestFindLibrary covers the library search order and its errors: the
// environment variable, then beside the executable (and the source tree's
// .deps it was built in), never the working directory.
func TestFindLibrary(t *testing.T) {
	t.Setenv(LibraryEnv, filepath.Join(t.TempDir(), "nope.so"))
	if _, err := FindLibrary(); !errors.Is(err, ErrNoRuntime) || !strings.Contains(err.Error(), LibraryEnv) {
		t.Errorf("missing $%s: err = %v", LibraryEnv, err)
	}
	lib := filepath.Join(t.TempDir(), "libonnxruntime.so.1")
	os.WriteFile(lib, []byte("x"), 0o644)
	t.Setenv(LibraryEnv, lib)
	if p, err := FindLibrary(); err != nil || p != lib {
		t.Errorf("$%s set: %q, %v", LibraryEnv, p, err)
	}
	t.Setenv(LibraryEnv, "")
	plant := func(path string) string {
		os.MkdirAll(filepath.Dir(path), 0o755)
		os.WriteFile(path, []byte("x"), 0o644)
		return path
	}
	// A client's drive with a planted library, the working directory deep
	// inside it: never loaded.
	drive := t.TempDir()
	deep := filepath.Join(drive, "a", "b", "c")
	os.MkdirAll(deep, 0o755)
	plant(filepath.Join(drive, depsLibrary))
	plant(filepath.Join(deep, depsLibrary))
	plant(filepath.Join(deep, libraryName))
	t.Chdir(deep)
	exeDir := filepath.Join(t.TempDir(), "tree", "bin")
	os.MkdirAll(exeDir, 0o755)
	executable = func() (string, error) { return filepath.Join(exeDir, "rushcut"), nil }
	defer func() { executable = realExecutable }()
	if p, err := FindLibrary(); !errors.Is(err, ErrNoRuntime) {
		t.Errorf("with only a planted library under the working directory: %q, %v; want ErrNoRuntime", p, err)
	}
	// Beside the executable, in the order FindLibrary documents.
	parentDeps := plant(filepath.Join(filepath.Dir(exeDir), depsLibrary))
	if p, err := FindLibrary(); err != nil || p != parentDeps {
		t.Errorf("source tree's .deps above the binary: %q, %v", p, err)
	}
	ownDeps := plant(filepath.Join(exeDir, depsLibrary))
	if p, err := FindLibrary(); err != nil || p != ownDeps {
		t.Errorf(".deps beside the binary: %q, %v", p, err)
	}
	beside := plant(filepath.Join(exeDir, libraryName))
	if p, err := FindLibrary(); err != nil || p != beside {
		t.Errorf("library beside the binary: %q, %v", p, err)
	}
	if got := walkUp(deep, depsLibrary); got != filepath.Join(deep, depsLibrary) {
		t.Errorf("walkUp = %q", got)
	}
	if got := walkUp(t.TempDir(), "no/such/file"); got != "" {
		t.Errorf("walkUp of nothing = %q", got)
	}
}

// realExecutable is FindLibrary's own executable lookup, for restoring it.
var realExecutable = executable
