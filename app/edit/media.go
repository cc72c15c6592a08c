package edit

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
)

// MediaReference is a media file a clip plays, as Probe saw it.
type MediaReference struct {
	// Path is the file's absolute path.
	Path string `json:"path"`
	// Name is the display name; empty means the file name (see DisplayName).
	Name string `json:"name,omitempty"`
	// ContentHash identifies the content (for relinking and caches).
	ContentHash string `json:"content_hash,omitempty"`
	// Rate is the video's nominal frame rate; a VFR source is described at
	// its nominal rate and timed by its timestamps (see Duration).
	Rate Rate `json:"rate"`
	// Start is the first frame's timecode as a frame count at Rate
	// (0 when the file has no timecode). Above 60 fps timecode counts at
	// a lower base (120 → 60, see Rate.Base) while Start, Duration and
	// every source range stay in frames at Rate: 10:00:00:00 at 120 fps
	// is frame 4,320,000, one timecode frame spans Rate.TimecodeStep
	// frames, and conform arithmetic stays exact.
	Start int64 `json:"start"`
	// HasTimecode is true when Start came from the file's timecode.
	HasTimecode bool `json:"has_timecode"`
	// DropFrame is true when the file's timecode is drop-frame.
	DropFrame bool `json:"drop_frame"`
	// Duration is the number of frames in the file; for a VFR source, the
	// frames at Rate its timestamps span (media.VideoInfo.SpanFrames), so
	// that a frame at time t is frame round(t × Rate).
	Duration int64 `json:"duration"`
	// VFR is true when the file has a variable frame rate.
	VFR bool `json:"vfr,omitempty"`
	// Reel is the reel or tape name from the file's metadata, if any.
	Reel string `json:"reel,omitempty"`
	// Width and Height are the picture size in pixels.
	Width  int `json:"width,omitempty"`
	Height int `json:"height,omitempty"`
	// HasAudio is true when the file has an audio stream.
	HasAudio bool `json:"has_audio,omitempty"`
	// AudioChannels is the audio stream's channel count.
	AudioChannels int `json:"audio_channels,omitempty"`
	// SampleRate is the audio sample rate in Hz.
	SampleRate int `json:"sample_rate,omitempty"`
}

// DisplayName returns Name, or the file name without its extension.
func (m *MediaReference) DisplayName() string {
	if m.Name != "" {
		return m.Name
	}
	base := filepath.Base(m.Path)
	if ext := filepath.Ext(base); ext != base {
		base = strings.TrimSuffix(base, ext)
	}
	return base
}

// AvailableRange returns the frames the file holds, in its own time.
func (m *MediaReference) AvailableRange() TimeRange {
	return TimeRange{Start: m.Start, Duration: m.Duration, Rate: m.Rate}
}

// StartTimecode returns the file's start timecode text.
func (m *MediaReference) StartTimecode() string {
	return m.Rate.Timecode(m.Start, m.DropFrame)
}

// Validate reports what is wrong with the reference, or nil.
func (m *MediaReference) Validate() error {
	var errs []error
	if m.Path == "" {
		errs = append(errs, errors.New("no path"))
	}
	if !m.Rate.Valid() {
		errs = append(errs, fmt.Errorf("invalid rate %s", m.Rate))
	}
	if m.Duration <= 0 {
		errs = append(errs, fmt.Errorf("duration %d frames is not positive", m.Duration))
	}
	if m.Start < 0 {
		errs = append(errs, fmt.Errorf("negative start timecode frame %d", m.Start))
	}
	if m.DropFrame && m.Rate.Valid() && !m.Rate.CanDrop() {
		errs = append(errs, fmt.Errorf("drop-frame timecode at %s", m.Rate))
	}
	return errors.Join(errs...)
}
