package rushgen

import (
	"fmt"
	"sort"
)

// Unreadable is the slate text of a take whose slate cannot be read.
const Unreadable = "unreadable"

// NoClap is the clap frame of a take with no clap sound (MOS).
const NoClap = -1

// BestRule says how the best take of a setup is chosen.
const BestRule = "among the setup's unspoiled takes (not out of focus, over-exposed, shaky or cut short) " +
	"the one with the most usable frames; ties go to the later take (the higher take number, shot later), " +
	"the last good take being the one a director usually prints"

// RoughCutRule says how the expected rough cut is ordered.
const RoughCutRule = "the best take of every setup, by scene number, then by the take's start timecode"

// Truth is the ground truth of a generated rushes folder, computed from
// the plan that made it.
type Truth struct {
	Plan       string `json:"plan"`
	Seed       uint64 `json:"seed"`
	FPS        string `json:"fps"`
	Width      int    `json:"width"`
	Height     int    `json:"height"`
	SampleRate int    `json:"sample_rate"`
	// Takes are in shooting order.
	Takes []TakeTruth `json:"takes"`
	// Best maps each setup ID to the file of its best take.
	Best     map[string]string `json:"best"`
	BestRule string            `json:"best_rule"`
	// RoughCut lists the expected rough cut's files in order.
	RoughCut     []string `json:"rough_cut"`
	RoughCutRule string   `json:"rough_cut_rule"`
}

// TakeTruth is the truth of one take. Frames are 0-based indexes of the
// file's decoded frames.
type TakeTruth struct {
	File  string `json:"file"`
	Reel  string `json:"reel"`
	Scene int    `json:"scene"`
	Setup string `json:"setup"`
	Take  int    `json:"take"`
	// Pickup marks a return to the setup later in the day.
	Pickup bool `json:"pickup"`
	// Framing is "wide", "medium" or "close"; Source, SourceStart and
	// SourceFrames the footage the action shows.
	Framing      string `json:"framing"`
	Source       string `json:"source"`
	SourceStart  int    `json:"source_start"`
	SourceFrames int    `json:"source_frames"`
	// StartTC is the start timecode (non-drop, 25 fps), StartFrame the
	// same as frames since midnight.
	StartTC    string `json:"start_tc"`
	StartFrame int    `json:"start_frame"`
	// Frames is the file's length in frames; Seconds the same in seconds.
	Frames  int     `json:"frames"`
	Seconds float64 `json:"seconds"`
	// MOS takes have no audio stream.
	MOS bool `json:"mos"`
	// Slate is the board's text ("SCENE 1A TAKE 2", with " PU" after a
	// pickup's take number) or Unreadable; SlateStyle how it looks.
	Slate      string     `json:"slate"`
	SlateStyle SlateStyle `json:"slate_style"`
	// BoardIn is the first frame with the board in frame; BoardOut the
	// first frame after it left (the picture's clap).
	BoardIn  int `json:"board_in"`
	BoardOut int `json:"board_out"`
	// Clap is the frame where the clap's burst starts (its first sample
	// is Clap×SamplesPerFrame), or NoClap for MOS takes.
	Clap int `json:"clap"`
	// In and Out are the usable range, inclusive: the first frame of the
	// action after the settling pre-roll, and the last before the tail.
	In  int `json:"in"`
	Out int `json:"out"`
	// Tail is how the take ends after Out.
	Tail TailKind `json:"tail"`
	// Spoiled is why the take is no good, empty for a good take.
	Spoiled Spoil `json:"spoiled"`
	// Best marks the setup's best take (see BestRule).
	Best bool `json:"best"`
}

// SlateText is what a clear slate for the take says.
func SlateText(setup string, take int, pickup bool) string {
	s := fmt.Sprintf("SCENE %s TAKE %d", setup, take)
	if pickup {
		s += " PU"
	}
	return s
}

// Timecode formats frames since midnight as non-drop HH:MM:SS:FF at FPS.
func Timecode(frames int) string {
	f := frames % FPS
	s := frames / FPS
	return fmt.Sprintf("%02d:%02d:%02d:%02d", s/3600, s/60%60, s%60, f)
}

// Truth computes the plan's ground truth.
func (p Plan) Truth() Truth {
	t := Truth{Plan: p.Name, Seed: p.Seed, FPS: fmt.Sprintf("%d/1", FPS), Width: Width, Height: Height,
		SampleRate: SampleRate, Best: map[string]string{}, BestRule: BestRule, RoughCutRule: RoughCutRule}
	best := map[string]int{} // setup → index in t.Takes
	for _, tk := range p.Takes {
		su, _ := p.Setup(tk.Setup)
		tt := TakeTruth{
			File: tk.File, Reel: tk.Reel, Scene: su.Scene, Setup: su.ID, Take: tk.Number, Pickup: tk.Pickup,
			Framing: su.Framing, Source: su.Source, SourceStart: su.Start, SourceFrames: tk.Action,
			StartTC: Timecode(tk.Start), StartFrame: tk.Start, Frames: tk.Frames(),
			Seconds: float64(tk.Frames()) / FPS, MOS: su.MOS,
			Slate: Unreadable, SlateStyle: tk.Slate, BoardIn: tk.Leader, BoardOut: tk.Clap(), Clap: tk.Clap(),
			In: tk.In(), Out: tk.Out(), Tail: tk.Tail, Spoiled: tk.Spoil,
		}
		if tk.Slate == Clear {
			tt.Slate = SlateText(su.ID, tk.Number, tk.Pickup)
		}
		if su.MOS {
			tt.Clap = NoClap
		}
		t.Takes = append(t.Takes, tt)
		if tk.Spoil != Good {
			continue
		}
		// Takes come in shooting order, so a tie goes to this later one.
		if b, ok := best[su.ID]; !ok || tt.Out-tt.In >= t.Takes[b].Out-t.Takes[b].In {
			best[su.ID] = len(t.Takes) - 1
		}
	}
	var rough []TakeTruth
	for id, i := range best {
		t.Takes[i].Best = true
		t.Best[id] = t.Takes[i].File
		rough = append(rough, t.Takes[i])
	}
	sort.Slice(rough, func(i, j int) bool {
		if rough[i].Scene != rough[j].Scene {
			return rough[i].Scene < rough[j].Scene
		}
		return rough[i].StartFrame < rough[j].StartFrame
	})
	for _, r := range rough {
		t.RoughCut = append(t.RoughCut, r.File)
	}
	return t
}
