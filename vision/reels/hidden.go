package reels

// Hidden is the set for the semantic (ViT) cut cue: every join is a hard
// cut between two moving shots (fast pans with motion blur, handheld
// shake), where pixel statistics put much of the change down to camera
// motion. It is built from the opencv-doc .avi clips only, which the
// shipped model never saw in training (its stills were), and was written
// after the cue's thresholds were fixed and before it was first scored.
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
