package edl

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"rushcut/app/edit"
)

const head = "TITLE: t\nFCM: NON-DROP FRAME\n\n"

func TestReadRejects(t *testing.T) {
	tests := []struct {
		name, text string
		rate       edit.Rate
		want       string
	}{
		{"frames beyond rate", head + "001  A V C 00:00:00:25 00:00:01:00 01:00:00:00 01:00:00:01\n", edit.Rate25, "frames 25"},
		{"seconds 60", head + "001  A V C 00:00:60:00 00:01:00:01 01:00:00:00 01:00:00:01\n", edit.Rate25, "seconds 60"},
		{"short timecode", head + "001  A V C 0:00:00:00 00:00:00:01 01:00:00:00 01:00:00:01\n", edit.Rate25, "malformed"},
		{"garbage timecode", head + "001  A V C xx:00:00:00 00:00:00:01 01:00:00:00 01:00:00:01\n", edit.Rate25, "malformed"},
		{"semicolon at 25", head + "001  A V C 00:00:00;00 00:00:00;01 01:00:00:00 01:00:00:01\n", edit.Rate25, "drop-frame timecode not possible"},
		{"dropped frame number", "FCM: DROP FRAME\n001  A V C 00:01:00;00 00:01:00;05 01:00:00;00 01:00:00;05\n", edit.Rate2997, "does not exist in drop-frame"},
		{"mixed separators", head + "001  A V C 00:00:00;00 00:00:00:01 01:00:00:00 01:00:00:01\n", edit.Rate2997, "mix drop"},
		{"seven fields", head + "001  A V C 00:00:00:00 00:00:00:01 01:00:00:00\n", edit.Rate25, "7 fields"},
		{"drop FCM at 25", "FCM: DROP FRAME\n", edit.Rate25, "not defined"},
		{"key edit", head + "001  A V K 00:00:00:00 00:00:00:01 01:00:00:00 01:00:00:01\n", edit.Rate25, "unsupported edit type"},
		{"dissolve alone", head + "001  A V D 010 00:00:00:00 00:00:01:00 01:00:00:00 01:00:01:00\n", edit.Rate25, "no outgoing line"},
		{"dissolve bad duration", head + "001  A V C 00:00:00:00 00:00:00:00 01:00:00:00 01:00:00:00\n001  B V D 1x 00:00:00:00 00:00:01:00 01:00:00:00 01:00:01:00\n", edit.Rate25, "not 1–3 digits"},
		{"outgoing not zero", head + "001  A V C 00:00:00:00 00:00:00:00 01:00:00:00 01:00:00:05\n001  B V D 010 00:00:00:00 00:00:01:00 01:00:00:00 01:00:01:00\n", edit.Rate25, "zero record length"},
		{"M2 reels", head + "001  A V C 00:00:00:00 00:00:00:00 01:00:00:00 01:00:00:00\n001  B V D 010 00:00:00:00 00:00:02:00 01:00:00:00 01:00:01:00\nM2   A  050.0  00:00:00:00\nM2   C  050.0  00:00:00:00\n", edit.Rate25, "matches no reel"},
		{"M2 speed", head + "001  A V C 00:00:00:00 00:00:02:00 01:00:00:00 01:00:01:00\nM2   A  fast  00:00:00:00\n", edit.Rate25, "not a number"},
		{"M2 short", head + "001  A V C 00:00:00:00 00:00:02:00 01:00:00:00 01:00:01:00\nM2   A  050.0\n", edit.Rate25, "needs a reel"},
		{"bad rate", head, edit.Rate{}, "invalid rate"},
		{"event number", head + "1234567 A V C 00:00:00:00 00:00:01:00 01:00:00:00 01:00:01:00\n", edit.Rate25, "bad event number"},
	}
	for _, tt := range tests {
		_, err := Read(strings.NewReader(tt.text), tt.rate)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.want)
		}
	}
}

