package ui

import (
	"fmt"
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"rushcut/app/edit"
	"rushcut/app/suggest"
)

// darkTheme is Fyne's default theme held to its dark variant.
type darkTheme struct{ fyne.Theme }

func (d darkTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return d.Theme.Color(n, theme.VariantDark)
}

// darkApp starts a headless test app with the dark theme.
func darkApp(t testing.TB) fyne.App {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(darkTheme{theme.DefaultTheme()})
	return a
}

var rate25 = edit.Rate{Num: 25, Den: 1}

// fixture builds a timeline of n clips on V1, the same clips again on A1,
// with a 20-frame gap after every 10th clip and a 12-frame dissolve at
// every 5th cut, and four suggestions per clip (2,000 for 500 clips): a
// trim by media hash, a take the clip came from (Provenance), a removal of
// the clip by item ID and a setup by media path. Clip i lasts 50+10·(i%7)
// frames; every third trim is rejected.
func fixture(n int) (*edit.Timeline, []suggest.Entry) {
	tl := &edit.Timeline{Name: "fixture", Rate: rate25, Start: 90000}
	v := &edit.Track{Name: "V1", Kind: edit.Video}
	a := &edit.Track{Name: "A1", Kind: edit.Audio}
	var es []suggest.Entry
	for i := range n {
		m := &edit.MediaReference{Path: fmt.Sprintf("/rushes/take%03d.mov", i), ContentHash: fmt.Sprintf("h%03d", i), Rate: rate25, Duration: 1000}
		take := fmt.Sprintf("take-%d", i)
		c := &edit.Clip{ID: fmt.Sprintf("c%d", i), Media: m, SourceIn: 100, Duration: 50 + 10*int64(i%7),
			Provenance: &edit.Provenance{Suggestion: take, Confidence: 0.7}}
		ac := *c
		ac.ID = fmt.Sprintf("a%d", i)
		if i > 0 && i%5 == 0 {
			v.Items = append(v.Items, &edit.Transition{ID: fmt.Sprintf("t%d", i), Kind: edit.Dissolve, InOffset: 6, OutOffset: 6})
		}
		v.Items, a.Items = append(v.Items, c), append(a.Items, &ac)
		if i%10 == 9 {
			v.Items = append(v.Items, &edit.Gap{ID: fmt.Sprintf("gv%d", i), Duration: 20})
			a.Items = append(a.Items, &edit.Gap{ID: fmt.Sprintf("ga%d", i), Duration: 20})
		}
		conf := float64(i%10) / 10
		trim := suggest.Entry{Suggestion: suggest.Suggestion{ID: fmt.Sprintf("trim-%d", i), Kind: suggest.Trim,
			Target: suggest.Target{Path: m.Path, Hash: m.ContentHash}, Params: suggest.Params{Trim: &suggest.TrimRange{In: 100, Out: 100 + c.Duration}},
			Confidence: conf, Reason: "usable range"}}
		if i%3 == 0 {
			trim.Decision.Status = suggest.Rejected
		}
		es = append(es, trim,
			suggest.Entry{Suggestion: suggest.Suggestion{ID: take, Kind: suggest.Take, Target: suggest.Target{Path: "/elsewhere"},
				Params: suggest.Params{Take: &suggest.TakeChoice{Chosen: m.ContentHash}}, Confidence: 1 - conf}},
			suggest.Entry{Suggestion: suggest.Suggestion{ID: fmt.Sprintf("remove-%d", i), Kind: suggest.Remove,
				Target: suggest.Target{Item: c.ID}, Confidence: 0.5}},
			suggest.Entry{Suggestion: suggest.Suggestion{ID: fmt.Sprintf("setup-%d", i), Kind: suggest.Setup,
				Target: suggest.Target{Path: m.Path}, Params: suggest.Params{Setup: &suggest.SetupGroup{Members: []string{m.ContentHash}}}, Confidence: 0.9}},
		)
	}
	tl.Tracks = []*edit.Track{v, a}
	return tl, es
}

// clipStart returns where clip id starts on its track, and its length.
func clipStart(tl *edit.Timeline, id string) (start, length int64) {
	tr, i := tl.Find(id)
	c := tr.Items[i].(*edit.Clip)
	return tr.Position(i), c.Duration
}
