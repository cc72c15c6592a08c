package effects

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"rushcut/app/edit"
	"rushcut/app/suggest"
)

// Effect suggestion kinds. Every effect suggestion carries its parameters
// as text in suggest.Params.Values (see Params and Decode); its Target
// names the media and the media frames concerned (Target.Path/Hash and
// Target.Range, in the media's own time at its rate, like
// edit.Clip.SourceIn), never a timeline item ID, so that the suggestion's
// ID survives re-cutting:
//   - Dissolve: the incoming clip's media; Range is the incoming clip's
//     source range as cut (or, for a gradual transition the source already
//     holds, the transition's frames).
//   - Wipe: a wipe or push the media already holds; Range is its frames.
//   - FadeIn: the first clip's media and source range; FadeOut: the last
//     clip's.
//   - Stabilize, Speed: the media frames to stabilise or retime.
//   - Color: the clip to correct (the second of the pair).
//   - FlashRemove: the clip's source range; the frames are in the params.
const (
	Dissolve    suggest.Kind = "dissolve"
	Wipe        suggest.Kind = "wipe"
	FadeIn      suggest.Kind = "fade_in"
	FadeOut     suggest.Kind = "fade_out"
	Stabilize   suggest.Kind = "stabilize"
	Speed       suggest.Kind = "speed"
	Color       suggest.Kind = "color"
	FlashRemove suggest.Kind = "flash_remove"
)

// Kinds lists the effect kinds in the order the CLI shows them.
var Kinds = []suggest.Kind{Dissolve, Wipe, FadeIn, FadeOut, Stabilize, Speed, Color, FlashRemove}

// IsEffect reports whether k is one of the effect kinds.
func IsEffect(k suggest.Kind) bool { return slices.Contains(Kinds, k) }

// Params is the typed parameters of one effect kind: *DissolveParams,
// *WipeParams, *FadeParams, *StabilizeParams, *SpeedParams, *ColorParams or
// *FlashParams.
type Params interface {
	// Kind is the suggestion kind the parameters belong to.
	Kind() suggest.Kind
	// Values encodes the parameters as suggest.Params.Values; Decode reads
	// them back.
	Values() map[string]string
}

// DissolveParams is a cross dissolve on the cut before the target clip
// (Values "in_offset", "out_offset", "from", "from_path", "from_out",
// "source", "dip").
type DissolveParams struct {
	// InOffset and OutOffset are the timeline frames before and after the
	// cut (edit.Transition's): the outgoing clip plays OutOffset frames past
	// its out point, the incoming one starts InOffset frames before its in
	// point.
	InOffset, OutOffset int64
	// From is the outgoing clip's media key (content hash, or path),
	// FromPath its path, FromOut its out point: the first media frame after
	// its last one (its source range's End).
	From, FromPath string
	FromOut        int64
	// Source is true when the target media already holds a gradual
	// transition over Target.Range: the clip is split at the transition's
	// first frame and after its last, and the two parts dissolve (From,
	// FromPath and FromOut are then unused).
	Source bool
	// Dip is, for a Source dissolve, the colour the source dips through
	// (a fade to it and a fade up from it): "black", "white", a colour
	// "#rrggbb" (sRGB code values), or "colour" when it was not measured;
	// "" for a cross dissolve.
	// CMX 3600 has no dip to a colour and no colour generator every NLE
	// conforms (BL is the only one; a white or colour field would be an AX
	// event Resolve and Premiere conform as offline media), so a dip is
	// written as one dissolve over the whole dip, which conforms
	// everywhere, and the EDL names the dip and its colour in a locator at
	// the dissolve, so that the editor turns it into the NLE's Dip to
	// White / Dip to Color Dissolve (see Transition). A dip to black is
	// written the same way, named for the NLEs' Dip to Black (see
	// sourceTransitions).
	Dip string
}

