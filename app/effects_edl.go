package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"rushcut/app/assemble"
	"rushcut/app/edit"
	"rushcut/app/export/edl"
	"rushcut/app/rough"
	"rushcut/media"
)

// edlCut reads an editor's EDL, relinks each event to a file of mediaDir
// (by source file name, clip name, or reel and source timecode) and
// analyses those files: the cut and its day of media. rate is the record
// rate ("" for the media's most common rate).
func edlCut(path, mediaDir, rate string, vf vitFlags, stderr io.Writer) (*edit.Timeline, *rough.Day, int) {
	if err := media.CheckFile(path); err != nil { // a FIFO named cut.edl would block the read
		fmt.Fprintf(stderr, "rushcut effects: %s\n", oneLine(err))
		return nil, nil, exitUsage
	}
	text, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintf(stderr, "rushcut effects: %s: %s\n", path, oneLine(err))
		return nil, nil, exitUsage
	}
	files, err := assemble.Collect([]string{mediaDir})
	if err != nil {
		fmt.Fprintf(stderr, "rushcut effects: --media: %s\n", oneLine(err))
		return nil, nil, exitUsage
	}
	// Relink on the files' probes, then analyse only the files the cut
	// plays: a camera folder holds far more than one reel uses.
	var refs []*edit.MediaReference
	for _, f := range files {
		info, err := media.Probe(f)
		if err != nil {
			continue // not media this cut can play; relinking says what is missing
		}
		if m, _, err := assemble.MediaFromInfo(info); err == nil {
			refs = append(refs, m)
		}
	}
	r := assemble.TimelineRate(refs)
	if rate != "" {
		if r, err = edit.ParseRate(rate); err != nil {
			fmt.Fprintf(stderr, "rushcut effects: --rate: %v\n", err)
			return nil, nil, exitUsage
		}
	}
	if !r.Valid() {
		fmt.Fprintf(stderr, "rushcut effects: --media %s: no readable video files\n", mediaDir)
		return nil, nil, exitUsage
	}
	list, err := edl.Read(bytes.NewReader(text), r)
	if err != nil {
		fmt.Fprintf(stderr, "rushcut effects: %s: %s\n", path, oneLine(err))
		return nil, nil, exitUsage
	}
	for _, w := range list.Warnings {
		fmt.Fprintf(stderr, "warning: %s: %s\n", path, w)
	}
	tl, warns, err := list.Timeline(relinkTo(refs))
	for _, w := range warns {
		fmt.Fprintf(stderr, "warning: %s: %s\n", path, w)
	}
	if err != nil {
		fmt.Fprintf(stderr, "rushcut effects: %s: %s\n", path, oneLine(err))
		return nil, nil, exitUsage
	}
	var used []string
	for _, m := range tl.Media() {
		used = append(used, m.Path)
	}
	var notes []string
	emb, code := vf.open("effects", stderr, func(l string) { notes = append(notes, l) })
	if code != exitOK {
		return nil, nil, code
	}
	if emb != nil {
		defer emb.Close()
	}
	rs, code := analyzeRushes("effects", used, emb, false, stderr)
	for _, n := range notes {
		fmt.Fprintln(stderr, n)
	}
	if rs == nil {
		return nil, nil, code
	}
	if len(rs) < len(used) {
		fmt.Fprintf(stderr, "rushcut effects: %s: %d of the %d files the cut plays could not be analysed\n", path, len(used)-len(rs), len(used))
		return nil, nil, exitUsage
	}
	relinkToTakes(tl, rs)
	hashes, err := rough.Hashes(rs)
	if err != nil {
		fmt.Fprintf(stderr, "rushcut effects: %s\n", oneLine(err))
		return nil, nil, exitFail
	}
	return tl, rough.NewDay(rs, hashes), exitOK
}

// relinkTo finds an EDL source among the media folder's files: by the
// source file's name, then the clip name, then the reel (the file's reel
// or the reel name an EDL writer makes of its name) whose timecode holds
// the source in point.
func relinkTo(refs []*edit.MediaReference) edl.Relink {
	stem := func(p string) string {
		b := filepath.Base(p)
		return strings.ToLower(strings.TrimSuffix(b, filepath.Ext(b)))
	}
	return func(_ *edl.Event, s *edl.Source) (*edit.MediaReference, error) {
		for _, want := range []string{s.File, s.ClipName} {
			if want == "" {
				continue
			}
			for _, m := range refs {
				if stem(m.Path) == stem(want) {
					return m, nil
				}
			}
		}
		for _, m := range refs {
			if (strings.EqualFold(m.Reel, s.Reel) || edl.ReelName(m) == strings.ToUpper(s.Reel)) && m.AvailableRange().Contains(s.In) {
				return m, nil
			}
		}
		return nil, fmt.Errorf("no file in --media for reel %s (clip %q, file %q)", s.Reel, s.ClipName, s.File)
	}
}

// relinkToTakes points the cut's clips at the analysed takes' media (the
// same files, probed again by the analysis), so the project lists each
// file once.
func relinkToTakes(tl *edit.Timeline, rs []*rough.TakeReport) {
	byPath := map[string]*edit.MediaReference{}
	for _, r := range rs {
		byPath[r.Media.Path] = r.Media
	}
	for _, tr := range tl.Tracks {
		for _, it := range tr.Items {
			if c, ok := it.(*edit.Clip); ok && c.Media != nil {
				if m := byPath[c.Media.Path]; m != nil {
					c.Media = m
				}
			}
		}
	}
}
