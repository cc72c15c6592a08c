package suggest

import (
	"fmt"
	"reflect"
)

// change is one undoable command: the decisions of the suggestions it
// touched before and after.
type change struct {
	label         string
	before, after map[string]Decision
}

// apply sets the decisions in ds (Proposed removes one). The caller holds
// the lock.
func (s *Set) apply(ds map[string]Decision) {
	for id, d := range ds {
		if d.Status == Proposed {
			delete(s.dec, id)
		} else {
			s.dec[id] = d
		}
	}
}

// do records and applies a change, unless it changes nothing. The caller
// holds the lock.
func (s *Set) do(label string, after map[string]Decision) {
	before := map[string]Decision{}
	for id, d := range after {
		old := s.decision(id)
		if sameDecision(old, d) {
			delete(after, id)
			continue
		}
		before[id] = old
	}
	if len(after) == 0 {
		return
	}
	s.apply(after)
	s.undo = append(s.undo, change{label: label, before: before, after: after})
	s.redo = nil
}

func sameDecision(a, b Decision) bool { return reflect.DeepEqual(a, b) }

// decide is the single-suggestion command behind Accept, Reject, Modify
// and Reset.
func (s *Set) decide(verb, id string, d Decision) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.sugg[id]; !ok {
		return fmt.Errorf("no suggestion %s", id)
	}
	s.do(verb+" "+id, map[string]Decision{id: d})
	return nil
}

// Accept accepts the suggestion as proposed; undoable.
func (s *Set) Accept(id string) error { return s.decide("Accept", id, Decision{Status: Accepted}) }

// Reject rejects the suggestion; undoable.
func (s *Set) Reject(id string) error { return s.decide("Reject", id, Decision{Status: Rejected}) }

// Reset takes the decision back to Proposed; undoable.
func (s *Set) Reset(id string) error { return s.decide("Reset", id, Decision{Status: Proposed}) }

// Modify accepts the suggestion with the editor's parameters p instead of
// its own, which must fit its kind (see CheckParams); undoable.
func (s *Set) Modify(id string, p Params) error {
	s.mu.Lock()
	sg, ok := s.sugg[id]
	s.mu.Unlock()
	if !ok {
		return fmt.Errorf("no suggestion %s", id)
	}
	if err := CheckParams(sg.Kind, sg.Target, p); err != nil {
		return fmt.Errorf("modify %s: %w", id, err)
	}
	p = p.Clone()
	return s.decide("Modify", id, Decision{Status: Modified, Modified: &p})
}

// AcceptAbove accepts, as one undoable command, every current suggestion
// still proposed whose confidence is at least min, and returns how many it
// accepted. Rejected and modified suggestions keep their decision.
func (s *Set) AcceptAbove(min float64) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	after := map[string]Decision{}
	for _, id := range s.current {
		if s.sugg[id].Confidence >= min && s.decision(id).Status == Proposed {
			after[id] = Decision{Status: Accepted}
		}
	}
	n := len(after)
	s.do(fmt.Sprintf("Accept %d suggestions at confidence ≥ %g", n, min), after)
	return n
}

// Undo reverts the latest command and reports whether there was one.
func (s *Set) Undo() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.undo) == 0 {
		return false
	}
	c := s.undo[len(s.undo)-1]
	s.undo = s.undo[:len(s.undo)-1]
	s.apply(c.before)
	s.redo = append(s.redo, c)
	return true
}

// Redo applies the latest undone command again and reports whether there
// was one. A new command clears what could be redone.
func (s *Set) Redo() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.redo) == 0 {
		return false
	}
	c := s.redo[len(s.redo)-1]
	s.redo = s.redo[:len(s.redo)-1]
	s.apply(c.after)
	s.undo = append(s.undo, c)
	return true
}

// UndoLabel names the command Undo would revert ("Accept trim-3f9a2c10"),
// or "" when there is none.
func (s *Set) UndoLabel() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return label(s.undo)
}

// RedoLabel names the command Redo would apply again, or "".
func (s *Set) RedoLabel() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return label(s.redo)
}

func label(cs []change) string {
	if len(cs) == 0 {
		return ""
	}
	return cs[len(cs)-1].label
}
