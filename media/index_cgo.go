package media

// #cgo pkg-config: libavutil
// #include <libavutil/frame.h>
// static int64_t rc_pkt_pos(AVFrame *f) { return f->pkt_pos; }
import "C"

import "github.com/asticode/go-astiav"

// framePos is the byte position in the file of the packet the decoded
// picture in f came from (AVFrame.pkt_pos), or -1 when the demuxer gives
// none. Unlike the timestamp FFmpeg guesses for a frame, it does not
// depend on what the decoder saw before: a frame decoded after a seek
// has the position it has on a read from the start.
func framePos(f *astiav.Frame) int64 { return int64(C.rc_pkt_pos(frameC(f))) }
