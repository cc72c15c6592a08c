package effects

import (
	"fmt"
	"math"

	"rushcut/app/edit"
	"rushcut/app/suggest"
)

// Options are the rules' thresholds. The zero value means the defaults
// (see DefaultOptions).
type Options struct {
	// DissolveSeconds and FadeSeconds are the proposed lengths.
	DissolveSeconds, FadeSeconds float64
	// MinDissolveFrames is the shortest dissolve worth proposing when the
	// handles are short.
	MinDissolveFrames int64
	// SceneChange is the colour distance (see sceneDistance, 0..1) above
	// which a cut between sources of unknown scenes changes scene, and
	// SceneChangeViT the mean of the colour and ViT embedding distances
	// that does when both clips have embeddings.
	SceneChange, SceneChangeViT float64
	// Shake is the mean shake (pixels at the analysis width) over a second
	// above which a range is proposed for stabilisation; ShakeSeconds the
	// shortest such range.
	Shake, ShakeSeconds float64
	// PeakRatio and PeakFloor define a motion peak: frame energy above
	// PeakRatio × the clip's median and above PeakFloor (0..255); a peak
	// is slowed when it lasts PeakMinSeconds..PeakMaxSeconds.
	PeakRatio, PeakFloor           float64
	PeakMinSeconds, PeakMaxSeconds float64
	// Static is the frame energy below which a frame is static; a static
	// stretch of at least StaticSeconds is sped up.
	Static, StaticSeconds float64
	// Impulse is the damage score (vision/impulse: the fraction of a
	// frame's pixels departing from both neighbours in blobs and lines
	// that pass its tests) from which a frame is damaged, and
	// ImpulseRatio how many times its neighbours' scores it must be.
	Impulse, ImpulseRatio float64
	// ColorDeltaE is the CIEDE2000 between the mean colours of two
	// adjacent clips of one scene above which a colour match is proposed.
	ColorDeltaE float64
}

// DefaultOptions are the thresholds the rules were tuned with.
var DefaultOptions = Options{
	DissolveSeconds: 1, FadeSeconds: 1, MinDissolveFrames: 6,
	SceneChange: 0.55, SceneChangeViT: 0.6,
	Shake: 1.2, ShakeSeconds: 1,
	PeakRatio: 3, PeakFloor: 6, PeakMinSeconds: 0.2, PeakMaxSeconds: 1.5,
	Static: 0.6, StaticSeconds: 3,
	Impulse: 0.0001, ImpulseRatio: 4,
	ColorDeltaE: 3,
}

func (o Options) withDefaults() Options {
	if o == (Options{}) {
		return DefaultOptions
	}
	return o
}

// placed is a clip of the cut with its neighbours and source.
type placed struct {
	clip   *edit.Clip
	src    *Source
	prev   *placed // the clip just before, when nothing lies between
	record int64   // timeline frame where the clip starts
}

// Propose returns the effect suggestions for the cut, in timeline order,
// with their IDs set (suggest.Identify). Clips whose media has no
// analysis are skipped; colour matching needs in.Color. It fails only when
// colour sampling fails.
func Propose(in Input, opt Options) ([]suggest.Suggestion, error) {
	opt = opt.withDefaults()
	tl := in.Timeline
	if tl == nil {
		return nil, nil
	}
	vs := tl.TracksOf(edit.Video)
	if len(vs) == 0 {
		return nil, nil
	}
	var clips []*placed
	var last *placed
	var pos int64
	for _, it := range vs[0].Items {
		switch v := it.(type) {
		case *edit.Clip:
			p := &placed{clip: v, src: in.source(v), prev: last, record: pos}
			clips = append(clips, p)
			last = p
		default:
			last = nil
		}
		pos += it.TrackLength()
	}
	var out []suggest.Suggestion
	scores := map[string][]float64{}
	for i, p := range clips {
		if p.src == nil {
			continue
		}
		if i == 0 {
			out = append(out, fade(p, tl.Rate, opt, false)...)
		}
		if p.prev != nil && p.prev.src != nil {
			out = append(out, dissolve(p.prev, p, tl.Rate, opt)...)
			if in.Color != nil {
				s, err := colorMatch(in.Color, p.prev, p, tl.Rate, opt)
				if err != nil {
					return nil, err
				}
				out = append(out, s...)
			}
		}
		held, err := sourceTransitions(p, tl.Rate, in.Color)
		if err != nil {
			return nil, err
		}
		out = append(out, held...)
		var imp []float64
		if in.Impulses != nil {
			path := p.clip.Media.Path
			if _, ok := scores[path]; !ok { // one decode per file
				v, err := in.Impulses(path)
				if err != nil {
					return nil, err
				}
				scores[path] = v
			}
			imp = scores[path]
		}
		out = append(out, flashes(p, tl.Rate, imp, opt)...)
		out = append(out, stabilize(p, tl.Rate, opt)...)
		out = append(out, speeds(p, tl.Rate, opt)...)
		if i == len(clips)-1 {
			out = append(out, fade(p, tl.Rate, opt, true)...)
		}
	}
	return suggest.Identify(out), nil
}

