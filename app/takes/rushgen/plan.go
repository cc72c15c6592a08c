package rushgen

import (
	"fmt"
	"math/rand/v2"
)

// Shot is one entry of a shot list: a take of a setup, how it goes
// wrong (if it does), and how readable its slate is. The planner draws
// everything else (lengths, tail, timing, board position) from the seed.
type Shot struct {
	// Setup is the setup's ID.
	Setup string
	// Spoil is what goes wrong, Good for nothing.
	Spoil Spoil
	// Slate is the board's style; empty is Clear.
	Slate SlateStyle
	// Pickup returns to the setup later in the day.
	Pickup bool
	// Tail is the tail kind; empty draws one.
	Tail TailKind
}

// planner turns a shot list into a Plan, drawing from one seeded source.
type planner struct {
	rng    *rand.Rand
	plan   Plan
	date   string // MMDD in file names
	suffix string // the camera's two letters in file names
	// clipsPerCard starts a new card (reel) after that many clips.
	clipsPerCard int
	clock        int // frames since midnight at the end of the last take
	lastSetup    string
	takeNo       map[string]int
}

func newPlanner(name string, seed uint64, date string, dayStart, clipsPerCard int) *planner {
	r := rand.New(rand.NewPCG(seed, seed^0x5eed))
	letters := "ABCDEFGHJKLMNPQRSTUVWXYZ"
	suffix := string([]byte{letters[r.IntN(len(letters))], letters[r.IntN(len(letters))]})
	return &planner{rng: r, plan: Plan{Name: name, Seed: seed}, date: date, suffix: suffix,
		clipsPerCard: clipsPerCard, clock: dayStart + r.IntN(20*60*FPS), takeNo: map[string]int{}}
}

// between draws an integer in [lo, hi].
func (p *planner) between(lo, hi int) int { return lo + p.rng.IntN(hi-lo+1) }

// shoot plans the shots in order.
func (p *planner) shoot(shots ...Shot) error {
	for _, s := range shots {
		if err := p.take(s); err != nil {
			return err
		}
	}
	return nil
}

func (p *planner) take(s Shot) error {
	su, ok := p.plan.Setup(s.Setup)
	if !ok {
		return fmt.Errorf("rushgen: plan %s: no setup %q", p.plan.Name, s.Setup)
	}
	// Time passes between takes: a reset within a setup, a relight
	// between setups, lunch before a pickup.
	switch {
	case s.Pickup:
		p.clock += p.between(60*60, 110*60) * FPS
	case s.Setup != p.lastSetup:
		p.clock += p.between(4*60, 14*60) * FPS
	default:
		p.clock += p.between(25, 90) * FPS
	}
	p.lastSetup = s.Setup
	p.takeNo[s.Setup]++
	n := len(p.plan.Takes)
	card := 1 + n/p.clipsPerCard
	t := Take{
		File:     fmt.Sprintf("A%03d_C%03d_%s%s.mov", card, n+1, p.date, p.suffix),
		Reel:     fmt.Sprintf("A%03d", card),
		Setup:    s.Setup,
		Number:   p.takeNo[s.Setup],
		Pickup:   s.Pickup,
		Spoil:    s.Spoil,
		Slate:    s.Slate,
		Tail:     s.Tail,
		Start:    p.clock,
		Leader:   p.between(8, 25),
		SlateLen: p.between(28, 42),
		Preroll:  p.between(13, 25),
		Action:   su.Frames,
		TailLen:  p.between(18, 28),
		Seed:     p.rng.IntN(1 << 30),
	}
	if t.Slate == "" {
		t.Slate = Clear
	}
	if t.Tail == "" {
		t.Tail = []TailKind{Drift, Defocus, Black}[p.rng.IntN(3)]
	}
	if t.Spoil == Short {
		t.Action = su.Frames * p.between(35, 60) / 100
	}
	t.BoardX = (Width-boardW)/2 + p.between(-40, 40)
	t.BoardY = (Height-boardH)/2 + p.between(-20, 20)
	if t.Slate == OffFrame {
		// Only a sliver of the board's edge, short of its text, is in the
		// picture.
		t.BoardX = Width - p.between(6, 12)
	}
	p.clock += t.Frames()
	p.plan.Takes = append(p.plan.Takes, t)
	return nil
}

// Build plans a custom day from setups and a shot list in shooting
// order, drawing lengths, tails, timing and board positions from seed;
// date is the MMDD in file names. The day starts at about 08:00.
func Build(name string, seed uint64, date string, setups []Setup, shots []Shot) (Plan, error) {
	ids := map[string]bool{}
	for _, s := range setups {
		if _, ok := framings[s.Framing]; !ok || s.Frames < 2 || ids[s.ID] || s.Source == "" {
			return Plan{}, fmt.Errorf("rushgen: plan %s: setup %q: want a unique ID, a source, 2 or more frames and a framing (wide, medium, close)", name, s.ID)
		}
		ids[s.ID] = true
	}
	if len(date) != 4 {
		return Plan{}, fmt.Errorf("rushgen: plan %s: date %q is not MMDD", name, date)
	}
	p := newPlanner(name, seed, date, 8*3600*FPS, 50)
	p.plan.Setups = setups
	if err := p.shoot(shots...); err != nil {
		return Plan{}, err
	}
	return p.plan, nil
}

// must returns the plan, panicking on a mistake in a built-in shot list.
func (p *planner) must(err error) Plan {
	if err != nil {
		panic(err)
	}
	return p.plan
}

// framings are the crop sizes, as fractions of the source picture's
// 16:9 window.
var framings = map[string]float64{"wide": 1, "medium": 0.66, "close": 0.42}
