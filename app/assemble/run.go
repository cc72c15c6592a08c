package assemble

import (
	"errors"
	"flag"
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

// Usage is the command's one-line synopsis.
const Usage = "assemble DIR|FILE... -o OUT.edl|OUT.xml|OUT.otio [--format edl|fcpxml|otio] [--record-start 01:00:00:00] [--rate 24000/1001] [--drop-frame] [--title T] [--audio none|A|A2|AA]"

// VideoExtensions are the file extensions taken from a folder (see
// ingest.VideoExtensions).
var VideoExtensions = ingest.VideoExtensions

// probe is media.Probe; tests swap it.
var probe = media.Probe

// Run runs the plain "rushcut assemble" (whole files end to end) with
// args (the arguments after the command name) and returns the exit
// status: 0 ok, 1 failure, 2 bad usage or an unreadable input.
func Run(args []string, stdout, stderr io.Writer) int {
	o, inputs, err := ParseArgs(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		fmt.Fprintf(stderr, "rushcut assemble: %v\nusage: rushcut %s\n", err, Usage)
		return exitUsage
	}
	return RunPlain(o, inputs, stdout, stderr)
}

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
	rate := o.rate
	if !rate.Valid() {
		rate = TimelineRate(ms)
		if c := CommonRate(ms); !c.Equal(rate) {
			fmt.Fprintf(stderr, "timeline rate %s: most sources are %s fps, whose timecode counts at %d; they conform in real time and keep their rate (use --rate to choose)\n", rate, c, c.Base())
		}
	}
	// An explicit --drop-frame (either way) or a ';' in --record-start
	// wins; otherwise the timeline counts as its sources do.
	drop := o.drop || strings.ContainsAny(o.recordStart, ";.,")
	if !o.dropSet && !drop {
		drop = SourcesDropFrame(ms, rate)
	}
	if drop && !rate.CanDrop() {
		fmt.Fprintf(stderr, "rushcut assemble: drop-frame timecode is not defined at %s fps\n", rate)
		return TimelineOptions{}, exitUsage
	}
	start, err := rate.ParseTimecode(o.recordStart, drop)
	if err != nil {
		fmt.Fprintf(stderr, "rushcut assemble: --record-start: %v\n", err)
		return TimelineOptions{}, exitUsage
	}
	title := o.title
	if title == "" {
		title = strings.TrimSuffix(filepath.Base(o.output), filepath.Ext(o.output))
		if o.output == "-" {
			title = "Rushcut assembly"
		}
	}
	return TimelineOptions{Name: title, Rate: rate, DropFrame: drop, Start: start, Audio: o.audio}, exitOK
}

// Write exports tl to o's output in o's format and says so on stderr.
func (o *Options) Write(tl *edit.Timeline, stdout, stderr io.Writer) int {
	var err error
	if o.output == "-" {
		err = Encode(stdout, tl, o.format)
	} else {
		err = Export(tl, o.output, o.format)
	}
	if err != nil {
		fmt.Fprintf(stderr, "rushcut assemble: %s: %v\n", o.output, err)
		return exitFail
	}
	fmt.Fprintf(stderr, "wrote %s (%s): %d clips, %s at %s fps, starting %s\n", o.output, o.format,
		len(tl.Tracks[0].Items), tl.Rate.Timecode(tl.Duration(), false), tl.Rate, tl.StartTimecode())
	return exitOK
}

// Options are what "rushcut assemble" was asked for.
type Options struct {
	output, recordStart, title, audio string
	format                            Format
	rate                              edit.Rate
	drop, dropSet                     bool
	// Plain lays whole files end to end instead of the smart rough cut.
	Plain bool
	// Project is the project file to write (--project), "" for none.
	Project string
	// NoViT turns the ViT off in the smart rough cut's analysis.
	NoViT bool
}

// Output is the output path ("-" for stdout).
func (o *Options) Output() string { return o.output }

// ParseArgs parses the arguments of "rushcut assemble". It stays here,
// beside the plain assembly its tests drive, rather than in the main
// package (the one such exception).
func ParseArgs(args []string, stderr io.Writer) (*Options, []string, error) {
	fs := flag.NewFlagSet("assemble", flag.ContinueOnError)
	fs.SetOutput(stderr)
	o := &Options{}
	var format, rate string
	fs.StringVar(&o.output, "o", "", "output file (.edl, .xml, .otio), or - for stdout")
	fs.StringVar(&o.output, "output", "", "same as -o")
	fs.StringVar(&format, "format", "", "edl, fcpxml or otio (default: from the output's extension)")
	fs.StringVar(&o.recordStart, "record-start", "01:00:00:00", "record timecode of the first frame")
	fs.StringVar(&rate, "rate", "", "timeline rate, e.g. 24000/1001, 25, 29.97 (default: the sources' most common rate)")
	fs.BoolVar(&o.drop, "drop-frame", false, "drop-frame timecode (29.97, 59.94)")
	fs.StringVar(&o.title, "title", "", "title (default: the output file's name)")
	fs.StringVar(&o.audio, "audio", "AA", "audio channels under the picture: none, A, A2 or AA")
	fs.BoolVar(&o.Plain, "plain", false, "lay whole files end to end (no analysis) instead of the smart rough cut")
	fs.StringVar(&o.Project, "project", "", "also write the rough cut's project (NAME.rushcut) with its suggestions")
	fs.BoolVar(&o.NoViT, "no-vit", false, "analyse without the ViT (setups grouped by time and labels only)")
	fs.Usage = func() { fmt.Fprintf(stderr, "usage: rushcut %s\n", Usage); fs.PrintDefaults() }
	var inputs []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		if rest[0] == "--" {
			inputs = append(inputs, rest[1:]...)
			break
		}
		inputs = append(inputs, rest[0])
		args = rest[1:]
	}
	fs.Visit(func(f *flag.Flag) { o.dropSet = o.dropSet || f.Name == "drop-frame" })
	if len(inputs) == 0 {
		return nil, nil, errors.New("no input files or folders")
	}
	if o.output == "" {
		return nil, nil, errors.New("missing -o OUTPUT")
	}
	if o.output == "-" && format == "" {
		return nil, nil, errors.New("-o - (stdout) needs --format")
	}
	f, err := FormatFor(o.output, format)
	if err != nil {
		return nil, nil, err
	}
	o.format = f
	if rate != "" {
		r, err := edit.ParseRate(rate)
		if err != nil {
			return nil, nil, fmt.Errorf("--rate: %w", err)
		}
		o.rate = r.Reduced()
	}
	switch a := strings.ToUpper(o.audio); a {
	case "NONE", "":
		o.audio = "none"
	case "A", "A1", "A2", "AA":
		o.audio = strings.TrimSuffix(a, "1") // A1 means A
	default:
		return nil, nil, fmt.Errorf("--audio %q: want none, A, A2 or AA", o.audio)
	}
	return o, inputs, nil
}

// Collect expands the inputs as every command does (ingest.Collect):
// files as given, folders to the video files directly inside them (by
// extension, sorted, hidden and AppleDouble files skipped), what is not a
// regular file refused. Duplicates are dropped.
func Collect(inputs []string) ([]string, error) { return ingest.Collect(inputs) }
