// Command rushcut is Rushcut's single binary: with no arguments it opens the
// desktop application; with a command it runs that command and exits.
//
//	rushcut                          open the GUI
//	rushcut gui [--demo] [FILE|DIR...]
//	rushcut probe FILE... [--json]
//	rushcut analyze DIR|FILE... [--json] [--shard I/N]
//	rushcut assemble DIR|FILE...|P.rushcut -o OUT.edl|OUT.xml|OUT.otio [--project P.rushcut] [--plain]
//	rushcut decide P.rushcut [--accept ID] [--reject ID]
//
// Progress goes to stderr, results to stdout or the named file. Exit status:
// 0 success, 1 failure, 2 bad usage or unreadable input, 130 cancelled by
// Ctrl-C.
package main

import (
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
