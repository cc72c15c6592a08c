package assemble

import (
	"fmt"
	"math/big"
	"path/filepath"
	"sort"

	"rushcut/app/edit"
	"rushcut/media"
	"rushcut/media/timecode"
)

// MediaFromInfo turns what media.Probe learnt about a file into a media
// reference, with warnings for what had to be assumed (VFR taken at its
// nominal rate, no or unreadable timecode taken as 00:00:00:00). It fails
// when the file has no usable video stream. Above 60 fps the file's
// timecode is read at its timecode base (two frame digits: 120 → 60) or,
// as ffmpeg writes it, with three digits counting every frame, and Start
// is a frame count at the real rate either way (see edit.MediaReference).
func MediaFromInfo(info *media.Info) (*edit.MediaReference, []string, error) {
	v := info.Video
	if v == nil {
		return nil, nil, fmt.Errorf("no video stream")
	}
	rate := edit.Rate{Num: v.FrameRate.Num, Den: v.FrameRate.Den}
	if !rate.Valid() {
		rate = edit.Rate{Num: v.AvgFrameRate.Num, Den: v.AvgFrameRate.Den}
	}
	if !rate.Valid() || rate.Base() == 0 {
		return nil, nil, fmt.Errorf("no usable frame rate (%s)", v.FrameRate)
	}
	rate = rate.Reduced()
	if v.Frames <= 0 {
		return nil, nil, fmt.Errorf("no video frames")
	}
	path, err := filepath.Abs(info.Path)
	if err != nil {
		path = info.Path
	}
	m := &edit.MediaReference{
		Path: path, Rate: rate, Duration: v.Frames, VFR: v.VFR,
		Width: v.DisplayWidth, Height: v.DisplayHeight, Reel: info.Reel,
	}
	if m.Width == 0 {
		m.Width, m.Height = v.Width, v.Height
	}
	if a := info.Audio; a != nil && a.Channels > 0 {
		m.HasAudio, m.AudioChannels, m.SampleRate = true, a.Channels, a.SampleRate
	}
	var warns []string
	if v.VFR {
		// A VFR source is timed by its timestamps at its nominal rate, as
		// time-based NLEs conform it (see the edl package doc).
		if v.SpanFrames > 0 {
			m.Duration = v.SpanFrames
		}
		warns = append(warns, fmt.Sprintf("variable frame rate: timed by its timestamps at its nominal %s fps (%d frames span %d)", rate, v.Frames, m.Duration))
	}
	switch tc := info.Timecode; {
	case tc == nil:
		warns = append(warns, "no timecode: using 00:00:00:00")
	default:
		drop := timecode.IsDropText(tc.Text)
		f, err := timecode.Parse(tc.Text, rate.Num, rate.Den, drop)
		if err != nil {
			warns = append(warns, fmt.Sprintf("unreadable timecode %q (%v): using 00:00:00:00", tc.Text, err))
			break
		}
		if f+m.Duration >= timecode.FramesPerDay(rate.Num, rate.Den, drop) {
			warns = append(warns, fmt.Sprintf("timecode %s runs past midnight; an EDL cannot express it", tc.Text))
		}
		m.Start, m.HasTimecode, m.DropFrame = f, true, drop
	}
	return m, warns, nil
}

// SortMedia orders media by start timecode in real time (so sources of
// different rates interleave correctly), then file name, then path.
func SortMedia(ms []*edit.MediaReference) {
	sort.SliceStable(ms, func(i, j int) bool {
		a, b := ms[i], ms[j]
		// a.Start/a.Rate vs b.Start/b.Rate in seconds, exactly.
		x := new(big.Int).Mul(big.NewInt(a.Start*int64(a.Rate.Den)), big.NewInt(int64(b.Rate.Num)))
		y := new(big.Int).Mul(big.NewInt(b.Start*int64(b.Rate.Den)), big.NewInt(int64(a.Rate.Num)))
		if c := x.Cmp(y); c != 0 {
			return c < 0
		}
		if na, nb := filepath.Base(a.Path), filepath.Base(b.Path); na != nb {
			return na < nb
		}
		return a.Path < b.Path
	})
}

// CommonRate returns the rate most media share; ties go to the earliest.
// See TimelineRate for the default timeline rate.
func CommonRate(ms []*edit.MediaReference) edit.Rate {
	best, bestN := edit.Rate{}, 0
	for _, m := range ms {
		n := 0
		for _, o := range ms {
			if o.Rate.Equal(m.Rate) {
				n++
			}
		}
		if n > bestN {
			best, bestN = m.Rate, n
		}
	}
	return best
}

