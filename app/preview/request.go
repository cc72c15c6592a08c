package preview

import (
	"errors"
	"fmt"
	"slices"

	"rushcut/app/edit"
)

// Kind names the effect a preview shows.
type Kind string

// Effect kinds a preview renders.
const (
	Stabilize   Kind = "stabilize"
	Color       Kind = "color"
	Speed       Kind = "speed"
	FlashRemove Kind = "flash_remove"
	Dissolve    Kind = "dissolve"
	EdgeWipe    Kind = "wipe"
	FadeIn      Kind = "fade_in"
	FadeOut     Kind = "fade_out"
)

// Kinds lists every kind, in the order the CLI names them.
var Kinds = []Kind{Stabilize, Color, Speed, FlashRemove, Dissolve, EdgeWipe, FadeIn, FadeOut}

// transition is true for the kinds that go from an outgoing clip (From)
// to an incoming one (Source): Dissolve and EdgeWipe.
func (k Kind) transition() bool { return k == Dissolve || k == EdgeWipe }

// Directions are the ways an EdgeWipe's edge can travel.
var Directions = []string{"right", "left", "down", "up"}

// Layout is how the clip shows the before and the after.
type Layout string

// Layouts.
const (
	// Split shows before left of a fixed divider at the middle, after
	// right of it.
	Split Layout = "split"
	// Wipe moves the divider from left to right over the clip.
	Wipe Layout = "wipe"
	// After shows only the after: the effect rendered whole.
	After Layout = "after"
)

// Source is a range of a media file's frames: frame numbers counted from
// the file's first decoded frame (0), Out exclusive.
type Source struct {
	Path string `json:"path"`
	In   int    `json:"in"`
	Out  int    `json:"out"`
}

// Len is Out − In.
func (s Source) Len() int { return s.Out - s.In }

// Effect is the effect to preview and its parameters; only those of its
// Kind are used.
type Effect struct {
	Kind Kind `json:"kind"`
	// Radius (Stabilize) is the smoothing half-window in frames; MaxCrop
	// the largest fraction of the width and height the zoom may cost (0:
	// 0.10).
	Radius  int     `json:"radius,omitempty"`
	MaxCrop float64 `json:"max_crop,omitempty"`
	// CDL (Color) is the grade.
	CDL edit.CDL `json:"cdl"`
	// Speed (Speed) is the time-warp factor: 1/2 is half speed. Flow
	// makes slow-motion in-betweens by optical flow instead of blending.
	Speed edit.Ratio `json:"speed"`
	Flow  bool       `json:"flow,omitempty"`
	// Frames (FlashRemove) are the file's frame numbers to replace with
	// their previous good neighbour.
	Frames []int `json:"frames,omitempty"`
	// From (Dissolve, EdgeWipe) is the outgoing clip: From.Out is its out
	// point (first frame after its last), From.In is unused. The
	// Request's Source is the incoming clip, its In the incoming in point.
	// InOffset and OutOffset are edit.Transition's: frames before and
	// after the cut.
	From      Source `json:"from"`
	InOffset  int    `json:"in_offset,omitempty"`
	OutOffset int    `json:"out_offset,omitempty"`
	// Direction (EdgeWipe) is the way the wipe's edge travels: one of
	// Directions ("right": the incoming picture comes in from the left).
	Direction string `json:"direction,omitempty"`
	// Length (FadeIn, FadeOut) is the fade in frames.
	Length int `json:"length,omitempty"`
}

// Request asks for one preview.
type Request struct {
	// Source is the range the effect applies to (for a Dissolve, the
	// incoming clip).
	Source Source `json:"source"`
	// Effect is what to apply.
	Effect Effect `json:"effect"`
	// Width of the rendered frames (0: 960); the height follows the
	// source's display aspect.
	Width int `json:"width"`
	// Layout of the clip (empty: Split).
	Layout Layout `json:"layout"`
	// MaxSeconds bounds the clip's length (0: 10 s).
	MaxSeconds float64 `json:"max_seconds"`
}

// Defaults.
const (
	DefaultWidth      = 960
	DefaultMaxSeconds = 10.0
	DefaultRadius     = 15
	DefaultMaxCrop    = 0.10
	// context is the seconds shown either side of a cut or around a fade.
	contextSeconds = 1.0
)

