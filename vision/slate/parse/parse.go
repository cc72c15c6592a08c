// Package parse reads the scene, setup, take and roll out of the text of
// a slate board: what an OCR engine made of the board (vision/slate), or
// what a person typed. It is pure Go, with no cgo, so that any package can
// use it without pulling in Tesseract.
//
// It accepts the forms slates and camera reports use:
//
//	SCENE 1A TAKE 3        SC 12 TK 3        Sc. 12A Tk 3
//	S12 T3                 S12T3             12/3      12A/3 PU
//	SCENE 12A  TAKE 3 PU   ROLL A001
//
// and tolerates the usual OCR confusions in the numbers (O for 0, l, I or
// i for 1: film setups skip the letters I and O for just that reason), a
// misread letter in the words SCENE and TAKE, and stray words between the
// scene and the take (a board's lines come out of OCR in any layout).
package parse

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// Slate is what a slate board says.
type Slate struct {
	// Scene is the scene number ("12"), Setup the scene with its setup
	// letters ("12A"; the same as Scene for a scene's first setup).
	Scene string `json:"scene"`
	Setup string `json:"setup"`
	// Take is the take number, from 1.
	Take int `json:"take"`
	// Pickup marks a pickup ("PU", "P/U": the take picks up part way
	// through the scene, or returns to the setup later).
	Pickup bool `json:"pickup"`
	// Roll is the camera roll ("A001"), empty when the text has none.
	Roll string `json:"roll,omitempty"`
}

// String is the slate as a board prints it: "SCENE 12A TAKE 3", with
// " PU" after a pickup's take (the roll is left out).
func (s Slate) String() string {
	t := fmt.Sprintf("SCENE %s TAKE %d", s.Setup, s.Take)
	if s.Pickup {
		t += " PU"
	}
	return t
}

// The pieces of the patterns. A number is up to four digits or OCR
// look-alikes with at least one real digit, or a lone I or l (a "1").
const (
	num     = `([0-9][0-9OoIil]{0,3}|[OoIil][0-9][0-9OoIil]{0,2}|[Iil])`
	letters = `([A-Za-z]{0,2}?)`
	takeNum = `([0-9][0-9OoIil]{0,2}|[OoIil][0-9][0-9OoIil]?|[Iil])`
	pickup  = `(?:\s*((?i:P\.?\s?/?\s?U|PICK[- ]?UP))\b)?`
	sep     = `[.:#=]*\s*`
	// end stops a number at the end of its word (or before a pickup).
	end = `(?:\b|$)`
)

var (
	// longForm is SCENE/SC/SCN then TAKE/TK, with up to three stray
	// words between them.
	longForm = regexp.MustCompile(`(?:^|\b)(?i:SCENE|SCN|SC)` + sep + num + letters +
		`(?:\s*[-,;/]?\s*|(?:\s+\S+){1,3}?\s+)(?i:TAKE|TK)` + sep + takeNum + pickup + end)
	// shortForm is S12 T3 (or S12T3, SC12 T3, S 12 TK 3), with nothing
	// between the scene and the take.
	shortForm = regexp.MustCompile(`(?:^|\b)(?i:SCENE|SCN|SC|S)` + sep + num + letters +
		`\s*[-,;/]?\s*(?i:TAKE|TK|T)` + sep + takeNum + pickup + end)
	// slashForm is 12/3 or 12A/3, a word of its own (not part of a date).
	slashForm = regexp.MustCompile(`(?:^|[\s(\[])` + num + letters + `\s*/\s*` + takeNum + pickup + `(?:$|[\s)\]])`)
	// rollForm is ROLL A001 (or RL A001, ROLL 7).
	rollForm = regexp.MustCompile(`(?:^|\b)(?i:CAM\s*ROLL|ROLL|RL)` + sep + `([A-Za-z]?\s?[0-9OoIil]{1,4})` + end)
)

// Parse reads a slate from text. It looks for, in this order, the
// worded form (SCENE … TAKE …), the short form (S12 T3) and the slash
// form (12/3), and takes the first match of the first form found; ok is
// false when no form matches (nothing is guessed). A roll (ROLL A001)
// is read anywhere in the text.
func Parse(text string) (s Slate, ok bool) {
	t := words(text)
	for _, re := range []*regexp.Regexp{longForm, shortForm, slashForm} {
		for _, m := range re.FindAllStringSubmatch(t, -1) {
			if s, ok = build(m[1], m[2], m[3], m[4]); ok {
				s.Roll = roll(t)
				return s, true
			}
		}
	}
	return Slate{}, false
}

// build makes a Slate from the matched scene number, setup letters, take
// number and pickup mark; ok is false for a scene or take of zero.
func build(scene, letters, take, pu string) (Slate, bool) {
	scene = digits(scene)
	n, err := strconv.Atoi(digits(take))
	if err != nil || n == 0 || strings.Trim(scene, "0") == "" {
		return Slate{}, false
	}
	return Slate{Scene: scene, Setup: scene + strings.ToUpper(letters), Take: n, Pickup: pu != ""}, true
}

// roll is the first roll named in t, or "".
func roll(t string) string {
	m := rollForm.FindStringSubmatch(t)
	if m == nil {
		return ""
	}
	r := strings.ToUpper(strings.ReplaceAll(m[1], " ", ""))
	if r[0] >= 'A' && r[0] <= 'Z' && len(r) > 1 {
		// A letter then the number: the letter is the camera.
		return r[:1] + digits(r[1:])
	}
	return digits(r)
}

// digits maps the OCR look-alikes of a number's digits to the digits.
func digits(s string) string {
	return strings.NewReplacer("O", "0", "o", "0", "I", "1", "i", "1", "l", "1").Replace(s)
}

// words is text as its words joined by single spaces, without the marks
// around them or the words of marks alone (no letter, digit or slash:
// OCR's reading of a board's edges and stripes, or quotes and brackets
// stuck to a word), and with misread keywords repaired (fixKeyword).
func words(text string) string {
	var out []string
	for _, w := range strings.Fields(text) {
		// Marks stuck to a word: quotes, brackets, a board's edge.
		w = strings.TrimLeftFunc(w, func(r rune) bool { return !keep(r) })
		w = strings.TrimRightFunc(w, func(r rune) bool { return !keep(r) && r != '.' && r != ':' })
		if w == "" {
			continue
		}
		out = append(out, fixKeyword(w))
	}
	return strings.Join(out, " ")
}

// keep reports whether r is kept at the ends of a word: a letter, a
// digit or a slash (12/ 3).
func keep(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '/' }

// keywords are the slate's words that fixKeyword repairs.
var keywords = []string{"SCENE", "TAKE"}

// fixKeyword returns w, or the slate keyword that w is with one character
// misread (any letter or digit for any other), so that "SCEME 4",
// "5CENE 4" or "7AKE 2" still parse. Words shorter than four letters are
// left alone: a one-letter error in "SC" or "TK" is any word.
func fixKeyword(w string) string {
	core := strings.TrimRight(w, ".:#=")
	if len(core) < 4 {
		return w
	}
	up := strings.ToUpper(core)
	for _, k := range keywords {
		if up != k && len(up) == len(k) && oneOff(up, k) {
			return k + w[len(core):]
		}
	}
	return w
}

// oneOff reports whether a and b (of equal length) differ in exactly one
// place.
func oneOff(a, b string) bool {
	d := 0
	for i := range len(a) {
		if a[i] != b[i] {
			d++
		}
	}
	return d == 1
}
