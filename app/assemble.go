package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"rushcut/app/assemble"
	"rushcut/app/doc"
	"rushcut/app/edit"
	"rushcut/app/rough"
)

func init() {
	register(command{name: "assemble", usage: assembleUsage, run: cmdAssemble})
}

const assembleUsage = "assemble DIR|FILE...|P.rushcut -o OUT.edl|OUT.xml|OUT.fcpxml|OUT.otio [--project P.rushcut] [--plain] [--no-vit] [--format edl|xmeml|fcpxml|otio] [--record-start 01:00:00:00] [--rate 24000/1001] [--drop-frame] [--title T] [--audio none|A|A2|AA] [--cdl DIR [--ccc]] [--effects proposed|accepted|none]"

// cmdAssemble is `rushcut assemble`: by default the smart rough cut (each
// setup once, its best take, trimmed to the action); --plain lays whole
// files end to end; a .rushcut project is re-assembled with the decisions
// it holds.
func cmdAssemble(args []string, stdout, stderr io.Writer) int {
	args, effectsMode, err := takeEffectsFlag(args) // see effects.go
	if err != nil {
		fmt.Fprintf(stderr, "rushcut assemble: %v\nusage: rushcut %s\n", err, assembleUsage)
		return exitUsage
	}
	o, inputs, err := parseAssembleArgs(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		fmt.Fprintf(stderr, "rushcut assemble: %v\nusage: rushcut %s\n", err, assembleUsage)
		return exitUsage
	}
	if o.Plain {
		return assemble.RunPlain(o, inputs, stdout, stderr)
	}
	projectPath := o.Project
	var p *doc.Project
	var files []string
	if len(inputs) == 1 && strings.EqualFold(filepath.Ext(inputs[0]), ".rushcut") {
		projectPath = inputs[0]
		if p, _, err = doc.Open(projectPath); err != nil {
			fmt.Fprintln(stderr, "rushcut assemble: "+oneLine(err))
			return exitUsage
		}
		for _, m := range p.Media {
			files = append(files, m.Ref.Path)
		}
	} else {
		if files, err = assemble.Collect(inputs); err != nil {
			fmt.Fprintln(stderr, "rushcut assemble: "+oneLine(err))
			return exitUsage
		}
		name := strings.TrimSuffix(filepath.Base(projectPath), filepath.Ext(projectPath))
		p = doc.New(name)
	}
	vf := vitFlags{off: &o.NoViT, model: new(string), provider: ptr("auto"), stride: new(int)}
	var notes []string
	emb, code := vf.open("assemble", stderr, func(l string) { notes = append(notes, l) })
	if code != exitOK {
		return code
	}
	if emb != nil {
		defer emb.Close()
	}
	rs, code := analyzeRushes("assemble", files, emb, false, stderr)
	for _, n := range notes {
		fmt.Fprintln(stderr, n)
	}
	if rs == nil {
		return code
	}
	hashes, err := rough.Hashes(rs)
	if err != nil {
		fmt.Fprintln(stderr, "rushcut assemble: "+oneLine(err))
		return exitFail
	}
	day := rough.NewDay(rs, hashes)
	topts, code := o.Timeline(rough.Refs(rs), stderr)
	if code != exitOK {
		return code
	}
	if p.Imported == "" { // an editor's imported cut is kept as it is
		warns, err := rough.Apply(p, day, topts)
		for _, w := range warns {
			fmt.Fprintf(stderr, "warning: %s\n", w)
		}
		if err != nil {
			fmt.Fprintln(stderr, "rushcut assemble: "+oneLine(err))
			return exitFail
		}
	}
	o.Effects = effectsHook(p, day, effectsMode)
	if code := o.Write(p.Timeline, stdout, stderr); code != exitOK {
		return code
	}
	if projectPath != "" {
		if err := doc.Save(projectPath, p); err != nil {
			fmt.Fprintln(stderr, "rushcut assemble: "+oneLine(err))
			return exitFail
		}
		if p.Imported != "" {
			fmt.Fprintf(stderr, "wrote %s: the cut imported from %s, %d suggestions\n", projectPath, p.Imported, p.Suggestions.Len())
		} else {
			fmt.Fprintf(stderr, "wrote %s: %d takes in %d setups, %d suggestions\n", projectPath, len(rs), len(day.Setups), p.Suggestions.Len())
		}
	}
	return exitOK
}

func ptr[T any](v T) *T { return &v }

// parseAssembleArgs parses the arguments of "rushcut assemble" into
// assemble.Options (checked) and the inputs; flags and inputs may mix.
func parseAssembleArgs(args []string, stderr io.Writer) (*assemble.Options, []string, error) {
	fs := flag.NewFlagSet("assemble", flag.ContinueOnError)
	fs.SetOutput(stderr)
	o := &assemble.Options{}
	var format, rate string
	var drop bool
	fs.StringVar(&o.Output, "o", "", "output file (.edl, .xml for FCP 7, .fcpxml, .otio), or - for stdout")
	fs.StringVar(&o.Output, "output", "", "same as -o")
	fs.StringVar(&format, "format", "", "edl, xmeml (FCP 7 XML), fcpxml (FCPXML 1.10) or otio (default: from the output's extension)")
	fs.StringVar(&o.RecordStart, "record-start", assemble.DefaultRecordStart, "record timecode of the first frame")
	fs.StringVar(&rate, "rate", "", "timeline rate, e.g. 24000/1001, 25, 29.97 (default: the sources' most common rate)")
	fs.BoolVar(&drop, "drop-frame", false, "drop-frame timecode (29.97, 59.94)")
	fs.StringVar(&o.Title, "title", "", "title (default: the output file's name)")
	fs.StringVar(&o.Audio, "audio", "AA", "audio channels under the picture: none, A, A2 or AA")
	fs.BoolVar(&o.Plain, "plain", false, "lay whole files end to end (no analysis) instead of the smart rough cut")
	fs.StringVar(&o.Project, "project", "", "also write the rough cut's project (NAME.rushcut) with its suggestions")
	fs.BoolVar(&o.NoViT, "no-vit", false, "analyse without the ViT (setups grouped by time and labels only)")
	fs.StringVar(&o.CDLDir, "cdl", "", "also write the cut's colour corrections into this folder: one ASC .cdl per corrected clip")
	fs.BoolVar(&o.CDLCollection, "ccc", false, "with --cdl: one .ccc colour correction collection instead of .cdl files")
	fs.Usage = func() { fmt.Fprintf(stderr, "usage: rushcut %s\n", assembleUsage); fs.PrintDefaults() }
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
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "drop-frame" {
			o.DropFrame = &drop
		}
	})
	if len(inputs) == 0 {
		return nil, nil, errors.New("no input files or folders")
	}
	o.Format = assemble.Format(format)
	if rate != "" {
		r, err := edit.ParseRate(rate)
		if err != nil {
			return nil, nil, fmt.Errorf("--rate: %w", err)
		}
		o.Rate = r
	}
	if o.CDLCollection && o.CDLDir == "" {
		return nil, nil, errors.New("--ccc needs --cdl DIR")
	}
	if err := o.Check(); err != nil {
		return nil, nil, err
	}
	return o, inputs, nil
}
