package rough

import (
	"fmt"
	"sync"

	"rushcut/app/assemble"
	"rushcut/app/doc"
	"rushcut/app/edit"
	"rushcut/app/effects"
	"rushcut/app/suggest"
)

// Session is an open rough cut: the project document, the day it was
// analysed from, and the path it is saved to. Every decision rebuilds the
// cut and autosaves, so that `rushcut assemble P.rushcut` exports what
// the editor sees. Its methods are safe for concurrent use.
type Session struct {
	mu   sync.Mutex
	path string
	p    *doc.Project
	day  *Day
	opts assemble.TimelineOptions
	// failed maps the files that could not be analysed to why.
	failed map[string]string
}

// NewSession opens a session over project p (saved at path) and day d,
// cutting with opts. The project must already hold the day (see Apply).
func NewSession(path string, p *doc.Project, d *Day, opts assemble.TimelineOptions) *Session {
	return &Session{path: path, p: p, day: d, opts: opts}
}

// Project is the session's document (read it, do not change it).
func (s *Session) Project() *doc.Project { return s.p }

// Day is the analysed rushes.
func (s *Session) Day() *Day { return s.day }

// Path is where the project is saved.
func (s *Session) Path() string { return s.path }

// Accept, Reject and Reset decide suggestion id, then rebuild.
func (s *Session) Accept(id string) error {
	return s.decide(func() error { return s.p.Suggestions.Accept(id) })
}

// Reject rejects suggestion id and rebuilds the cut.
func (s *Session) Reject(id string) error {
	return s.decide(func() error { return s.p.Suggestions.Reject(id) })
}

// Reset undecides suggestion id and rebuilds the cut.
func (s *Session) Reset(id string) error {
	return s.decide(func() error { return s.p.Suggestions.Reset(id) })
}

// UseTake makes take suggestion id choose the take with media key key.
func (s *Session) UseTake(id, key string) error {
	return s.decide(func() error {
		e, ok := s.p.Suggestions.Get(id)
		if !ok || e.Params.Take == nil {
			return fmt.Errorf("no take suggestion %s", id)
		}
		p := e.Params.Clone()
		p.Take.Chosen = key
		return s.p.Suggestions.Modify(id, p)
	})
}

// AcceptAbove accepts every proposed suggestion of at least confidence c.
func (s *Session) AcceptAbove(c float64) error {
	return s.decide(func() error { s.p.Suggestions.AcceptAbove(c); return nil })
}

// Undo and Redo step through the decisions, rebuilding the cut.
func (s *Session) Undo() error { return s.decide(func() error { s.p.Suggestions.Undo(); return nil }) }

// Redo redoes the last undone decision and rebuilds the cut.
func (s *Session) Redo() error { return s.decide(func() error { s.p.Suggestions.Redo(); return nil }) }

// Save writes the project (atomically) and clears its autosave.
func (s *Session) Save() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return doc.Save(s.path, s.p)
}

func (s *Session) decide(do func() error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := do(); err != nil {
		return err
	}
	tl, err := s.cut(s.opts, effects.Accepted)
	if err != nil {
		return err
	}
	s.p.Timeline = tl
	return doc.Autosave(s.path, s.p)
}

// cut builds the cut with opts from the decisions, with the effects mode
// selects on it. The caller holds s.mu.
func (s *Session) cut(opts assemble.TimelineOptions, mode effects.Mode) (*edit.Timeline, error) {
	tl, _, err := s.day.Cut(s.p.Suggestions, opts)
	if err != nil {
		return nil, err
	}
	tl, _ = effects.Apply(tl, s.p.Suggestions.Entries(), mode)
	return tl, nil
}

// Entries lists the suggestions with their decisions.
func (s *Session) Entries() []suggest.Entry {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.p.Suggestions.Entries()
}

// ExportOptions are what the export dialog asks: the format, and the
// timeline's rate, drop-frame and record start (empty or zero: the
// session's).
type ExportOptions struct {
	Format      assemble.Format
	Rate        string // "24000/1001", "25"; "" keeps the session's
	DropFrame   bool
	RecordStart string // "01:00:00:00"; "" keeps the session's
	// Effects says which effect suggestions go on the cut ("": the
	// accepted ones, as the window shows).
	Effects effects.Mode
}

