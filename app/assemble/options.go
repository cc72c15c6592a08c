package assemble

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"rushcut/app/edit"
	"rushcut/app/export/cdl"
)

// DefaultRecordStart is the record timecode of the first frame unless
// Options.RecordStart says otherwise.
const DefaultRecordStart = "01:00:00:00"

// Options are what "rushcut assemble" was asked for (the main package
// parses the command line into them; see Check).
type Options struct {
	// Output is the file to write, or "-" for stdout.
	Output string
	// Format is the export format; Check takes it from Output's extension
	// when empty.
	Format Format
	// RecordStart is the timecode of the timeline's first frame
	// ("" means DefaultRecordStart; a ';' asks for drop-frame).
	RecordStart string
	// Rate is the timeline rate; zero means the sources' most common rate.
	Rate edit.Rate
	// DropFrame forces drop-frame timecode on or off; nil follows the
	// sources (see SourcesDropFrame).
	DropFrame *bool
	// Title is the timeline's title; "" means the output's file name.
	Title string
	// Audio is the audio under the picture: "none", "A", "A2" or "AA"
	// (Check normalises "A1", case and "").
	Audio string
	// Plain lays whole files end to end instead of the smart rough cut.
	Plain bool
	// Project is the project file to write, "" for none.
	Project string
	// NoViT turns the ViT off in the smart rough cut's analysis.
	NoViT bool
	// CDLDir, when set, is the folder that receives the colour
	// corrections of the cut for the colourist: one ASC .cdl per
	// corrected clip, or with CDLCollection one NAME.ccc.
	CDLDir        string
	CDLCollection bool
	// Effects, when set, is called on a copy of the cut before it is
	// written: the place where accepted or proposed effect suggestions
	// become edit.Effect and edit.Transition items. The lines it returns
	// are printed on stderr.
	Effects func(tl *edit.Timeline) ([]string, error)
}

// Check validates the options and fills what follows from others: the
// format from the output's extension, the audio spelling. Its errors are
// usage errors.
func (o *Options) Check() error {
	if o.Output == "" {
		return errors.New("missing -o OUTPUT")
	}
	if o.Output == "-" && o.Format == "" {
		return errors.New("-o - (stdout) needs --format")
	}
	f, err := FormatFor(o.Output, string(o.Format))
	if err != nil {
		return err
	}
	o.Format = f
	switch a := strings.ToUpper(o.Audio); a {
	case "NONE":
		o.Audio = "none"
	case "":
		o.Audio = "AA"
	case "A", "A1", "A2", "AA":
		o.Audio = strings.TrimSuffix(a, "1") // A1 means A
	default:
		return fmt.Errorf("--audio %q: want none, A, A2 or AA", o.Audio)
	}
	if o.Rate != (edit.Rate{}) {
		if !o.Rate.Valid() {
			return fmt.Errorf("--rate: invalid rate %s", o.Rate)
		}
		o.Rate = o.Rate.Reduced()
	}
	return nil
}

// WriteCDLs writes the colour corrections of tl's clips into dir (made
// if missing), each file atomically: one ASC .cdl per corrected clip, or with collection
// one .ccc named after the timeline. It returns the file names written
// (none when no clip is graded).
func WriteCDLs(tl *edit.Timeline, dir string, collection bool) ([]string, error) {
	cs, err := cdl.Collect(tl)
	if err != nil || len(cs) == 0 {
		return nil, err
	}
	files, err := cdl.Files(cs, collection, tl.Name)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if err := writeAtomic(filepath.Join(dir, n), files[n]); err != nil {
			return nil, err
		}
	}
	return names, nil
}
