package media

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/asticode/go-astiav"
)

// decoder demuxes one stream of an input and decodes it with FFmpeg's own
// decoder threads. Damaged packets are skipped and counted, not fatal.
type decoder struct {
	in      *input
	stream  *astiav.Stream
	cc      *astiav.CodecContext
	pkt     *astiav.Packet
	threads int
	// skipLoop decodes without the in-loop deblocking filter (see
	// ReaderOptions.SkipLoopFilter).
	skipLoop bool
	draining bool
	// failed counts frames the decoder could not decode (a packet refused
	// or a frame that failed); corrupt counts packets the demuxer flagged
	// damaged (the decoder may conceal them, or fail them too).
	failed, corrupt int
	// drainErrs counts consecutive failed frames while draining.
	drainErrs int
	// packets counts the stream's packets read since the start (edit-list
	// discards included); seeked is true once the demuxer has moved.
	packets int64
	seeked  bool
	// readErr is the demuxer error that ended the stream early, or the
	// truncation found at the end, if any.
	readErr error
}

// skipped is how many damaged packets or frames were met, each counted
// once: a flagged packet whose frame also fails is one (so the larger of
// the two counts, not their sum).
func (d *decoder) skipped() int { return max(d.failed, d.corrupt) }

// maxDrainErrors bounds the failed frames a decoder may return in a row
// while draining, so a broken decoder cannot spin forever.
const maxDrainErrors = 1000

// newDecoder opens a decoder for s; threads 0 lets FFmpeg choose; with
// skipLoop a video decoder skips its in-loop deblocking filter.
func newDecoder(in *input, s *astiav.Stream, threads int, skipLoop bool) (*decoder, error) {
	d := &decoder{in: in, stream: s, threads: threads, skipLoop: skipLoop, pkt: astiav.AllocPacket()}
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
	var opts *astiav.Dictionary
	if cp.MediaType() == astiav.MediaTypeVideo {
		cc.SetThreadCount(d.threads)
		cc.SetThreadType(astiav.ThreadTypeFrame | astiav.ThreadTypeSlice)
		if d.skipLoop {
			// AVCodecContext.skip_loop_filter: H.264, HEVC and VP8/9 honour
			// it, other decoders ignore it.
			opts = astiav.NewDictionary()
			defer opts.Free()
			if err := opts.Set("skip_loop_filter", "all", astiav.NewDictionaryFlags()); err != nil {
				return fmt.Errorf("%s: decoder options: %w", d.in.path, err)
			}
		}
	}
	if err := cc.Open(codec, opts); err != nil {
		return badInput(d.in.path, "cannot open the "+codec.Name()+" decoder: "+ffReason(err), err)
	}
	d.draining, d.drainErrs = false, 0
	return nil
}

// next decodes the next frame into f; io.EOF at the end of the stream.
func (d *decoder) next(f *astiav.Frame) error {
	for {
		err := d.cc.ReceiveFrame(f)
		switch {
		case err == nil:
			d.drainErrs = 0
			return nil
		case errors.Is(err, astiav.ErrEof):
			return io.EOF
		case !errors.Is(err, astiav.ErrEagain):
			// A frame that failed to decode: skip it, keep going. While
			// draining too: the frames buffered behind it are good.
			d.failed++
			if d.draining {
				if d.drainErrs++; d.drainErrs > maxDrainErrors {
					return io.EOF
				}
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
			} else {
				d.readErr = d.truncation()
			}
			d.draining = true
			_ = d.cc.SendPacket(nil)
			return
		}
		if d.pkt.StreamIndex() != d.stream.Index() {
			d.pkt.Unref()
			continue
		}
		d.packets++
		if d.pkt.Flags().Has(astiav.PacketFlagCorrupt) {
			d.corrupt++
		}
		err = d.cc.SendPacket(d.pkt)
		d.pkt.Unref()
		if err != nil && !errors.Is(err, astiav.ErrEagain) {
			d.failed++
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
	d.seeked = true
	return d.open()
}

// truncation is the error for an MP4/QuickTime file read from the start to
// a clean end with fewer packets than its index lists (the index is
// written first by faststart, so a file cut short keeps it whole); nil
// otherwise. Other containers' headers are not trusted for this.
func (d *decoder) truncation() error {
	nb := d.stream.NbFrames()
	if d.seeked || nb <= d.packets || !strings.HasPrefix(d.in.fc.InputFormat().Name(), "mov") {
		return nil
	}
	return fmt.Errorf("truncated: the index lists %d frames but only %d are in the file", nb, d.packets)
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