// target is the clip's media and source range.
func target(p *placed, rate edit.Rate) suggest.Target {
	return suggest.Target{Path: p.clip.Media.Path, Hash: p.clip.Media.ContentHash, Range: p.clip.SourceRange(rate)}
}

// rangeTarget is a stretch of the clip's media.
func rangeTarget(p *placed, start, end int64) suggest.Target {
	m := p.clip.Media
	return suggest.Target{Path: m.Path, Hash: m.ContentHash, Range: edit.TimeRange{Start: start, Duration: end - start, Rate: m.Rate}}
}

// frames returns the analysis indexes [a, b) of the clip's source range,
// clamped to the analysis.
func frames(p *placed, rate edit.Rate) (int, int) {
	r := p.clip.SourceRange(rate)
	a, b := p.src.index(r.Start), p.src.index(r.End())
	return max(0, a), min(len(p.src.Frames), b)
}

func values(p Params) suggest.Params { return suggest.Params{Values: p.Values()} }

func seconds(n int64, r edit.Rate) float64 { return float64(n) / r.Float() }

func secondsFrames(s float64, r edit.Rate) int64 { return int64(s*r.Float() + 0.5) }

// fade proposes a fade from black on the first clip or to black on the
// last, unless the picture already starts or ends dark; it fits in the
// part of the clip a transition the source holds leaves it (fadeRoom).
func fade(p *placed, rate edit.Rate, opt Options, out bool) []suggest.Suggestion {
	a, b := frames(p, rate)
	if b <= a {
		return nil
	}
	// Within the clip's part a transition the source holds leaves it.
	n := min(secondsFrames(opt.FadeSeconds, rate), p.clip.Duration/4, fadeRoom(p, rate, out))
	if n <= 0 {
		return nil
	}
	edge, where := a, "first"
	if out {
		edge, where = b-1, "last"
	}
	luma := p.src.Frames[edge].Luma
	if luma < 20 {
		return nil // already black
	}
	fp := &FadeParams{Out: out, Frames: n}
	what := "head of the cut: fade from black"
	if out {
		what = "tail of the cut: fade to black"
	}
	return []suggest.Suggestion{{
		Kind: fp.Kind(), Target: target(p, rate), Params: values(fp), Confidence: 0.6,
		Reason: fmt.Sprintf("%s over %d frames (%.2f s); the %s frame has mean luma %.0f/255", what, n, seconds(n, rate), where, luma),
		Evidence: suggest.Evidence{Measures: []suggest.Measure{
			{Name: where + " frame luma", Value: luma},
			{Name: "length", Value: float64(n), Unit: "frames"},
		}},
	}}
}

