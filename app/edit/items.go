package edit

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
)

// Item is an element of a Track: *Clip, *Gap or *Transition.
type Item interface {
	// TrackLength is the number of timeline frames the item takes on its
	// track; 0 for a Transition, which overlaps its neighbours.
	TrackLength() int64
	// ItemID returns the item's stable ID ("" when it has none yet; see
	// Timeline.EnsureIDs).
	ItemID() string
	isItem()
}

// Clip plays part of a media file on a track.
type Clip struct {
	// ID identifies the clip within its timeline; it survives Clone, saving
	// and reloading (see Timeline.EnsureIDs).
	ID string `json:"id,omitempty"`
	// Name is the clip's name; empty means the media's DisplayName.
	Name string `json:"name,omitempty"`
	// Media is the file the clip plays.
	Media *MediaReference `json:"media"`
	// SourceIn is the first media frame played, in the media's own time at
	// Media.Rate (Media.Start is the file's first frame).
	SourceIn int64 `json:"source_in"`
	// Duration is the clip's length on its track, in timeline frames.
	Duration int64 `json:"duration"`
	// Effects apply in order; see EffectSpeed.
	Effects []Effect `json:"effects,omitempty"`
	// Markers annotate the clip.
	Markers []Marker `json:"markers,omitempty"`
	// Provenance says which suggestion put the clip here, if any.
	Provenance *Provenance `json:"provenance,omitempty"`
	// Metadata holds anything else worth keeping with the clip (see
	// Metadata).
	Metadata Metadata `json:"metadata,omitempty"`
}

// ClipFromSource returns a clip playing the media frames src (in the
// media's own time and rate) at normal speed in a timeline at rate
// timeline. When the media conforms in real time and src does not fill a
// whole number of timeline frames, the clip is the longest that stays
// inside src (see RecordFrames).
func ClipFromSource(m *MediaReference, src TimeRange, timeline Rate) *Clip {
	return &Clip{
		Media:    m,
		SourceIn: src.Start,
		Duration: RecordFrames(src.Duration, One, m.Rate, timeline),
	}
}

// TrackLength returns Duration.
func (c *Clip) TrackLength() int64 { return c.Duration }

// ItemID returns ID.
func (c *Clip) ItemID() string { return c.ID }
func (*Clip) isItem()          {}

// DisplayName returns Name, or the media's display name.
func (c *Clip) DisplayName() string {
	if c.Name != "" || c.Media == nil {
		return c.Name
	}
	return c.Media.DisplayName()
}

// Speed returns the product of the clip's speed effects (1/1 when none).
func (c *Clip) Speed() Ratio {
	s := One
	for _, e := range c.Effects {
		if e.Kind == EffectSpeed {
			s = s.Mul(e.Speed)
		}
	}
	return s
}

// SourceRange returns the media frames the clip consumes, at the media's
// rate: from SourceIn for SourceFrames(Duration) frames.
func (c *Clip) SourceRange(timeline Rate) TimeRange {
	if c.Media == nil {
		return TimeRange{Start: c.SourceIn}
	}
	return TimeRange{
		Start:    c.SourceIn,
		Duration: SourceFrames(c.Duration, c.Speed(), c.Media.Rate, timeline),
		Rate:     c.Media.Rate,
	}
}

// Gap is empty track time (black, silence).
type Gap struct {
	// ID identifies the gap within its timeline (see Clip.ID).
	ID string `json:"id,omitempty"`
	// Duration is the gap's length in timeline frames.
	Duration int64 `json:"duration"`
	// Provenance says which suggestion left the gap, if any.
	Provenance *Provenance `json:"provenance,omitempty"`
	// Metadata holds anything else worth keeping with the gap.
	Metadata Metadata `json:"metadata,omitempty"`
}

// TrackLength returns Duration.
func (g *Gap) TrackLength() int64 { return g.Duration }

// ItemID returns ID.
func (g *Gap) ItemID() string { return g.ID }
func (*Gap) isItem()          {}

// TransitionKind names a transition.
type TransitionKind string

// Transition kinds.
const (
	// Dissolve is a cross dissolve (SMPTE_Dissolve in OTIO, D in an EDL).
	Dissolve TransitionKind = "dissolve"
	// Wipe is a SMPTE wipe with a wipe code (W001… in an EDL).
	Wipe TransitionKind = "wipe"
	// FadeIn is a dissolve from black into the clip after it (D from BL in
	// an EDL). It opens the track or follows a gap, has InOffset 0, and
	// lasts OutOffset frames of the clip after it; it needs no handles.
	FadeIn TransitionKind = "fade_in"
	// FadeOut is a dissolve from the clip before it to black (an event to
	// BL in an EDL). It closes the track or precedes a gap, has OutOffset
	// 0, and lasts InOffset frames of the clip before it.
	FadeOut TransitionKind = "fade_out"
)

// Transition blends the clip before it into the clip after it. As in
// OpenTimelineIO it starts InOffset frames before the cut and ends
// OutOffset frames after it; the outgoing clip plays OutOffset frames past
// its end and the incoming clip starts InOffset frames before its SourceIn
// (handles), so the media must have them.
type Transition struct {
	// ID identifies the transition within its timeline (see Clip.ID).
	ID string `json:"id,omitempty"`
	// Name is an optional label.
	Name string `json:"name,omitempty"`
	// Kind is Dissolve, Wipe, FadeIn or FadeOut.
	Kind TransitionKind `json:"kind"`
	// WipeCode is the SMPTE wipe pattern number (1–999) for a Wipe.
	WipeCode int `json:"wipe_code,omitempty"`
	// InOffset is the number of timeline frames before the cut.
	InOffset int64 `json:"in_offset"`
	// OutOffset is the number of timeline frames after the cut.
	OutOffset int64 `json:"out_offset"`
	// Provenance says which suggestion put the transition here, if any.
	Provenance *Provenance `json:"provenance,omitempty"`
	// Metadata holds anything else worth keeping with the transition.
	Metadata Metadata `json:"metadata,omitempty"`
}

