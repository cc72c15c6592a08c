package rough

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"rushcut/app/analysis"
	"rushcut/app/cache"
	"rushcut/app/edit"
	"rushcut/media"
	"rushcut/vision"
	"rushcut/vision/slate"
)

// takeCacheVersion changes whenever what a take's cache entry holds, or
// how it is made, changes.
const takeCacheVersion = 1

// takeEntry is what AnalyzeTake measures beyond the picture analysis (which
// the analysis cache keeps): the detector's result on the features, the
// sound's levels, the media reference and the slate. Reopening a day
// reads it instead of running the detector, decoding the sound and
// reading the slates again.
type takeEntry struct {
	Version   int                  `json:"version"`
	Detection vision.Result        `json:"detection"`
	Levels    *media.Levels        `json:"levels,omitempty"`
	MOS       bool                 `json:"mos"`
	Media     *edit.MediaReference `json:"media"`
	Slates    bool                 `json:"slates"`
	Slate     *slate.Result        `json:"slate,omitempty"`
}

// takeKey identifies a take's entry: the file (path, size, modification
// time), the analysis it goes with (model, size, frames), whether slates
// were read, and this program (its size and modification time, so that a
// new build, whose detector may differ, never reads an old entry).
func takeKey(path string, a *analysis.Analysis, slates bool) (string, error) {
	st, err := os.Stat(path)
	if err != nil {
		return "", err
	}
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	xs, err := os.Stat(exe)
	if err != nil {
		return "", err
	}
	abs, _ := filepath.Abs(path)
	h := sha256.New()
	fmt.Fprintf(h, "v%d|%s|%d|%d|%s|%dx%d|%d|%d|%t|%s|%d|%d", takeCacheVersion, abs, st.Size(), st.ModTime().UnixNano(),
		a.Model, a.Width, a.Height, len(a.Features), a.Embeddings.Len(), slates, exe, xs.Size(), xs.ModTime().UnixNano())
	return hex.EncodeToString(h.Sum(nil)), nil
}

// takeCacheMax caps the take cache (its takes/ folder) in bytes: after
// each save the least recently read or written entries go. An entry is a
// few kilobytes, so 64 MiB holds many thousands of takes.
var takeCacheMax int64 = 64 << 20

// takeCachePath is where the entry with key lives, under the analysis
// cache.
func takeCachePath(opt analysis.Options, key string) string {
	dir := opt.CacheDir
	if dir == "" {
		dir = analysis.DefaultCacheDir()
	}
	return filepath.Join(dir, "takes", key+".json")
}

// loadTake reads the entry for key, marking it used; false when there is
// none or it cannot be read (a damaged entry is a miss, never an error).
func loadTake(opt analysis.Options, key string) (takeEntry, bool) {
	var e takeEntry
	p := takeCachePath(opt, key)
	if !cache.Touch(p) {
		return takeEntry{}, false
	}
	b, err := os.ReadFile(p)
	if err != nil || json.Unmarshal(b, &e) != nil || e.Version != takeCacheVersion || e.Media == nil {
		return takeEntry{}, false
	}
	return e, true
}

// saveTake writes the entry atomically, then keeps the take cache under
// takeCacheMax; failing to cache is not an error.
func saveTake(opt analysis.Options, key string, e takeEntry) {
	e.Version = takeCacheVersion
	b, err := json.Marshal(e)
	if err != nil {
		return
	}
	p := takeCachePath(opt, key)
	if os.MkdirAll(filepath.Dir(p), 0o755) != nil {
		return
	}
	f, err := os.CreateTemp(filepath.Dir(p), ".take-*")
	if err != nil {
		return
	}
	_, werr := f.Write(b)
	cerr := f.Close()
	if werr != nil || cerr != nil || os.Rename(f.Name(), p) != nil {
		os.Remove(f.Name())
		return
	}
	cache.Trim(filepath.Dir(p), cache.Policy{Max: takeCacheMax, Marker: ".json"})
}