// Export writes the current cut to path as o asks, rebuilt at o's rate
// and start (the decisions are the session's), atomically.
func (s *Session) Export(path string, o ExportOptions) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	opts := s.opts
	if o.Rate != "" {
		r, err := edit.ParseRate(o.Rate)
		if err != nil {
			return fmt.Errorf("rate: %w", err)
		}
		opts.Rate = r.Reduced()
	}
	if o.DropFrame && !opts.Rate.CanDrop() {
		return fmt.Errorf("drop-frame timecode is not defined at %s fps", opts.Rate)
	}
	opts.DropFrame = o.DropFrame
	start := o.RecordStart
	if start == "" {
		start = "01:00:00:00"
	}
	f, err := opts.Rate.ParseTimecode(start, opts.DropFrame)
	if err != nil {
		return fmt.Errorf("record start: %w", err)
	}
	opts.Start = f
	mode := o.Effects
	if mode == "" {
		mode = effects.Accepted
	}
	tl, err := s.cut(opts, mode)
	if err != nil {
		return err
	}
	return assemble.Export(tl, path, o.Format)
}

// TrimClip moves the head and tail of the cut's clip with ID clipID by
// head and tail timeline frames (positive: later), within its media, and
// records the new range as the editor's trim of that take (a modified
// trim decision; undoable), then rebuilds the cut.
func (s *Session) TrimClip(clipID string, head, tail int64) error {
	return s.decide(func() error {
		tl := s.p.Timeline
		if tl == nil {
			return fmt.Errorf("no cut to trim")
		}
		tr, i := tl.Find(clipID)
		if tr == nil {
			return fmt.Errorf("no clip %s in the cut", clipID)
		}
		c, ok := tr.Items[i].(*edit.Clip)
		if !ok || c.Media == nil {
			return fmt.Errorf("%s is not a clip of media", clipID)
		}
		id, err := s.trimSuggestion(c.Media.Path)
		if err != nil {
			return err
		}
		m, sp := c.Media, c.Speed()
		src := func(n int64) int64 { // timeline frames to media frames, signed
			if n < 0 {
				return -edit.SourceFrames(-n, sp, m.Rate, tl.Rate)
			}
			return edit.SourceFrames(n, sp, m.Rate, tl.Rate)
		}
		avail := m.AvailableRange()
		in := min(max(c.SourceIn+src(head), avail.Start), avail.End()-1)
		out := min(max(c.SourceIn+src(c.Duration+tail), in+1), avail.End())
		return s.p.Suggestions.Modify(id, suggest.Params{Trim: &suggest.TrimRange{In: in, Out: out}})
	})
}

// trimSuggestion finds the trim suggestion of the take at path. The
// caller holds s.mu.
func (s *Session) trimSuggestion(path string) (string, error) {
	for i, r := range s.day.Takes {
		if r.Path != path {
			continue
		}
		key := s.day.key(i)
		for _, e := range s.p.Suggestions.Entries() {
			if e.Kind == suggest.Trim && !e.Orphaned && e.Target.MediaKey() == key {
				return e.ID, nil
			}
		}
	}
	return "", fmt.Errorf("%s: no trim suggestion for this take", path)
}

// Modify accepts suggestion id with the editor's parameters p instead of
// its own (a modified decision; undoable), then rebuilds the cut.
func (s *Session) Modify(id string, p suggest.Params) error {
	return s.decide(func() error { return s.p.Suggestions.Modify(id, p) })
}

// MediaOf returns the media of the take a suggestion targets (by content
// hash or path), or nil.
func (s *Session) MediaOf(t suggest.Target) *edit.MediaReference {
	for i, r := range s.day.Takes {
		if s.day.key(i) == t.MediaKey() || r.Path == t.Path {
			return r.Media
		}
	}
	return nil
}

// ProposeEffects proposes effects on the cut as the decisions make it
// (see effects.Propose; color measures colour, nil for no colour
// matching), merges them into the suggestions, rebuilds and autosaves. The
// measuring runs outside the session's lock, so a window using the session
// stays usable meanwhile. It returns how many effects it proposed.
func (s *Session) ProposeEffects(color effects.ColorSampler) (int, error) {
	s.mu.Lock()
	tl, _, err := s.day.Cut(s.p.Suggestions, s.opts)
	s.mu.Unlock()
	if err != nil {
		return 0, err
	}
	eff, err := proposeOn(tl, s.day, color)
	if err != nil {
		return 0, err
	}
	return len(eff), s.decide(func() error {
		_, err := s.p.Suggestions.Merge(suggest.Identify(append(s.day.Suggestions(), eff...)))
		return err
	})
}
