package analysis

import (
	"bufio"
	"compress/gzip"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"syscall"

	"rushcut/vision"
)

// cacheVersion changes whenever this file's encoding of an analysis
// changes (see putFeatures); what the features mean is versioned by
// vision.FeaturesVersion. Both are in the key and the header, so an
// entry written under other versions is simply a miss.
const cacheVersion = 4

// CacheDirEnv names the environment variable that overrides the cache
// directory (tests point it at a temporary directory).
const CacheDirEnv = "RUSHCUT_CACHE_DIR"

// DefaultCacheDir is where analysis results are cached: $RUSHCUT_CACHE_DIR
// when set, else rushcut/analysis under the user's cache directory.
func DefaultCacheDir() string {
	if d := os.Getenv(CacheDirEnv); d != "" {
		return d
	}
	d, err := os.UserCacheDir()
	if err != nil {
		d = os.TempDir()
	}
	return filepath.Join(d, "rushcut", "analysis")
}

func cacheDir(opt Options) string {
	if opt.CacheDir != "" {
		return opt.CacheDir
	}
	return DefaultCacheDir()
}

// hashSample is the size of each piece of a large file that the content
// hash reads; files up to fullHashMax are hashed whole.
const (
	hashSample  = 1 << 20
	fullHashMax = 64 << 20
	hashPieces  = 16
)

// cacheKey is the SHA-256 of the file's content (whole when small; for
// large files its first and last MiB and evenly spaced MiB between),
// size, modification time and settings (see settingsKey). The file is
// opened without blocking and must still be a regular file once open.
func cacheKey(path, settings string) (string, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return "", err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return "", err
	}
	if !st.Mode().IsRegular() {
		return "", errors.New("not a regular file")
	}
	h := sha256.New()
	size := st.Size()
	if size <= fullHashMax {
		if _, err := io.Copy(h, f); err != nil {
			return "", err
		}
	} else {
		buf := make([]byte, hashSample)
		for i := int64(0); i < hashPieces; i++ {
			off := (size - hashSample) * i / (hashPieces - 1)
			n, err := f.ReadAt(buf, off)
			if err != nil && !errors.Is(err, io.EOF) {
				return "", err
			}
			h.Write(buf[:n])
		}
	}
	fmt.Fprintf(h, "|size=%d|mtime=%d|%s", size, st.ModTime().UnixNano(), settings)
	return hex.EncodeToString(h.Sum(nil)), nil
}

// settingsKey names every setting that changes an analysis's result, for
// the cache key: the features' version, the cache encoding's, the
// analysis width, face counting (off, or the cascade file and its
// identity) and its stride rule, the embedding model and its stride, and
// the stream. Options that do not change the result (Workers, Progress,
// the cache's own) are left out; TestSettingsKeyCoversOptions checks
// that every other option changes the key.
func settingsKey(opt Options, cascade string) string {
	faces := "off"
	if cascade != "" {
		faces = cascade
		if st, err := os.Stat(cascade); err == nil {
			faces += fmt.Sprintf("@%d/%d", st.Size(), st.ModTime().UnixNano())
		}
		faces += "/stride=" + faceStrideRule
	}
	return fmt.Sprintf("features=%d|cache=%d|w=%d|decode=%s|faces=%s|model=%s|stream=%d",
		vision.FeaturesVersion, cacheVersion, vision.AnalysisWidth, decodeRule, faces, modelKey(opt), opt.Stream)
}

// cacheHeader precedes the features in a cache file.
type cacheHeader struct {
	Version int `json:"version"`
	// Features is the vision.FeaturesVersion the features were made with.
	Features int    `json:"features"`
	Key      string `json:"key"`
	Frames   int    `json:"frames"`
	// Embedded and EmbedDim give the number and length of the embedding
	// vectors that follow the features (0: none).
	Embedded int `json:"embedded,omitempty"`
	EmbedDim int `json:"embed_dim,omitempty"`
	Analysis
}

func cachePath(dir, key string) string { return filepath.Join(dir, key[:2], key+".rca") }

