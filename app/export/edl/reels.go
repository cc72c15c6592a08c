package edl

import (
	"path/filepath"
	"strconv"
	"strings"
	"unicode"

	"rushcut/app/edit"
)

// reserved are special source identifiers a derived reel name must not be.
var reserved = map[string]bool{"BL": true, "BLK": true, "BLACK": true, "BARS": true, "AX": true, "AUX": true}

// fold maps common accented Latin letters to ASCII.
var fold = map[rune]string{
	'À': "A", 'Á': "A", 'Â': "A", 'Ã': "A", 'Ä': "A", 'Å': "A", 'Æ': "AE",
	'Ç': "C", 'È': "E", 'É': "E", 'Ê': "E", 'Ë': "E", 'Ì': "I", 'Í': "I",
	'Î': "I", 'Ï': "I", 'Ñ': "N", 'Ò': "O", 'Ó': "O", 'Ô': "O", 'Õ': "O",
	'Ö': "O", 'Ø': "O", 'Œ': "OE", 'Ù': "U", 'Ú': "U", 'Û': "U", 'Ü': "U",
	'Ý': "Y", 'Ÿ': "Y", 'ß': "SS",
}

// ReelName returns the reel name a media reference asks for before clashes
// are resolved: its reel/tape tag, or else its file name without extension,
// upper-cased, accents folded, other characters replaced by '_', at most 8
// characters; "CLIP" when nothing is left.
func ReelName(m *edit.MediaReference) string {
	src := strings.TrimSpace(m.Reel)
	if src == "" {
		src = filepath.Base(m.Path)
		if ext := filepath.Ext(src); ext != src {
			src = strings.TrimSuffix(src, ext)
		}
	}
	var b strings.Builder
	for _, r := range src {
		r = unicode.ToUpper(r)
		switch {
		case r >= 'A' && r <= 'Z' || r >= '0' && r <= '9':
			b.WriteRune(r)
		case fold[r] != "":
			b.WriteString(fold[r])
		default:
			b.WriteByte('_')
		}
	}
	s := b.String()
	for strings.Contains(s, "__") {
		s = strings.ReplaceAll(s, "__", "_")
	}
	s = strings.Trim(s, "_")
	if len(s) > 8 {
		s = strings.TrimRight(s[:8], "_")
	}
	if s == "" {
		s = "CLIP"
	}
	return s
}

// validReel reports whether s is a reel name the writer may write.
func validReel(s string) bool {
	if len(s) == 0 || len(s) > 8 {
		return false
	}
	for _, c := range s {
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// assignReels gives every distinct media file (by path) a distinct reel
// name, in order of first use: a file keeps its ReelName when it is the
// first to ask for it and it is not reserved; later files asking for the
// same name get "_2", "_3"… suffixes that no other file asks for.
func assignReels(media []*edit.MediaReference) map[string]string {
	want := map[string]string{} // path → desired
	var paths []string
	for _, m := range media {
		p := filepath.Clean(m.Path)
		if _, ok := want[p]; !ok {
			want[p] = ReelName(m)
			paths = append(paths, p)
		}
	}
	taken := map[string]bool{}
	out := map[string]string{}
	for _, p := range paths {
		if w := want[p]; !taken[w] && !reserved[w] {
			taken[w] = true
			out[p] = w
		}
	}
	desired := map[string]bool{}
	for _, w := range want {
		desired[w] = true
	}
	for _, p := range paths {
		if _, ok := out[p]; ok {
			continue
		}
		w := want[p]
		for n := 2; ; n++ {
			suffix := "_" + strconv.Itoa(n)
			head := w
			if len(head) > 8-len(suffix) {
				head = head[:8-len(suffix)]
			}
			cand := strings.TrimRight(head, "_") + suffix
			if !taken[cand] && !desired[cand] && !reserved[cand] {
				taken[cand] = true
				out[p] = cand
				break
			}
		}
	}
	return out
}
