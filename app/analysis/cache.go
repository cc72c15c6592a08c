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
const cacheVersion = 1

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
// size, modification time and the cache version.
func cacheKey(path string, st os.FileInfo) (string, error) {
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
	fmt.Fprintf(h, "|size=%d|mtime=%d|v=%d|w=%d", size, st.ModTime().UnixNano(), cacheVersion, vision.AnalysisWidth)
	return hex.EncodeToString(h.Sum(nil)), nil
}

// cacheHeader precedes the features in a cache file.
type cacheHeader struct {
	Version int    `json:"version"`
	Key     string `json:"key"`
	Frames  int    `json:"frames"`
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
