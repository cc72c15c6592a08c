package media

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/asticode/go-astiav"
)

// PixelFormat is the layout of the frames a Reader yields.
type PixelFormat int

const (
	// BGR24 is packed 8-bit blue, green, red: OpenCV's native order.
	BGR24 PixelFormat = iota
	// Gray8 is one 8-bit luma plane.
	Gray8
	// RGBA is packed 8-bit red, green, blue, alpha: Go's image.RGBA layout,
	// for display.
	RGBA
)

func (p PixelFormat) ffmpeg() string {
	switch p {
	case Gray8:
		return "gray"
	case RGBA:
		return "rgba"
	}
	return "bgr24"
}

// Channels is the number of bytes per pixel.
func (p PixelFormat) Channels() int {
	switch p {
	case Gray8:
		return 1
	case RGBA:
		return 4
	}
	return 3
}

// MaxDimension bounds the frame size a Reader accepts, in pixels per side.
// Anything larger is refused as absurd rather than risking memory.
const MaxDimension = 16384

// ReaderOptions sets the analysis size and layout of the frames.
type ReaderOptions struct {
	// Width of the frames as displayed (after aspect and rotation); 0 keeps
	// the display width.
	Width int
	// Height of the frames; 0 follows the display aspect ratio.
	Height int
	// Format is BGR24 (default) or Gray8.
	Format PixelFormat
	// Threads for the decoder; 0 lets FFmpeg choose (all cores).
	Threads int
	// Sequential promises that the caller reads the frames once, front to
	// back, and never seeks: the Reader then skips the per-frame picture
	// fingerprints (a pass over every decoded picture). Seek on such a
	// Reader returns an error; read to the end, its Index is the packet
	// index (timestamps and packet positions, 24 bytes a frame), which
	// another Reader of the same file can seek with (SetIndex).
	Sequential bool
	// SkipLoopFilter decodes H.264, HEVC and VP8/9 without their in-loop
	// deblocking filter: a fifth or so less decoding work, for pictures
	// that are a little blockier at full size and hardly differ once
	// scaled down to analysis size. Every frame is still decoded, in the
	// same order with the same timestamps. For analysis, not for pictures
	// shown to a user. Frame fingerprints (Index) depend on it: give
	// SetIndex only an index read with the same setting.
	SkipLoopFilter bool
	// NoIndex, with Sequential, keeps no frame index at all: Index stays
	// nil after the read, for a read whose index nobody keeps (24 bytes a
	// frame less, which would otherwise grow with the file).
	NoIndex bool
	// Stream is the video stream to read (DefaultStream: as FFmpeg picks).
	Stream Stream
}

// Frame is one decoded picture at analysis size. Data is tightly packed:
// Stride == Width * Format.Channels().
type Frame struct {
	// Index is the 0-based position of the frame in presentation order.
	Index int
	// PTS is FFmpeg's best-effort presentation timestamp in the stream's
	// time base, as stored. TimeS is the frame's time in seconds from the
	// first frame (frame 0 is at 0): from timestamps, not from the index,
	// so it is right for variable frame rate, for a file whose stamps
	// start late (an MPEG-TS at 1.4 s, packed B-frames) and across gaps.
	PTS   int64
	TimeS float64
	// Key is true for key frames.
	Key                   bool
	Width, Height, Stride int
	Format                PixelFormat
	Data                  []byte
}

// Reader streams the frames of a file's first video stream, scaled by
// swscale to an analysis size with rotation applied. It is not safe for
// concurrent use; Close frees everything it holds.
type Reader struct {
	path     string
	in       *input
	dec      *decoder
	g        *graph
	opt      ReaderOptions
	raw      *astiav.Frame
	out      *astiav.Frame
	w, h     int
	tb       astiav.Rational
	rate     Rational
	next     int    // index of the next frame Next returns
	lastPTS  int64  // last timestamp, for frames that have none
	firstPTS int64  // timestamp of frame 0 on a sequential read (noPTS: not yet)
	gap      int    // frames lost to damage just before the current one
	curHash  uint64 // fingerprint of the last decoded frame
	curPos   int64  // packet position of the last decoded frame (framePos)
	ix       indexState
	seen     []IndexEntry
	seenFull bool // seen covers every frame from 0 without a seek
	index    []IndexEntry
	where    map[uint64]int // fingerprint -> frame, -1 when not unique
	// err is the error that left the Reader unusable (a failed rewind or
	// scaling): sticky, as bufio.Scanner's, every later Next and Seek
	// returns it.
	err error
}