// WipeParams is a wipe or push the target media already holds over
// Target.Range: the clip is split at the range's first frame and after
// its last, and the two parts wipe with the SMPTE pattern matching the
// direction (Values "in_offset", "out_offset", "direction").
type WipeParams struct {
	// InOffset and OutOffset are the timeline frames before and after the
	// cut, as in DissolveParams.
	InOffset, OutOffset int64
	// Direction is the way the wipe's edge travels across the picture,
	// or a push's pictures slide: "left", "right", "up" or "down".
	Direction string
}

// FadeParams is a fade from black at the head of the cut (FadeIn) or to
// black at its tail (FadeOut) (Values "frames").
type FadeParams struct {
	// Out is true for a fade to black (FadeOut).
	Out bool
	// Frames is the fade's length in timeline frames.
	Frames int64
}

// StabilizeParams smooths the camera path over Target.Range (Values
// "radius", "crop").
type StabilizeParams struct {
	// Radius is the smoothing window's half width in frames: the camera
	// path is averaged over 2×Radius+1 frames.
	Radius int
	// Crop is the fraction of the frame's width and height lost to keep
	// the smoothed picture filled (0..1; suggestions never exceed
	// MaxCrop).
	Crop float64
}

// SpeedParams retimes Target.Range (Values "speed").
type SpeedParams struct {
	// Speed is the time-warp factor: 1/2 plays the range at half speed
	// (slow motion, twice as long), 2/1 twice as fast.
	Speed edit.Ratio
}

// ColorParams is a colour match (Values "slope", "offset", "power", "sat"
// as space-separated numbers, "reference", "reference_path",
// "reference_in", "reference_out").
type ColorParams struct {
	// CDL brings the target clip to the reference.
	CDL edit.CDL
	// Reference is the media key of the clip matched to (the first of the
	// pair), ReferencePath its path, and ReferenceIn..ReferenceOut its
	// source range (media frames, Out exclusive).
	Reference, ReferencePath  string
	ReferenceIn, ReferenceOut int64
}

// FlashParams removes damaged or flash frames by replacing each with its
// nearest good neighbour (Values "frames").
type FlashParams struct {
	// Frames are media frame numbers (in the media's own time, like
	// Target.Range), ascending.
	Frames []int64
}

// MaxCrop is the largest crop a stabilize suggestion may cost.
const MaxCrop = 0.10

// Kind returns Dissolve.
func (*DissolveParams) Kind() suggest.Kind { return Dissolve }

// Kind returns Wipe.
func (*WipeParams) Kind() suggest.Kind { return Wipe }

// Kind returns FadeIn or FadeOut.
func (p *FadeParams) Kind() suggest.Kind {
	if p.Out {
		return FadeOut
	}
	return FadeIn
}

// Kind returns Stabilize.
func (*StabilizeParams) Kind() suggest.Kind { return Stabilize }

// Kind returns Speed.
func (*SpeedParams) Kind() suggest.Kind { return Speed }

// Kind returns Color.
func (*ColorParams) Kind() suggest.Kind { return Color }

// Kind returns FlashRemove.
func (*FlashParams) Kind() suggest.Kind { return FlashRemove }

// Values encodes the dissolve.
func (p *DissolveParams) Values() map[string]string {
	v := map[string]string{"in_offset": itoa(p.InOffset), "out_offset": itoa(p.OutOffset)}
	if p.Source {
		v["source"] = "true"
		if p.Dip != "" {
			v["dip"] = p.Dip
		}
		return v
	}
	v["from"], v["from_path"], v["from_out"] = p.From, p.FromPath, itoa(p.FromOut)
	return v
}

// Values encodes the wipe.
func (p *WipeParams) Values() map[string]string {
	return map[string]string{"in_offset": itoa(p.InOffset), "out_offset": itoa(p.OutOffset), "direction": p.Direction}
}

// Values encodes the fade.
func (p *FadeParams) Values() map[string]string {
	return map[string]string{"frames": itoa(p.Frames)}
}

// Values encodes the stabilisation.
func (p *StabilizeParams) Values() map[string]string {
	return map[string]string{"radius": strconv.Itoa(p.Radius), "crop": ftoa(p.Crop)}
}

