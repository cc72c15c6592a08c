package main

import (
	"fmt"
	"io"

	"rushcut/app/project"
	"rushcut/ui"
)

func init() {
	register(command{"gui", "gui [--demo] [FILE|DIR...]   open the desktop application", cmdGUI})
}

// cmdGUI is `rushcut gui [--demo] [FILE|DIR...]`, and `rushcut` alone.
func cmdGUI(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("gui", stderr)
	demo := fs.Bool("demo", false, "open the built-in demo: the real clips of Debian's opencv-doc")
	paths, err := parseArgs(fs, args)
	if err != nil {
		return exitUsage
	}
	if *demo {
		paths = append(paths, project.DemoDir)
	}
	p := project.New()
	p.Add(paths...)
	for _, e := range p.Errors() {
		fmt.Fprintln(stderr, "rushcut: "+oneLine(e))
	}
	title := "Rushcut"
	if *demo {
		title += " — demo"
	}
	ui.Run(p, title)
	return exitOK
}