// loadCache reads the cached analysis of the file with the given key.
func loadCache(dir, key, path string) (*Analysis, error) {
	f, err := os.Open(cachePath(dir, key))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(bufio.NewReader(f))
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	var hl uint32
	if err := binary.Read(zr, binary.LittleEndian, &hl); err != nil {
		return nil, err
	}
	if hl > 1<<20 {
		return nil, errors.New("cache header too large")
	}
	hb := make([]byte, hl)
	if _, err := io.ReadFull(zr, hb); err != nil {
		return nil, err
	}
	var hd cacheHeader
	if err := json.Unmarshal(hb, &hd); err != nil {
		return nil, err
	}
	if hd.Version != cacheVersion || hd.Features != vision.FeaturesVersion || hd.Key != key || hd.Frames <= 0 || hd.Frames > 1<<28 {
		return nil, errors.New("stale cache entry")
	}
	a := hd.Analysis
	if a.Features, err = readFeatures(zr, hd.Frames); err != nil {
		return nil, err
	}
	a.Times = make([]float64, hd.Frames)
	if err := binary.Read(zr, binary.LittleEndian, a.Times); err != nil {
		return nil, err
	}
	if hd.Embedded > 0 {
		if a.Embeddings, err = readEmbeddings(zr, hd.Embedded, hd.EmbedDim, hd.Frames); err != nil {
			return nil, err
		}
	}
	a.Path = path
	a.Cached = true
	return &a, nil
}

// saveCache writes the analysis atomically: to a temporary file in the
// same directory, synced, then renamed over the entry.
func saveCache(dir, key string, a *Analysis) error {
	hd := cacheHeader{Version: cacheVersion, Features: vision.FeaturesVersion, Key: key, Frames: len(a.Features), Analysis: *a}
	if a.Embeddings.Len() > 0 {
		hd.Embedded, hd.EmbedDim = a.Embeddings.Len(), a.Embeddings.Dim
	}
	hd.Cached = false
	hb, err := json.Marshal(hd)
	if err != nil {
		return err
	}
	if len(a.Times) != len(a.Features) {
		return errors.New("frame times and features differ in length")
	}
	err = writeAtomicWith(cachePath(dir, key), func(w io.Writer) error {
		zw, _ := gzip.NewWriterLevel(w, gzip.BestSpeed)
		err := binary.Write(zw, binary.LittleEndian, uint32(len(hb)))
		if err == nil {
			_, err = zw.Write(hb)
		}
		if err == nil {
			err = writeFeatures(zw, a.Features)
		}
		if err == nil {
			err = binary.Write(zw, binary.LittleEndian, a.Times)
		}
		if err == nil && hd.Embedded > 0 {
			err = binary.Write(zw, binary.LittleEndian, a.Embeddings.Frames)
			if err == nil {
				err = binary.Write(zw, binary.LittleEndian, a.Embeddings.Vecs)
			}
		}
		if err == nil {
			err = zw.Close()
		}
		return err
	})
	if err != nil {
		return err
	}
	if a.seek != nil && len(a.seek.entries) == len(a.Features) {
		// Beside the analysis, keyed on the file alone: a failed write
		// costs only the first seek's indexing pass.
		_ = saveSeekIndex(dir, a.Path, a.seek)
	}
	return nil
}

// readEmbeddings reads n embedding vectors of length dim for a file of
// frames frames, checking that their frame numbers are in order and range.
func readEmbeddings(r io.Reader, n, dim, frames int) (*vision.Embeddings, error) {
	if n > frames || dim <= 0 || dim > 1<<16 {
		return nil, errors.New("bad embedding header")
	}
	e := &vision.Embeddings{Dim: dim, Frames: make([]int32, n), Vecs: make([]float32, n*dim)}
	if err := binary.Read(r, binary.LittleEndian, e.Frames); err != nil {
		return nil, err
	}
	for i, f := range e.Frames {
		if f < 0 || int(f) >= frames || (i > 0 && f <= e.Frames[i-1]) {
			return nil, errors.New("bad embedding frame list")
		}
	}
	if err := binary.Read(r, binary.LittleEndian, e.Vecs); err != nil {
		return nil, err
	}
	return e, nil
}

// modelKey identifies the embedding settings in the cache key: the model's
// sha256 and the stride, or "none" without a model.
func modelKey(opt Options) string {
	if opt.Embedder == nil {
		return "none"
	}
	stride := opt.EmbedStride
	if stride <= 0 {
		stride = DefaultEmbedStride
	}
	return fmt.Sprintf("%s/%d", opt.Embedder.Manifest().SHA256, stride)
}
