package rough

import (
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// BinEntry is one file of the day as the bin lists it.
type BinEntry struct {
	// Path is the media file; Name its base name.
	Path, Name string
	// Take indexes Day.Takes, -1 for a file that could not be analysed.
	Take int
	// Frames is the length in media frames, Length the same as a
	// timecode duration; Rate the media's rate as text ("25", "23.976");
	// Start the start timecode.
	Frames int64
	Length string
	Rate   string
	Start  string
	// Usable is the first frame of the take's usable range, counted from
	// the media's first frame.
	Usable int64
	// Setup is the setup's name and Number the take's number in it (from
	// the slate or the file name; 0 when unknown).
	Setup  string
	Number int
	// Best is true for the best-ranked take of its setup; InCut for a take
	// the cut uses.
	Best, InCut bool
	// Error says why the file could not be analysed ("" when it was).
	Error string
}

// Bin lists the day's files for the bin: the analysed takes in setup
// order (each setup's takes in shooting order), then the files that could
// not be analysed, by name.
func (s *Session) Bin() []BinEntry {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.day
	inCut := map[string]bool{}
	if tl := s.p.Timeline; tl != nil && len(tl.Tracks) > 0 {
		for _, c := range tl.Tracks[0].Clips() {
			if c.Media != nil {
				inCut[c.Media.Path] = true
			}
		}
	}
	var out []BinEntry
	for si, su := range d.Setups {
		best := -1
		if len(d.Ranks[si]) > 0 {
			best = d.Ranks[si][0]
		}
		for _, i := range su.Takes {
			r := d.Takes[i]
			e := BinEntry{Path: r.Path, Name: filepath.Base(r.Path), Take: i, Setup: su.Name, Number: r.Label.Take,
				Best: i == best, InCut: inCut[r.Path]}
			if m := r.Media; m != nil {
				e.Frames, e.Rate, e.Start = m.Duration, fps(m.Rate.Float()), m.StartTimecode()
				e.Length = m.Rate.Timecode(m.Duration, m.DropFrame)
				e.Usable = d.usable(i).In - m.Start
			}
			out = append(out, e)
		}
	}
	var failed []string
	for p := range s.failed {
		failed = append(failed, p)
	}
	sort.Strings(failed)
	for _, p := range failed {
		out = append(out, BinEntry{Path: p, Name: filepath.Base(p), Take: -1, Error: s.failed[p]})
	}
	return out
}

// SetFailed records the files that could not be analysed, with why, for
// the bin.
func (s *Session) SetFailed(failed map[string]string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failed = failed
}

// fps writes a rate for people: 25, 29.97, 23.976.
func fps(f float64) string {
	return strings.TrimSuffix(strings.TrimRight(strconv.FormatFloat(f, 'f', 3, 64), "0"), ".")
}
