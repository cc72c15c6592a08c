package media

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
)

// indexMagic and indexVersion open an encoded frame index (MarshalIndex).
// The version changes whenever the encoding does.
const (
	indexMagic   = "RCIX"
	indexVersion = 1
)

// MarshalIndex encodes a frame index compactly: a header (magic, version,
// whether fingerprints follow, the number of frames), then per frame the
// change in timestamp step and in packet position as varints (a frame of
// a constant-rate file takes about 3 bytes; fingerprints add 8), and a
// CRC-32 of everything before it.
func MarshalIndex(idx []IndexEntry) []byte {
	fp := hasFingerprints(idx)
	b := append([]byte(indexMagic), indexVersion, 0)
	if fp {
		b[len(b)-1] = 1
	}
	b = binary.AppendUvarint(b, uint64(len(idx)))
	var pts, step, pos int64
	for _, e := range idx {
		d := e.PTS - pts
		b = binary.AppendVarint(b, d-step)
		b = binary.AppendVarint(b, e.Pos-pos)
		pts, step, pos = e.PTS, d, e.Pos
		if fp {
			b = binary.LittleEndian.AppendUint64(b, e.Hash)
		}
	}
	return binary.LittleEndian.AppendUint32(b, crc32.ChecksumIEEE(b))
}

// UnmarshalIndex decodes what MarshalIndex wrote. Anything else (another
// version, a damaged or truncated encoding, impossible entries) is an
// error, never an index.
func UnmarshalIndex(b []byte) ([]IndexEntry, error) {
	bad := func(why string) ([]IndexEntry, error) { return nil, fmt.Errorf("frame index: %s", why) }
	if len(b) < len(indexMagic)+2+1+4 || string(b[:len(indexMagic)]) != indexMagic {
		return bad("not a frame index")
	}
	body, sum := b[:len(b)-4], binary.LittleEndian.Uint32(b[len(b)-4:])
	if crc32.ChecksumIEEE(body) != sum {
		return bad("checksum mismatch (damaged)")
	}
	p := body[len(indexMagic):]
	if p[0] != indexVersion {
		return bad(fmt.Sprintf("version %d, want %d", p[0], indexVersion))
	}
	fp := p[1] == 1
	if p[1] > 1 {
		return bad("unknown flags")
	}
	p = p[2:]
	n, k := binary.Uvarint(p)
	if k <= 0 || n == 0 || n > uint64(len(p))/2 {
		return bad("bad frame count")
	}
	p = p[k:]
	idx := make([]IndexEntry, n)
	var pts, step, pos int64
	for i := range idx {
		var dd, dp int64
		if dd, k = binary.Varint(p); k <= 0 {
			return bad("truncated")
		}
		p = p[k:]
		if dp, k = binary.Varint(p); k <= 0 {
			return bad("truncated")
		}
		p = p[k:]
		step += dd
		pts += step
		pos += dp
		e := IndexEntry{PTS: pts, Pos: pos}
		if fp {
			if len(p) < 8 {
				return bad("truncated")
			}
			e.Hash = binary.LittleEndian.Uint64(p)
			p = p[8:]
		}
		if e.Pos < lostPos || (fp && (e.Hash == missingHash) != e.lost()) {
			return bad(fmt.Sprintf("impossible entry for frame %d", i))
		}
		idx[i] = e
	}
	if len(p) != 0 {
		return bad("trailing bytes")
	}
	if idx[0].lost() {
		return bad("frame 0 is a placeholder")
	}
	return idx, nil
}
