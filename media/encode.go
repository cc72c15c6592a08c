package media

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/asticode/go-astiav"
)

// EncoderOptions sets the size, rate and quality of an Encoder's output.
type EncoderOptions struct {
	// Width and Height of the frames written, both even.
	Width, Height int
	// Rate is the output frame rate.
	Rate Rational
	// CRF is libx264's constant rate factor (0 picks 20: visually close
	// to the source, small enough for a preview).
	CRF int
	// Preset is libx264's speed preset ("" picks "veryfast").
	Preset string
	// Lossless encodes at libx264's qp 0 instead of CRF: every decoded
	// pixel is the one written (after the 4:2:0 conversion). Files are
	// several times larger. Lossy CRF output also differs from run to run
	// by the encoder's threading (x264's frame threads here), lossless
	// output's pixels never do: it is for measuring what was rendered.
	Lossless bool
}

// Encoder writes BGR frames as an H.264 (libx264, yuv420p) MP4: swscale
// converts each frame, libx264 encodes it and FFmpeg's mp4 muxer writes
// it. It is not safe for concurrent use. Close finishes the file; every
// FFmpeg allocation is freed by Close, also after an error.
type Encoder struct {
	path   string
	opt    EncoderOptions
	fc     *astiav.FormatContext
	io     *astiav.IOContext
	cc     *astiav.CodecContext
	st     *astiav.Stream
	sws    *astiav.SoftwareScaleContext
	src    *astiav.Frame
	yuv    *astiav.Frame
	pkt    *astiav.Packet
	n      int64
	header bool
	closed bool
}

