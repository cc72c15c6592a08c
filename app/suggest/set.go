package suggest

import (
	"errors"
	"fmt"
	"sync"
)

// Status is where the editor stands on a suggestion.
type Status string

// Statuses.
const (
	// Proposed: not decided yet.
	Proposed Status = "proposed"
	// Accepted: apply the suggestion as proposed.
	Accepted Status = "accepted"
	// Rejected: do not apply it.
	Rejected Status = "rejected"
	// Modified: apply it with the editor's parameters (Decision.Modified).
	Modified Status = "modified"
)

// Decision is the editor's choice about one suggestion.
type Decision struct {
	// Status is Proposed, Accepted, Rejected or Modified.
	Status Status `json:"status"`
	// Modified holds the editor's parameters when Status is Modified.
	Modified *Params `json:"modified,omitempty"`
}

// Check reports whether the decision is well formed: a known status, and
// parameters exactly when modified.
func (d Decision) Check() error {
	switch d.Status {
	case Proposed, Accepted, Rejected:
		if d.Modified != nil {
			return fmt.Errorf("%s decision with modified parameters", d.Status)
		}
	case Modified:
		if d.Modified == nil {
			return errors.New("modified decision without parameters")
		}
	default:
		return fmt.Errorf("unknown status %q", d.Status)
	}
	return nil
}

// Entry is a suggestion with its decision, as a Set lists it.
type Entry struct {
	Suggestion
	// Decision is the editor's; Status is Proposed when undecided.
	Decision Decision `json:"decision"`
	// Orphaned is true when the latest analysis no longer proposes the
	// suggestion; the entry keeps its last known content and decision.
	Orphaned bool `json:"orphaned,omitempty"`
}

// Effective returns the parameters to apply: the editor's when modified,
// else the suggestion's.
func (e Entry) Effective() Params {
	if e.Decision.Status == Modified && e.Decision.Modified != nil {
		return *e.Decision.Modified
	}
	return e.Params
}

// Set is the suggestions of the latest analysis and the editor's decisions,
// with an undo history. It is safe for concurrent use. What its methods
// return shares memory with the set: treat it as read-only.
type Set struct {
	mu      sync.Mutex
	current []string              // IDs of the latest analysis, in order
	orphans []string              // IDs of orphaned entries, in orphaning order
	sugg    map[string]Suggestion // by ID, current and orphaned
	dec     map[string]Decision   // by ID; absent means Proposed
	undo    []change
	redo    []change
}

// NewSet returns an empty set.
func NewSet() *Set {
	return &Set{sugg: map[string]Suggestion{}, dec: map[string]Decision{}}
}

// Restore returns a set holding entries (as Entries returned them, e.g.
// read back from a project file), with an empty history. It refuses
// invalid suggestions or decisions and repeated IDs.
func Restore(entries []Entry) (*Set, error) {
	s := NewSet()
	for _, e := range entries {
		if err := e.Suggestion.Validate(); err != nil {
			return nil, err
		}
		if err := e.Decision.Check(); err != nil {
			return nil, fmt.Errorf("suggestion %s: %w", e.ID, err)
		}
		if _, dup := s.sugg[e.ID]; dup {
			return nil, fmt.Errorf("suggestion %s appears twice", e.ID)
		}
		s.sugg[e.ID] = e.Suggestion.Clone()
		if e.Orphaned {
			s.orphans = append(s.orphans, e.ID)
		} else {
			s.current = append(s.current, e.ID)
		}
		if e.Decision.Status != Proposed {
			s.dec[e.ID] = cloneDecision(e.Decision)
		}
	}
	return s, nil
}

func cloneDecision(d Decision) Decision {
	if d.Modified != nil {
		p := d.Modified.Clone()
		d.Modified = &p
	}
	return d
}

// Len returns the number of current (not orphaned) suggestions.
func (s *Set) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.current)
}

// Entries returns the current suggestions in analysis order, then the
// orphaned ones.
func (s *Set) Entries() []Entry {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Entry, 0, len(s.current)+len(s.orphans))
	for _, id := range s.current {
		out = append(out, s.entry(id, false))
	}
	for _, id := range s.orphans {
		out = append(out, s.entry(id, true))
	}
	return out
}

// Get returns the entry with the given ID.
func (s *Set) Get(id string) (Entry, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.sugg[id]; !ok {
		return Entry{}, false
	}
	orphan := false
	for _, o := range s.orphans {
		orphan = orphan || o == id
	}
	return s.entry(id, orphan), true
}

// Applied returns the current suggestions the editor accepted or modified,
// in analysis order: what the rough cut applies (see Entry.Effective).
func (s *Set) Applied() []Entry {
	var out []Entry
	for _, e := range s.Entries() {
		if !e.Orphaned && (e.Decision.Status == Accepted || e.Decision.Status == Modified) {
			out = append(out, e)
		}
	}
	return out
}

func (s *Set) entry(id string, orphan bool) Entry {
	return Entry{Suggestion: s.sugg[id], Decision: s.decision(id), Orphaned: orphan}
}

func (s *Set) decision(id string) Decision {
	if d, ok := s.dec[id]; ok {
		return d
	}
	return Decision{Status: Proposed}
}

// MergeStats counts what Merge did.
type MergeStats struct {
	// New is the number of suggestions not seen before.
	New int
	// Kept is the number of suggestions proposed again, decided or not.
	Kept int
	// Orphaned is the number of decisions whose suggestion disappeared in
	// this run.
	Orphaned int
	// Dropped is the number of undecided suggestions that disappeared.
	Dropped int
}

// Merge replaces the suggestions by those of a new analysis run (with IDs
// set, see Identify). Decisions are keyed by ID and carry over; an orphaned
// entry proposed again is current again. A decided suggestion that is not
// in list stays, orphaned; an undecided one is dropped. The undo history
// is cleared: decisions made before the merge stay but can no longer be
// undone. Merge refuses invalid suggestions and repeated IDs, changing
// nothing.
func (s *Set) Merge(list []Suggestion) (MergeStats, error) {
	seen := map[string]bool{}
	for _, sg := range list {
		if err := sg.Validate(); err != nil {
			return MergeStats{}, err
		}
		if seen[sg.ID] {
			return MergeStats{}, fmt.Errorf("suggestion %s appears twice", sg.ID)
		}
		seen[sg.ID] = true
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var st MergeStats
	var orphans []string
	for _, id := range s.current {
		if seen[id] {
			continue
		}
		if _, decided := s.dec[id]; decided {
			orphans = append(orphans, id)
			st.Orphaned++
		} else {
			delete(s.sugg, id)
			st.Dropped++
		}
	}
	for _, id := range s.orphans {
		if !seen[id] {
			orphans = append(orphans, id)
		}
	}
	s.current = s.current[:0:0]
	for _, sg := range list {
		if _, ok := s.sugg[sg.ID]; ok {
			st.Kept++
		} else {
			st.New++
		}
		s.sugg[sg.ID] = sg.Clone()
		s.current = append(s.current, sg.ID)
	}
	s.orphans = orphans
	s.undo, s.redo = nil, nil
	return st, nil
}