// withDefaults fills the zero fields.
func (r Request) withDefaults() Request {
	if r.Width == 0 {
		r.Width = DefaultWidth
	}
	if r.Layout == "" {
		r.Layout = Split
	}
	if r.MaxSeconds == 0 {
		r.MaxSeconds = DefaultMaxSeconds
	}
	e := &r.Effect
	switch e.Kind {
	case Stabilize:
		if e.Radius == 0 {
			e.Radius = DefaultRadius
		}
		if e.MaxCrop == 0 {
			e.MaxCrop = DefaultMaxCrop
		}
	case Color:
		if e.CDL == (edit.CDL{}) {
			e.CDL = edit.IdentityCDL()
		}
	}
	return r
}

// ErrBadRequest marks a request that cannot be rendered as asked (bad
// range, unknown effect, bad parameters).
var ErrBadRequest = errors.New("bad preview request")

// requestError is a bad request's one-line reason; it matches
// ErrBadRequest.
type requestError struct{ msg string }

func (e *requestError) Error() string        { return e.msg }
func (e *requestError) Is(target error) bool { return target == ErrBadRequest }

func bad(format string, a ...any) error {
	return &requestError{fmt.Sprintf(format, a...)}
}

// check validates a request with defaults filled in.
func (r Request) check() error {
	s := r.Source
	if s.Path == "" {
		return bad("no source file")
	}
	if s.In < 0 || s.Out <= s.In {
		return bad("%s: frames %d..%d are not a range", s.Path, s.In, s.Out)
	}
	if r.Width < 16 || r.Width > 7680 {
		return bad("width %d (16..7680)", r.Width)
	}
	switch r.Layout {
	case Split, Wipe, After:
	default:
		return bad("layout %q (split, wipe or after)", r.Layout)
	}
	if !(r.MaxSeconds > 0 && r.MaxSeconds <= 600) {
		return bad("clip length %v s (0..600)", r.MaxSeconds)
	}
	e := r.Effect
	switch e.Kind {
	case Stabilize:
		if e.Radius < 1 || e.Radius > 1000 {
			return bad("stabilize radius %d (1..1000)", e.Radius)
		}
		if !(e.MaxCrop > 0 && e.MaxCrop < 0.5) {
			return bad("stabilize crop %v (0..0.5)", e.MaxCrop)
		}
	case Color:
		c := e.CDL
		for i := range 3 {
			if !(c.Slope[i] > 0 && c.Power[i] > 0) || c.Slope[i] > 1e6 || c.Power[i] > 1e6 || c.Offset[i] != c.Offset[i] {
				return bad("CDL channel %d: slope %v offset %v power %v", i, c.Slope[i], c.Offset[i], c.Power[i])
			}
		}
		if !(c.Sat >= 0 && c.Sat < 1e6) {
			return bad("CDL saturation %v", c.Sat)
		}
	case Speed:
		if !e.Speed.Positive() || e.Speed.Num < 0 || e.Speed.Float() < 0.01 || e.Speed.Float() > 100 {
			return bad("speed %v (1/100..100)", e.Speed)
		}
	case FlashRemove:
		if len(e.Frames) == 0 {
			return bad("flash removal without frames")
		}
		for i, f := range e.Frames {
			if f < s.In || f >= s.Out || (i > 0 && f <= e.Frames[i-1]) {
				return bad("flash frame %d: not ascending inside %d..%d", f, s.In, s.Out)
			}
		}
	case Dissolve, EdgeWipe:
		if e.From.Path == "" || e.From.Out <= 0 {
			return bad("%s without the outgoing clip's file and out point", e.Kind)
		}
		if e.InOffset < 0 || e.OutOffset < 0 || e.InOffset+e.OutOffset <= 0 {
			return bad("%s offsets %d/%d", e.Kind, e.InOffset, e.OutOffset)
		}
		if s.In < e.InOffset {
			return bad("%s: the %s needs %d frames of handle before frame %d", s.Path, e.Kind, e.InOffset, s.In)
		}
		if e.Kind == EdgeWipe && !slices.Contains(Directions, e.Direction) {
			return bad("wipe direction %q (right, left, down or up)", e.Direction)
		}
	case FadeIn, FadeOut:
		if e.Length < 1 || e.Length > s.Len() {
			return bad("%s of %d frames on a range of %d", e.Kind, e.Length, s.Len())
		}
	default:
		return bad("unknown effect %q", e.Kind)
	}
	return nil
}
