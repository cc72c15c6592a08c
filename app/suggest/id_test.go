package suggest

import (
	"regexp"
	"testing"

	"rushcut/app/edit"
)

func trim(path string, in, out int64) Suggestion {
	return Suggestion{
		Kind:       Trim,
		Target:     Target{Path: path, Range: edit.TimeRange{Start: 0, Duration: 1 << 40, Rate: edit.Rate24}},
		Params:     Params{Trim: &TrimRange{In: in, Out: out}},
		Confidence: 0.8,
		Reason:     "clap at 1.2 s",
		Evidence:   Evidence{Measures: []Measure{{Name: "audio peak", Value: -3, Unit: "dBFS"}}},
	}
}

func TestIDStable(t *testing.T) {
	base := trim("/r/a.mov", 10, 200)
	base.Target.Hash = "sha256:aa"
	tests := []struct {
		name   string
		change func(*Suggestion)
	}{
		{"same", func(*Suggestion) {}},
		{"confidence", func(s *Suggestion) { s.Confidence = 0.1 }},
		{"reason", func(s *Suggestion) { s.Reason = "other words" }},
		{"evidence", func(s *Suggestion) {
			s.Evidence = Evidence{Curve: &Curve{Name: "motion", Origin: 3, Values: []float64{1, 2}}}
		}},
		{"moved media with a hash", func(s *Suggestion) { s.Target.Path = "/elsewhere/a.mov" }},
		{"rate written unreduced", func(s *Suggestion) { s.Target.Range.Rate = edit.Rate{Num: 48, Den: 2} }},
		{"old ID ignored", func(s *Suggestion) { s.ID = "trim-00000000" }},
	}
	want := IDOf(base)
	if !regexp.MustCompile(`^trim-[0-9a-f]{8}$`).MatchString(want) {
		t.Fatalf("ID %q is not kind-8hex", want)
	}
	for _, tt := range tests {
		s := base.Clone()
		tt.change(&s)
		if got := IDOf(s); got != want {
			t.Errorf("%s: ID %s, want %s", tt.name, got, want)
		}
	}
}

// TestIDPinned pins the ID scheme: changing it orphans every decision in
// every saved project, so it must not change by accident.
func TestIDPinned(t *testing.T) {
	s := trim("/r/a.mov", 10, 200)
	if got := IDOf(s); got != "trim-2b164b45" {
		t.Errorf("IDOf = %s; the ID scheme changed (saved decisions would be orphaned)", got)
	}
}

func TestIDDistinct(t *testing.T) {
	base := trim("/r/a.mov", 10, 200)
	tests := []struct {
		name   string
		change func(*Suggestion)
	}{
		{"kind", func(s *Suggestion) { s.Kind = "stabilize" }},
		{"path", func(s *Suggestion) { s.Target.Path = "/r/b.mov" }},
		{"hash", func(s *Suggestion) { s.Target.Hash = "sha256:bb" }},
		{"range start", func(s *Suggestion) { s.Target.Range.Start = 1 }},
		{"range rate", func(s *Suggestion) { s.Target.Range.Rate = edit.Rate25 }},
		{"item", func(s *Suggestion) { s.Target.Item = "c1" }},
		{"trim in", func(s *Suggestion) { s.Params.Trim.In = 11 }},
		{"trim out", func(s *Suggestion) { s.Params.Trim.Out = 199 }},
		{"values", func(s *Suggestion) { s.Params.Values = map[string]string{"strength": "0.5"} }},
		{"order", func(s *Suggestion) { s.Params.Order = []string{"x"} }},
	}
	seen := map[string]string{IDOf(base): "base"}
	for _, tt := range tests {
		s := base.Clone()
		tt.change(&s)
		id := IDOf(s)
		if prev, dup := seen[id]; dup {
			t.Errorf("%s: ID %s same as %s", tt.name, id, prev)
		}
		seen[id] = tt.name
	}
	a := Suggestion{Kind: Take, Params: Params{Take: &TakeChoice{Chosen: "a", Takes: []string{"a", "b"}}}}
	b := Suggestion{Kind: Take, Params: Params{Take: &TakeChoice{Chosen: "b", Takes: []string{"a", "b"}}}}
	if IDOf(a) == IDOf(b) {
		t.Error("take choices a and b share an ID")
	}
}