// OpenReader opens path read-only for frame reading.
func OpenReader(path string, opt ReaderOptions) (*Reader, error) {
	in, err := openStream(path, opt.Stream)
	if err != nil {
		return nil, err
	}
	if in.video == nil {
		in.close()
		return nil, badInput(path, "no video stream (audio only?)", ErrNoVideo)
	}
	r := &Reader{path: path, in: in, opt: opt, tb: in.video.TimeBase(), lastPTS: noPTS, firstPTS: noPTS, seenFull: true}
	if err := r.init(); err != nil {
		r.Close()
		return nil, err
	}
	return r, nil
}

func (r *Reader) init() error {
	s := r.in.video
	cp := s.CodecParameters()
	if cp.Width() > MaxDimension || cp.Height() > MaxDimension {
		return badInput(r.path, fmt.Sprintf("absurd picture size %dx%d (limit %d per side)", cp.Width(), cp.Height(), MaxDimension), nil)
	}
	v := videoInfo(r.in.fc, s)
	r.rate = v.FrameRate
	w, h, err := analysisSize(v, r.opt)
	if err != nil {
		return badInput(r.path, err.Error(), nil)
	}
	r.w, r.h = w, h
	if r.dec, err = newDecoder(r.in, s, r.opt.Threads, r.opt.SkipLoopFilter); err != nil {
		return err
	}
	r.raw = astiav.AllocFrame()
	r.out = astiav.AllocFrame()
	return nil
}

// analysisSize picks the output size from the display size and options,
// both even.
func analysisSize(v *VideoInfo, opt ReaderOptions) (int, int, error) {
	if opt.Width < 0 || opt.Height < 0 || opt.Width > MaxDimension || opt.Height > MaxDimension {
		return 0, 0, fmt.Errorf("bad analysis size %dx%d", opt.Width, opt.Height)
	}
	dw, dh := v.DisplayWidth, v.DisplayHeight
	w, h := opt.Width, opt.Height
	switch {
	case w == 0 && h == 0:
		w, h = dw, dh
	case h == 0:
		h = int(float64(w)*float64(dh)/float64(dw) + 0.5)
	case w == 0:
		w = int(float64(h)*float64(dw)/float64(dh) + 0.5)
	}
	w, h = max(2, w&^1), max(2, h&^1)
	return w, h, nil
}

// Size is the width and height of the frames Next yields.
func (r *Reader) Size() (int, int) { return r.w, r.h }

// FrameRate is the stream's nominal frame rate.
func (r *Reader) FrameRate() Rational { return r.rate }

// StartTime is frame 0's time in seconds on the container clock (0 until
// frame 0 was read), for aligning the picture with the audio (Levels.Start).
func (r *Reader) StartTime() float64 {
	origin := r.firstPTS
	if len(r.index) > 0 {
		origin = r.index[0].PTS
	}
	if origin == noPTS {
		return 0
	}
	return float64(origin) * float64(r.tb.Num()) / float64(r.tb.Den())
}

// Skipped is how many damaged packets or frames were skipped so far.
func (r *Reader) Skipped() int {
	if r.dec == nil {
		return 0
	}
	return r.dec.skipped()
}

// ReadError is the demuxer error that ended reading early (a truncated or
// damaged file), or nil.
func (r *Reader) ReadError() error {
	if r.dec == nil {
		return nil
	}
	return r.dec.readErr
}

// Err is the error that left the Reader unusable, or nil. Once set it is
// what every later Next and Seek returns.
func (r *Reader) Err() error { return r.err }

// fail records err as the Reader's sticky error and returns it.
func (r *Reader) fail(err error) error {
	if r.err == nil {
		r.err = err
	}
	return err
}

// errClosed is the sticky error of a closed Reader.
var errClosed = errors.New("reader closed")

