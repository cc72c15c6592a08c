package media

import (
	"fmt"
	"time"
)

// Rational is an exact ratio such as a frame rate (30000/1001) or a sample
// aspect ratio (4/3). A zero denominator means "unknown".
type Rational struct {
	Num int `json:"num"`
	Den int `json:"den"`
}

// String formats the ratio as "num/den" ("0/0" when unknown).
func (r Rational) String() string { return fmt.Sprintf("%d/%d", r.Num, r.Den) }

// Float returns the ratio as a float64, or 0 when the denominator is zero.
func (r Rational) Float() float64 {
	if r.Den == 0 {
		return 0
	}
	return float64(r.Num) / float64(r.Den)
}

// Valid reports whether both terms are positive.
func (r Rational) Valid() bool { return r.Num > 0 && r.Den > 0 }

// MarshalText writes the ratio as "num/den", the form the JSON output uses.
func (r Rational) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

// UnmarshalText parses "num/den" or a plain integer.
func (r *Rational) UnmarshalText(b []byte) error {
	p, err := ParseRational(string(b))
	if err != nil {
		return err
	}
	*r = p
	return nil
}

// ParseRational parses "num/den" or a plain integer such as "25".
func ParseRational(s string) (Rational, error) {
	var r Rational
	if n, err := fmt.Sscanf(s, "%d/%d", &r.Num, &r.Den); err == nil && n == 2 {
		return r, nil
	}
	if n, err := fmt.Sscanf(s, "%d", &r.Num); err == nil && n == 1 {
		r.Den = 1
		return r, nil
	}
	return Rational{}, fmt.Errorf("not a rational: %q", s)
}

// Timecode is the start timecode a file carries in its metadata.
type Timecode struct {
	// Text is the timecode as stored, e.g. "01:02:03:04" or "01:00:00;00".
	Text string `json:"text"`
	// Rate is the timecode rate (the video's nominal rate).
	Rate Rational `json:"rate"`
	// DropFrame is true for drop-frame timecode (";" or "." before frames).
	DropFrame bool `json:"drop_frame"`
	// Frame is the timecode as a frame count since 00:00:00:00 at Rate,
	// honouring drop-frame numbering.
	Frame int64 `json:"frame"`
	// Source says where the tag was found: "format", "video" or "tmcd".
	Source string `json:"source"`
}

// VideoInfo describes the first video stream of a file.
type VideoInfo struct {
	Index       int    `json:"stream_index"`
	Codec       string `json:"codec"`
	Width       int    `json:"width"`
	Height      int    `json:"height"`
	PixelFormat string `json:"pixel_format"`
	// Rotation is the clockwise display rotation in degrees (0, 90, 180, 270)
	// from the stream's display matrix.
	Rotation int `json:"rotation"`
	// SAR is the sample (pixel) aspect ratio; 1/1 for square pixels.
	SAR Rational `json:"sample_aspect_ratio"`
	// DisplayWidth and DisplayHeight are the picture size as shown:
	// SAR applied to the width, then rotation applied.
	DisplayWidth  int `json:"display_width"`
	DisplayHeight int `json:"display_height"`
	// FrameRate is the nominal (real base) frame rate.
	FrameRate Rational `json:"frame_rate"`
	// AvgFrameRate is the average rate over the file.
	AvgFrameRate Rational `json:"avg_frame_rate"`
	// Frames is the exact number of decodable frames.
	Frames int64 `json:"frames"`
	// FramesCounted is true when Frames came from counting packets rather
	// than from the container's index.
	FramesCounted bool `json:"frames_counted"`
	// VFR is true when frame durations vary (variable frame rate).
	VFR bool `json:"vfr"`
	// SpanFrames is the file's length in frames at FrameRate by time, from
	// the first frame's start to the last one's end: Frames for constant
	// rate; for VFR, the length a time-based NLE gives the file, and the
	// length its timecode spans in an EDL.
	SpanFrames int64 `json:"span_frames"`
	// Decodable is false when this FFmpeg has no decoder for the codec.
	Decodable bool `json:"decodable"`
}

// AudioInfo describes the first audio stream of a file.
type AudioInfo struct {
	Index      int    `json:"stream_index"`
	Codec      string `json:"codec"`
	SampleRate int    `json:"sample_rate"`
	Channels   int    `json:"channels"`
}

// Info is what Probe learns about a media file.
type Info struct {
	Path      string `json:"path"`
	Size      int64  `json:"size"`
	Container string `json:"container"`
	// Duration is the container's duration.
	Duration time.Duration `json:"-"`
	// DurationSeconds is Duration in seconds, for JSON.
	DurationSeconds float64    `json:"duration_s"`
	Video           *VideoInfo `json:"video,omitempty"`
	Audio           *AudioInfo `json:"audio,omitempty"`
	// Timecode is the start timecode, nil when the file has none.
	Timecode *Timecode `json:"timecode,omitempty"`
	// Reel is the reel or tape name the file carries (a reel_name, reel or
	// tape tag on its timecode track, video stream or container), "" when
	// none: NLEs conform camera originals by this name.
	Reel string `json:"reel,omitempty"`
}