// sceneDistance says how far apart the pictures of a and b are, 0..1:
// the Bhattacharyya distance between the mean hue × saturation
// histograms of the last ten frames of a and the first ten of b (a scene
// is a place and its light), averaged, when both clips have ViT
// embeddings, with one minus the cosine similarity of their mean
// embeddings (what the place is). It also names the measure.
func sceneDistance(a, b *placed, rate edit.Rate) (float64, string) {
	a0, a1 := frames(a, rate)
	b0, b1 := frames(b, rate)
	const k = 10
	ha := meanHist(a.src.Frames[max(a0, a1-k):a1], func(f Frame) []float64 { return f.HueSat })
	hb := meanHist(b.src.Frames[b0:min(b1, b0+k)], func(f Frame) []float64 { return f.HueSat })
	col := bhattacharyya(ha, hb)
	if ea, eb := meanEmbedding(a.src, a0, a1), meanEmbedding(b.src, b0, b1); ea != nil && eb != nil && len(ea) == len(eb) {
		dot, na, nb := 0.0, 0.0, 0.0
		for i := range ea {
			dot, na, nb = dot+ea[i]*eb[i], na+ea[i]*ea[i], nb+eb[i]*eb[i]
		}
		if na > 0 && nb > 0 {
			vit := clamp01(1 - dot/math.Sqrt(na*nb))
			return (col + vit) / 2, fmt.Sprintf("colour %.2f and ViT %.2f distance, mean", col, vit)
		}
	}
	return col, "colour distance"
}

// meanEmbedding is the mean of the source's embeddings of analysis frames
// [a, b), nil when none.
func meanEmbedding(s *Source, a, b int) []float64 {
	var sum []float64
	n := 0
	for i, f := range s.Embedded {
		if f < a || f >= b {
			continue
		}
		v := s.Embeddings[i]
		if sum == nil {
			sum = make([]float64, len(v))
		}
		for j := range min(len(v), len(sum)) {
			sum[j] += float64(v[j])
		}
		n++
	}
	return sum
}

// dissolve proposes a dissolve on the cut between a and b when it changes
// scene and the media has handles for it.
func dissolve(a, b *placed, rate edit.Rate, opt Options) []suggest.Suggestion {
	var why string
	var conf, dist float64
	switch {
	case a.src.Scene != "" && b.src.Scene != "":
		if a.src.Scene == b.src.Scene {
			return nil
		}
		dist, _ = sceneDistance(a, b, rate)
		why = fmt.Sprintf("scene %s to scene %s", a.src.Scene, b.src.Scene)
		conf = 0.85
	default:
		var measure string
		dist, measure = sceneDistance(a, b, rate)
		limit := opt.SceneChange
		if measure != "colour distance" {
			limit = opt.SceneChangeViT
		}
		if dist < limit {
			return nil
		}
		why = fmt.Sprintf("the pictures change scene (%s %.2f ≥ %.2f)", measure, dist, limit)
		conf = min(0.95, 0.5+(dist-limit))
	}
	// Handles: frames of media after a's out and before b's in.
	ar, br := a.clip.SourceRange(rate), b.clip.SourceRange(rate)
	am, bm := a.clip.Media, b.clip.Media
	after := am.Start + am.Duration - ar.End()
	before := br.Start - bm.Start
	recAfter := edit.RecordFrames(after, edit.One, am.Rate, rate)
	recBefore := edit.RecordFrames(before, edit.One, bm.Rate, rate)
	want := secondsFrames(opt.DissolveSeconds, rate)
	half := want / 2
	in, out := min(half, recBefore, b.clip.Duration/2), min(want-half, recAfter, a.clip.Duration/2)
	if in+out < opt.MinDissolveFrames {
		return nil
	}
	d := &DissolveParams{InOffset: in, OutOffset: out, From: key(am), FromPath: am.Path, FromOut: ar.End()}
	return []suggest.Suggestion{{
		Kind: Dissolve, Target: target(b, rate), Params: values(d), Confidence: conf,
		Reason: fmt.Sprintf("cut from %s to %s changes scene: %s; dissolve %d+%d frames (handles %d before, %d after)",
			am.DisplayName(), bm.DisplayName(), why, in, out, recBefore, recAfter),
		Evidence: suggest.Evidence{Measures: []suggest.Measure{
			{Name: "scene distance", Value: dist},
			{Name: "handle before", Value: float64(recBefore), Unit: "frames"},
			{Name: "handle after", Value: float64(recAfter), Unit: "frames"},
		}},
	}}
}

func joinMax(s []string, n int) string {
	out := ""
	for i, x := range s {
		if i == n {
			return out + fmt.Sprintf(", … %d more", len(s)-n)
		}
		if i > 0 {
			out += ", "
		}
		out += x
	}
	return out
}

func clamp01(v float64) float64 { return min(1, max(0, v)) }
