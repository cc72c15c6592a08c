package analysis

import (
	"context"
	"os"
	"sync"
	"testing"

	"rushcut/media/mediatest"
	"rushcut/models"
	"rushcut/models/modeltest"
	"rushcut/vision/reels"
)

var (
	opencvData    = mediatest.OpencvData
	ffmpegFixture = mediatest.FFmpeg
)

// noCache analyses without touching any cache.
var noCache = Options{NoCache: true}

var (
	setOnce sync.Once
	setDir  string
	setErr  error
)

// reelSet generates the labelled reels once per test binary, in a
// directory removed when the tests end (see TestMain).
func reelSet(t testing.TB) string {
	t.Helper()
	setOnce.Do(func() {
		setDir, setErr = os.MkdirTemp("", "rushcut-reels-")
		if setErr == nil {
			_, setErr = reels.GenerateSet(context.Background(), setDir, append(append(append(reels.Set(), reels.Holdout()...), reels.Hidden()...), reels.HiddenDark()...))
		}
	})
	if setErr != nil {
		t.Fatal(setErr)
	}
	return setDir
}

// shippedViT is the shipped model on the CPU (see modeltest.ShippedViT).
func shippedViT(t testing.TB) *models.Embedder { return modeltest.ShippedViT(t) }

// withViT is noCache with the shipped model on.
func withViT(t testing.TB) Options { return Options{NoCache: true, Embedder: shippedViT(t)} }

func TestMain(m *testing.M) {
	// Keep tests from writing to the user's cache.
	dir, err := os.MkdirTemp("", "rushcut-cache-")
	if err == nil {
		os.Setenv(CacheDirEnv, dir)
	}
	code := m.Run()
	modeltest.Close()
	os.RemoveAll(dir)
	if setDir != "" {
		os.RemoveAll(setDir)
	}
	os.Exit(code)
}