// buildGraph creates the scale/rotate/format graph for the decoder's
// actual output (its size and pixel format can differ from the header).
func (r *Reader) buildGraph(f *astiav.Frame) error {
	rot := streamRotation(r.in.video)
	sw, sh := r.w, r.h
	if rot == 90 || rot == 270 {
		sw, sh = sh, sw
	}
	spec := fmt.Sprintf("scale=%d:%d:flags=area,format=%s,setsar=1", sw, sh, r.opt.Format.ffmpeg())
	switch rot {
	case 90:
		spec += ",transpose=clock"
	case 180:
		spec += ",hflip,vflip"
	case 270:
		spec += ",transpose=cclock"
	}
	sar := f.SampleAspectRatio()
	if sar.Num() <= 0 || sar.Den() <= 0 {
		sar = astiav.NewRational(1, 1)
	}
	args := astiav.FilterArgs{
		"video_size":   strconv.Itoa(f.Width()) + "x" + strconv.Itoa(f.Height()),
		"pix_fmt":      strconv.Itoa(int(f.PixelFormat())),
		"time_base":    r.tb.String(),
		"pixel_aspect": sar.String(),
	}
	g, err := newScaleGraph("buffer", args, "buffersink", spec)
	if err != nil {
		return fmt.Errorf("%s: %w", r.path, err)
	}
	r.g = g
	return nil
}

// decodeNext decodes the next raw frame and returns its timestamp. When
// the decoder met damage since the last frame and the timestamps jump by
// more than a frame, r.gap says how many frames were lost (see lost).
func (r *Reader) decodeNext() (int64, error) {
	r.raw.Unref()
	damage := r.dec.failed + r.dec.corrupt
	if err := r.dec.next(r.raw); err != nil {
		return 0, err
	}
	ts := bestEffortTS(r.raw)
	if ts == noPTS {
		if r.lastPTS != noPTS {
			ts = r.lastPTS + r.frameTicks()
		} else {
			ts = 0
		}
	}
	r.gap = 0
	if r.dec.failed+r.dec.corrupt > damage && r.lastPTS != noPTS {
		r.gap = r.lost(r.lastPTS, ts)
	}
	r.lastPTS = ts
	r.curPos = framePos(r.raw)
	r.ix.decoded++
	if !r.opt.Sequential {
		r.curHash = lumaHash(r.raw)
		if r.curHash == missingHash {
			r.curHash++
		}
	}
	return ts, nil
}

// missingHash marks a frame lost to damage in the frame index; no decoded
// frame's fingerprint is ever this value.
const missingHash = 0

// lost is how many nominal frames fit strictly between timestamps prev
// and ts: the frames a damaged stretch took out, so that later frames keep
// their numbers. At most one second's worth: a longer jump is a timestamp
// discontinuity, not lost frames.
func (r *Reader) lost(prev, ts int64) int {
	if !r.rate.Valid() || r.tb.Num() <= 0 || r.tb.Den() <= 0 || ts <= prev {
		return 0
	}
	ticks := float64(r.rate.Den) * float64(r.tb.Den()) / (float64(r.rate.Num) * float64(r.tb.Num()))
	n := int(math.Round(float64(ts-prev)/ticks)) - 1
	return min(max(n, 0), int(math.Ceil(r.rate.Float())))
}

// placeholders are the index entries of the r.gap frames lost before the
// current one (at timestamp ts), spread evenly since the previous frame.
func (r *Reader) placeholders(prev, ts int64) []IndexEntry {
	out := make([]IndexEntry, r.gap)
	for i := range out {
		out[i] = IndexEntry{PTS: prev + (ts-prev)*int64(i+1)/int64(r.gap+1), Hash: missingHash, Pos: lostPos}
	}
	return out
}

// frameTicks is one nominal frame in time-base ticks (at least 1).
func (r *Reader) frameTicks() int64 {
	if !r.rate.Valid() || r.tb.Num() <= 0 {
		return 1
	}
	t := int64(r.rate.Den) * int64(r.tb.Den()) / (int64(r.rate.Num) * int64(r.tb.Num()))
	return max(1, t)
}

// newScaleGraph builds the Reader's scale graph (newGraph; tests swap it).
var newScaleGraph = newGraph

