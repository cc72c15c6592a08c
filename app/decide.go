package main

import (
	"fmt"
	"io"
	"strings"

	"rushcut/app/doc"
)

func init() {
	register(command{"decide", "decide P.rushcut [--accept ID]... [--reject ID]... [--reset ID]... [--accept-above C] [--list]   record the editor's decisions", cmdDecide})
}

// idList is a repeatable flag of suggestion IDs.
type idList []string

func (l *idList) String() string     { return strings.Join(*l, ",") }
func (l *idList) Set(s string) error { *l = append(*l, s); return nil }

// cmdDecide is `rushcut decide P.rushcut ...`: it records decisions in the
// project (saved atomically); `rushcut assemble P.rushcut -o OUT` then
// rebuilds the cut from them.
func cmdDecide(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("decide", stderr)
	var accept, reject, reset idList
	fs.Var(&accept, "accept", "accept the suggestion with this ID (repeatable)")
	fs.Var(&reject, "reject", "reject the suggestion with this ID (repeatable)")
	fs.Var(&reset, "reset", "undecide the suggestion with this ID (repeatable)")
	above := fs.Float64("accept-above", -1, "accept every proposed suggestion with at least this confidence")
	list := fs.Bool("list", false, "list the suggestions with their decisions")
	files, err := parseArgs(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(files) != 1 {
		fmt.Fprintln(stderr, "usage: rushcut decide P.rushcut [--accept ID] [--reject ID] [--reset ID] [--accept-above C] [--list]")
		return exitUsage
	}
	p, _, err := doc.Open(files[0])
	if err != nil {
		fmt.Fprintln(stderr, "rushcut decide: "+oneLine(err))
		return exitUsage
	}
	set := p.Suggestions
	for _, c := range []struct {
		ids []string
		do  func(string) error
	}{{accept, set.Accept}, {reject, set.Reject}, {reset, set.Reset}} {
		for _, id := range c.ids {
			if err := c.do(id); err != nil {
				fmt.Fprintf(stderr, "rushcut decide: %s: %s\n", files[0], oneLine(err))
				return exitUsage
			}
		}
	}
	if *above >= 0 {
		fmt.Fprintf(stderr, "accepted %d suggestions at or above %.2f\n", set.AcceptAbove(*above), *above)
	}
	if *list {
		for _, e := range set.Entries() {
			fmt.Fprintf(stdout, "%-16s %-9s %-6s %.2f  %s\n", e.ID, e.Decision.Status, e.Kind, e.Confidence, firstLine(e.Reason))
		}
	}
	if len(accept)+len(reject)+len(reset) > 0 || *above >= 0 {
		if err := doc.Save(files[0], p); err != nil {
			fmt.Fprintln(stderr, "rushcut decide: "+oneLine(err))
			return exitFail
		}
	}
	return exitOK
}

func firstLine(s string) string {
	if len(s) > 100 {
		s = s[:100] + "…"
	}
	return s
}
