package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"

	"rushcut/media"
)

// Exit statuses of every command.
const (
	exitOK    = 0
	exitFail  = 1
	exitUsage = 2
	// exitInterrupted is what shells expect after Ctrl-C (128 + SIGINT).
	exitInterrupted = 130
)

// command is one verb of the CLI.
type command struct {
	name  string
	usage string
	run   func(args []string, stdout, stderr io.Writer) int
}

// registry holds every command; each command's file registers itself in an
// init function, so adding a command touches no shared file.
var registry []command

// register adds a command to the CLI.
func register(c command) { registry = append(registry, c) }

func commands() []command {
	cs := append([]command(nil), registry...)
	sort.Slice(cs, func(i, j int) bool { return cs[i].name < cs[j].name })
	return cs
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		return cmdGUI(nil, stdout, stderr)
	}
	switch args[0] {
	case "-h", "--help", "help":
		usage(stdout)
		return exitOK
	}
	for _, c := range commands() {
		if c.name == args[0] {
			if c.name != "gui" {
				setBatchGC()
			}
			return c.run(args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "rushcut: unknown command %q (try rushcut help)\n", args[0])
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: rushcut [COMMAND] [ARGS]  (no command opens the GUI)")
	for _, c := range commands() {
		fmt.Fprintln(w, "  rushcut "+c.usage)
	}
}

// parseArgs parses flags placed anywhere among the positional arguments.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if rest[0] == "--" {
			return append(pos, rest[1:]...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// newFlags makes a FlagSet that reports errors on stderr and does not exit.
func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("rushcut "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// addStreamFlag adds --stream N (the video stream to read; -1, the
// default, picks it as FFmpeg does) and returns a func that gives the
// choice once the flags are parsed.
func addStreamFlag(fs *flag.FlagSet) func() media.Stream {
	n := fs.Int("stream", -1, "video stream index to read (-1: the default stream, as ffmpeg picks)")
	return func() media.Stream {
		if *n < 0 {
			return media.DefaultStream
		}
		return media.StreamIndex(*n)
	}
}

// exitFor maps an error to an exit status: bad input is 2, Ctrl-C 130,
// the rest 1.
func exitFor(err error) int {
	switch {
	case errors.Is(err, media.ErrBadInput):
		return exitUsage
	case errors.Is(err, context.Canceled):
		return exitInterrupted
	}
	return exitFail
}

// oneLine flattens an error message onto one line; a cancellation (Ctrl-C)
// reads "cancelled".
func oneLine(err error) string {
	s := strings.Join(strings.Fields(err.Error()), " ")
	if errors.Is(err, context.Canceled) {
		s = strings.ReplaceAll(s, context.Canceled.Error(), "cancelled")
	}
	return s
}
