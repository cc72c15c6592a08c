package rough

import (
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// Label is the scene, setup and take a take's slate or file name states.
type Label struct {
	// Setup is the slate's setup name ("12A"); empty when unknown.
	Setup string `json:"setup,omitempty"`
	// Scene is the setup's scene number (0 when unknown).
	Scene int `json:"scene,omitempty"`
	// Take is the take number (0 when unknown).
	Take int `json:"take,omitempty"`
	// Pickup marks a pickup ("PU").
	Pickup bool `json:"pickup,omitempty"`
	// By says where the label was read: "slate" or "name".
	By string `json:"by,omitempty"`
}

// Known reports whether the label names a setup.
func (l Label) Known() bool { return l.Setup != "" }

// nameLabel matches scene/take hints in file names: S12_T3, sc12_tk3,
// SC12A-TK3, scene12a_take3 (not camera clip names like A001_C003).
var nameLabel = regexp.MustCompile(`(?i)(?:^|[^a-z])s(?:c|cene)?[ _.-]?(\d{1,4}[a-z]{0,2})[ _.-]*t(?:k|ake)?[ _.-]?(\d{1,3})(?:[^0-9]|$)`)

// labelFromName reads a setup and take from a file name, if it has one.
func labelFromName(path string) Label {
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	m := nameLabel.FindStringSubmatch(base)
	if m == nil {
		return Label{}
	}
	setup := strings.ToUpper(m[1])
	take, _ := strconv.Atoi(m[2])
	return Label{Setup: setup, Scene: sceneOf(setup), Take: take, By: "name"}
}

// sceneOf is the number at the start of a setup name ("12A" → 12).
func sceneOf(setup string) int {
	i := 0
	for i < len(setup) && setup[i] >= '0' && setup[i] <= '9' {
		i++
	}
	n, _ := strconv.Atoi(setup[:i])
	return n
}
