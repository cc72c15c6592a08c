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
	var notes []string
	emb, code := vf.open("effects", stderr, func(l string) { notes = append(notes, l) })
	if code != exitOK {
		return nil, nil, code
	}
	if emb != nil {
		defer emb.Close()
	}
	rs, code := analyzeRushes("effects", files, emb, false, stderr)
	for _, n := range notes {
		fmt.Fprintln(stderr, n)
	}
	if rs == nil {
		return nil, nil, code
	}
	r := assemble.TimelineRate(rough.Refs(rs))
	if rate != "" {
		if r, err = edit.ParseRate(rate); err != nil {
			fmt.Fprintf(stderr, "rushcut effects: --rate: %v\n", err)
			return nil, nil, exitUsage
		}
	}
	list, err := edl.Read(bytes.NewReader(text), r)
	if err != nil {
		fmt.Fprintf(stderr, "rushcut effects: %s: %s\n", path, oneLine(err))
		return nil, nil, exitUsage
	}
	for _, w := range list.Warnings {
		fmt.Fprintf(stderr, "warning: %s: %s\n", path, w)
	}
	tl, warns, err := list.Timeline(relinkTo(rs))
	for _, w := range warns {
		fmt.Fprintf(stderr, "warning: %s: %s\n", path, w)
	}
	if err != nil {
		fmt.Fprintf(stderr, "rushcut effects: %s: %s\n", path, oneLine(err))
		return nil, nil, exitUsage
	}
	hashes, err := rough.Hashes(rs)
	if err != nil {
		fmt.Fprintf(stderr, "rushcut effects: %s\n", oneLine(err))
		return nil, nil, exitFail
	}
	return tl, rough.NewDay(rs, hashes), exitOK
}

// relinkTo finds an EDL source among the analysed files: by the source
// file's name, then the clip name, then the reel (the file's reel or the
// reel name an EDL writer makes of its name) whose timecode holds the
// source in point.
func relinkTo(rs []*rough.TakeReport) edl.Relink {
	stem := func(p string) string {
		b := filepath.Base(p)
		return strings.ToLower(strings.TrimSuffix(b, filepath.Ext(b)))
	}
	return func(_ *edl.Event, s *edl.Source) (*edit.MediaReference, error) {
		for _, want := range []string{s.File, s.ClipName} {
			if want == "" {
				continue
			}
			for _, r := range rs {
				if stem(r.Path) == stem(want) {
					return r.Media, nil
				}
			}
		}
		for _, r := range rs {
			m := r.Media
			if (strings.EqualFold(m.Reel, s.Reel) || edl.ReelName(m) == strings.ToUpper(s.Reel)) && m.AvailableRange().Contains(s.In) {
				return m, nil
			}
		}
		return nil, fmt.Errorf("no file in --media for reel %s (clip %q, file %q)", s.Reel, s.ClipName, s.File)
	}
}