// Values encodes the speed.
func (p *SpeedParams) Values() map[string]string {
	return map[string]string{"speed": p.Speed.String()}
}

// Values encodes the CDL and its reference.
func (p *ColorParams) Values() map[string]string {
	return map[string]string{
		"slope": triple(p.CDL.Slope), "offset": triple(p.CDL.Offset), "power": triple(p.CDL.Power),
		"sat": ftoa(p.CDL.Sat), "reference": p.Reference, "reference_path": p.ReferencePath,
		"reference_in": itoa(p.ReferenceIn), "reference_out": itoa(p.ReferenceOut),
	}
}

// Values encodes the frame list ("12,13,40").
func (p *FlashParams) Values() map[string]string {
	s := make([]string, len(p.Frames))
	for i, f := range p.Frames {
		s[i] = itoa(f)
	}
	return map[string]string{"frames": strings.Join(s, ",")}
}

// Decode reads the typed parameters of an effect suggestion of kind k
// from its Values, checking them (offsets and lengths positive, a crop
// in 0..1, a positive speed, finite CDL numbers with positive
// slope and power, frames ascending).
func Decode(k suggest.Kind, v map[string]string) (Params, error) {
	r := reader{v: v}
	var p Params
	switch k {
	case Dissolve:
		d := &DissolveParams{InOffset: r.int("in_offset"), OutOffset: r.int("out_offset"), Source: v["source"] == "true", Dip: v["dip"]}
		if d.Dip != "" && !d.Source && r.err == nil {
			r.err = fmt.Errorf("a dip (%q) is only a transition the source holds", d.Dip)
		}
		if !d.Source {
			d.From, d.FromPath, d.FromOut = v["from"], v["from_path"], r.int("from_out")
			if d.From == "" && r.err == nil {
				r.err = fmt.Errorf("dissolve without the outgoing clip (from)")
			}
		}
		if r.err == nil && (d.InOffset < 0 || d.OutOffset < 0 || d.InOffset+d.OutOffset <= 0) {
			r.err = fmt.Errorf("dissolve offsets %d/%d are not a positive length", d.InOffset, d.OutOffset)
		}
		p = d
	case Wipe:
		w := &WipeParams{InOffset: r.int("in_offset"), OutOffset: r.int("out_offset"), Direction: v["direction"]}
		if _, _, ok := WipeCode(w.Direction); !ok && r.err == nil {
			r.err = fmt.Errorf("direction %q: want left, right, up or down", w.Direction)
		}
		if r.err == nil && (w.InOffset < 0 || w.OutOffset < 0 || w.InOffset+w.OutOffset <= 0) {
			r.err = fmt.Errorf("wipe offsets %d/%d are not a positive length", w.InOffset, w.OutOffset)
		}
		p = w
	case FadeIn, FadeOut:
		f := &FadeParams{Out: k == FadeOut, Frames: r.int("frames")}
		if r.err == nil && f.Frames <= 0 {
			r.err = fmt.Errorf("%s of %d frames", k, f.Frames)
		}
		p = f
	case Stabilize:
		s := &StabilizeParams{Radius: int(r.int("radius")), Crop: r.float("crop")}
		if r.err == nil && (s.Radius <= 0 || !(s.Crop >= 0 && s.Crop < 1)) {
			r.err = fmt.Errorf("stabilize radius %d, crop %v: want a positive radius and a crop in 0..1", s.Radius, s.Crop)
		}
		p = s
	case Speed:
		s := &SpeedParams{}
		if txt, ok := v["speed"]; !ok {
			r.err = fmt.Errorf("speed: missing")
		} else if q, err := ParseRatio(txt); err != nil {
			r.err = fmt.Errorf("speed: %w", err)
		} else {
			s.Speed = q
		}
		p = s
	case Color:
		c := &ColorParams{Reference: v["reference"], ReferencePath: v["reference_path"],
			ReferenceIn: r.int("reference_in"), ReferenceOut: r.int("reference_out")}
		c.CDL.Slope, c.CDL.Offset, c.CDL.Power = r.triple("slope"), r.triple("offset"), r.triple("power")
		c.CDL.Sat = r.float("sat")
		if r.err == nil {
			r.err = CheckCDL(c.CDL)
		}
		p = c
	case FlashRemove:
		f := &FlashParams{}
		txt := v["frames"]
		if txt == "" {
			r.err = fmt.Errorf("flash_remove without frames")
		}
		for s := range strings.SplitSeq(txt, ",") {
			if r.err != nil {
				break
			}
			n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
			switch {
			case err != nil:
				r.err = fmt.Errorf("frames: %q is not a frame number", s)
			case len(f.Frames) > 0 && n <= f.Frames[len(f.Frames)-1]:
				r.err = fmt.Errorf("frames: %d is not after %d", n, f.Frames[len(f.Frames)-1])
			}
			f.Frames = append(f.Frames, n)
		}
		p = f
	default:
		return nil, fmt.Errorf("%q is not an effect kind", k)
	}
	if r.err != nil {
		return nil, fmt.Errorf("%s: %w", k, r.err)
	}
	return p, nil
}

