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
// when the file has no usable video stream.
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
// out with a warning.
func PlainTimeline(ms []*edit.MediaReference, opts TimelineOptions) (*edit.Timeline, []string, error) {
	if !opts.Rate.Valid() {
		return nil, nil, fmt.Errorf("invalid timeline rate %s", opts.Rate)
	}
	tl := &edit.Timeline{Name: opts.Name, Rate: opts.Rate, DropFrame: opts.DropFrame, Start: opts.Start}
	v := &edit.Track{Name: "V1", Kind: edit.Video}
	var a1, a2 *edit.Track
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
		return nil, nil, fmt.Errorf("unknown audio mode %q (want none, A, A2 or AA)", opts.Audio)
	}
	var warns []string
	for _, m := range ms {
		c := edit.ClipFromSource(m, m.AvailableRange(), opts.Rate)
		if c.Duration <= 0 {
			warns = append(warns, fmt.Sprintf("%s: too short for one frame at %s fps; left out", m.Path, opts.Rate))
			continue
		}
		v.Items = append(v.Items, c)
		for ch, t := range []*edit.Track{a1, a2} {
			if t == nil {
				continue
			}
			if m.HasAudio && m.AudioChannels > ch {
				cc := *c
				t.Items = append(t.Items, &cc)
			} else {
				t.Items = append(t.Items, &edit.Gap{Duration: c.Duration})
			}
		}
	}
	if len(v.Items) == 0 {
		return nil, warns, fmt.Errorf("no usable video")
	}
	tl.Tracks = append(tl.Tracks, v)
	for _, t := range []*edit.Track{a1, a2} {
		if t != nil {
			trimGaps(t)
			tl.Tracks = append(tl.Tracks, t)
		}
	}
	return tl, warns, nil
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
