package media

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/asticode/go-astiav"

	"rushcut/media/timecode"
)

// Probe opens path read-only and describes it: container, duration, the
// first video stream (size, rotation, aspect, rates, exact frame count, VFR)
// and audio stream, and the start timecode. It demuxes the whole file once,
// without decoding, to count frames exactly and to detect variable frame
// rate, so it costs one read of the file.
func Probe(path string) (*Info, error) { return ProbeStream(path, DefaultStream) }

// ProbeStream is Probe describing the chosen video stream.
func ProbeStream(path string, stream Stream) (*Info, error) {
	in, err := openStream(path, stream)
	if err != nil {
		return nil, err
	}
	defer in.close()

	info := &Info{Path: path, Size: in.size}
	if f := in.fc.InputFormat(); f != nil {
		info.Container = f.Name()
	}
	if d := in.fc.Duration(); d > 0 {
		info.Duration = time.Duration(d) * time.Microsecond
		info.DurationSeconds = math.Round(info.Duration.Seconds()*1e6) / 1e6
	}
	if in.audio != nil {
		cp := in.audio.CodecParameters()
		info.Audio = &AudioInfo{
			Index:      in.audio.Index(),
			Codec:      cp.CodecID().Name(),
			SampleRate: cp.SampleRate(),
			Channels:   cp.Channels(),
		}
	}
	if in.video != nil {
		v := videoInfo(in.fc, in.video)
		if err := scanPackets(in, v); err != nil {
			return nil, err
		}
		info.Video = v
	}
	info.Timecode = findTimecode(in, info.Video)
	info.Reel = findReel(in)
	return info, nil
}

// reelKeys are the tags cameras and ffmpeg use for a reel or tape name
// (QuickTime tmcd tracks carry reel_name; MXF material packages too).
var reelKeys = []string{"reel_name", "reel", "tape_name", "tape"}

// findReel returns the reel or tape name stored in the file: the tmcd
// tracks' tags first (where QuickTime keeps it), then the video stream's,
// then the container's; "" when there is none.
func findReel(in *input) string {
	var dicts []*astiav.Dictionary
	for _, s := range in.fc.Streams() {
		if s.CodecParameters().MediaType() == astiav.MediaTypeData {
			dicts = append(dicts, s.Metadata())
		}
	}
	if in.video != nil {
		dicts = append(dicts, in.video.Metadata())
	}
	dicts = append(dicts, in.fc.Metadata())
	for _, d := range dicts {
		for _, k := range reelKeys {
			if v := tag(d, k); v != "" {
				return v
			}
		}
	}
	return ""
}

// videoInfo reads what the stream header says about s.
func videoInfo(fc *astiav.FormatContext, s *astiav.Stream) *VideoInfo {
	cp := s.CodecParameters()
	v := &VideoInfo{
		Index:       s.Index(),
		Codec:       cp.CodecID().Name(),
		Width:       cp.Width(),
		Height:      cp.Height(),
		PixelFormat: cp.PixelFormat().Name(),
		Rotation:    streamRotation(s),
		Decodable:   astiav.FindDecoder(cp.CodecID()) != nil,
	}
	sar := fc.GuessSampleAspectRatio(s, nil)
	v.SAR = Rational{sar.Num(), sar.Den()}
	if !v.SAR.Valid() {
		v.SAR = Rational{1, 1}
	}
	v.SAR = reduce(v.SAR)
	v.FrameRate = reduce(Rational{s.RFrameRate().Num(), s.RFrameRate().Den()})
	v.AvgFrameRate = reduce(Rational{s.AvgFrameRate().Num(), s.AvgFrameRate().Den()})
	if !v.FrameRate.Valid() {
		v.FrameRate = v.AvgFrameRate
	}
	v.FrameRate = plausibleRate(v.FrameRate, v.AvgFrameRate)
	v.DisplayWidth, v.DisplayHeight = displaySize(v.Width, v.Height, v.SAR, v.Rotation)
	return v
}

// displaySize applies the sample aspect ratio to the width, then rotation.
func displaySize(w, h int, sar Rational, rotation int) (int, int) {
	dw := w
	if sar.Valid() && sar.Num != sar.Den {
		dw = int(math.Round(float64(w) * float64(sar.Num) / float64(sar.Den)))
	}
	if rotation == 90 || rotation == 270 {
		return h, dw
	}
	return dw, h
}

// streamRotation returns the clockwise display rotation of s (0, 90, 180
// or 270) from its display matrix side data.
func streamRotation(s *astiav.Stream) int {
	b := s.SideData(astiav.PacketSideDataTypeDisplaymatrix)
	if len(b) < 36 {
		return 0
	}
	m, err := astiav.NewDisplayMatrixFromBytes(b)
	if err != nil {
		return 0
	}
	// go-astiav's Rotation already negates av_display_rotation_get's
	// counter-clockwise angle: it is the clockwise turn ffmpeg's autorotate
	// applies.
	r := m.Rotation()
	if math.IsNaN(r) {
		return 0
	}
	deg := int(math.Round(r/90)) * 90
	return ((deg % 360) + 360) % 360
}

