// Package reels generates Rushcut's labelled test set: short reels cut
// together with the ffmpeg CLI from real footage (segments of the
// opencv-doc clips and zoompan-animated stills from the same folder),
// joined by hard cuts, cross-dissolves and fades of known lengths, with
// traps inside shots (flash frames, whip pans, a frame-filling object, a
// slow brightness ramp, flicker, near-black scenes). The truth of each
// reel is computed from the parameters that built it, in the format of
// the shared truth files. Nothing is committed but this generator: reels
// are made in a temporary directory when tests or benchmarks need them.
package reels

import (
	"fmt"
	"path/filepath"
)

// DataDir is where Debian's opencv-doc package installs the footage.
const DataDir = "/usr/share/doc/opencv-doc/examples/data"

// Reel geometry: every segment is made at this size and rate.
const (
	Width  = 320
	Height = 240
	FPS    = 25
)

// Segment is one piece of picture: Frames frames of a video clip from
// frame Start, or of a still image animated by Move.
type Segment struct {
	// Source is a file name in DataDir; "black" is plain black.
	Source string
	// Start is the first source frame (video sources).
	Start int
	// Frames is the segment length.
	Frames int
	// Move animates a still: "static", "zoomin", "zoomout", "panright",
	// "panleft", "whip" (a fast pan with motion blur at TrapAt). On a
	// video source it moves a camera over the clip: "fastpan",
	// "fastpanleft" (fast pans with motion blur) or "shake" (handheld
	// jitter).
	Move string
	// Trap is an event inside the shot that is not a transition: "flash"
	// (one near-white frame at TrapAt), "flash2" (two white frames),
	// "object" (an image slides in from the left at TrapAt, fills the
	// frame, and slides out), "ramp" (brightness ramps up slowly from
	// TrapAt), "flicker" (brightness flickers at 7 Hz), "partflash"
	// (a half-strength flash frame at TrapAt).
	Trap   string
	TrapAt int
	// Dark darkens the whole segment to a near-black (but not black) scene.
	Dark bool
	// FadeIn and FadeOut fade the segment's first or last frames from or
	// to black.
	FadeIn, FadeOut int
}

// Join is how a reel goes from one segment to the next.
type Join struct {
	// Kind is "cut" or "dissolve" (fades are made by FadeIn/FadeOut and a
	// black segment joined by cuts).
	Kind string
	// Frames is the dissolve length.
	Frames int
}

// Reel is a labelled reel: Segments joined by Joins (one fewer).
type Reel struct {
	Name     string
	Segments []Segment
	Joins    []Join
}

func cut() Join              { return Join{Kind: "cut"} }
func dissolve(n int) Join    { return Join{Kind: "dissolve", Frames: n} }
func black(n int) Segment    { return Segment{Source: "black", Frames: n} }
func src(name string) string { return filepath.Join(DataDir, name) }

