// Package modeltest holds what tests share for the models: the shipped
// ViT, opened once per test binary.
package modeltest

import (
	"sync"
	"testing"

	"rushcut/models"
)

var (
	once sync.Once
	vit  *models.Embedder
	err  error
)

// ShippedViT opens the shipped model on the CPU once per test binary (it
// is safe for concurrent use), skipping the test where ONNX Runtime cannot
// be loaded (make setup installs it; CI always has it).
func ShippedViT(t testing.TB) *models.Embedder {
	t.Helper()
	if _, _, e := models.Runtime(); e != nil {
		t.Skipf("ONNX Runtime not loadable (run make setup, or set %s): %v", models.LibraryEnv, e)
	}
	once.Do(func() {
		vit, err = models.OpenDefault("", models.Options{Provider: models.CPU, Logf: func(string, ...any) {}})
	})
	if err != nil {
		t.Fatal(err)
	}
	return vit
}

// Close closes the shipped model if a test opened it (call it from
// TestMain after m.Run).
func Close() {
	if vit != nil {
		vit.Close()
	}
}