// scanPackets demuxes every packet of the video stream (no decoding) to
// count frames exactly and to see whether frame durations vary.
func scanPackets(in *input, v *VideoInfo) error {
	for _, s := range in.fc.Streams() {
		discardStream(s, s.Index() != in.video.Index())
	}
	defer func() {
		for _, s := range in.fc.Streams() {
			discardStream(s, false)
		}
	}()
	pkt := astiav.AllocPacket()
	defer pkt.Free()
	var ts []int64
	// count is the frames a decoder outputs; all adds the packets an MP4/MOV
	// edit list marks discard (decoded for reference, never shown), which
	// the container's index counts too.
	var count, all int64
	var readErr error
	for {
		err := in.fc.ReadFrame(pkt)
		if err != nil {
			if !errors.Is(err, astiav.ErrEof) {
				readErr = err
			}
			break
		}
		if pkt.StreamIndex() == v.Index {
			all++
		}
		if pkt.StreamIndex() == v.Index && !pkt.Flags().Has(astiav.PacketFlagDiscard) {
			count++
			t := pkt.Pts()
			if t == noPTS {
				t = pkt.Dts()
			}
			if t != noPTS {
				ts = append(ts, t)
			}
		}
		pkt.Unref()
	}
	nb := in.video.NbFrames()
	if count == 0 {
		if readErr != nil {
			return badInput(in.path, "corrupt or truncated: no video packet could be read ("+ffReason(readErr)+")", readErr)
		}
		return badInput(in.path, "corrupt or truncated: the video stream has no packets", nil)
	}
	if readErr != nil {
		return badInput(in.path, fmt.Sprintf("truncated or damaged: reading stopped after %d video packets (%s)", count, ffReason(readErr)), readErr)
	}
	// MP4/QuickTime indexes every sample: fewer packets than the index
	// lists means the file was cut short. (AVI headers count dropped frames
	// too, so there a lower count is normal.)
	if nb > all && strings.HasPrefix(in.fc.InputFormat().Name(), "mov") {
		return badInput(in.path, fmt.Sprintf("truncated: the index lists %d frames but only %d are in the file", nb, all), nil)
	}
	v.Frames = count
	// Only a header that states a count can lie (MXF, Matroska and MPEG-TS
	// state none); an edit list's hidden frames are not a lie.
	v.FramesCounted = nb > 0 && nb != all
	v.VFR = isVFR(ts, v.FrameRate, in.video.TimeBase())
	tb := in.video.TimeBase()
	if v.VFR && !onGrid(ts, v.FrameRate, tb.Num(), tb.Den()) {
		// Frames off the header rate's grid (isVFR sorted ts): time the
		// file at its common frame rate. Frames on it are a constant-rate
		// stream with frames dropped, timed at the header rate.
		if r := commonRate(ts, tb.Num(), tb.Den()); r.Valid() {
			v.FrameRate = r
		}
	}
	v.SpanFrames = v.Frames
	if v.VFR {
		if n := spanFrames(ts, v.FrameRate, tb.Num(), tb.Den()); n > 0 {
			v.SpanFrames = n
		}
	}
	return nil
}

// isVFR reports whether the presentation timestamps step by more than one
// frame duration in a way a constant-rate stream would not.
func isVFR(ts []int64, rate Rational, tb astiav.Rational) bool {
	if len(ts) < 3 || !rate.Valid() || tb.Num() <= 0 || tb.Den() <= 0 {
		return false
	}
	sort.Slice(ts, func(i, j int) bool { return ts[i] < ts[j] })
	// One nominal frame in time-base ticks.
	frame := float64(rate.Den) * float64(tb.Den()) / (float64(rate.Num) * float64(tb.Num()))
	tol := math.Max(1, frame*0.05)
	for i := 1; i < len(ts); i++ {
		d := float64(ts[i] - ts[i-1])
		if d == 0 {
			continue
		}
		if math.Abs(d-frame) > tol {
			return true
		}
	}
	return false
}

// findTimecode looks for a start timecode in the format tags, the video
// stream's tags, then any tmcd data track.
func findTimecode(in *input, v *VideoInfo) *Timecode {
	var text, source string
	if text = tag(in.fc.Metadata(), "timecode"); text != "" {
		source = "format"
	}
	if text == "" && in.video != nil {
		if text = tag(in.video.Metadata(), "timecode"); text != "" {
			source = "video"
		}
	}
	if text == "" {
		for _, s := range in.fc.Streams() {
			cp := s.CodecParameters()
			if cp.MediaType() != astiav.MediaTypeData || !isFourCC(uint32(cp.CodecTag()), "tmcd") {
				continue
			}
			if text = tag(s.Metadata(), "timecode"); text != "" {
				source = "tmcd"
				break
			}
		}
	}
	if text == "" {
		return nil
	}
	tc := &Timecode{Text: text, Source: source, DropFrame: timecode.IsDropText(text)}
	if v != nil {
		tc.Rate = v.FrameRate
	}
	if tc.Rate.Valid() {
		if f, err := timecode.Parse(text, tc.Rate.Num, tc.Rate.Den, tc.DropFrame); err == nil {
			tc.Frame = f
		}
	}
	return tc
}

// reduce returns r in lowest terms.
func reduce(r Rational) Rational {
	if r.Den == 0 {
		return r
	}
	a, b := r.Num, r.Den
	if a < 0 {
		a = -a
	}
	for b != 0 {
		a, b = b, a%b
	}
	if a == 0 {
		return r
	}
	return Rational{r.Num / a, r.Den / a}
}

// String gives a one-line human summary of the video stream.
func (v *VideoInfo) String() string {
	return fmt.Sprintf("%s %dx%d %s fps, %d frames", v.Codec, v.Width, v.Height, v.FrameRate, v.Frames)
}

// isFourCC reports whether tag is the little-endian four-character code s.
func isFourCC(tag uint32, s string) bool {
	return len(s) == 4 && tag == uint32(s[0])|uint32(s[1])<<8|uint32(s[2])<<16|uint32(s[3])<<24
}

// tag returns the value of key in d, or "" when d is empty or lacks it.
func tag(d *astiav.Dictionary, key string) string {
	if d == nil {
		return ""
	}
	if e := d.Get(key, nil, 0); e != nil {
		return strings.TrimSpace(e.Value())
	}
	return ""
}