func TestIdentify(t *testing.T) {
	low, high := trim("/r/a.mov", 10, 200), trim("/r/a.mov", 10, 200)
	low.Confidence, high.Confidence = 0.2, 0.9
	other := trim("/r/b.mov", 10, 200)
	// Trims 93225 and 114595 of /r/a.mov share their first 8 hex digits
	// (found by search).
	c1, c2 := trim("/r/a.mov", 93225, 93325), trim("/r/a.mov", 114595, 114695)
	if IDOf(c1) != IDOf(c2) {
		t.Fatal("the collision fixture no longer collides")
	}
	out := Identify([]Suggestion{low, other, high, c1, c2})
	if len(out) != 4 {
		t.Fatalf("Identify kept %d suggestions, want 4", len(out))
	}
	if out[0].Confidence != 0.9 || out[0].ID != IDOf(high) {
		t.Errorf("duplicate: kept %+v, want the most confident", out[0])
	}
	if out[1].ID != IDOf(other) {
		t.Errorf("other: ID %s", out[1].ID)
	}
	long := regexp.MustCompile(`^trim-[0-9a-f]{16}$`)
	if !long.MatchString(out[2].ID) || !long.MatchString(out[3].ID) || out[2].ID == out[3].ID {
		t.Errorf("colliding IDs %s, %s: want two distinct 16-digit IDs", out[2].ID, out[3].ID)
	}
	again := Identify([]Suggestion{low, other, high, c1, c2})
	for i := range out {
		if again[i].ID != out[i].ID {
			t.Errorf("Identify is not deterministic: %s then %s", out[i].ID, again[i].ID)
		}
	}
	if low.ID != "" {
		t.Error("Identify changed its input")
	}
}

func TestValidate(t *testing.T) {
	ok := trim("/r/a.mov", 10, 200)
	ok.ID = IDOf(ok)
	tests := []struct {
		name   string
		change func(*Suggestion)
		want   string
	}{
		{"valid", func(*Suggestion) {}, ""},
		{"no id", func(s *Suggestion) { s.ID = "" }, "no ID"},
		{"no kind", func(s *Suggestion) { s.Kind = "" }, "no kind"},
		{"confidence", func(s *Suggestion) { s.Confidence = 1.5 }, "outside 0..1"},
		{"nan", func(s *Suggestion) { s.Evidence.Measures[0].Value = nan() }, "NaN"},
		{"trim order", func(s *Suggestion) { s.Params.Trim = &TrimRange{In: 5, Out: 5} }, "not before"},
		{"trim outside", func(s *Suggestion) { s.Target.Range.Duration = 100 }, "outside the target range"},
		{"trim no media", func(s *Suggestion) { s.Target.Path = "" }, "without target media"},
		{"bad range", func(s *Suggestion) { s.Target.Range.Rate = edit.Rate{} }, "valid rate"},
		{"take", func(s *Suggestion) {
			s.Kind, s.Params = Take, Params{Take: &TakeChoice{Chosen: "c", Takes: []string{"a"}}}
		}, "not among"},
		{"setup", func(s *Suggestion) { s.Kind, s.Params = Setup, Params{Setup: &SetupGroup{}} }, "without members"},
		{"order", func(s *Suggestion) { s.Kind, s.Params = Order, Params{} }, "without keys"},
		{"remove", func(s *Suggestion) { s.Kind, s.Target = Remove, Target{} }, "without a target"},
		{"effect", func(s *Suggestion) { s.Kind, s.Params = "stabilize", Params{Values: map[string]string{"a": "1"}} }, ""},
	}
	for _, tt := range tests {
		s := ok.Clone()
		tt.change(&s)
		err := s.Validate()
		if (err == nil) != (tt.want == "") || err != nil && !regexp.MustCompile(regexp.QuoteMeta(tt.want)).MatchString(err.Error()) {
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.want)
		}
	}
}

func nan() float64 { var z float64; return z / z }
