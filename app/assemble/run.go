package assemble

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"rushcut/app/edit"
	"rushcut/app/ingest"
	"rushcut/media"
)

// Exit statuses.
const (
	exitOK    = 0
	exitFail  = 1
	exitUsage = 2
)

// VideoExtensions are the file extensions taken from a folder (see
// ingest.VideoExtensions).
var VideoExtensions = ingest.VideoExtensions

// probe is media.Probe; tests swap it.
var probe = media.Probe

// RunPlain lays the inputs' files whole, end to end, and exports them as
// o asks.
func RunPlain(o *Options, inputs []string, stdout, stderr io.Writer) int {
	files, err := Collect(inputs)
	if err != nil {
		fmt.Fprintf(stderr, "rushcut assemble: %v\n", err)
		return exitUsage
	}
	var ms []*edit.MediaReference
	for i, f := range files {
		fmt.Fprintf(stderr, "probing %d/%d %s\n", i+1, len(files), f)
		info, err := probe(f)
		if err != nil {
			fmt.Fprintf(stderr, "rushcut assemble: %s: %v\n", f, err)
			return exitUsage
		}
		m, warns, err := MediaFromInfo(info)
		if err != nil {
			fmt.Fprintf(stderr, "rushcut assemble: %s: %v\n", f, err)
			return exitUsage
		}
		for _, w := range warns {
			fmt.Fprintf(stderr, "warning: %s: %s\n", f, w)
		}
		ms = append(ms, m)
	}
	SortMedia(ms)
	topts, code := o.Timeline(ms, stderr)
	if code != exitOK {
		return code
	}
	tl, warns, err := PlainTimeline(ms, topts)
	for _, w := range warns {
		fmt.Fprintf(stderr, "warning: %s\n", w)
	}
	if err != nil {
		fmt.Fprintf(stderr, "rushcut assemble: %v\n", err)
		return exitFail
	}
	return o.Write(tl, stdout, stderr)
}

// Timeline settles the timeline's rate, drop-frame, start and title for
// media ms as o asks (a line on stderr where a default needs saying), or
// returns a non-zero exit status after one line on stderr.
func (o *Options) Timeline(ms []*edit.MediaReference, stderr io.Writer) (TimelineOptions, int) {
	rate := o.Rate
	if !rate.Valid() {
		rate = TimelineRate(ms)
		if c := CommonRate(ms); !c.Equal(rate) {
			fmt.Fprintf(stderr, "timeline rate %s: most sources are %s fps, whose timecode counts at %d; they conform in real time and keep their rate (use --rate to choose)\n", rate, c, c.Base())
		}
	}
	// An explicit --drop-frame (either way) or a ';' in --record-start
	// wins; otherwise the timeline counts as its sources do.
	recordStart := o.RecordStart
	if recordStart == "" {
		recordStart = DefaultRecordStart
	}
	drop := o.DropFrame != nil && *o.DropFrame || strings.ContainsAny(recordStart, ";.,")
	if o.DropFrame == nil && !drop {
		drop = SourcesDropFrame(ms, rate)
	}
	if drop && !rate.CanDrop() {
		fmt.Fprintf(stderr, "rushcut assemble: drop-frame timecode is not defined at %s fps\n", rate)
		return TimelineOptions{}, exitUsage
	}
	start, err := rate.ParseTimecode(recordStart, drop)
	if err != nil {
		fmt.Fprintf(stderr, "rushcut assemble: --record-start: %v\n", err)
		return TimelineOptions{}, exitUsage
	}
	title := o.Title
	if title == "" {
		title = strings.TrimSuffix(filepath.Base(o.Output), filepath.Ext(o.Output))
		if o.Output == "-" {
			title = "Rushcut assembly"
		}
	}
	return TimelineOptions{Name: title, Rate: rate, DropFrame: drop, Start: start, Audio: o.Audio}, exitOK
}

// Write exports tl to o's output in o's format and says so on stderr:
// first o.Effects (when set) puts the effects on the timeline, then the
// cut is written, then, with o.CDLDir, the colourist's .cdl or .ccc files.
func (o *Options) Write(tl *edit.Timeline, stdout, stderr io.Writer) int {
	if o.Effects != nil {
		tl = tl.Clone()
		notes, err := o.Effects(tl)
		for _, n := range notes {
			fmt.Fprintf(stderr, "%s\n", n)
		}
		if err != nil {
			fmt.Fprintf(stderr, "rushcut assemble: effects: %v\n", err)
			return exitFail
		}
	}
	var err error
	if o.Output == "-" {
		err = Encode(stdout, tl, o.Format)
	} else {
		err = Export(tl, o.Output, o.Format)
	}
	if err != nil {
		fmt.Fprintf(stderr, "rushcut assemble: %s: %v\n", o.Output, err)
		return exitFail
	}
	clips := 0
	for _, t := range tl.TracksOf(edit.Video) {
		clips += len(t.Clips())
	}
	fmt.Fprintf(stderr, "wrote %s (%s): %d clips, %s at %s fps, starting %s\n", o.Output, o.Format,
		clips, tl.Rate.Timecode(tl.Duration(), false), tl.Rate, tl.StartTimecode())
	if o.CDLDir != "" {
		names, err := WriteCDLs(tl, o.CDLDir, o.CDLCollection)
		if err != nil {
			fmt.Fprintf(stderr, "rushcut assemble: %s: %v\n", o.CDLDir, err)
			return exitFail
		}
		fmt.Fprintf(stderr, "wrote %d colour decision files in %s\n", len(names), o.CDLDir)
	}
	return exitOK
}

// Collect expands the inputs as every command does (ingest.Collect):
// files as given, folders to the video files directly inside them (by
// extension, sorted, hidden and AppleDouble files skipped), what is not a
// regular file refused. Duplicates are dropped.
func Collect(inputs []string) ([]string, error) { return ingest.Collect(inputs) }
