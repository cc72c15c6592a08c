package doc

import (
	"rushcut/app/edit"
	"rushcut/app/suggest"
)

// Project is an editor's work: what Save writes and Open reads.
type Project struct {
	// Name is the project's title.
	Name string
	// Media lists every media file of the project, in bin order. Clips on
	// the timeline point at these references (Media[i].Ref).
	Media []*Media
	// Suggestions holds the analysis's suggestions and the editor's
	// decisions. Open always sets it; Save treats nil as empty.
	Suggestions *suggest.Set
	// Timeline is the edit; nil when there is none yet.
	Timeline *edit.Timeline
	// Imported names the file an editor's cut was read from (an EDL), when
	// Timeline is that cut rather than Rushcut's rough cut of the rushes.
	// An imported cut is the editor's: it is kept as read, effects are
	// proposed and applied on it, and it is never rebuilt from the rushes.
	Imported string
}

// New returns an empty project with the given name.
func New(name string) *Project { return &Project{Name: name, Suggestions: suggest.NewSet()} }

// Media is one media file of a project: its probe summary, identity and
// analysis-cache keys.
type Media struct {
	// Ref is the file as probed; Ref.ContentHash is its HashFile hash.
	Ref *edit.MediaReference
	// Size is the file's size in bytes.
	Size int64
	// Cache holds the file's analysis-cache keys by analyser name.
	Cache map[string]string
}

// Ref returns the reference of the project's media whose content hash is
// key or, failing that, whose path is path (see suggest.Target.MediaKey);
// nil when there is none. It is the preview package's Resolver.
func (p *Project) Ref(key, path string) *edit.MediaReference {
	for _, m := range p.Media {
		if m.Ref != nil && ((key != "" && m.Ref.ContentHash == key) || (path != "" && m.Ref.Path == path)) {
			return m.Ref
		}
	}
	return nil
}

// Find returns the project's media whose path is path, or nil.
func (p *Project) Find(path string) *Media {
	for _, m := range p.Media {
		if m.Ref != nil && m.Ref.Path == path {
			return m
		}
	}
	return nil
}
