package parse

import "testing"

func TestParse(t *testing.T) {
	for _, c := range []struct {
		text string
		want Slate
		ok   bool
	}{
		// The forms of the issue and the generated boards.
		{"SCENE 1A TAKE 3", Slate{Scene: "1", Setup: "1A", Take: 3}, true},
		{"SC 12 TK 3", Slate{Scene: "12", Setup: "12", Take: 3}, true},
		{"12/3", Slate{Scene: "12", Setup: "12", Take: 3}, true},
		{"S12 T3", Slate{Scene: "12", Setup: "12", Take: 3}, true},
		{"Sc. 12A Tk 3", Slate{Scene: "12", Setup: "12A", Take: 3}, true},
		{"SCENE 12A  TAKE 3 PU", Slate{Scene: "12", Setup: "12A", Take: 3, Pickup: true}, true},
		{"SCENE 2\nTAKE 1\nROLL A001\nRUSHCUT  1129", Slate{Scene: "2", Setup: "2", Take: 1, Roll: "A001"}, true},
		{"SCENE 1A\n\nTAKE 4 PU\n\nROLL A002\nRUSHCUT 1129\n", Slate{Scene: "1", Setup: "1A", Take: 4, Pickup: true, Roll: "A002"}, true},
		// Other spellings.
		{"S12T3", Slate{Scene: "12", Setup: "12", Take: 3}, true},
		{"S12AT3", Slate{Scene: "12", Setup: "12A", Take: 3}, true},
		{"SC12 TK3", Slate{Scene: "12", Setup: "12", Take: 3}, true},
		{"scene: 7b take: 11", Slate{Scene: "7", Setup: "7B", Take: 11}, true},
		{"SCN 40 - TK 2", Slate{Scene: "40", Setup: "40", Take: 2}, true},
		{"SCENE 3 TAKE 2 P/U", Slate{Scene: "3", Setup: "3", Take: 2, Pickup: true}, true},
		{"SCENE 3 TAKE 2 P.U. ROLL B7", Slate{Scene: "3", Setup: "3", Take: 2, Pickup: true, Roll: "B7"}, true},
		{"SCENE 3 TAKE 2 PICKUP", Slate{Scene: "3", Setup: "3", Take: 2, Pickup: true}, true},
		{"SCENE 3 TAKE 2PU", Slate{Scene: "3", Setup: "3", Take: 2, Pickup: true}, true},
		{"12A/3", Slate{Scene: "12", Setup: "12A", Take: 3}, true},
		{"12A / 3 PU", Slate{Scene: "12", Setup: "12A", Take: 3, Pickup: true}, true},
		{"CAM ROLL A004 SC 5 TK 9", Slate{Scene: "5", Setup: "5", Take: 9, Roll: "A004"}, true},
		// OCR noise: look-alike digits, a misread keyword letter, stray
		// words between the lines, a border read as a bar.
		{"SCENE 1O TAKE l", Slate{Scene: "10", Setup: "10", Take: 1}, true},
		{"SCENE IA TAKE 2", Slate{Scene: "1", Setup: "1A", Take: 2}, true},
		{"SCENE 2 TAKE I", Slate{Scene: "2", Setup: "2", Take: 1}, true},
		{"SCENE 4 TAKE 1O", Slate{Scene: "4", Setup: "4", Take: 10}, true},
		{"SCEME 4 TAKE 2", Slate{Scene: "4", Setup: "4", Take: 2}, true},
		{"5CENE 4 7AKE 2", Slate{Scene: "4", Setup: "4", Take: 2}, true},
		{"| SCENE 1A |\n— = ~\nTAKE 3 PU |", Slate{Scene: "1", Setup: "1A", Take: 3, Pickup: true}, true},
		{"SCENE 1A | | ~ ee a ~ TAKE 3", Slate{Scene: "1", Setup: "1A", Take: 3}, true},
		{"' 'SCENE8 |\nTAKE 3\n| ROLL AOO1", Slate{Scene: "8", Setup: "8", Take: 3, Roll: "A001"}, true},
		{"(SCENE 4 ~ |\n ‘TAKE1 <\n. . , ROLL A001 |", Slate{Scene: "4", Setup: "4", Take: 1, Roll: "A001"}, true},
		{"SCENE 1A\n_ “TAKE 2\nROLL A002", Slate{Scene: "1", Setup: "1A", Take: 2, Roll: "A002"}, true},
		{"SCENE 1A| TAKE 2|", Slate{Scene: "1", Setup: "1A", Take: 2}, true},
		{"ROLL AOO1 SCENE 1 TAKE 2", Slate{Scene: "1", Setup: "1", Take: 2, Roll: "A001"}, true},
		// Not a slate: nothing is invented.
		{"", Slate{}, false},
		{"   \n\n", Slate{}, false},
		{"ROLL A001\nRUSHCUT 1129", Slate{}, false},
		{"SCENE 1A", Slate{}, false},
		{"TAKE 3", Slate{}, false},
		{"SCENE TAKE", Slate{}, false},
		{"SCENE 0 TAKE 3", Slate{}, false},
		{"SCENE 3 TAKE 0", Slate{}, false},
		{"11/29/24", Slate{}, false},
		{"the quick brown fox", Slate{}, false},
		{"a 8 ee | Ss ll —", Slate{}, false},
		{"SCENE 1A lots of stray words here TAKE 3", Slate{}, false},
		{"SCENE 1A TAKE 3", Slate{Scene: "1", Setup: "1A", Take: 3}, true},
	} {
		got, ok := Parse(c.text)
		if ok != c.ok || got != c.want {
			t.Errorf("Parse(%q) = %+v, %v; want %+v, %v", c.text, got, ok, c.want, c.ok)
		}
	}
}

func TestString(t *testing.T) {
	for _, c := range []struct {
		s    Slate
		want string
	}{
		{Slate{Scene: "1", Setup: "1A", Take: 3}, "SCENE 1A TAKE 3"},
		{Slate{Scene: "2", Setup: "2", Take: 1, Pickup: true, Roll: "A001"}, "SCENE 2 TAKE 1 PU"},
	} {
		if got := c.s.String(); got != c.want {
			t.Errorf("%+v.String() = %q, want %q", c.s, got, c.want)
		}
		// What String prints parses back.
		if back, ok := Parse(c.s.String()); !ok || back.Setup != c.s.Setup || back.Take != c.s.Take || back.Pickup != c.s.Pickup {
			t.Errorf("Parse(%q) = %+v, %v", c.s.String(), back, ok)
		}
	}
}

// FuzzParse checks that Parse never panics and that whatever it reads is
// a well-formed slate.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"SCENE 1A TAKE 3", "S12T3", "12/3 PU", "ROLL A001", "SCEME IO TAKE l PU"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		s, ok := Parse(text)
		if !ok {
			if s != (Slate{}) {
				t.Errorf("Parse(%q) not ok but %+v", text, s)
			}
			return
		}
		if s.Take < 1 || s.Scene == "" || len(s.Setup) < len(s.Scene) || s.Setup[:len(s.Scene)] != s.Scene {
			t.Errorf("Parse(%q) = %+v", text, s)
		}
	})
}
