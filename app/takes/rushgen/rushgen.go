// Package rushgen generates a realistic rushes folder, with its ground
// truth, for Rushcut's take analysis and smart rough cut: camera-named MOV
// files (A001_C007_1129XY.mov) with a start timecode and a reel name, each
// one take of a setup. A take is a black leader, a slate board printed with
// its scene and take, the clap (the board leaves the frame and a 30 ms
// broadband burst sounds at that exact frame, over room tone), a settling
// pre-roll, the action (a single shot of a real opencv-doc clip, or a slow
// push on a still, with speech-like sound well above the room tone) and a
// tail where the camera pans off the set, defocuses or goes black.
//
// Several setups cover a scene as different framings (wide, medium,
// close) of the same action; some setups are MOS (no audio stream); a
// pickup returns to an earlier setup later in the day; some takes are
// spoiled (out of focus, over-exposed, shaky, cut short) and some slates
// are unreadable (blank, blurred, out of frame). The truth (Truth, written
// as truth.json beside the media) is computed from the generator's own
// parameters, never measured.
//
// Every pixel and sample is made by the ffmpeg CLI's filters, one ffmpeg
// run per take. Plans are deterministic from their seed: Small for tests,
// Day for benchmarks, Holdout for scoring only (never for tuning).
package rushgen

import "path/filepath"

// DataDir is where Debian's opencv-doc package installs the footage.
const DataDir = "/usr/share/doc/opencv-doc/examples/data"

// FontFile is the slate's font, and FontPackage the Debian package that
// installs it.
const (
	FontFile    = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
	FontPackage = "fonts-dejavu-core"
)

// Geometry of every generated file: picture size, frame rate (integer,
// non-drop timecode) and audio sample rate (mono).
const (
	Width      = 480
	Height     = 270
	FPS        = 25
	SampleRate = 48000
	// SamplesPerFrame is the audio samples in one video frame.
	SamplesPerFrame = SampleRate / FPS
)

// TruthFile is the name of the truth JSON written beside the media.
const TruthFile = "truth.json"

// Spoil is what ruins a take; the zero value is a good take.
type Spoil string

// The ways a take is spoiled.
const (
	// Good is an unspoiled take.
	Good Spoil = ""
	// Focus is out of focus throughout (a strong blur on the scene).
	Focus Spoil = "focus"
	// Exposure is over-exposed throughout (raised brightness and contrast).
	Exposure Spoil = "exposure"
	// Shaky has the camera jittering by random offsets every frame.
	Shaky Spoil = "shaky"
	// Short has its action cut short (truncated to about half).
	Short Spoil = "short"
)

// SlateStyle is how readable the slate board is.
type SlateStyle string

// The slate styles. Every style but Clear is unreadable.
const (
	// Clear prints the scene, take and roll legibly.
	Clear SlateStyle = "clear"
	// Blank is a board with nothing written on it.
	Blank SlateStyle = "blank"
	// Blurred is a board too blurred to read.
	Blurred SlateStyle = "blurred"
	// OffFrame is a board held almost entirely out of frame.
	OffFrame SlateStyle = "offframe"
)

// TailKind is how a take ends after the action.
type TailKind string

// The tail kinds.
const (
	// Drift pans the camera off the set onto a dark wall.
	Drift TailKind = "drift"
	// Defocus ramps a blur up over the tail.
	Defocus TailKind = "defocus"
	// Black fades the picture to black over a few frames.
	Black TailKind = "black"
)

// Setup is one camera position on one scene: a framing of a source
// segment that is the scene's action.
type Setup struct {
	// ID is the slate's setup name: the scene number, then a letter for
	// each further setup of the scene ("3", "3A", "3B").
	ID string `json:"id"`
	// Scene is the scene number.
	Scene int `json:"scene"`
	// Source is a file name in DataDir: an .avi clip or a still image.
	Source string `json:"source"`
	// Start and Frames are the action's first source frame and length
	// (a still is pushed in on for Frames frames).
	Start  int `json:"start"`
	Frames int `json:"frames"`
	// Framing names the crop: "wide", "medium" or "close".
	Framing string `json:"framing"`
	// CX and CY centre the framing's crop, as fractions of the source
	// picture.
	CX float64 `json:"cx"`
	CY float64 `json:"cy"`
	// MOS setups are shot without sound: their files have no audio stream.
	MOS bool `json:"mos"`
}

// Take is one fully planned take: everything Generate needs, fixed by the
// plan's seed.
type Take struct {
	// File is the camera-style file name, Reel the card it was shot on.
	File string `json:"file"`
	Reel string `json:"reel"`
	// Setup is the Setup's ID, Number the take number on the slate.
	Setup  string `json:"setup"`
	Number int    `json:"number"`
	// Pickup marks a return to the setup later in the day.
	Pickup bool       `json:"pickup"`
	Spoil  Spoil      `json:"spoil"`
	Slate  SlateStyle `json:"slate"`
	Tail   TailKind   `json:"tail"`
	// Start is the start timecode, as frames since midnight.
	Start int `json:"start"`
	// Lengths in frames of the parts, in order: black leader, slate
	// (board in frame), settling pre-roll, action, tail.
	Leader   int `json:"leader"`
	SlateLen int `json:"slate_len"`
	Preroll  int `json:"preroll"`
	Action   int `json:"action"`
	TailLen  int `json:"tail_len"`
	// BoardX and BoardY place the slate board's top-left corner.
	BoardX int `json:"board_x"`
	BoardY int `json:"board_y"`
	// Seed seeds the take's noise sources.
	Seed int `json:"seed"`
}

// Frames is the take's length in frames.
func (t Take) Frames() int { return t.Leader + t.SlateLen + t.Preroll + t.Action + t.TailLen }

// Clap is the clap frame: the first frame without the board, where the
// burst starts.
func (t Take) Clap() int { return t.Leader + t.SlateLen }

// In is the first frame of the action, after the settling pre-roll.
func (t Take) In() int { return t.Clap() + t.Preroll }

// Out is the last frame of the action, before the tail.
func (t Take) Out() int { return t.In() + t.Action - 1 }

// Plan is a shooting day: the setups and the takes in shooting order.
type Plan struct {
	// Name names the plan ("small", "day", "holdout").
	Name string `json:"name"`
	// Seed is the seed every random choice was drawn from.
	Seed   uint64  `json:"seed"`
	Setups []Setup `json:"setups"`
	Takes  []Take  `json:"takes"`
}

// Setup returns the setup with the given ID, and whether there is one.
func (p Plan) Setup(id string) (Setup, bool) {
	for _, s := range p.Setups {
		if s.ID == id {
			return s, true
		}
	}
	return Setup{}, false
}

func src(name string) string { return filepath.Join(DataDir, name) }
