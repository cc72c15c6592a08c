package reels

// Holdout is a second labelled set, built from other stills, other clip
// ranges and other transition lengths, and written after the detector's
// parameters were fixed: it was never used to tune them, so its scores
// say how the detector does on reels it has not seen.
func Holdout() []Reel {
	return []Reel{
		{Name: "holdout-mix", Segments: []Segment{
			{Source: "vtest.avi", Start: 650, Frames: 36, FadeIn: 9},
			{Source: "aero1.jpg", Frames: 44, Move: "panleft"},
			{Source: "Megamind.avi", Start: 30, Frames: 40},
			{Source: "squirrel_cls.jpg", Frames: 38, Move: "zoomin"},
			{Source: "tree.avi", Start: 20, Frames: 30},
			{Source: "stuff.jpg", Frames: 40, Move: "zoomout"},
			{Source: "Megamind.avi", Start: 120, Frames: 30},
			{Source: "pic2.png", Frames: 40, Move: "panright", FadeOut: 10},
			black(4),
			{Source: "Megamind.avi", Start: 230, Frames: 36, FadeIn: 6},
		}, Joins: []Join{dissolve(6), cut(), dissolve(14), cut(), dissolve(25), cut(), cut(), cut(), cut()}},
		{Name: "holdout-traps", Segments: []Segment{
			{Source: "aero1.jpg", Frames: 45, Move: "whip", TrapAt: 15},
			{Source: "vtest.avi", Start: 250, Frames: 45, Trap: "object", TrapAt: 10},
			{Source: "Megamind.avi", Start: 160, Frames: 38, Trap: "ramp", TrapAt: 5},
			{Source: "tree.avi", Start: 10, Frames: 50, Trap: "flash", TrapAt: 25},
			{Source: "sudoku.png", Frames: 45, Move: "panright", Trap: "flicker"},
			{Source: "Megamind.avi", Start: 210, Frames: 45, Trap: "partflash", TrapAt: 30},
			{Source: "board.jpg", Frames: 45, Move: "static", Trap: "flash2", TrapAt: 20},
		}, Joins: []Join{cut(), cut(), cut(), cut(), cut(), cut()}},
		{Name: "holdout-dark", Segments: []Segment{
			{Source: "vtest.avi", Start: 700, Frames: 40, Dark: true},
			{Source: "home.jpg", Frames: 40, Move: "zoomin", Dark: true},
			{Source: "Megamind.avi", Start: 100, Frames: 40, Dark: true},
			{Source: "fruits.jpg", Frames: 40, Move: "panleft", Dark: true},
			{Source: "Megamind.avi", Start: 5, Frames: 40, Dark: true, FadeOut: 12},
		}, Joins: []Join{cut(), dissolve(20), cut(), dissolve(10)}},
	}
}
