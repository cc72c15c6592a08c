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

	"rushcut/vision"
)

// cacheVersion changes whenever the features or their encoding change, so
// that old entries are never misread.
const cacheVersion = 3

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
// size, modification time, the cache version and the model (see modelKey).
func cacheKey(path string, st os.FileInfo, model string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
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
	fmt.Fprintf(h, "|size=%d|mtime=%d|v=%d|w=%d|model=%s", size, st.ModTime().UnixNano(), cacheVersion, vision.AnalysisWidth, model)
	return hex.EncodeToString(h.Sum(nil)), nil
}

// cacheHeader precedes the features in a cache file.
type cacheHeader struct {
	Version int    `json:"version"`
	Key     string `json:"key"`
	Frames  int    `json:"frames"`
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
	if hd.Version != cacheVersion || hd.Key != key || hd.Frames <= 0 || hd.Frames > 1<<28 {
		return nil, errors.New("stale cache entry")
	}
	a := hd.Analysis
	a.Features = make([]vision.Features, hd.Frames)
	if err := binary.Read(zr, binary.LittleEndian, a.Features); err != nil {
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
	p := cachePath(dir, key)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), ".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	bw := bufio.NewWriter(tmp)
	zw, _ := gzip.NewWriterLevel(bw, gzip.BestSpeed)
	hd := cacheHeader{Version: cacheVersion, Key: key, Frames: len(a.Features), Analysis: *a}
	if a.Embeddings.Len() > 0 {
		hd.Embedded, hd.EmbedDim = a.Embeddings.Len(), a.Embeddings.Dim
	}
	hd.Cached = false
	hb, err := json.Marshal(hd)
	if err != nil {
		tmp.Close()
		return err
	}
	err = binary.Write(zw, binary.LittleEndian, uint32(len(hb)))
	if err == nil {
		_, err = zw.Write(hb)
	}
	if err == nil {
		err = binary.Write(zw, binary.LittleEndian, a.Features)
	}
	if err == nil && len(a.Times) != len(a.Features) {
		err = errors.New("frame times and features differ in length")
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
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return os.Rename(tmp.Name(), p)
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
