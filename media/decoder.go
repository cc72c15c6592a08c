package media

import (
	"errors"
	"fmt"
	"io"

	"github.com/asticode/go-astiav"
)

// decoder demuxes one stream of an input and decodes it with FFmpeg's own
// decoder threads. Damaged packets are skipped and counted, not fatal.
type decoder struct {
	in       *input
	stream   *astiav.Stream
	cc       *astiav.CodecContext
	pkt      *astiav.Packet
	threads  int
	draining bool
	// skipped counts packets the decoder rejected or flagged corrupt.
	skipped int
	// readErr is the demuxer error that ended the stream early, if any.
	readErr error
}

// newDecoder opens a decoder for s; threads 0 lets FFmpeg choose.
func newDecoder(in *input, s *astiav.Stream, threads int) (*decoder, error) {
	d := &decoder{in: in, stream: s, threads: threads, pkt: astiav.AllocPacket()}
	if err := d.open(); err != nil {
		d.close()
		return nil, err
	}
	for _, o := range in.fc.Streams() {
		discardStream(o, o.Index() != s.Index())
	}
	return d, nil
}

// open (re)creates the codec context; used at start and after a seek.
func (d *decoder) open() error {
	if d.cc != nil {
		d.cc.Free()
		d.cc = nil
	}
	cp := d.stream.CodecParameters()
	codec := astiav.FindDecoder(cp.CodecID())
	if codec == nil {
		name := cp.CodecID().Name()
		if cp.CodecID() == astiav.CodecIDNone {
			name = "codec tag " + fourCC(uint32(cp.CodecTag()))
		}
		return badInput(d.in.path, fmt.Sprintf("unsupported codec: this FFmpeg has no decoder for %s", name), nil)
	}
	cc := astiav.AllocCodecContext(codec)
	if cc == nil {
		return fmt.Errorf("%s: cannot allocate a %s decoder", d.in.path, codec.Name())
	}
	d.cc = cc
	if err := cp.ToCodecContext(cc); err != nil {
		return badInput(d.in.path, "bad codec parameters: "+ffReason(err), err)
	}
	cc.SetTimeBase(d.stream.TimeBase())
	if cp.MediaType() == astiav.MediaTypeVideo {
		cc.SetThreadCount(d.threads)
		cc.SetThreadType(astiav.ThreadTypeFrame | astiav.ThreadTypeSlice)
	}
	if err := cc.Open(codec, nil); err != nil {
		return badInput(d.in.path, "cannot open the "+codec.Name()+" decoder: "+ffReason(err), err)
	}
	d.draining = false
	return nil
}

// next decodes the next frame into f; io.EOF at the end of the stream.
func (d *decoder) next(f *astiav.Frame) error {
	for {
		err := d.cc.ReceiveFrame(f)
		switch {
		case err == nil:
			return nil
		case errors.Is(err, astiav.ErrEof):
			return io.EOF
		case !errors.Is(err, astiav.ErrEagain):
			// A frame that failed to decode: skip it, keep going.
			d.skipped++
			if d.draining {
				return io.EOF
			}
			continue
		}
		if d.draining {
			return io.EOF
		}
		d.feed()
	}
}

// feed sends the next packet of the stream to the decoder, or starts
// draining at the end of the file.
func (d *decoder) feed() {
	for {
		err := d.in.fc.ReadFrame(d.pkt)
		if err != nil {
			if !errors.Is(err, astiav.ErrEof) {
				d.readErr = err
			}
			d.draining = true
			_ = d.cc.SendPacket(nil)
			return
		}
		if d.pkt.StreamIndex() != d.stream.Index() {
			d.pkt.Unref()
			continue
		}
		if d.pkt.Flags().Has(astiav.PacketFlagCorrupt) {
			d.skipped++
		}
		err = d.cc.SendPacket(d.pkt)
		d.pkt.Unref()
		if err != nil && !errors.Is(err, astiav.ErrEagain) {
			d.skipped++
			continue
		}
		return
	}
}

// seek moves the demuxer to the key frame at or before ts (stream time
// base) and resets the decoder.
func (d *decoder) seek(ts int64) error {
	if err := d.in.fc.SeekFrame(d.stream.Index(), ts, astiav.NewSeekFlags(astiav.SeekFlagBackward)); err != nil {
		return err
	}
	return d.open()
}

func (d *decoder) close() {
	if d.cc != nil {
		d.cc.Free()
		d.cc = nil
	}
	if d.pkt != nil {
		d.pkt.Free()
		d.pkt = nil
	}
}

// fourCC prints a codec tag as its four characters, quoted.
func fourCC(tag uint32) string {
	b := []byte{byte(tag), byte(tag >> 8), byte(tag >> 16), byte(tag >> 24)}
	for i, c := range b {
		if c < 32 || c > 126 {
			b[i] = '?'
		}
	}
	return "'" + string(b) + "'"
}
