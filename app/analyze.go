package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"rushcut/app/ingest"
	"rushcut/app/rough"
	"rushcut/app/suggest"
)

func init() {
	register(command{"analyze", "analyze DIR|FILE... [--json] [--shard I/N] [--no-cache] [--no-vit] [--provider auto|cpu|cuda]   take analysis, setups and suggestions", cmdAnalyze})
}

// analyzeJSON is the stable JSON output of `rushcut analyze --json`.
type analyzeJSON struct {
	Takes       []*rough.TakeReport  `json:"takes"`
	Setups      []setupJSON          `json:"setups,omitempty"`
	Suggestions []suggest.Suggestion `json:"suggestions,omitempty"`
	// Shard is "I/N" when only that shard of the files was analysed (no
	// setups or suggestions then: they need the whole day).
	Shard string `json:"shard,omitempty"`
}

// setupJSON is a setup with its takes by path, best first, and scores.
type setupJSON struct {
	Name   string        `json:"name"`
	Scene  int           `json:"scene,omitempty"`
	By     string        `json:"by"`
	Reason string        `json:"reason"`
	Ranked []string      `json:"ranked"`
	Scores []rough.Score `json:"scores"`
}

// cmdAnalyze is `rushcut analyze DIR|FILE...`.
func cmdAnalyze(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("analyze", stderr)
	asJSON := fs.Bool("json", false, "print JSON (schema in README)")
	shard := fs.String("shard", "", "analyse only shard I of N (0-based), every N-th file: for a render farm filling a shared cache")
	noCache := fs.Bool("no-cache", false, "analyse again even if the analysis cache has a file")
	vf := addViTFlags(fs)
	inputs, err := parseArgs(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(inputs) == 0 {
		fmt.Fprintln(stderr, "usage: rushcut analyze DIR|FILE... [--json] [--shard I/N]")
		return exitUsage
	}
	files, err := ingest.Collect(inputs)
	if err != nil {
		fmt.Fprintln(stderr, "rushcut analyze: "+oneLine(err))
		return exitUsage
	}
	if *shard != "" {
		i, n, err := parseShard(*shard)
		if err != nil {
			fmt.Fprintln(stderr, "rushcut analyze: --shard: "+oneLine(err))
			return exitUsage
		}
		files = rough.Shard(files, i, n)
		if len(files) == 0 {
			fmt.Fprintf(stderr, "rushcut analyze: shard %s has no files\n", *shard)
			return exitOK
		}
	}
	var notes []string
	emb, code := vf.open("analyze", stderr, func(l string) { notes = append(notes, l) })
	if code != exitOK {
		return code
	}
	if emb != nil {
		defer emb.Close()
	}
	rs, code := analyzeRushes("analyze", files, emb, *noCache, stderr)
	for _, n := range notes {
		fmt.Fprintln(stderr, n)
	}
	if rs == nil {
		return code
	}
	out := analyzeJSON{Takes: rs, Shard: *shard}
	if *shard == "" {
		hashes, err := rough.Hashes(rs)
		if err != nil {
			fmt.Fprintln(stderr, "rushcut analyze: "+oneLine(err))
			return exitFail
		}
		day := rough.NewDay(rs, hashes)
		out.Suggestions = day.Suggestions()
		for k, su := range day.Setups {
			sj := setupJSON{Name: su.Name, Scene: su.Scene, By: su.By, Reason: su.Reason, Scores: day.Scores[k]}
			for _, i := range day.Ranks[k] {
				sj.Ranked = append(sj.Ranked, rs[i].Path)
			}
			out.Setups = append(out.Setups, sj)
		}
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			fmt.Fprintln(stderr, "rushcut analyze: writing JSON: "+oneLine(err))
			return exitFail
		}
		return exitOK
	}
	printAnalysis(stdout, out)
	return exitOK
}

// parseShard reads "I/N" with 0 ≤ I < N.
func parseShard(s string) (int, int, error) {
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 0 || i >= n {
		return 0, 0, fmt.Errorf("%q is not I/N with 0 ≤ I < N", s)
	}
	return i, n, nil
}

func printAnalysis(w io.Writer, a analyzeJSON) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "TAKE\tFRAMES\tCLAP\tIN\tOUT\tTAIL\tSOUND")
	for _, t := range a.Takes {
		clap := "-"
		if t.Trim.Clap >= 0 {
			clap = fmt.Sprintf("%d (%s)", t.Trim.Clap, t.Trim.ClapBy)
		}
		sound := "yes"
		if t.MOS {
			sound = "MOS"
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%d\t%d\t%s\t%s\n", t.Media.DisplayName(), t.Frames, clap, t.Trim.Usable.Start, t.Trim.Usable.End, t.Trim.Tail, sound)
	}
	tw.Flush()
	for _, s := range a.Setups {
		fmt.Fprintf(w, "setup %s (%s): best %s — %s\n", s.Name, s.By, s.Ranked[0], s.Scores[0])
	}
	if len(a.Suggestions) > 0 {
		fmt.Fprintf(w, "%d suggestions (--json lists them)\n", len(a.Suggestions))
	}
}
