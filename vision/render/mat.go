package render

import (
	"fmt"

	"gocv.io/x/gocv"
)

// Load copies packed BGR bytes (w×h×3, as media.Frame.Data) into dst,
// (re)allocating it as an h×w CV_8UC3 Mat when its size differs.
func Load(dst *gocv.Mat, bgr []byte, w, h int) error {
	if len(bgr) < w*h*3 {
		return fmt.Errorf("render: frame has %d bytes, want %d (%dx%d BGR)", len(bgr), w*h*3, w, h)
	}
	if dst.Empty() || dst.Cols() != w || dst.Rows() != h || dst.Type() != gocv.MatTypeCV8UC3 {
		dst.Close()
		*dst = gocv.NewMatWithSize(h, w, gocv.MatTypeCV8UC3)
	}
	p, err := dst.DataPtrUint8()
	if err != nil {
		return err
	}
	copy(p, bgr[:w*h*3])
	return nil
}

// Bytes returns the pixels of a continuous 8-bit Mat without copying; the
// slice is valid until the Mat is closed or reallocated.
func Bytes(m gocv.Mat) ([]byte, error) {
	if !m.IsContinuous() {
		return nil, fmt.Errorf("render: Mat is not continuous")
	}
	return m.DataPtrUint8()
}
