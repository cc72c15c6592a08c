package suggest

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"

	"rushcut/app/edit"
)

// idHex and longIDHex are how many hex digits of the digest an ID shows:
// normally 8; 16 for suggestions whose first 8 collide.
const (
	idHex     = 8
	longIDHex = 16
)

// identity is what an ID hashes: what is proposed, not why. Media is named
// by its MediaKey, so a file that moved keeps its IDs once its content
// hash is known.
type identity struct {
	Kind  Kind           `json:"kind"`
	Media string         `json:"media,omitempty"`
	Range edit.TimeRange `json:"range"`
	Item  string         `json:"item,omitempty"`
	// Params is written by encoding/json, which sorts map keys, so the
	// encoding is deterministic.
	Params Params `json:"params"`
}

// digest returns the hex SHA-256 of the suggestion's identity.
func digest(s Suggestion) string {
	r := s.Target.Range
	r.Rate = r.Rate.Reduced() // 48/2 is 24/1
	b, err := json.Marshal(identity{Kind: s.Kind, Media: s.Target.MediaKey(), Range: r, Item: s.Target.Item, Params: s.Params})
	if err != nil { // Params holds only strings and integers
		panic("suggest: " + err.Error())
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// IDOf returns the ID of a suggestion: its kind, a dash and the first 8 hex
// digits of the SHA-256 of its kind, target (media by content hash, else
// path; range; item) and parameters, e.g. "trim-3f9a2c10". Confidence,
// reason and evidence do not count, so re-analysing the same media gives
// the same IDs even when the measurements move a little; a change in what
// is proposed (other trim points) is a new suggestion.
func IDOf(s Suggestion) string { return string(s.Kind) + "-" + digest(s)[:idHex] }

// Identify sets the ID of every suggestion in list (see IDOf) and returns
// the list without duplicates: of suggestions proposing the same thing, it
// keeps the most confident (the first of equals), in the place of the
// first. Where two different suggestions' IDs would collide, both get 16
// hex digits instead of 8. The result depends only on the list, so the
// same analysis always gets the same IDs. The input is not changed.
func Identify(list []Suggestion) []Suggestion {
	digests := make([]string, len(list))
	byShort := map[string]map[string]bool{}
	for i, s := range list {
		d := digest(s)
		digests[i] = d
		short := string(s.Kind) + "-" + d[:idHex]
		if byShort[short] == nil {
			byShort[short] = map[string]bool{}
		}
		byShort[short][d] = true
	}
	// Each distinct proposal keeps the place of its first occurrence and
	// the content of its most confident one.
	best := map[string]int{}
	var keep []int
	for i, s := range list {
		d := digests[i]
		j, ok := best[d]
		if !ok {
			keep = append(keep, i)
		}
		if !ok || s.Confidence > list[j].Confidence {
			best[d] = i
		}
	}
	out := make([]Suggestion, 0, len(keep))
	for _, i := range keep {
		d := digests[i]
		s := list[best[d]].Clone()
		n := idHex
		if len(byShort[string(s.Kind)+"-"+d[:idHex]]) > 1 {
			n = longIDHex
		}
		s.ID = string(s.Kind) + "-" + d[:n]
		out = append(out, s)
	}
	return out
}
