package doc

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"
)

func TestHashFile(t *testing.T) {
	dir := t.TempDir()
	small := filepath.Join(dir, "small.mov")
	os.WriteFile(small, []byte("frames"), 0o644)
	sum := sha256.Sum256([]byte("frames"))
	if h, n, err := HashFile(small); err != nil || n != 6 || h != "sha256:"+hex.EncodeToString(sum[:]) {
		t.Errorf("small: %q %d %v", h, n, err)
	}
	// A large file (sparse: holes read as zeros) is hashed by its size and
	// sixteen 1 MiB pieces; a byte inside a piece changes the hash, a byte
	// between pieces does not.
	large := filepath.Join(dir, "large.mov")
	size := int64(WholeHashMax + 1000)
	f, _ := os.Create(large)
	f.Truncate(size)
	f.Close()
	h := sha256.New()
	binary.Write(h, binary.LittleEndian, size)
	h.Write(make([]byte, HashPieces*HashPiece))
	want := "sha256x16:" + hex.EncodeToString(h.Sum(nil))
	got, n, err := HashFile(large)
	if err != nil || n != size || got != want {
		t.Fatalf("large: %q %d %v, want %q", got, n, err, want)
	}
	poke := func(off int64) string {
		f, _ := os.OpenFile(large, os.O_WRONLY, 0)
		f.WriteAt([]byte{1}, off)
		f.Close()
		h, _, _ := HashFile(large)
		return h
	}
	step := (size - HashPiece) / (HashPieces - 1)
	if poke(step+HashPiece+10) != want {
		t.Error("a byte between pieces changed the hash")
	}
	if poke(size-1) == want {
		t.Error("the last byte did not change the hash")
	}
	if _, _, err := HashFile(dir); err == nil {
		t.Error("hashed a folder")
	}
}
