package vision

// Kind is the type of a transition.
type Kind string

// The transition kinds the detector reports.
const (
	// Cut is a hard cut; its Frame is the first frame of the new shot.
	Cut Kind = "cut"
	// Dissolve is a cross-dissolve between two shots.
	Dissolve Kind = "dissolve"
	// FadeIn is a fade from black into a shot.
	FadeIn Kind = "fade_in"
	// FadeOut is a fade from a shot to black.
	FadeOut Kind = "fade_out"
	// Wipe is a wipe (an edge crossing the picture, the new shot behind
	// it) or a push (the new shot sliding in as the old one slides out).
	Wipe Kind = "wipe"
	// FadeOutWhite and FadeInWhite are a fade from a shot to white and
	// from white into a shot (together, a dip to white).
	FadeOutWhite Kind = "fade_out_white"
	FadeInWhite  Kind = "fade_in_white"
	// FadeOutColor and FadeInColor are a fade from a shot to a flat field
	// of another colour, and from one into a shot (a dip to a colour).
	FadeOutColor Kind = "fade_out_color"
	FadeInColor  Kind = "fade_in_color"
)

// Kinds lists every kind the detector reports.
var Kinds = []Kind{Cut, Dissolve, FadeIn, FadeOut, Wipe, FadeOutWhite, FadeInWhite, FadeOutColor, FadeInColor}

// Known reports whether k is one of Kinds.
func (k Kind) Known() bool {
	for _, x := range Kinds {
		if k == x {
			return true
		}
	}
	return false
}

// Gradual reports whether k spans frames (dissolves, fades, wipes).
func (k Kind) Gradual() bool { return k != Cut }

// Transition is one detected transition. A cut has Frame (the first frame
// of the new shot) and Start == End == Frame; a gradual transition has
// inclusive Start and End frames and Frame at its middle.
type Transition struct {
	Kind       Kind    `json:"kind"`
	Frame      int     `json:"frame"`
	Start      int     `json:"start"`
	End        int     `json:"end"`
	Confidence float64 `json:"confidence"`
	// Direction is, for a wipe, the way its edge travels across the
	// picture and, for a push, the way both pictures slide: "left",
	// "right", "up" or "down". It is empty for the other kinds.
	Direction string `json:"direction,omitempty"`
}

// Shot is a steady picture range between transitions, inclusive.
type Shot struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Result is what Detect finds in a file's features.
type Result struct {
	// Frames is the number of frames analysed.
	Frames int
	// Transitions are in frame order.
	Transitions []Transition
	// Shots cover the frames outside transitions and black segments.
	Shots []Shot
	// Black lists (near-)black frame ranges, inclusive.
	Black [][2]int
	// Flashes lists single frames (or short runs) that differ from the
	// frames on both sides: photo flashes, damaged frames, a frame of
	// something else. They are never transitions.
	Flashes []int
}