// convert scales the current raw frame and returns it as a Frame. A graph
// that gives no frame for the one pushed is rebuilt once for the decoder's
// current output (its size or format changed mid-stream); a second time
// is an error, never a retry without end.
func (r *Reader) convert(ts int64, buf []byte) (*Frame, error) {
	for rebuilt := false; ; rebuilt = true {
		if r.g == nil {
			if err := r.buildGraph(r.raw); err != nil {
				return nil, r.fail(err)
			}
		}
		if err := r.g.push(r.raw); err != nil {
			return nil, r.fail(fmt.Errorf("%s: frame %d: scaling: %w", r.path, r.next, err))
		}
		r.out.Unref()
		err := r.g.pull(r.out)
		if err == nil {
			break
		}
		if !errors.Is(err, astiav.ErrEagain) {
			return nil, r.fail(fmt.Errorf("%s: frame %d: scaling: %w", r.path, r.next, err))
		}
		r.g.free()
		r.g = nil
		if rebuilt {
			return nil, r.fail(fmt.Errorf("%s: frame %d: scaling gave no picture, even with the filter graph rebuilt", r.path, r.next))
		}
	}
	n := r.w * r.h * r.opt.Format.Channels()
	if cap(buf) < n {
		buf = make([]byte, n)
	}
	buf = buf[:n]
	if _, err := r.out.ImageCopyToBuffer(buf, 1); err != nil {
		return nil, r.fail(fmt.Errorf("%s: frame %d: copy: %w", r.path, r.next, err))
	}
	return &Frame{
		Index: r.next, PTS: ts, TimeS: r.seconds(ts), Key: r.raw.KeyFrame(),
		Width: r.w, Height: r.h, Stride: r.w * r.opt.Format.Channels(),
		Format: r.opt.Format, Data: buf,
	}, nil
}

// seconds is ts in seconds from the first frame's timestamp.
func (r *Reader) seconds(ts int64) float64 {
	origin := r.firstPTS
	if r.index != nil && len(r.index) > 0 {
		origin = r.index[0].PTS
	}
	if origin == noPTS {
		origin = ts
	}
	return float64(ts-origin) * float64(r.tb.Num()) / float64(r.tb.Den())
}

// Next returns the next frame in presentation order, or io.EOF. After an
// error other than io.EOF the Reader is unusable: every later call
// returns that error again (see Err).
func (r *Reader) Next() (*Frame, error) { return r.NextInto(nil) }

// NextInto is Next reusing buf for the pixels when it is large enough, so a
// caller that recycles buffers reads without allocating.
//
// A frame the decoder could not decode leaves its number unused: the next
// frame keeps the index it has in the source (from its timestamp), so a
// damaged packet does not shift every later frame. Callers see the jump
// in Index.
func (r *Reader) NextInto(buf []byte) (*Frame, error) {
	if r.err != nil {
		return nil, r.err
	}
	prev := r.lastPTS
	ts, err := r.decodeNext()
	if err != nil {
		if err == io.EOF && r.keepsIndex() && r.index == nil {
			r.SetIndex(r.seen)
		}
		if err != io.EOF {
			r.fail(err)
		}
		return nil, err
	}
	if r.next == 0 && r.seenFull {
		r.firstPTS = ts
	}
	if r.gap > 0 && r.next > 0 {
		if r.keepsIndex() {
			r.seen = append(r.seen, r.placeholders(prev, ts)...)
		}
		r.next += r.gap
	}
	f, err := r.convert(ts, buf)
	if err != nil {
		return nil, err
	}
	if r.keepsIndex() {
		r.seen = append(r.seen, IndexEntry{PTS: ts, Hash: r.curHash, Pos: r.curPos})
	}
	r.next++
	return f, nil
}

// indexing reports whether this read builds the frame index: a read from
// frame 0 without a seek. A Sequential read builds the packet index
// (timestamps and packet positions, no fingerprints; see Index).
func (r *Reader) indexing() bool { return r.seenFull }

// keepsIndex reports whether this read keeps the index it builds (not
// with NoIndex on a Sequential read).
func (r *Reader) keepsIndex() bool { return r.indexing() && !(r.opt.NoIndex && r.opt.Sequential) }
