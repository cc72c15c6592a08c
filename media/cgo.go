package media

// Small C accessors for fields go-astiav v0.16 does not expose. Each reads
// one field of a struct FFmpeg owns; nothing here allocates.

/*
#cgo pkg-config: libavformat libavcodec libavutil
#include <stdlib.h>
#include <string.h>
#include <libavformat/avformat.h>
#include <libavcodec/avcodec.h>
#include <libavutil/frame.h>
#include <libavutil/imgutils.h>

// rc_luma_hash fingerprints the first plane of a decoded frame (every 4th
// row, FNV-1a over 8-byte words): exact enough to tell any two differing
// frames apart, and cheap next to decoding.
static uint64_t rc_luma_hash(AVFrame *f) {
	int bytes = av_image_get_linesize(f->format, f->width, 0);
	if (bytes <= 0 || !f->data[0]) return 0;
	uint64_t h = 1469598103934665603ULL;
	for (int y = 0; y < f->height; y += 4) {
		const uint8_t *row = f->data[0] + (ptrdiff_t)y * f->linesize[0];
		int x = 0;
		for (; x + 8 <= bytes; x += 8) {
			uint64_t w;
			memcpy(&w, row + x, 8);
			h = (h ^ w) * 1099511628211ULL;
		}
		for (; x < bytes; x++) h = (h ^ row[x]) * 1099511628211ULL;
	}
	return h;
}

static int rc_nb_samples(AVFrame *f) { return f->nb_samples; }
static void rc_copy_samples(AVFrame *f, float *dst, int n) { memcpy(dst, f->data[0], (size_t)n * sizeof(float)); }
static int64_t rc_best_effort(AVFrame *f) { return f->best_effort_timestamp; }
static int64_t rc_frame_duration(AVFrame *f) { return f->pkt_duration; }
static int rc_stream_attached_pic(AVStream *s) { return (s->disposition & AV_DISPOSITION_ATTACHED_PIC) != 0; }
static int rc_stream_index(AVStream *s) { return s->index; }
static const char *rc_frame_meta(AVFrame *f, const char *key) {
	AVDictionaryEntry *e = av_dict_get(f->metadata, key, NULL, 0);
	return e ? e->value : NULL;
}
static int rc_stream_default(AVStream *s) { return (s->disposition & AV_DISPOSITION_DEFAULT) != 0; }
static void rc_stream_discard(AVStream *s, int all) { s->discard = all ? AVDISCARD_ALL : AVDISCARD_DEFAULT; }
*/
import "C"

import (
	"unsafe"

	"github.com/asticode/go-astiav"
)

// noPTS is FFmpeg's AV_NOPTS_VALUE.
const noPTS = int64(C.AV_NOPTS_VALUE)

// streamC returns the AVStream behind s. go-astiav v0.16's Stream is a
// struct whose only field is the C pointer; streamC is checked against
// Stream.Index in the tests.
func streamC(s *astiav.Stream) *C.AVStream {
	return *(**C.AVStream)(unsafe.Pointer(s))
}

func frameC(f *astiav.Frame) *C.AVFrame { return (*C.AVFrame)(f.UnsafePointer()) }

// bestEffortTS is the frame's best-effort presentation timestamp
// (AV_NOPTS_VALUE when FFmpeg has none).
func bestEffortTS(f *astiav.Frame) int64 { return int64(C.rc_best_effort(frameC(f))) }

// frameDuration is the duration of the packet the frame came from, in the
// stream time base (0 when unknown).
func frameDuration(f *astiav.Frame) int64 { return int64(C.rc_frame_duration(frameC(f))) }

func isAttachedPicture(s *astiav.Stream) bool { return C.rc_stream_attached_pic(streamC(s)) != 0 }

func streamIndexC(s *astiav.Stream) int { return int(C.rc_stream_index(streamC(s))) }

// frameMeta returns the value of key in f's metadata (what filters such as
// astats attach), and whether it is there.
func frameMeta(f *astiav.Frame, key string) (string, bool) {
	k := C.CString(key)
	defer C.free(unsafe.Pointer(k))
	v := C.rc_frame_meta(frameC(f), k)
	if v == nil {
		return "", false
	}
	return C.GoString(v), true
}

// isDefaultStream reports whether s carries the "default" disposition.
func isDefaultStream(s *astiav.Stream) bool { return C.rc_stream_default(streamC(s)) != 0 }

// discardStream tells the demuxer to drop (or keep) every packet of s.
func discardStream(s *astiav.Stream, all bool) {
	a := C.int(0)
	if all {
		a = 1
	}
	C.rc_stream_discard(streamC(s), a)
}

// lumaHash fingerprints the decoded picture in f (see rc_luma_hash).
func lumaHash(f *astiav.Frame) uint64 { return uint64(C.rc_luma_hash(frameC(f))) }

// appendSamples appends the mono float32 samples of f (packed "flt"
// format, as the audio graph outputs) to dst.
func appendSamples(dst []float32, f *astiav.Frame) []float32 {
	n := int(C.rc_nb_samples(frameC(f)))
	if n <= 0 {
		return dst
	}
	start := len(dst)
	dst = append(dst, make([]float32, n)...)
	C.rc_copy_samples(frameC(f), (*C.float)(unsafe.Pointer(&dst[start])), C.int(n))
	return dst
}
