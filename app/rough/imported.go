package rough

import (
	"errors"

	"rushcut/app/doc"
	"rushcut/app/edit"
	"rushcut/app/effects"
	"rushcut/app/suggest"
)

// Import makes p hold an editor's cut: tl, read from the file from (an
// EDL) and relinked to the day's media. The project gets the day's media,
// the cut as read (never rebuilt from the rushes: see doc.Project.Imported)
// and the effects proposed on it, merged with the decisions p already
// holds (importing the same cut again keeps them). It returns the effect
// suggestions.
func Import(p *doc.Project, d *Day, tl *edit.Timeline, from string, color effects.ColorSampler) ([]suggest.Suggestion, error) {
	if tl == nil || from == "" {
		return nil, errors.New("an imported cut needs its timeline and the file it came from")
	}
	if err := putMedia(p, d); err != nil {
		return nil, err
	}
	p.Timeline, p.Imported = tl, from
	return ProposeCut(p, d, color)
}

// ProposeCut proposes effects on the project's cut and merges them into
// its suggestions: on Rushcut's rough cut with the day's own suggestions
// (see ProposeEffects); on an editor's imported cut alone, since the
// rough cut's trims, takes and order do not apply to it.
func ProposeCut(p *doc.Project, d *Day, color effects.ColorSampler) ([]suggest.Suggestion, error) {
	if p.Imported == "" {
		return ProposeEffects(p, d, color)
	}
	if p.Timeline == nil {
		return nil, errors.New("the project has no cut")
	}
	eff, err := proposeOn(p.Timeline, d, color)
	if err != nil {
		return nil, err
	}
	if _, err := p.Suggestions.Merge(suggest.Identify(eff)); err != nil {
		return nil, err
	}
	return eff, nil
}