// Of decodes a suggestion's (or decision's) parameters: Decode(s.Kind,
// p.Values).
func Of(k suggest.Kind, p suggest.Params) (Params, error) { return Decode(k, p.Values) }

// CheckCDL reports a CDL whose numbers are not finite, whose slope or
// power is not positive, or whose saturation is negative.
func CheckCDL(c edit.CDL) error {
	for i := range 3 {
		if !finite(c.Slope[i]) || !finite(c.Offset[i]) || !finite(c.Power[i]) || c.Slope[i] <= 0 || c.Power[i] <= 0 {
			return fmt.Errorf("CDL channel %d: slope %v offset %v power %v: want finite numbers, slope and power > 0", i, c.Slope[i], c.Offset[i], c.Power[i])
		}
	}
	if !finite(c.Sat) || c.Sat < 0 {
		return fmt.Errorf("CDL saturation %v", c.Sat)
	}
	return nil
}

// Transition returns the dissolve as an edit.Transition (kind Dissolve).
// A dip is named "dip to white" (or "dip to #rrggbb", "dip to colour")
// and carries Metadata["dip"], the colour, which the EDL writer puts in a
// locator at the dissolve.
func (p *DissolveParams) Transition() *edit.Transition {
	t := &edit.Transition{Kind: edit.Dissolve, InOffset: p.InOffset, OutOffset: p.OutOffset}
	if p.Dip != "" {
		t.Name = "dip to " + p.Dip
		t.Metadata = edit.Metadata{"dip": p.Dip}
	}
	return t
}

// WipeCode returns the SMPTE wipe pattern (SMPTE 258M, as CMX 3600's
// Wnnn) whose edge travels in direction, and whether it runs reversed: 1
// is the horizontal bar wipe, its edge travelling left to right
// ("right"), 2 the vertical one, top to bottom ("down"); "left" and "up"
// are the same patterns reversed. ok is false for any other direction.
func WipeCode(direction string) (code int, reverse, ok bool) {
	switch direction {
	case "right":
		return 1, false, true
	case "left":
		return 1, true, true
	case "down":
		return 2, false, true
	case "up":
		return 2, true, true
	}
	return 0, false, false
}

// directionWords says which way a wipe's edge travels, in words.
func directionWords(direction string) string {
	switch direction {
	case "right":
		return "left to right"
	case "left":
		return "right to left"
	case "down":
		return "top to bottom"
	case "up":
		return "bottom to top"
	}
	return direction
}

// Transition returns the wipe as an edit.Transition of kind Wipe with
// its SMPTE code (see WipeCode), named after its direction ("wipe right
// to left"), with Metadata "direction" and, for a reversed pattern,
// "reverse": true, which the EDL writer states in a locator at the wipe
// (CMX 3600's Wnnn field has no reverse form every reader takes).
func (p *WipeParams) Transition() *edit.Transition {
	code, reverse, _ := WipeCode(p.Direction)
	t := &edit.Transition{Kind: edit.Wipe, WipeCode: code, InOffset: p.InOffset, OutOffset: p.OutOffset,
		Name: "wipe " + directionWords(p.Direction), Metadata: edit.Metadata{"direction": p.Direction}}
	if reverse {
		t.Metadata["reverse"] = true
	}
	return t
}

