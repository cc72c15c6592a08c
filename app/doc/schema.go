package doc

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// upgrader turns an object of one schema version into the next version,
// in place: the JSON object as a map, numbers as json.Number. It need not
// set "schema"; the caller does.
type upgrader func(obj map[string]any) error

// schema describes one type of the project file.
type schema struct {
	// Current is the version this build writes and reads.
	Current int
	// Children are the keys whose values hold objects with schemas of
	// their own (an object, an array of objects, or null), visited after
	// the object is upgraded.
	Children []string
	// Upgrades maps a version v to the function taking v to v+1.
	Upgrades map[int]upgrader
}

// Schema names. The project's own is namespaced, as OTIO names its types.
const (
	projectSchema    = "Rushcut.Project"
	mediaSchema      = "Media"
	suggestionSchema = "Suggestion"
	timelineSchema   = "Timeline"
	trackSchema      = "Track"
	clipSchema       = "Clip"
	gapSchema        = "Gap"
	transitionSchema = "Transition"
)

// schemas is the registry of every type the file holds. When a type
// changes, bump its Current and register the upgrader from the old
// version, so that older files still open.
var schemas = map[string]*schema{
	projectSchema: {Current: 2, Children: []string{"media", "suggestions", "timeline"},
		Upgrades: map[int]upgrader{1: func(obj map[string]any) error {
			obj["imported"] = "" // version 2: the cut may be an editor's
			return nil
		}}},
	mediaSchema:      {Current: 1},
	suggestionSchema: {Current: 1},
	timelineSchema:   {Current: 1, Children: []string{"tracks"}},
	trackSchema:      {Current: 1, Children: []string{"items"}},
	clipSchema:       {Current: 1},
	gapSchema:        {Current: 1},
	transitionSchema: {Current: 1},
}

// versioned returns "Name.N" for a type at its current version.
func versioned(name string) string {
	return name + "." + strconv.Itoa(schemas[name].Current)
}

// parseSchema splits "Rushcut.Project.1" into its name and version.
func parseSchema(s string) (name string, version int, ok bool) {
	i := strings.LastIndexByte(s, '.')
	if i <= 0 {
		return "", 0, false
	}
	v, err := strconv.Atoi(s[i+1:])
	if err != nil || v < 0 || strconv.Itoa(v) != s[i+1:] {
		return "", 0, false
	}
	return s[:i], v, true
}

// errVersion is wrapped by the error for a version newer than this build
// reads.
var errVersion = errors.New("unsupported version")

// upgrade brings obj and the objects below it to their current versions,
// in place. where names obj's place in the file for error messages.
func upgrade(obj map[string]any, where string) error {
	s, ok := obj["schema"].(string)
	if !ok {
		return fmt.Errorf("%s has no schema", where)
	}
	name, v, ok := parseSchema(s)
	if !ok {
		return fmt.Errorf("%s: malformed schema %q", where, s)
	}
	sc := schemas[name]
	if sc == nil {
		return fmt.Errorf("%s: unknown schema %q", where, s)
	}
	if v > sc.Current {
		return fmt.Errorf("%w %s (this Rushcut reads up to %d)", errVersion, s, sc.Current)
	}
	for ; v < sc.Current; v++ {
		up := sc.Upgrades[v]
		if up == nil {
			return fmt.Errorf("%s: no upgrade from %s.%d", where, name, v)
		}
		if err := up(obj); err != nil {
			return fmt.Errorf("%s: upgrading %s.%d: %w", where, name, v, err)
		}
	}
	obj["schema"] = versioned(name)
	for _, key := range sc.Children {
		if err := upgradeChild(obj[key], where+"."+key); err != nil {
			return err
		}
	}
	return nil
}

func upgradeChild(v any, where string) error {
	switch v := v.(type) {
	case nil:
		return nil
	case map[string]any:
		return upgrade(v, where)
	case []any:
		for i, e := range v {
			m, ok := e.(map[string]any)
			if !ok {
				return fmt.Errorf("%s[%d] is not an object", where, i)
			}
			if err := upgrade(m, fmt.Sprintf("%s[%d]", where, i)); err != nil {
				return err
			}
		}
		return nil
	}
	return fmt.Errorf("%s is neither an object nor an array", where)
}
