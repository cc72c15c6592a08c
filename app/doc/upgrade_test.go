package doc

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// TestUpgradePath runs an older version through the registry: a Gap.0
// that called its length "frames" is upgraded to Gap.1 on the way in. The
// upgrader is registered by the test (version 1 is the first that
// shipped), which is how a real one is added when a type changes.
func TestUpgradePath(t *testing.T) {
	sc := schemas[gapSchema]
	saved := sc.Upgrades
	defer func() { sc.Upgrades = saved }()
	sc.Upgrades = map[int]upgrader{0: func(obj map[string]any) error {
		n, ok := obj["frames"].(json.Number)
		if !ok {
			return errors.New("no frames")
		}
		delete(obj, "frames")
		obj["duration"] = n
		return nil
	}}
	good, err := Marshal(fixture(t))
	if err != nil {
		t.Fatal(err)
	}
	gap1 := "\"schema\": \"Gap.1\",\n            \"id\": \"g1\",\n            \"duration\": 30,"
	gap0 := "\"schema\": \"Gap.0\",\n            \"id\": \"g1\",\n            \"frames\": 30,"
	old := strings.Replace(string(good), gap1, gap0, 1)
	if old == string(good) {
		t.Fatal("fixture gap not found")
	}
	p, err := Unmarshal([]byte(old))
	if err != nil {
		t.Fatal(err)
	}
	if diff := sameProject(fixture(t), p); diff != "" {
		t.Error(diff)
	}
	// An upgrader that fails, and a version with none, are refused.
	if _, err := Unmarshal([]byte(strings.Replace(old, `"frames"`, `"length"`, 1))); err == nil ||
		!strings.Contains(err.Error(), "upgrading Gap.0: no frames") || !errors.Is(err, ErrDamaged) {
		t.Errorf("failing upgrader: %v", err)
	}
	sc.Upgrades = nil
	if _, err := Unmarshal([]byte(old)); err == nil || !strings.Contains(err.Error(), "no upgrade from Gap.0") {
		t.Errorf("missing upgrader: %v", err)
	}
}

func TestParseSchema(t *testing.T) {
	tests := []struct {
		in   string
		name string
		v    int
		ok   bool
	}{
		{"Rushcut.Project.1", "Rushcut.Project", 1, true},
		{"Clip.12", "Clip", 12, true},
		{"Clip", "", 0, false},
		{".1", "", 0, false},
		{"Clip.-1", "", 0, false},
		{"Clip.01", "", 0, false},
		{"Clip.1x", "", 0, false},
		{"Clip.+1", "", 0, false},
	}
	for _, tt := range tests {
		name, v, ok := parseSchema(tt.in)
		if name != tt.name || v != tt.v || ok != tt.ok {
			t.Errorf("parseSchema(%q) = %q, %d, %v", tt.in, name, v, ok)
		}
	}
}