// Transition returns the fade as an edit.Transition: FadeIn lasts
// OutOffset frames of the clip after it, FadeOut InOffset frames of the
// clip before it.
func (p *FadeParams) Transition() *edit.Transition {
	if p.Out {
		return &edit.Transition{Kind: edit.FadeOut, InOffset: p.Frames}
	}
	return &edit.Transition{Kind: edit.FadeIn, OutOffset: p.Frames}
}

// Effect returns the stabilisation as an edit.EffectStabilize with Params
// "radius" and "crop".
func (p *StabilizeParams) Effect() edit.Effect {
	return edit.Effect{Kind: edit.EffectStabilize, Params: p.Values()}
}

// Effect returns the retime as an edit.EffectSpeed.
func (p *SpeedParams) Effect() edit.Effect {
	return edit.Effect{Kind: edit.EffectSpeed, Speed: p.Speed}
}

// Effect returns the colour match as an edit.EffectColor carrying the CDL
// (Params "reference": the reference media key).
func (p *ColorParams) Effect() edit.Effect {
	c := p.CDL
	return edit.Effect{Kind: edit.EffectColor, CDL: &c, Params: map[string]string{"reference": p.Reference}}
}

// Effect returns the removal as an edit.EffectFlashRemove with Params
// "frames".
func (p *FlashParams) Effect() edit.Effect {
	return edit.Effect{Kind: edit.EffectFlashRemove, Params: p.Values()}
}

// ParseRatio reads a positive ratio "num/den" or a whole number ("2").
func ParseRatio(s string) (edit.Ratio, error) {
	num, den, ok := strings.Cut(strings.TrimSpace(s), "/")
	if !ok {
		den = "1"
	}
	n, err1 := strconv.Atoi(num)
	d, err2 := strconv.Atoi(den)
	q := edit.Ratio{Num: n, Den: d}
	if err1 != nil || err2 != nil || !q.Positive() || n < 0 {
		return edit.Ratio{}, fmt.Errorf("%q is not a positive ratio", s)
	}
	return q, nil
}

type reader struct {
	v   map[string]string
	err error
}

func (r *reader) text(k string) (string, bool) {
	if r.err != nil {
		return "", false
	}
	s, ok := r.v[k]
	if !ok {
		r.err = fmt.Errorf("%s: missing", k)
	}
	return s, ok
}

func (r *reader) int(k string) int64 {
	s, ok := r.text(k)
	if !ok {
		return 0
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		r.err = fmt.Errorf("%s: %q is not a whole number", k, s)
	}
	return n
}

func (r *reader) float(k string) float64 {
	s, ok := r.text(k)
	if !ok {
		return 0
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || !finite(f) {
		r.err = fmt.Errorf("%s: %q is not a number", k, s)
	}
	return f
}

func (r *reader) triple(k string) [3]float64 {
	var out [3]float64
	s, ok := r.text(k)
	if !ok {
		return out
	}
	f := strings.Fields(s)
	if len(f) != 3 {
		r.err = fmt.Errorf("%s: %q is not three numbers", k, s)
		return out
	}
	for i, x := range f {
		v, err := strconv.ParseFloat(x, 64)
		if err != nil || !finite(v) {
			r.err = fmt.Errorf("%s: %q is not a number", k, x)
			return out
		}
		out[i] = v
	}
	return out
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// ftoa writes f with 6 significant digits, so that IDs do not move with
// the last bits of a measurement.
func ftoa(f float64) string { return strconv.FormatFloat(f, 'g', 6, 64) }

func triple(v [3]float64) string { return ftoa(v[0]) + " " + ftoa(v[1]) + " " + ftoa(v[2]) }

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }
