package suggest

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
)

// analysis returns n identified trims of /r/a.mov with confidences
// 0.1, 0.2, ... (n ≤ 10).
func analysis(n int) []Suggestion {
	var list []Suggestion
	for i := range n {
		s := trim("/r/a.mov", int64(10*i), int64(10*i+5))
		s.Confidence = float64(i+1) / 10
		list = append(list, s)
	}
	return Identify(list)
}

func newSet(t *testing.T, list []Suggestion) *Set {
	t.Helper()
	s := NewSet()
	if _, err := s.Merge(list); err != nil {
		t.Fatal(err)
	}
	return s
}

// statuses returns the status of every entry, orphans marked with "!".
func statuses(s *Set) string {
	var out []string
	for _, e := range s.Entries() {
		st := string(e.Decision.Status)
		if e.Orphaned {
			st += "!"
		}
		out = append(out, st)
	}
	return strings.Join(out, " ")
}

func TestCommandsUndoRedo(t *testing.T) {
	list := analysis(3)
	id := func(i int) string { return list[i].ID }
	adjusted := Params{Trim: &TrimRange{In: 1, Out: 4}}
	tests := []struct {
		name    string
		prepare func(*Set) // decisions already made (history cleared after)
		do      func(*Set) error
		before  string
		after   string
	}{
		{"accept", nil, func(s *Set) error { return s.Accept(id(0)) },
			"proposed proposed proposed", "accepted proposed proposed"},
		{"reject", nil, func(s *Set) error { return s.Reject(id(1)) },
			"proposed proposed proposed", "proposed rejected proposed"},
		{"modify", nil, func(s *Set) error { return s.Modify(id(0), adjusted) },
			"proposed proposed proposed", "modified proposed proposed"},
		{"reset", func(s *Set) { s.Reject(id(2)) }, func(s *Set) error { return s.Reset(id(2)) },
			"proposed proposed rejected", "proposed proposed proposed"},
		{"accept over reject", func(s *Set) { s.Reject(id(2)) }, func(s *Set) error { return s.Accept(id(2)) },
			"proposed proposed rejected", "proposed proposed accepted"},
		{"modify over modify", func(s *Set) { s.Modify(id(0), Params{Trim: &TrimRange{In: 0, Out: 2}}) },
			func(s *Set) error { return s.Modify(id(0), adjusted) },
			"modified proposed proposed", "modified proposed proposed"},
		{"bulk accept", func(s *Set) { s.Reject(id(2)) }, func(s *Set) error {
			if n := s.AcceptAbove(0.2); n != 1 {
				return fmt.Errorf("accepted %d, want 1 (0.2 proposed; 0.3 rejected)", n)
			}
			return nil
		}, "proposed proposed rejected", "proposed accepted rejected"},
	}
	for _, tt := range tests {
		s := newSet(t, list)
		if tt.prepare != nil {
			tt.prepare(s)
			s.Merge(list) // clears the history
		}
		want := s.Entries()
		if got := statuses(s); got != tt.before {
			t.Fatalf("%s: before %q, want %q", tt.name, got, tt.before)
		}
		if err := tt.do(s); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		done := s.Entries()
		if got := statuses(s); got != tt.after {
			t.Errorf("%s: after %q, want %q", tt.name, got, tt.after)
		}
		if s.UndoLabel() == "" || s.RedoLabel() != "" {
			t.Errorf("%s: labels undo %q redo %q", tt.name, s.UndoLabel(), s.RedoLabel())
		}
		if !s.Undo() || !reflect.DeepEqual(s.Entries(), want) {
			t.Errorf("%s: undo gives %q, want %q", tt.name, statuses(s), tt.before)
		}
		if s.Undo() {
			t.Errorf("%s: a second undo found a command", tt.name)
		}
		if !s.Redo() || !reflect.DeepEqual(s.Entries(), done) {
			t.Errorf("%s: redo gives %q, want %q", tt.name, statuses(s), tt.after)
		}
		if s.Redo() {
			t.Errorf("%s: a second redo found a command", tt.name)
		}
	}
}

func TestModifyKeepsParams(t *testing.T) {
	list := analysis(1)
	s := newSet(t, list)
	p := Params{Trim: &TrimRange{In: 1, Out: 4}}
	if err := s.Modify(list[0].ID, p); err != nil {
		t.Fatal(err)
	}
	p.Trim.In = 3 // the set keeps its own copy
	e, _ := s.Get(list[0].ID)
	if got := e.Effective().Trim; got.In != 1 || got.Out != 4 {
		t.Errorf("Effective trim %+v, want 1–4", got)
	}
	if applied := s.Applied(); len(applied) != 1 || applied[0].ID != list[0].ID {
		t.Errorf("Applied = %v", applied)
	}
	if err := s.Modify(list[0].ID, Params{Trim: &TrimRange{In: 4, Out: 1}}); err == nil {
		t.Error("Modify accepted a trim with in after out")
	}
	if s.UndoLabel() != "Modify "+list[0].ID {
		t.Errorf("UndoLabel %q after a refused Modify", s.UndoLabel())
	}
}

func TestCommandErrorsAndNoOps(t *testing.T) {
	list := analysis(2)
	s := newSet(t, list)
	for name, err := range map[string]error{
		"accept": s.Accept("trim-nope"), "reject": s.Reject("trim-nope"),
		"reset": s.Reset("trim-nope"), "modify": s.Modify("trim-nope", Params{}),
	} {
		if err == nil {
			t.Errorf("%s of an unknown ID: no error", name)
		}
	}
	if s.UndoLabel() != "" {
		t.Errorf("failed commands left history %q", s.UndoLabel())
	}
	s.Accept(list[0].ID)
	s.Accept(list[0].ID) // already accepted: nothing to record
	s.Reset(list[1].ID)  // already proposed
	if n := s.AcceptAbove(0.99); n != 0 {
		t.Errorf("AcceptAbove(0.99) accepted %d", n)
	}
	if !s.Undo() || s.Undo() {
		t.Error("no-op commands were recorded")
	}
	s.Undo()
	s.Accept(list[1].ID)
	if s.Redo() {
		t.Error("a new command kept the redo history")
	}
}

func TestAcceptAboveIsOneCommand(t *testing.T) {
	s := newSet(t, analysis(10))
	if n := s.AcceptAbove(0.5); n != 6 {
		t.Fatalf("AcceptAbove(0.5) = %d, want 6 (0.5 … 1.0)", n)
	}
	want := "proposed proposed proposed proposed accepted accepted accepted accepted accepted accepted"
	if got := statuses(s); got != want {
		t.Errorf("statuses %q", got)
	}
	if !strings.Contains(s.UndoLabel(), "6 suggestions") {
		t.Errorf("UndoLabel %q", s.UndoLabel())
	}
	s.Undo()
	if got := statuses(s); strings.Contains(got, "accepted") {
		t.Errorf("one undo left %q", got)
	}
}

func TestMergeAfterReanalysis(t *testing.T) {
	first := analysis(4) // a b c d
	s := newSet(t, first)
	s.Accept(first[0].ID)
	s.Modify(first[1].ID, Params{Trim: &TrimRange{In: 11, Out: 14}})
	s.Reject(first[2].ID)
	// Re-analysis: a is proposed again (new confidence and reason), b and
	// d disappear, e is new. Identify gives a the same ID.
	again := analysis(5)
	a := again[0]
	a.Confidence, a.Reason = 0.95, "clap and slate"
	next := Identify([]Suggestion{again[4], a, again[2]})
	st, err := s.Merge(next)
	if err != nil {
		t.Fatal(err)
	}
	if st != (MergeStats{New: 1, Kept: 2, Orphaned: 1, Dropped: 1}) {
		t.Errorf("stats %+v", st)
	}
	if got, want := statuses(s), "proposed accepted rejected modified!"; got != want {
		t.Errorf("after merge %q, want %q", got, want)
	}
	e, _ := s.Get(first[0].ID)
	if e.Confidence != 0.95 || e.Reason != "clap and slate" || e.Orphaned {
		t.Errorf("kept entry not updated: %+v", e)
	}
	o, ok := s.Get(first[1].ID)
	if !ok || !o.Orphaned || o.Effective().Trim.In != 11 {
		t.Errorf("orphan %+v", o)
	}
	if _, ok := s.Get(first[3].ID); ok {
		t.Error("the undecided suggestion that disappeared is still there")
	}
	if s.UndoLabel() != "" {
		t.Error("Merge kept the undo history")
	}
	// b comes back: its decision is current again.
	if _, err := s.Merge(Identify([]Suggestion{first[1]})); err != nil {
		t.Fatal(err)
	}
	if got, want := statuses(s), "modified accepted! rejected!"; got != want {
		t.Errorf("after b came back %q, want %q", got, want)
	}
	if s.Len() != 1 || len(s.Applied()) != 1 {
		t.Errorf("Len %d Applied %d", s.Len(), len(s.Applied()))
	}
}

func TestMergeRefusesBadLists(t *testing.T) {
	list := analysis(2)
	s := newSet(t, list)
	s.Accept(list[0].ID)
	before := s.Entries()
	bad := list[1]
	bad.Confidence = 2
	for name, l := range map[string][]Suggestion{
		"duplicate": {list[0], list[0]},
		"invalid":   {bad},
		"no id":     {trim("/r/x.mov", 0, 1)},
	} {
		if _, err := s.Merge(l); err == nil {
			t.Errorf("%s: Merge accepted the list", name)
		}
	}
	if !reflect.DeepEqual(s.Entries(), before) || s.UndoLabel() == "" {
		t.Error("a refused Merge changed the set")
	}
}

func TestRestore(t *testing.T) {
	list := analysis(3)
	s := newSet(t, list)
	s.Accept(list[0].ID)
	s.Modify(list[1].ID, Params{Trim: &TrimRange{In: 11, Out: 12}})
	s.Merge(list[1:])
	entries := s.Entries()
	r, err := Restore(entries)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(r.Entries(), entries) {
		t.Errorf("Restore(Entries()) differs:\n%v\n%v", r.Entries(), entries)
	}
	bad := []struct {
		name string
		e    []Entry
	}{
		{"duplicate", []Entry{entries[0], entries[0]}},
		{"status", []Entry{{Suggestion: entries[0].Suggestion, Decision: Decision{Status: "maybe"}}}},
		{"modified without params", []Entry{{Suggestion: entries[0].Suggestion, Decision: Decision{Status: Modified}}}},
		{"accepted with params", []Entry{{Suggestion: entries[0].Suggestion, Decision: Decision{Status: Accepted, Modified: &Params{}}}}},
		{"invalid suggestion", []Entry{{Decision: Decision{Status: Accepted}}}},
	}
	for _, tt := range bad {
		if _, err := Restore(tt.e); err == nil {
			t.Errorf("%s: Restore accepted it", tt.name)
		}
	}
}

func TestConcurrentUse(t *testing.T) {
	list := analysis(10)
	s := newSet(t, list)
	var wg sync.WaitGroup
	for i := range list {
		wg.Go(func() {
			s.Accept(list[i].ID)
			_ = s.Entries()
			_, _ = s.Get(list[i].ID)
			_ = s.UndoLabel()
		})
	}
	wg.Wait()
	if len(s.Applied()) != 10 {
		t.Errorf("Applied %d after concurrent accepts, want 10", len(s.Applied()))
	}
	for range list {
		s.Undo()
	}
	if len(s.Applied()) != 0 || s.Undo() {
		t.Error("undoing ten concurrent accepts did not undo all of them")
	}
}
