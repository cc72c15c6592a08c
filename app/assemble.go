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
	"rushcut/app/rough"
)

func init() {
	register(command{name: "assemble", usage: assembleUsage, run: cmdAssemble})
}

const assembleUsage = "assemble DIR|FILE...|P.rushcut -o OUT.edl|OUT.xml|OUT.otio [--project P.rushcut] [--plain] [--no-vit] [--format edl|fcpxml|otio] [--record-start 01:00:00:00] [--rate 24000/1001] [--drop-frame] [--title T] [--audio none|A|A2|AA]"

// cmdAssemble is `rushcut assemble`: by default the smart rough cut (each
// setup once, its best take, trimmed to the action); --plain lays whole
// files end to end; a .rushcut project is re-assembled with the decisions
// it holds.
func cmdAssemble(args []string, stdout, stderr io.Writer) int {
	o, inputs, err := assemble.ParseArgs(args, stderr)
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
	warns, err := rough.Apply(p, day, topts)
	for _, w := range warns {
		fmt.Fprintf(stderr, "warning: %s\n", w)
	}
	if err != nil {
		fmt.Fprintln(stderr, "rushcut assemble: "+oneLine(err))
		return exitFail
	}
	if code := o.Write(p.Timeline, stdout, stderr); code != exitOK {
		return code
	}
	if projectPath != "" {
		if err := doc.Save(projectPath, p); err != nil {
			fmt.Fprintln(stderr, "rushcut assemble: "+oneLine(err))
			return exitFail
		}
		fmt.Fprintf(stderr, "wrote %s: %d takes in %d setups, %d suggestions\n", projectPath, len(rs), len(day.Setups), p.Suggestions.Len())
	}
	return exitOK
}

func ptr[T any](v T) *T { return &v }