// CreateEncoder creates (or truncates) the MP4 file at path. The caller
// writes to a temporary name and renames it when it wants an atomic save.
func CreateEncoder(path string, opt EncoderOptions) (*Encoder, error) {
	if opt.Width <= 0 || opt.Height <= 0 || opt.Width%2 != 0 || opt.Height%2 != 0 || opt.Width > MaxDimension || opt.Height > MaxDimension {
		return nil, fmt.Errorf("%s: bad output size %dx%d (even, 2..%d)", path, opt.Width, opt.Height, MaxDimension)
	}
	if !opt.Rate.Valid() {
		return nil, fmt.Errorf("%s: bad output frame rate %s", path, opt.Rate)
	}
	if opt.CRF == 0 {
		opt.CRF = 20
	}
	if opt.Preset == "" {
		opt.Preset = "veryfast"
	}
	quietFFmpeg()
	e := &Encoder{path: path, opt: opt}
	if err := e.open(); err != nil {
		e.free()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return e, nil
}

func (e *Encoder) open() error {
	codec := astiav.FindEncoderByName("libx264")
	if codec == nil {
		return errors.New("this FFmpeg has no libx264 encoder")
	}
	var err error
	if e.fc, err = astiav.AllocOutputFormatContext(nil, "mp4", e.path); err != nil {
		return fmt.Errorf("mp4 muxer: %w", err)
	}
	if e.st = e.fc.NewStream(nil); e.st == nil {
		return errors.New("cannot add a stream")
	}
	if e.cc = astiav.AllocCodecContext(codec); e.cc == nil {
		return errors.New("cannot allocate the encoder")
	}
	o := e.opt
	e.cc.SetWidth(o.Width)
	e.cc.SetHeight(o.Height)
	e.cc.SetPixelFormat(astiav.PixelFormatYuv420P)
	e.cc.SetTimeBase(astiav.NewRational(o.Rate.Den, o.Rate.Num))
	e.cc.SetFramerate(astiav.NewRational(o.Rate.Num, o.Rate.Den))
	e.cc.SetSampleAspectRatio(astiav.NewRational(1, 1))
	if e.fc.OutputFormat().Flags().Has(astiav.IOFormatFlagGlobalheader) {
		e.cc.SetFlags(e.cc.Flags().Add(astiav.CodecContextFlagGlobalHeader))
	}
	d := astiav.NewDictionary()
	defer d.Free()
	if o.Lossless {
		d.Set("qp", "0", 0)
	} else {
		d.Set("crf", strconv.Itoa(o.CRF), 0)
	}
	d.Set("preset", o.Preset, 0)
	if err := e.cc.Open(codec, d); err != nil {
		return fmt.Errorf("opening libx264: %w", err)
	}
	if err := e.st.CodecParameters().FromCodecContext(e.cc); err != nil {
		return err
	}
	e.st.SetTimeBase(e.cc.TimeBase())
	if e.io, err = astiav.OpenIOContext(e.path, astiav.NewIOContextFlags(astiav.IOContextFlagWrite)); err != nil {
		return fmt.Errorf("cannot create the file: %w", err)
	}
	e.fc.SetPb(e.io)
	if err := e.fc.WriteHeader(nil); err != nil {
		return fmt.Errorf("writing the MP4 header: %w", err)
	}
	e.header = true
	if e.sws, err = astiav.CreateSoftwareScaleContext(o.Width, o.Height, astiav.PixelFormatBgr24,
		o.Width, o.Height, astiav.PixelFormatYuv420P,
		astiav.NewSoftwareScaleContextFlags(astiav.SoftwareScaleContextFlagBilinear)); err != nil {
		return fmt.Errorf("swscale: %w", err)
	}
	e.src, e.yuv, e.pkt = astiav.AllocFrame(), astiav.AllocFrame(), astiav.AllocPacket()
	e.src.SetWidth(o.Width)
	e.src.SetHeight(o.Height)
	e.src.SetPixelFormat(astiav.PixelFormatBgr24)
	if err := e.src.AllocBuffer(0); err != nil {
		return fmt.Errorf("frame buffer: %w", err)
	}
	return nil
}

// Size returns the width and height every frame must have.
func (e *Encoder) Size() (int, int) { return e.opt.Width, e.opt.Height }

// Frames is the number of frames written so far.
func (e *Encoder) Frames() int { return int(e.n) }

// WriteBGR encodes one frame of packed BGR24 pixels, Width×Height×3 bytes.
func (e *Encoder) WriteBGR(data []byte) error {
	if e.closed {
		return fmt.Errorf("%s: write after Close", e.path)
	}
	if want := e.opt.Width * e.opt.Height * 3; len(data) != want {
		return fmt.Errorf("%s: frame of %d bytes, want %d (%dx%d BGR)", e.path, len(data), want, e.opt.Width, e.opt.Height)
	}
	if err := fillPacked(e.src, data, e.opt.Width*3, e.opt.Height); err != nil {
		return fmt.Errorf("%s: %w", e.path, err)
	}
	// A fresh buffer each frame: the encoder may still hold the last one.
	e.yuv.Unref()
	if err := e.sws.ScaleFrame(e.src, e.yuv); err != nil {
		return fmt.Errorf("%s: swscale: %w", e.path, err)
	}
	e.yuv.SetPts(e.n)
	e.n++
	return e.send(e.yuv)
}

// send gives f (nil: flush) to the encoder and writes what comes out.
func (e *Encoder) send(f *astiav.Frame) error {
	if err := e.cc.SendFrame(f); err != nil {
		return fmt.Errorf("%s: encoding: %w", e.path, err)
	}
	for {
		e.pkt.Unref()
		if err := e.cc.ReceivePacket(e.pkt); err != nil {
			if errors.Is(err, astiav.ErrEof) || errors.Is(err, astiav.ErrEagain) {
				return nil
			}
			return fmt.Errorf("%s: encoding: %w", e.path, err)
		}
		e.pkt.SetStreamIndex(e.st.Index())
		// libx264 leaves durations at 0; the mp4 muxer would then end
		// the edit list at the last frame's start and players drop it.
		if e.pkt.Duration() == 0 {
			e.pkt.SetDuration(1)
		}
		e.pkt.RescaleTs(e.cc.TimeBase(), e.st.TimeBase())
		if err := e.fc.WriteInterleavedFrame(e.pkt); err != nil {
			return fmt.Errorf("%s: writing: %w", e.path, err)
		}
	}
}

// Close flushes the encoder, writes the MP4 trailer and frees everything.
// A file with no frame is still closed but reported as an error.
func (e *Encoder) Close() error {
	if e.closed {
		return nil
	}
	e.closed = true
	defer e.free()
	var err error
	if e.header {
		err = e.send(nil)
		if terr := e.fc.WriteTrailer(); err == nil && terr != nil {
			err = fmt.Errorf("%s: writing the MP4 trailer: %w", e.path, terr)
		}
	}
	if err == nil && e.n == 0 {
		err = fmt.Errorf("%s: no frame written", e.path)
	}
	return err
}

// free releases every FFmpeg allocation; safe on a half-built Encoder.
func (e *Encoder) free() {
	if e.pkt != nil {
		e.pkt.Free()
		e.pkt = nil
	}
	if e.yuv != nil {
		e.yuv.Free()
		e.yuv = nil
	}
	if e.src != nil {
		e.src.Free()
		e.src = nil
	}
	if e.sws != nil {
		e.sws.Free()
		e.sws = nil
	}
	if e.cc != nil {
		e.cc.Free()
		e.cc = nil
	}
	if e.io != nil {
		e.io.Close()
		e.io = nil
	}
	if e.fc != nil {
		e.fc.Free()
		e.fc = nil
	}
}