// TimelineRate returns the default timeline rate for ms: CommonRate, or
// above 60 fps the rate its timecode counts at (120 → 60, 119.88 →
// 59.94, 100 → 50; see edit.Rate.TimecodeRate), the rate NLE timelines
// and EDLs use for high-frame-rate sources. Those sources then conform in
// real time (two frames per record frame at 120 in 60) and keep their
// own rate in the exports.
func TimelineRate(ms []*edit.MediaReference) edit.Rate {
	return CommonRate(ms).TimecodeRate()
}

// TimelineOptions shape the plain timeline.
type TimelineOptions struct {
	// Name is the timeline's title.
	Name string
	// Rate is the timeline rate.
	Rate edit.Rate
	// DropFrame makes the timeline's timecode drop-frame.
	DropFrame bool
	// Start is the first frame's timecode as a frame count.
	Start int64
	// Audio is "none", "A", "A2" or "AA".
	Audio string
}

// PlainTimeline builds the cut-to-cut timeline: one video track holding
// every media reference whole, in the given order, and audio tracks as
// opts.Audio asks. A source too short to fill one timeline frame is left
// out with a warning. Where the source or the timeline is above 60 fps,
// whose timecode names only every TimecodeStep-th frame (the even frames
// at 120), a clip starts and ends on frames with timecode of their own so
// that an EDL can state it (a 125-frame 120 fps source in a 24 fps
// timeline plays 120 frames, 24 record frames, not 125 and 25), with a
// warning naming the frames left out.
func PlainTimeline(ms []*edit.MediaReference, opts TimelineOptions) (*edit.Timeline, []string, error) {
	if !opts.Rate.Valid() {
		return nil, nil, fmt.Errorf("invalid timeline rate %s", opts.Rate)
	}
	tl, v, a1, a2, err := newTimeline(opts)
	if err != nil {
		return nil, nil, err
	}
	var warns []string
	for _, m := range ms {
		c, left := timecodeClip(m, opts.Rate)
		if left > 0 && c.Duration > 0 {
			warns = append(warns, fmt.Sprintf("%s: cut on timecode frames so that an EDL can name its ends (%s fps timecode counts at %d, one number every %d frames; %s fps record timecode at %d): source %s–%s, %d frames left out",
				m.Path, m.Rate, m.Rate.Base(), m.Rate.TimecodeStep(), opts.Rate, opts.Rate.Base(),
				m.Rate.Timecode(c.SourceIn, m.DropFrame), m.Rate.Timecode(c.SourceIn+edit.SourceFrames(c.Duration, edit.One, m.Rate, opts.Rate), m.DropFrame), left))
		}
		if c.Duration <= 0 {
			warns = append(warns, fmt.Sprintf("%s: too short for one frame at %s fps; left out", m.Path, opts.Rate))
			continue
		}
		addClip(v, a1, a2, c)
	}
	if len(v.Items) == 0 {
		return nil, warns, fmt.Errorf("no usable video")
	}
	finish(tl, v, a1, a2)
	return tl, warns, nil
}

// Source is a stretch of a media file for CutTimeline: the media frames
// Range (in the media's own time at its rate), and where the clip came
// from.
type Source struct {
	Media      *edit.MediaReference
	Range      edit.TimeRange
	Provenance *edit.Provenance
	// Name is the clip's name (empty: the media's).
	Name string
}

// CutTimeline builds a timeline playing each source's range in order at
// normal speed, with audio tracks as opts.Audio asks: the rough cut. A
// range too short for one timeline frame is left out with a warning.
func CutTimeline(srcs []Source, opts TimelineOptions) (*edit.Timeline, []string, error) {
	if !opts.Rate.Valid() {
		return nil, nil, fmt.Errorf("invalid timeline rate %s", opts.Rate)
	}
	tl, v, a1, a2, err := newTimeline(opts)
	if err != nil {
		return nil, nil, err
	}
	var warns []string
	for _, s := range srcs {
		c := edit.ClipFromSource(s.Media, s.Range, opts.Rate)
		c.Name, c.Provenance = s.Name, s.Provenance
		if c.Duration <= 0 {
			warns = append(warns, fmt.Sprintf("%s: too short for one frame at %s fps; left out", s.Media.Path, opts.Rate))
			continue
		}
		addClip(v, a1, a2, c)
	}
	if len(v.Items) == 0 {
		return nil, warns, fmt.Errorf("no usable video")
	}
	finish(tl, v, a1, a2)
	tl.EnsureIDs()
	return tl, warns, nil
}

