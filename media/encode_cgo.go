package media

// C helpers for the Encoder: go-astiav v0.16 has no way to fill a frame's
// pixels from Go memory.

/*
#cgo pkg-config: libavutil
#include <string.h>
#include <libavutil/frame.h>

// rc_enc_fill copies h rows of rowBytes packed bytes into plane 0 of f,
// honouring its line size. It returns 0, or -1 when the frame is too small.
static int rc_enc_fill(AVFrame *f, const unsigned char *src, int rowBytes, int h) {
	if (!f->data[0] || f->linesize[0] < rowBytes || f->height < h) return -1;
	for (int y = 0; y < h; y++) memcpy(f->data[0] + (ptrdiff_t)y * f->linesize[0], src + (ptrdiff_t)y * rowBytes, rowBytes);
	return 0;
}
*/
import "C"

import (
	"errors"
	"unsafe"

	"github.com/asticode/go-astiav"
)

// fillPacked copies tightly packed rows into plane 0 of f.
func fillPacked(f *astiav.Frame, data []byte, rowBytes, h int) error {
	if len(data) < rowBytes*h {
		return errors.New("frame data shorter than its size")
	}
	if C.rc_enc_fill(frameC(f), (*C.uchar)(unsafe.Pointer(&data[0])), C.int(rowBytes), C.int(h)) != 0 {
		return errors.New("frame buffer smaller than the picture")
	}
	return nil
}