// Set is the labelled set: each reel stresses one thing, and together they
// hold about 40 transitions and a dozen traps.
func Set() []Reel {
	return []Reel{
		{Name: "cuts", Segments: []Segment{
			{Source: "Megamind.avi", Start: 5, Frames: 40},
			{Source: "vtest.avi", Start: 100, Frames: 30},
			{Source: "Megamind.avi", Start: 100, Frames: 14},
			{Source: "tree.avi", Start: 0, Frames: 40},
			{Source: "Megamind.avi", Start: 156, Frames: 30, Trap: "flash", TrapAt: 12},
			{Source: "fruits.jpg", Frames: 25, Move: "zoomin"},
			{Source: "Megamind.avi", Start: 205, Frames: 40},
			{Source: "baboon.jpg", Frames: 20, Move: "panright"},
			{Source: "vtest.avi", Start: 500, Frames: 30},
			{Source: "Megamind.avi", Start: 60, Frames: 8},
			{Source: "building.jpg", Frames: 30, Move: "zoomout"},
		}, Joins: []Join{cut(), cut(), cut(), cut(), cut(), cut(), cut(), cut(), cut(), cut()}},
		{Name: "dissolves", Segments: []Segment{
			{Source: "Megamind.avi", Start: 10, Frames: 50},
			{Source: "starry_night.jpg", Frames: 50, Move: "zoomin"},
			{Source: "vtest.avi", Start: 300, Frames: 50},
			{Source: "smarties.png", Frames: 50, Move: "panleft"},
			{Source: "Megamind.avi", Start: 205, Frames: 50},
			{Source: "aero3.jpg", Frames: 45, Move: "static"},
			{Source: "Megamind.avi", Start: 100, Frames: 50},
		}, Joins: []Join{dissolve(12), dissolve(20), dissolve(8), cut(), dissolve(30), dissolve(16)}},
		{Name: "fades", Segments: []Segment{
			{Source: "Megamind.avi", Start: 20, Frames: 45, FadeIn: 15, FadeOut: 12},
			black(6),
			{Source: "graf1.png", Frames: 40, Move: "zoomin", FadeIn: 10},
			{Source: "vtest.avi", Start: 200, Frames: 40, FadeOut: 20},
			black(1),
			{Source: "Megamind.avi", Start: 160, Frames: 36, FadeIn: 8, FadeOut: 8},
			black(10),
			{Source: "home.jpg", Frames: 40, Move: "panright", FadeIn: 20, FadeOut: 16},
		}, Joins: []Join{cut(), cut(), cut(), cut(), cut(), cut(), cut()}},
		{Name: "traps", Segments: []Segment{
			{Source: "fruits.jpg", Frames: 50, Move: "whip", TrapAt: 20},
			{Source: "Megamind.avi", Start: 205, Frames: 50, Trap: "object", TrapAt: 12},
			{Source: "vtest.avi", Start: 40, Frames: 60, Trap: "ramp", TrapAt: 10},
			{Source: "tree.avi", Start: 0, Frames: 68},
			{Source: "Megamind.avi", Start: 10, Frames: 50, Trap: "flash2", TrapAt: 20},
			{Source: "baboon.jpg", Frames: 50, Move: "zoomin", Trap: "flicker"},
			{Source: "vtest.avi", Start: 600, Frames: 40, Trap: "partflash", TrapAt: 15},
			{Source: "building.jpg", Frames: 50, Move: "whip", TrapAt: 25},
		}, Joins: []Join{cut(), cut(), cut(), cut(), cut(), cut(), cut()}},
		{Name: "dark", Segments: []Segment{
			{Source: "Megamind.avi", Start: 10, Frames: 40, Dark: true},
			{Source: "vtest.avi", Start: 100, Frames: 40, Dark: true},
			{Source: "Megamind.avi", Start: 160, Frames: 35, Dark: true},
			{Source: "starry_night.jpg", Frames: 40, Move: "panright", Dark: true},
			{Source: "Megamind.avi", Start: 210, Frames: 40, Dark: true, Trap: "flash", TrapAt: 20},
			{Source: "tree.avi", Start: 5, Frames: 40, Dark: true},
		}, Joins: []Join{cut(), cut(), dissolve(15), cut(), cut()}},
		{Name: "mixed", Segments: []Segment{
			{Source: "aloeL.jpg", Frames: 40, Move: "zoomout", FadeIn: 12},
			{Source: "Megamind.avi", Start: 100, Frames: 40},
			{Source: "messi5.jpg", Frames: 40, Move: "panleft"},
			{Source: "vtest.avi", Start: 400, Frames: 40, Trap: "flash", TrapAt: 20},
			{Source: "leuvenA.jpg", Frames: 40, Move: "zoomin"},
			{Source: "Megamind.avi", Start: 215, Frames: 40},
			{Source: "orange.jpg", Frames: 40, Move: "static"},
			{Source: "tree.avi", Start: 10, Frames: 40, FadeOut: 14},
		}, Joins: []Join{dissolve(10), cut(), dissolve(24), cut(), dissolve(10), cut(), cut()}},
	}
}

// Validate checks a reel's structure.
func (r Reel) Validate() error {
	if len(r.Segments) == 0 || len(r.Joins) != len(r.Segments)-1 {
		return fmt.Errorf("reel %s: %d segments need %d joins, have %d", r.Name, len(r.Segments), len(r.Segments)-1, len(r.Joins))
	}
	for i, j := range r.Joins {
		a, b := r.Segments[i], r.Segments[i+1]
		if j.Kind == "dissolve" && (j.Frames < 2 || j.Frames >= a.Frames || j.Frames >= b.Frames) {
			return fmt.Errorf("reel %s: dissolve %d of %d frames does not fit its segments", r.Name, i, j.Frames)
		}
	}
	return nil
}
