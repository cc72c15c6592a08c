package rough

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"rushcut/app/trim"
)

// Quality is what ranking measures over a take's usable range.
type Quality struct {
	// Frames is the usable range's length.
	Frames int `json:"frames"`
	// Sharpness is the median variance of the Laplacian over the variance
	// of luma: focus, not contrast (raising contrast raises both).
	Sharpness float64 `json:"sharpness"`
	// Clipped is the mean fraction of pixels at white or black clip.
	Clipped float64 `json:"clipped"`
	// Shake is the median jitter of the camera path, in pixels.
	Shake float64 `json:"shake"`
	// RMS is the median sound level in dBFS (0 for MOS); ClipWindows the
	// fraction of 10 ms windows peaking at full scale.
	RMS         float64 `json:"rms_db,omitempty"`
	ClipWindows float64 `json:"clip_windows,omitempty"`
	// Faces is the mean number of faces on the frames where they were
	// counted.
	Faces float64 `json:"faces"`
}

// measure reads a take's Quality over its usable range u.
func measure(t trim.Take, u trim.Range) Quality {
	q := Quality{Frames: max(0, u.Len())}
	if q.Frames == 0 {
		return q
	}
	var sharp, shake []float64
	var faces, counted float64
	for _, f := range t.Frames[u.Start : u.End+1] {
		sharp = append(sharp, float64(f.Sharpness)/(float64(f.LumaStd)*float64(f.LumaStd)+1))
		shake = append(shake, float64(f.Shake))
		q.Clipped += float64(f.White) + float64(max(0, f.Black-0.5))
		if f.Faces >= 0 {
			faces += float64(f.Faces)
			counted++
		}
	}
	q.Clipped /= float64(q.Frames)
	q.Sharpness, q.Shake = median(sharp), median(shake)
	if counted > 0 {
		q.Faces = faces / counted
	}
	if a := t.Audio; a != nil {
		lo, hi := windowAt(a, t.Frames[u.Start].Time), windowAt(a, t.Frames[u.End].Time)
		var rms []float64
		clip := 0
		for i := lo; i <= hi; i++ {
			rms = append(rms, float64(a.RMS[i]))
			if a.Peak[i] >= -0.1 {
				clip++
			}
		}
		q.RMS, q.ClipWindows = median(rms), float64(clip)/float64(hi-lo+1)
	}
	return q
}

func windowAt(a *trim.Audio, t float64) int {
	i := int((t - a.Start) / a.Window)
	return min(max(i, 0), len(a.RMS)-1)
}

// Score is a take's rank within its setup, with every component shown.
// Each component is 0..1, relative to the setup's other takes: 1 is as
// good as the best of them within what measurement noise between good
// takes of one setup spans (a dead zone), so that good takes tie and the
// later one wins, and only a real fault (soft focus, clipping, shake, an
// action cut short, a quiet or clipped track) costs.
type Score struct {
	Total        float64 `json:"total"`
	Focus        float64 `json:"focus"`
	Exposure     float64 `json:"exposure"`
	Stability    float64 `json:"stability"`
	Completeness float64 `json:"completeness"`
	Sound        float64 `json:"sound"`
	Faces        float64 `json:"faces"`
}

// weights of the components in Total; they sum to 1.
var weights = Score{Focus: 0.25, Exposure: 0.15, Stability: 0.2, Completeness: 0.25, Sound: 0.1, Faces: 0.05}

// String lists the components for a reason line.
func (s Score) String() string {
	return fmt.Sprintf("score %.2f: focus %.2f, exposure %.2f, stability %.2f, completeness %.2f, sound %.2f, faces %.2f",
		s.Total, s.Focus, s.Exposure, s.Stability, s.Completeness, s.Sound, s.Faces)
}

// Rank scores the takes of one setup against each other and returns their
// indexes, best first, with each one's score. Ties go to the take shot
// later (the last good take is the one a director usually prints).
func Rank(takes []*TakeReport) ([]int, []Score) {
	n := len(takes)
	scores := make([]Score, n)
	var bestSharp, minClip, minShake, maxRMS, maxFaces float64
	minClip, minShake, maxRMS = math.Inf(1), math.Inf(1), math.Inf(-1)
	var lens []float64
	for _, t := range takes {
		q := t.Quality
		bestSharp = math.Max(bestSharp, q.Sharpness)
		minClip = math.Min(minClip, q.Clipped)
		minShake = math.Min(minShake, q.Shake)
		lens = append(lens, float64(q.Frames))
		maxFaces = math.Max(maxFaces, q.Faces)
		if !t.MOS {
			maxRMS = math.Max(maxRMS, q.RMS)
		}
	}
	for i, t := range takes {
		q := t.Quality
		// Focus within 80% of the sharpest counts as sharp; an action
		// within 95% of the setup's typical (median) length as complete
		// (the median, so that one take trimmed too long does not make
		// the others look short).
		s := Score{Focus: clamp01(ratio(q.Sharpness, bestSharp) / 0.8), Completeness: clamp01(ratio(float64(q.Frames), median(lens)) / 0.95)}
		// Up to 5% more of the picture clipped than the cleanest take is
		// free; each further 10% costs 0.4.
		s.Exposure = clamp01(1 - 4*math.Max(0, q.Clipped-minClip-0.05))
		// Jitter up to 1.4× the steadiest take's is free; three times it
		// costs about half.
		s.Stability = clamp01((minShake + 0.25) / (q.Shake + 0.25) / 0.7)
		s.Sound = 1
		if !t.MOS && !math.IsInf(maxRMS, -1) {
			// Up to 6 dB quieter than the loudest take is free, 12 dB
			// quieter costs half; clipping costs ten times the share of
			// windows clipped.
			s.Sound = clamp01(1-math.Max(0, maxRMS-q.RMS-6)/12) * clamp01(1-10*q.ClipWindows)
		}
		s.Faces = 1
		if maxFaces > 0 {
			// Faces are counted every 2 s of footage, so a take's count is a
			// few samples: a quarter of the best count is as good as it;
			// none where the others have them is not.
			s.Faces = clamp01(q.Faces / maxFaces / 0.25)
		}
		s.Total = weights.Focus*s.Focus + weights.Exposure*s.Exposure + weights.Stability*s.Stability +
			weights.Completeness*s.Completeness + weights.Sound*s.Sound + weights.Faces*s.Faces
		scores[i] = s
	}
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		sa, sb := scores[order[a]].Total, scores[order[b]].Total
		if math.Abs(sa-sb) > 1e-3 {
			return sa > sb
		}
		return takes[order[a]].Start > takes[order[b]].Start
	})
	return order, scores
}

// weakest names the score's lowest components, for a reason line.
func weakest(s Score) string {
	parts := []struct {
		name string
		v    float64
	}{{"focus", s.Focus}, {"exposure", s.Exposure}, {"stability", s.Stability}, {"completeness", s.Completeness}, {"sound", s.Sound}}
	var low []string
	for _, p := range parts {
		if p.v < 0.8 {
			low = append(low, fmt.Sprintf("%s %.2f", p.name, p.v))
		}
	}
	return strings.Join(low, ", ")
}

func ratio(v, best float64) float64 {
	if best <= 0 {
		return 1
	}
	return clamp01(v / best)
}

func clamp01(v float64) float64 { return math.Min(1, math.Max(0, v)) }

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	return s[len(s)/2]
}