// TestReadWarns: lines that are not edits are kept or skipped with a
// warning naming the line, never refused.
func TestReadWarns(t *testing.T) {
	tests := []struct {
		name, text string
		rate       edit.Rate
		want       string
	}{
		{"garbage line", head + "hello\n", edit.Rate25, "unrecognised line \"hello\" kept as a comment"},
		{"unknown FCM", "FCM: SOMETIMES\n", edit.Rate25, "unknown FCM \"SOMETIMES\" ignored"},
		{"M2 first", "M2 A 050.0 00:00:00:00\n", edit.Rate25, "M2 before the first event ignored"},
		{"bad source rate", head + "001  A V C 00:00:00:00 00:00:02:00 01:00:00:00 01:00:01:00\n* SOURCE RATE: fast\n", edit.Rate25, "line 5: "},
		{"bad locator", head + "001  A V C 00:00:00:00 00:00:02:00 01:00:00:00 01:00:01:00\n* LOC: 99:00:00:00 RED x\n", edit.Rate25, "line 5: locator"},
		{"title late", head + "001  A V C 00:00:00:00 00:00:01:00 01:00:00:00 01:00:01:00\nTITLE: again\n", edit.Rate25, "a second TITLE line"},
	}
	for _, tt := range tests {
		l, err := Read(strings.NewReader(tt.text), tt.rate)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if got := strings.Join(l.Warnings, "\n"); !strings.Contains(got, tt.want) {
			t.Errorf("%s: warnings %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestReadCatchesWhatOTIOAccepts: out-before-in and seconds = 60 pass
// OpenTimelineIO's reader; here the first fails Validate, the second Read.
func TestReadCatchesWhatOTIOAccepts(t *testing.T) {
	l, err := Read(strings.NewReader(head+"001  A V C 00:00:02:00 00:00:01:00 01:00:00:00 01:00:01:00\n"), edit.Rate25)
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Validate(); err == nil || !strings.Contains(err.Error(), "before source in") {
		t.Errorf("Validate = %v, want out-before-in", err)
	}
	l, err = Read(strings.NewReader(head+"001  A V C 00:00:00:00 00:00:01:00 01:00:01:00 01:00:00:00\n"), edit.Rate25)
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Validate(); err == nil || !strings.Contains(err.Error(), "not after record in") {
		t.Errorf("Validate = %v, want record out-before-in", err)
	}
	l, err = Read(strings.NewReader(head+"001  A V C 00:00:00:00 00:00:01:00 01:00:00:00 01:00:01:00\n002  B V C 00:00:00:00 00:00:01:00 01:00:00:12 01:00:01:12\n"), edit.Rate25)
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Validate(); err == nil || !strings.Contains(err.Error(), "overlaps") {
		t.Errorf("Validate = %v, want overlap", err)
	}
}

func TestReadForeign(t *testing.T) {
	// Old-style drop-frame EDL with ':' everywhere and FCM: DROP FRAME, CRLF
	// line endings, a BOM, a header comment, OTIO-style D spacing, an M2
	// with a multi-word name and a two-line dissolve.
	text := "\xef\xbb\xbfTITLE:   Old one  \r\nFCM: DROP FRAME\r\n* made elsewhere\r\n" +
		"001  A001 V     C        00:01:00:02 00:01:00:12 01:00:00:00 01:00:00:10\r\n" +
		"\r\n" +
		"002  A001 V C     00:01:00:12 00:01:00:12 01:00:00:10 01:00:00:10\r\n" +
		"002  B001 V D 005    00:10:00:00 00:10:00:20 01:00:00:10 01:00:00:20\r\n" +
		"M2   B001 Take   060.0   00:10:00:00\r\n" +
		"* FROM CLIP NAME:  a\r\n* TO CLIP NAME:  b\r\n* LOC: 01:00:00:12 YELLOW  look here\r\n* some note\r\n"
	l, err := Read(strings.NewReader(text), edit.Rate2997)
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Validate(); err == nil || !strings.Contains(err.Error(), "M2 names reel B001 Take") {
		t.Fatalf("Validate = %v, want the M2 reel flagged", err)
	}
	text = strings.Replace(text, "B001 Take", "B001", 1)
	l, err = Read(strings.NewReader(text), edit.Rate2997)
	if err != nil {
		t.Fatal(err)
	}
	if l.Title != "Old one" || !l.DropFrame || len(l.Header) != 1 || len(l.Events) != 2 {
		t.Fatalf("header: %+v", l)
	}
	e := l.Events[1]
	if e.Type != Dissolve || e.Frames != 5 || e.From == nil || e.From.Reel != "A001" || e.From.ClipName != "a" || e.Source.ClipName != "b" {
		t.Fatalf("dissolve: %s", dumpEvent(e))
	}
	// 00:01:00;02 is frame 1800 in DF; 00:10:00;00 is 17982.
	if l.Events[0].Source.In != 1800 || e.Source.In != 17982 || !e.Source.DropFrame {
		t.Errorf("DF from FCM: in %d / %d", l.Events[0].Source.In, e.Source.In)
	}
	if e.Source.Speed == nil || e.Source.Speed.FPS != (edit.Ratio{Num: 60, Den: 1}) || e.Source.Speed.Entry != 17982 {
		t.Errorf("M2: %+v", e.Source.Speed)
	}
	if len(e.Locators) != 1 || e.Locators[0].Color != "YELLOW" || e.Locators[0].Text != "look here" || len(e.Comments) != 1 {
		t.Errorf("comments: %+v %q", e.Locators, e.Comments)
	}
	if err := l.Validate(); err != nil {
		t.Errorf("Validate: %v", err)
	}
}

// TestGoldenFilesFollowOTIOFacts checks the hand-written files against the
// rules OpenTimelineIO's reader imposes.
func TestGoldenFilesFollowOTIOFacts(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.edl")
	if len(files) == 0 {
		t.Fatal("no golden files")
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		seenEvent := false
		drop := strings.Contains(string(b), "FCM: DROP FRAME")
		for i, ln := range strings.Split(string(b), "\n") {
			switch {
			case strings.HasPrefix(ln, "*") && !seenEvent:
				t.Errorf("%s:%d: comment before the first event", f, i+1)
			case strings.HasPrefix(ln, "M2") && strings.Contains(ln, ";"):
				t.Errorf("%s:%d: ';' in an M2 line", f, i+1)
			case isEventLine(ln):
				seenEvent = true
				if fs := strings.Fields(ln); drop && !strings.Contains(fs[len(fs)-1], ";") {
					t.Errorf("%s:%d: drop-frame record timecode without ';'", f, i+1)
				}
			}
		}
	}
}
