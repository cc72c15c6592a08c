package rushgen

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func TestPlansAreDeterministicAndWhole(t *testing.T) {
	for _, tc := range []struct {
		name     string
		plan     func() Plan
		min, max int
	}{
		{"small", Small, 8, 8},
		{"day", Day, 25, 80},
		{"holdout", Holdout, 15, 60},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := tc.plan()
			if !reflect.DeepEqual(p, tc.plan()) {
				t.Fatal("two plans from one seed differ")
			}
			if n := len(p.Takes); n < tc.min || n > tc.max {
				t.Errorf("%d takes, want %d–%d", n, tc.min, tc.max)
			}
			tr := p.Truth()
			files := map[string]bool{}
			prev := 0
			for _, k := range tr.Takes {
				if files[k.File] {
					t.Errorf("%s twice", k.File)
				}
				files[k.File] = true
				if len(k.File) != len("A001_C007_1129XY.mov") || !strings.HasPrefix(k.File, k.Reel+"_C") {
					t.Errorf("%s: not a camera-style name on reel %s", k.File, k.Reel)
				}
				if k.StartFrame <= prev {
					t.Errorf("%s starts at %s, before the take shot ahead of it ended", k.File, k.StartTC)
				}
				prev = k.StartFrame + k.Frames
				if !(0 < k.BoardIn && k.BoardIn < k.BoardOut && k.BoardOut < k.In && k.In < k.Out && k.Out < k.Frames-1) {
					t.Errorf("%s: parts out of order: %+v", k.File, k)
				}
				if (k.Clap == NoClap) != k.MOS || (!k.MOS && k.Clap != k.BoardOut) {
					t.Errorf("%s: clap %d, board out %d, MOS %v", k.File, k.Clap, k.BoardOut, k.MOS)
				}
				if (k.Slate == Unreadable) != (k.SlateStyle != Clear) {
					t.Errorf("%s: slate %q in style %s", k.File, k.Slate, k.SlateStyle)
				}
				if k.Best && k.Spoiled != Good {
					t.Errorf("%s: best but spoiled (%s)", k.File, k.Spoiled)
				}
			}
			if len(tr.Best) != len(p.Setups) || len(tr.RoughCut) != len(p.Setups) {
				t.Errorf("%d setups, %d best takes, rough cut of %d", len(p.Setups), len(tr.Best), len(tr.RoughCut))
			}
		})
	}
}

func TestSmallTruth(t *testing.T) {
	tr := Small().Truth()
	by := map[string]TakeTruth{}
	for _, k := range tr.Takes {
		by[k.File] = k
	}
	take := func(file string) string {
		k := by[file]
		return SlateText(k.Setup, k.Take, k.Pickup)
	}
	// Takes 2 and 3 of setup 1 are both whole and good: the tie goes to 3.
	want := map[string]string{"1": "SCENE 1 TAKE 3", "1A": "SCENE 1A TAKE 3 PU", "2": "SCENE 2 TAKE 2"}
	for setup, file := range tr.Best {
		if take(file) != want[setup] {
			t.Errorf("best of %s is %s, want %s", setup, take(file), want[setup])
		}
	}
	var rough []string
	for _, f := range tr.RoughCut {
		rough = append(rough, take(f))
	}
	if w := []string{"SCENE 1 TAKE 3", "SCENE 1A TAKE 3 PU", "SCENE 2 TAKE 2"}; !reflect.DeepEqual(rough, w) {
		t.Errorf("rough cut %v, want %v", rough, w)
	}
	kinds := map[any]bool{}
	for _, k := range tr.Takes {
		kinds[k.Spoiled], kinds[k.SlateStyle], kinds[k.Tail], kinds[k.MOS], kinds[k.Pickup] = true, true, true, true, true
	}
	for _, k := range []any{Focus, Exposure, Shaky, Short, Good, Clear, Blank, Blurred, OffFrame, Drift, Defocus, Black} {
		if !kinds[k] {
			t.Errorf("Small has no %q", k)
		}
	}
}

func TestHoldoutDiffersFromDay(t *testing.T) {
	d, h := Day(), Holdout()
	seen := map[string]bool{}
	for _, s := range d.Setups {
		seen[fmt.Sprint(s.Source, "@", s.Start)] = true
	}
	for _, s := range h.Setups {
		if seen[fmt.Sprint(s.Source, "@", s.Start)] {
			t.Errorf("holdout setup %s reuses the day's segment %s@%d", s.ID, s.Source, s.Start)
		}
	}
}

func TestTimecode(t *testing.T) {
	for frames, want := range map[int]string{0: "00:00:00:00", 24: "00:00:00:24", 25: "00:00:01:00", (9*3600+14*60+3)*25 + 12: "09:14:03:12"} {
		if got := Timecode(frames); got != want {
			t.Errorf("Timecode(%d) = %s, want %s", frames, got, want)
		}
	}
}

func TestMissingFontNamesThePackage(t *testing.T) {
	err := check(Small(), "/nonexistent/DejaVuSans-Bold.ttf")
	if err == nil || !strings.Contains(err.Error(), FontPackage) {
		t.Fatalf("err = %v, want one naming %s", err, FontPackage)
	}
}

func TestBuildRejectsABadSetup(t *testing.T) {
	good := Setup{ID: "7", Scene: 7, Source: "tree.avi", Frames: 40, Framing: "wide"}
	bad := good
	bad.Framing = "extreme"
	for _, setups := range [][]Setup{{bad}, {good, good}} {
		if _, err := Build("x", 1, "0101", setups, []Shot{{Setup: "7"}}); err == nil {
			t.Errorf("Build accepted %+v", setups)
		}
	}
	if _, err := Build("x", 1, "0101", []Setup{good}, []Shot{{Setup: "8"}}); err == nil {
		t.Error("Build accepted a shot of no setup")
	}
	p, err := Build("x", 1, "0101", []Setup{good}, []Shot{{Setup: "7"}, {Setup: "7", Spoil: Focus}})
	if err != nil || len(p.Takes) != 2 || p.Truth().Best["7"] != p.Takes[0].File {
		t.Errorf("Build: %v, %+v", err, p)
	}
}
