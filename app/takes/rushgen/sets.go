package rushgen

import "fmt"

// Small is the test day: 3 setups and 8 takes of 7–8 s each, shot out of
// scene order. Scene 2 (the surveillance camera of vtest.avi) is MOS and
// shot first: a shaky take with its slate out of frame, then a good one.
// Scene 1 (Megamind's first shot) has a wide setup "1" (a take cut short,
// a good take, a good take with a blank slate: the tie goes to the later
// one) and a close setup "1A" of the same action (out of focus, then
// over-exposed with a blurred slate), picked up after lunch with a good
// take 3.
func Small() Plan {
	p, err := Build("small", 20241129, "1129", []Setup{
		{ID: "1", Scene: 1, Source: "Megamind.avi", Start: 1, Frames: 97, Framing: "wide", CX: 0.5, CY: 0.5},
		{ID: "1A", Scene: 1, Source: "Megamind.avi", Start: 1, Frames: 97, Framing: "close", CX: 0.5, CY: 0.42},
		{ID: "2", Scene: 2, Source: "vtest.avi", Start: 200, Frames: 110, Framing: "wide", CX: 0.5, CY: 0.5, MOS: true},
	}, []Shot{
		{Setup: "2", Spoil: Shaky, Slate: OffFrame, Tail: Drift},
		{Setup: "2", Tail: Black},
		{Setup: "1", Spoil: Short, Tail: Defocus},
		{Setup: "1", Tail: Drift},
		{Setup: "1", Slate: Blank, Tail: Black},
		{Setup: "1A", Spoil: Focus, Tail: Drift},
		{Setup: "1A", Spoil: Exposure, Slate: Blurred, Tail: Defocus},
		{Setup: "1A", Pickup: true, Tail: Black},
	})
	if err != nil {
		panic(err)
	}
	return p
}

// scene is a source segment that a generated day covers with 1–3 setups.
type scene struct {
	source        string
	start, frames int
	cx, cy        float64
	mos           bool
}

// Day is the benchmark day: 8 scenes from every opencv-doc clip and a
// still, 1–3 setups each, 2–4 takes a setup (57 takes in 19 setups, about
// 6½ minutes of rushes on three cards), scenes shot out of order, two
// pickups at the end of the day.
func Day() Plan {
	return generated("day", 1129, "1129", []scene{
		{source: "Megamind.avi", start: 1, frames: 97, cx: 0.5, cy: 0.42},
		{source: "vtest.avi", start: 60, frames: 120, cx: 0.45, cy: 0.55},
		{source: "Megamind.avi", start: 98, frames: 56, cx: 0.5, cy: 0.45},
		{source: "building.jpg", frames: 100, cx: 0.5, cy: 0.4, mos: true},
		{source: "Megamind.avi", start: 154, frames: 46, cx: 0.55, cy: 0.45},
		{source: "tree.avi", start: 0, frames: 68, cx: 0.5, cy: 0.5, mos: true},
		{source: "Megamind.avi", start: 200, frames: 70, cx: 0.45, cy: 0.4},
		{source: "vtest.avi", start: 420, frames: 120, cx: 0.6, cy: 0.5},
	})
}

// Holdout is a day for scoring only, never for tuning: other segments,
// other stills, another seed and date (33 takes in 9 setups, about 3½
// minutes), so that scores on it say how the
// analysis does on rushes it was not tuned on.
func Holdout() Plan {
	return generated("holdout", 777001, "0314", []scene{
		{source: "Megamind.avi", start: 205, frames: 60, cx: 0.5, cy: 0.45},
		{source: "fruits.jpg", frames: 90, cx: 0.4, cy: 0.5, mos: true},
		{source: "vtest.avi", start: 560, frames: 100, cx: 0.5, cy: 0.6},
		{source: "Megamind.avi", start: 104, frames: 48, cx: 0.45, cy: 0.4},
		{source: "starry_night.jpg", frames: 80, cx: 0.6, cy: 0.4},
		{source: "Megamind.avi", start: 10, frames: 80, cx: 0.55, cy: 0.45},
	})
}

// generated plans a day over scenes: each scene gets 1–3 setups (wide,
// then medium, then close), each setup 2–4 takes, exactly one of which is
// sure to be good (the others are spoiled with probability ½); slates are
// unreadable one time in five; scenes are shot in a shuffled order; the
// day ends with pickups of two setups.
func generated(name string, seed uint64, date string, scenes []scene) Plan {
	p := newPlanner(name, seed, date, 7*3600*FPS+30*60*FPS, 24)
	spoils := []Spoil{Focus, Exposure, Shaky, Short}
	slates := []SlateStyle{Blank, Blurred, OffFrame}
	var shots []Shot
	order := p.rng.Perm(len(scenes))
	for _, i := range order {
		sc := scenes[i]
		n := p.between(1, 3)
		for j, fr := range []string{"wide", "medium", "close"}[:n] {
			id := fmt.Sprint(i + 1)
			if j > 0 {
				id += string(rune('A' + j - 1))
			}
			p.plan.Setups = append(p.plan.Setups, Setup{ID: id, Scene: i + 1, Source: sc.source, Start: sc.start,
				Frames: sc.frames, Framing: fr, CX: sc.cx, CY: sc.cy, MOS: sc.mos})
			takes := p.between(2, 4)
			good := p.rng.IntN(takes)
			for k := range takes {
				s := Shot{Setup: id}
				if k != good && p.rng.IntN(2) == 0 {
					s.Spoil = spoils[p.rng.IntN(len(spoils))]
				}
				if p.rng.IntN(5) == 0 {
					s.Slate = slates[p.rng.IntN(len(slates))]
				}
				shots = append(shots, s)
			}
		}
	}
	for _, k := range p.rng.Perm(len(p.plan.Setups))[:2] {
		s := Shot{Setup: p.plan.Setups[k].ID, Pickup: true}
		if p.rng.IntN(2) == 0 {
			s.Spoil = spoils[p.rng.IntN(len(spoils))]
		}
		shots = append(shots, s)
	}
	return p.must(p.shoot(shots...))
}
