package analysis

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"rushcut/media"
)

// seekIndexRule names how the stored seek index is made and keyed: the
// packet index of the analysis's sequential read (media.Reader.Index),
// which does not depend on the decode settings, only on the file and the
// stream. Change it when that changes; the encoding has its own version
// (media.MarshalIndex).
const seekIndexRule = "seekindex=1"

// seekIndexMagic opens a stored seek index file, before its key.
const seekIndexMagic = "RCSK"

// maxSeekIndexFile bounds what LoadSeekIndex reads (a day of 60 fps
// footage is about 15 MB).
const maxSeekIndexFile = 64 << 20

// storedIndex is the packet index an analysis read, to be saved beside
// the analysis so viewers and previews of the file seek at once.
type storedIndex struct {
	stream  media.Stream
	entries []media.IndexEntry
}

// seekIndexKey is the key of path's stored index: the file's identity as
// the analysis cache key has it (content, size, modification time) and
// the stream, not the analysis settings.
func seekIndexKey(path string, stream media.Stream) (string, error) {
	return cacheKey(path, fmt.Sprintf("%s|stream=%d", seekIndexRule, stream))
}

func seekIndexPath(dir, key string) string { return filepath.Join(dir, key[:2], key+".rci") }

// saveSeekIndex writes s for the file at path atomically, beside the
// analyses in dir.
func saveSeekIndex(dir, path string, s *storedIndex) error {
	if s == nil || len(s.entries) == 0 {
		return errors.New("no seek index")
	}
	key, err := seekIndexKey(path, s.stream)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	b.WriteString(seekIndexMagic)
	binary.Write(&b, binary.LittleEndian, uint16(len(key)))
	b.WriteString(key)
	b.Write(media.MarshalIndex(s.entries))
	return writeAtomic(seekIndexPath(dir, key), b.Bytes())
}

// LoadSeekIndex returns the frame index that an analysis of the file at
// path (on the given stream) stored in the default cache directory, for
// media.Reader.SetIndex; nil when there is none (not analysed, analysed
// before indexes were stored, the file changed since, or the entry does
// not check out).
func LoadSeekIndex(path string, stream media.Stream) []media.IndexEntry {
	idx, _ := LoadSeekIndexFrom(DefaultCacheDir(), path, stream)
	return idx
}

// LoadSeekIndexFrom is LoadSeekIndex from the cache directory dir, with
// the reason when there is no index. The file's identity is computed
// afresh from the file (so an index of an earlier version of the file is
// never found), the entry must name that identity, and the index itself
// must decode whole (media.UnmarshalIndex: version and checksum). A
// Reader also checks every frame it decodes against the index.
func LoadSeekIndexFrom(dir, path string, stream media.Stream) ([]media.IndexEntry, error) {
	if err := media.CheckFile(path); err != nil {
		return nil, err
	}
	key, err := seekIndexKey(path, stream)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(seekIndexPath(dir, key))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxSeekIndexFile+1))
	if err != nil {
		return nil, err
	}
	if len(b) > maxSeekIndexFile {
		return nil, errors.New("seek index too large")
	}
	head := len(seekIndexMagic) + 2
	if len(b) < head || string(b[:len(seekIndexMagic)]) != seekIndexMagic {
		return nil, errors.New("not a seek index")
	}
	kl := int(binary.LittleEndian.Uint16(b[len(seekIndexMagic):]))
	if len(b) < head+kl || string(b[head:head+kl]) != key {
		return nil, errors.New("seek index of another file")
	}
	return media.UnmarshalIndex(b[head+kl:])
}

// writeAtomic writes b to p through a synced temporary file in the same
// directory, renamed over p.
func writeAtomic(p string, b []byte) error {
	return writeAtomicWith(p, func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	})
}

// writeAtomicWith writes p with write, through a buffered, synced
// temporary file in the same directory renamed over p, so readers see the
// old entry or the whole new one.
func writeAtomicWith(p string, write func(io.Writer) error) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), ".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	bw := bufio.NewWriter(tmp)
	err = write(bw)
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