// TrackLength returns 0: a transition overlaps its neighbours.
func (*Transition) TrackLength() int64 { return 0 }

// ItemID returns ID.
func (t *Transition) ItemID() string { return t.ID }
func (*Transition) isItem()          {}

// Duration returns InOffset + OutOffset.
func (t *Transition) Duration() int64 { return t.InOffset + t.OutOffset }

// EffectKind names an effect.
type EffectKind string

// Effect kinds. EffectSpeed is the one every exporter writes (EDL M2, FCP
// XML time remap, OTIO LinearTimeWarp); EffectColor carries an ASC CDL
// (EDL *ASC_SOP/*ASC_SAT comments, .cdl files); the other kinds travel as
// parameters and markers where a format has no effect for them.
const (
	// EffectSpeed plays the clip at Effect.Speed.
	EffectSpeed EffectKind = "speed"
	// EffectColor grades the clip with Effect.CDL (a colour match).
	EffectColor EffectKind = "color"
	// EffectStabilize smooths the camera path; Params "radius" (frames of
	// smoothing) and "crop" (fraction of the frame lost, 0..1).
	EffectStabilize EffectKind = "stabilize"
	// EffectFlashRemove replaces damaged or flash frames by their
	// neighbour; Params "frames" lists them (comma-separated media frame
	// numbers).
	EffectFlashRemove EffectKind = "flash_remove"
)

// CDL is an American Society of Cinematographers Colour Decision List
// correction: out = clamp(in×Slope + Offset)^Power per channel (R, G, B),
// then saturation Sat around Rec.709 luma.
type CDL struct {
	// Slope, Offset and Power are per channel, R G B.
	Slope  [3]float64 `json:"slope"`
	Offset [3]float64 `json:"offset"`
	Power  [3]float64 `json:"power"`
	// Sat is the saturation; 1 leaves it.
	Sat float64 `json:"sat"`
}

// Validate refuses a CDL outside the ASC ranges, which no ASC_SOP line or
// .cdl file can carry: non-finite numbers, a negative slope or
// saturation, a power that is not positive.
func (c CDL) Validate() error {
	vals := append(append(append([]float64{c.Sat}, c.Slope[:]...), c.Offset[:]...), c.Power[:]...)
	for _, v := range vals {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("CDL value %v is not a number", v)
		}
	}
	for i := range 3 {
		if c.Slope[i] < 0 || c.Power[i] <= 0 {
			return fmt.Errorf("CDL slope %v / power %v: slope must be ≥ 0 and power > 0", c.Slope[i], c.Power[i])
		}
	}
	if c.Sat < 0 {
		return fmt.Errorf("CDL saturation %v is negative", c.Sat)
	}
	return nil
}

// IdentityCDL returns the CDL that changes nothing.
func IdentityCDL() CDL {
	return CDL{Slope: [3]float64{1, 1, 1}, Power: [3]float64{1, 1, 1}, Sat: 1}
}

// Effect is something applied to a clip: a kind and its parameters.
type Effect struct {
	// Kind names the effect.
	Kind EffectKind `json:"kind"`
	// Speed is the time-warp factor of an EffectSpeed (2/1 plays twice as
	// fast, so the clip consumes twice its length of media).
	Speed Ratio `json:"speed,omitempty"`
	// CDL is the grade of an EffectColor.
	CDL *CDL `json:"cdl,omitempty"`
	// Params holds the parameters of other kinds, by name.
	Params map[string]string `json:"params,omitempty"`
}

// ParamText writes Params as "k=v k=v", sorted by name ("" when none).
func (e Effect) ParamText() string {
	parts := make([]string, 0, len(e.Params))
	for _, k := range slices.Sorted(maps.Keys(e.Params)) {
		parts = append(parts, k+"="+e.Params[k])
	}
	return strings.Join(parts, " ")
}

// SpeedEffect returns an EffectSpeed of num/den.
func SpeedEffect(num, den int) Effect {
	return Effect{Kind: EffectSpeed, Speed: Ratio{num, den}}
}

// MarkerColor is a marker colour, named as OpenTimelineIO names them
// (RED, GREEN, BLUE, ...).
type MarkerColor string

// Marker colours.
const (
	Red    MarkerColor = "RED"
	Green  MarkerColor = "GREEN"
	Blue   MarkerColor = "BLUE"
	Yellow MarkerColor = "YELLOW"
	Cyan   MarkerColor = "CYAN"
)

// Marker annotates a clip, e.g. with a suggestion's reason.
type Marker struct {
	// Name is the marker's short text.
	Name string `json:"name"`
	// Comment is optional longer text.
	Comment string `json:"comment,omitempty"`
	// Color is the marker colour; empty means Red.
	Color MarkerColor `json:"color,omitempty"`
	// Start is the marked frame, counted in timeline frames from the clip's
	// start on its track.
	Start int64 `json:"start"`
	// Duration is the marked length in timeline frames (0 for a point).
	Duration int64 `json:"duration,omitempty"`
}