// newTimeline makes an empty timeline with its video track and the audio
// tracks opts.Audio asks for (nil when not).
func newTimeline(opts TimelineOptions) (tl *edit.Timeline, v, a1, a2 *edit.Track, err error) {
	tl = &edit.Timeline{Name: opts.Name, Rate: opts.Rate, DropFrame: opts.DropFrame, Start: opts.Start}
	v = &edit.Track{Name: "V1", Kind: edit.Video}
	switch opts.Audio {
	case "A":
		a1 = &edit.Track{Name: "A1", Kind: edit.Audio}
	case "A2":
		a2 = &edit.Track{Name: "A2", Kind: edit.Audio}
	case "AA":
		a1 = &edit.Track{Name: "A1", Kind: edit.Audio}
		a2 = &edit.Track{Name: "A2", Kind: edit.Audio}
	case "none", "":
	default:
		return nil, nil, nil, nil, fmt.Errorf("unknown audio mode %q (want none, A, A2 or AA)", opts.Audio)
	}
	return tl, v, a1, a2, nil
}

// addClip puts c on the video track and, for each audio track, a copy of
// it where the media has that channel, else a gap.
func addClip(v, a1, a2 *edit.Track, c *edit.Clip) {
	v.Items = append(v.Items, c)
	for ch, t := range []*edit.Track{a1, a2} {
		if t == nil {
			continue
		}
		if c.Media.HasAudio && c.Media.AudioChannels > ch {
			cc := *c
			cc.ID = "" // its own item; EnsureIDs names it
			t.Items = append(t.Items, &cc)
		} else {
			t.Items = append(t.Items, &edit.Gap{Duration: c.Duration})
		}
	}
}

// finish adds the tracks to tl, audio tracks without trailing gaps.
func finish(tl *edit.Timeline, v, a1, a2 *edit.Track) {
	tl.Tracks = append(tl.Tracks, v)
	for _, t := range []*edit.Track{a1, a2} {
		if t != nil {
			trimGaps(t)
			tl.Tracks = append(tl.Tracks, t)
		}
	}
}

// timecodeClip returns the clip playing m whole at rate, cut where a
// timecode step above 60 fps requires (see PlainTimeline), and how many
// more source frames that cut leaves out than the conform alone would.
func timecodeClip(m *edit.MediaReference, rate edit.Rate) (*edit.Clip, int64) {
	c := edit.ClipFromSource(m, m.AvailableRange(), rate)
	step, recStep := m.Rate.TimecodeStep(), rate.TimecodeStep()
	if step <= 1 && recStep <= 1 || c.Duration <= 0 {
		return c, 0
	}
	used := edit.SourceFrames(c.Duration, edit.One, m.Rate, rate)
	// The first frame with timecode of its own (Start is one unless the
	// file's timecode counted every frame, as ffmpeg's three digits do).
	in := m.Start + (step-m.Start%step)%step
	r := edit.RecordFrames(m.Start+m.Duration-in, edit.One, m.Rate, rate)
	// Every earlier clip has a whole number of record timecode frames, so
	// this one starts on one; its length must keep it so and end its
	// source on a timecode frame. Such a length recurs within a few
	// timecode frames; give up (leave the source out) past that.
	for tries := 0; r > 0 && (r%recStep != 0 || edit.SourceFrames(r, edit.One, m.Rate, rate)%step != 0); tries++ {
		if tries > 1000 {
			r = 0
			break
		}
		r--
	}
	c.SourceIn, c.Duration = in, r
	return c, used - edit.SourceFrames(r, edit.One, m.Rate, rate)
}

// trimGaps drops trailing gaps (an audio track may simply end early).
func trimGaps(t *edit.Track) {
	for len(t.Items) > 0 {
		if _, ok := t.Items[len(t.Items)-1].(*edit.Gap); !ok {
			return
		}
		t.Items = t.Items[:len(t.Items)-1]
	}
}

// DefaultTimeline is the timeline assemble makes for media ms without
// options: the sources' common rate (their timecode rate above 60 fps),
// drop-frame when the sources are, starting at 01:00:00:00.
func DefaultTimeline(ms []*edit.MediaReference, name string) (TimelineOptions, error) {
	rate := TimelineRate(ms)
	if !rate.Valid() {
		return TimelineOptions{}, fmt.Errorf("no usable frame rate")
	}
	drop := SourcesDropFrame(ms, rate)
	start, err := rate.ParseTimecode("01:00:00:00", drop)
	if err != nil {
		return TimelineOptions{}, err
	}
	return TimelineOptions{Name: name, Rate: rate, DropFrame: drop, Start: start, Audio: "AA"}, nil
}
