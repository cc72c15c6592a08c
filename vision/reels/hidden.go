package reels

// Hidden is the set for the semantic (ViT) cut cue: every join is a hard
// cut between two moving shots (fast pans with motion blur, handheld
// shake), where pixel statistics put much of the change down to camera
// motion. It is built from the opencv-doc .avi clips only, which the
// shipped model never saw in training (its stills were), and was written
// after the cue's thresholds were fixed and before it was first scored.
// It is no longer blind: its one miss led to the cue's contrast-only
// trust rule (see HiddenDark and models/README.md).
func Hidden() []Reel {
	return []Reel{
		{Name: "hidden-motion", Segments: []Segment{
			{Source: "vtest.avi", Start: 100, Frames: 30, Move: "fastpan"},
			{Source: "Megamind.avi", Start: 10, Frames: 30, Move: "fastpan"},
			{Source: "vtest.avi", Start: 300, Frames: 30, Move: "shake"},
			{Source: "Megamind.avi", Start: 160, Frames: 30, Move: "shake"},
			{Source: "tree.avi", Start: 5, Frames: 30, Move: "fastpanleft"},
			{Source: "Megamind.avi", Start: 205, Frames: 30, Move: "fastpanleft"},
			{Source: "vtest.avi", Start: 500, Frames: 30, Move: "shake"},
			{Source: "Megamind.avi", Start: 110, Frames: 30, Move: "fastpan"},
			{Source: "tree.avi", Start: 35, Frames: 30, Move: "shake"},
		}, Joins: []Join{cut(), cut(), cut(), cut(), cut(), cut(), cut(), cut()}},
		{Name: "hidden-motion2", Segments: []Segment{
			{Source: "Megamind.avi", Start: 40, Frames: 40, Move: "shake"},
			{Source: "vtest.avi", Start: 650, Frames: 24, Move: "fastpan"},
			{Source: "Megamind.avi", Start: 225, Frames: 24, Move: "fastpan"},
			{Source: "vtest.avi", Start: 50, Frames: 40, Move: "shake"},
			{Source: "Megamind.avi", Start: 120, Frames: 30, Move: "fastpanleft"},
			{Source: "tree.avi", Start: 10, Frames: 40, Move: "shake"},
			{Source: "vtest.avi", Start: 720, Frames: 30, Move: "fastpanleft"},
		}, Joins: []Join{cut(), cut(), cut(), cut(), cut(), cut()}},
	}
}

// HiddenDark is a second blind set for the semantic cue, written after the
// cue's first scoring on Hidden showed a cut into a dark interior refused
// by the brightness rule, and before any version of the cue was scored on
// it: cuts between moving shots, half of them darkened (low key, low
// contrast), and fades to and from black between moving shots, where the
// cue must not fire. Like Hidden, it uses only the .avi clips.
func HiddenDark() []Reel {
	return []Reel{
		{Name: "hidden-dark", Segments: []Segment{
			{Source: "Megamind.avi", Start: 60, Frames: 30, Move: "fastpan", Dark: true},
			{Source: "vtest.avi", Start: 150, Frames: 30, Move: "shake", Dark: true},
			{Source: "Megamind.avi", Start: 205, Frames: 30, Move: "shake"},
			{Source: "tree.avi", Start: 20, Frames: 30, Move: "fastpan", Dark: true},
			{Source: "Megamind.avi", Start: 125, Frames: 26, Move: "fastpanleft", Dark: true},
			{Source: "vtest.avi", Start: 420, Frames: 30, Move: "fastpanleft"},
			{Source: "Megamind.avi", Start: 170, Frames: 28, Move: "shake", Dark: true},
			{Source: "vtest.avi", Start: 600, Frames: 30, Move: "shake", Dark: true},
		}, Joins: []Join{cut(), cut(), cut(), cut(), cut(), cut(), cut()}},
		{Name: "hidden-fades", Segments: []Segment{
			{Source: "vtest.avi", Start: 60, Frames: 40, Move: "fastpan", FadeOut: 12},
			black(3),
			{Source: "Megamind.avi", Start: 20, Frames: 40, Move: "shake", FadeIn: 8},
			{Source: "tree.avi", Start: 30, Frames: 36, Move: "shake", FadeOut: 10},
			black(5),
			{Source: "Megamind.avi", Start: 210, Frames: 40, Move: "fastpan", FadeIn: 10, FadeOut: 8},
			black(2),
			{Source: "vtest.avi", Start: 700, Frames: 40, Move: "shake", Dark: true, FadeIn: 6},
		}, Joins: []Join{cut(), cut(), cut(), cut(), cut(), cut(), cut()}},
	}
}
