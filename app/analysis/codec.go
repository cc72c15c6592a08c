package analysis

import (
	"encoding/binary"
	"io"
	"math"

	"rushcut/vision"
)

// featureRecord is the size in bytes of one vision.Features in a cache
// file: every field written explicitly, little-endian, in the order of
// putFeatures, so that the file's format is this code's and not the
// struct's memory layout. A field added to vision.Features needs its
// place here, a new cacheVersion and a new vision.FeaturesVersion
// (TestFeatureCodecCoversEveryField fails until it has them).
const featureRecord = 2*4 + 8 + 1 + 1 + 6*4 + 7*4 + vision.ThumbW*vision.ThumbH + vision.HistBins

// putFeatures encodes f into b, which holds featureRecord bytes.
func putFeatures(b []byte, f *vision.Features) {
	le := binary.LittleEndian
	o := 0
	f32 := func(v float32) {
		le.PutUint32(b[o:], math.Float32bits(v))
		o += 4
	}
	f32(f.HistDist)
	f32(f.EdgeChange)
	le.PutUint64(b[o:], f.Hash)
	o += 8
	b[o] = f.HashDist
	b[o+1] = byte(f.Faces)
	o += 2
	for _, v := range []float32{f.Luma, f.LumaStd, f.Black, f.White, f.Sharpness, f.Energy} {
		f32(v)
	}
	m := &f.Motion
	for _, v := range []float32{m.DX, m.DY, m.Zoom, m.Rot, m.Inliers, m.Residual, m.Shake} {
		f32(v)
	}
	o += copy(b[o:], f.Thumb[:])
	copy(b[o:], f.Hist[:])
}

// getFeatures decodes what putFeatures wrote.
func getFeatures(b []byte, f *vision.Features) {
	le := binary.LittleEndian
	o := 0
	f32 := func() float32 {
		v := math.Float32frombits(le.Uint32(b[o:]))
		o += 4
		return v
	}
	f.HistDist = f32()
	f.EdgeChange = f32()
	f.Hash = le.Uint64(b[o:])
	o += 8
	f.HashDist = b[o]
	f.Faces = int8(b[o+1])
	o += 2
	for _, p := range []*float32{&f.Luma, &f.LumaStd, &f.Black, &f.White, &f.Sharpness, &f.Energy} {
		*p = f32()
	}
	m := &f.Motion
	for _, p := range []*float32{&m.DX, &m.DY, &m.Zoom, &m.Rot, &m.Inliers, &m.Residual, &m.Shake} {
		*p = f32()
	}
	o += copy(f.Thumb[:], b[o:])
	copy(f.Hist[:], b[o:])
}

// writeFeatures writes every frame's record.
func writeFeatures(w io.Writer, fs []vision.Features) error {
	const batch = 256
	buf := make([]byte, batch*featureRecord)
	for len(fs) > 0 {
		n := min(batch, len(fs))
		for i := range n {
			putFeatures(buf[i*featureRecord:], &fs[i])
		}
		if _, err := w.Write(buf[:n*featureRecord]); err != nil {
			return err
		}
		fs = fs[n:]
	}
	return nil
}

// readFeatures reads n frames' records.
func readFeatures(r io.Reader, n int) ([]vision.Features, error) {
	fs := make([]vision.Features, n)
	buf := make([]byte, featureRecord)
	for i := range fs {
		if _, err := io.ReadFull(r, buf); err != nil {
			return nil, err
		}
		getFeatures(buf, &fs[i])
	}
	return fs, nil
}
