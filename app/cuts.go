package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/signal"
	"text/tabwriter"
	"time"

	"rushcut/app/analysis"
	"rushcut/media"
	"rushcut/vision"
)

func init() {
	register(command{"cuts", "cuts FILE [--json] [--no-cache] [--no-vit] [--provider auto|cpu|cuda] [--stream N]   transitions (cuts, dissolves, fades) and shots", cmdCuts})
}

// cutsJSON is the stable JSON output of `rushcut cuts --json`.
type cutsJSON struct {
	File        string           `json:"file"`
	Frames      int              `json:"frames"`
	FPS         string           `json:"fps"`
	Transitions []transitionJSON `json:"transitions"`
	Shots       []vision.Shot    `json:"shots"`
	Black       [][2]int         `json:"black"`
	Flashes     []int            `json:"flashes"`
	Skipped     int              `json:"skipped"`
	ReadError   string           `json:"read_error,omitempty"`
	// Model is the ViT whose cut cue was used ("name version"), empty
	// when the detector ran on pixel statistics alone.
	Model string `json:"model,omitempty"`
}

// transitionJSON is one transition: "frame" for cuts, "start" and "end"
// for gradual ones; time_s is the time of frame (cuts) or start.
type transitionJSON struct {
	Kind       vision.Kind `json:"kind"`
	Frame      *int        `json:"frame,omitempty"`
	Start      *int        `json:"start,omitempty"`
	End        *int        `json:"end,omitempty"`
	TimeS      float64     `json:"time_s"`
	Confidence float64     `json:"confidence"`
}

// cmdCuts is `rushcut cuts FILE [--json]`.
func cmdCuts(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("cuts", stderr)
	asJSON := fs.Bool("json", false, "print JSON (schema in README)")
	noCache := fs.Bool("no-cache", false, "analyse again even if the analysis cache has this file")
	vf := addViTFlags(fs)
	stream := addStreamFlag(fs)
	files, err := parseArgs(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(files) != 1 {
		fmt.Fprintln(stderr, "usage: rushcut cuts FILE [--json] [--no-cache] [--no-vit] [--provider auto|cpu|cuda]")
		return exitUsage
	}
	a, code := analyzeCLI("cuts", files[0], *noCache, true, stream(), vf, stderr)
	if a == nil {
		return code
	}
	res := a.Detect()
	out := toCutsJSON(a, res)
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			fmt.Fprintln(stderr, "rushcut cuts: writing JSON: "+oneLine(err))
			return exitFail
		}
		return exitOK
	}
	printCuts(stdout, out)
	return exitOK
}

// analyzeCLI analyses one file, with the ViT the flags ask for, a progress
// bar on stderr and Ctrl-C cancelling; on failure it prints one line and
// returns the exit status. With detectOnly the caller needs only Detect
// (see analysis.Options.DetectOnly).
func analyzeCLI(cmd, path string, noCache, detectOnly bool, stream media.Stream, vf vitFlags, stderr io.Writer) (*analysis.Analysis, int) {
	// Refused before the model loads and before anything opens it (a
	// named pipe would block the first reader forever).
	if err := media.CheckFile(path); err != nil {
		fmt.Fprintln(stderr, "rushcut "+cmd+": "+oneLine(err))
		return nil, exitFor(err)
	}
	var notes []string
	emb, code := vf.open(cmd, stderr, func(line string) { notes = append(notes, line) })
	if code != exitOK {
		return nil, code
	}
	if emb != nil {
		defer emb.Close()
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	bar := newProgressBar(stderr, "rushcut "+cmd+": "+path)
	// Faces feed only take ranking, never cuts or eval: they are counted
	// when the analysis goes to the cache, for the commands that rank,
	// and not when nothing keeps it. A count is 11-15 ms of CPU (Haar at
	// 256 px), every 2 s of video: about 0.6 CPU-s of the 2,134-frame
	// file BenchmarkCutsCLI runs, and the cascade is not even loaded.
	// Without the cache, `cuts` keeps no features: its memory stays flat
	// however long the file (issue 11: 175 MiB on a 30-minute 720p file
	// against 147 MiB on 85 s when every frame's features were held).
	a, err := analysis.Analyze(ctx, path, analysis.Options{NoCache: noCache, NoFaces: noCache, Progress: bar.update, Embedder: emb, EmbedStride: *vf.stride, Stream: stream, DetectOnly: detectOnly})
	bar.done()
	if err != nil {
		fmt.Fprintln(stderr, "rushcut "+cmd+": "+oneLine(err))
		return nil, exitFor(err)
	}
	for _, n := range notes {
		fmt.Fprintln(stderr, n)
	}
	if a.Skipped > 0 {
		fmt.Fprintf(stderr, "rushcut %s: %s: skipped %d damaged packets or frames\n", cmd, path, a.Skipped)
	}
	if a.ReadError != "" {
		fmt.Fprintf(stderr, "rushcut %s: %s: reading stopped early: %s\n", cmd, path, a.ReadError)
	}
	return a, exitOK
}

func toCutsJSON(a *analysis.Analysis, res vision.Result) cutsJSON {
	out := cutsJSON{
		File: a.Path, Frames: res.Frames, FPS: a.FPS.String(),
		Transitions: []transitionJSON{}, Shots: res.Shots, Black: res.Black, Flashes: res.Flashes,
		Skipped: a.Skipped, ReadError: a.ReadError, Model: a.Model,
	}
	if out.Shots == nil {
		out.Shots = []vision.Shot{}
	}
	if out.Black == nil {
		out.Black = [][2]int{}
	}
	if out.Flashes == nil {
		out.Flashes = []int{}
	}
	for _, t := range res.Transitions {
		tj := transitionJSON{Kind: t.Kind, Confidence: t.Confidence}
		if t.Kind == vision.Cut {
			f := t.Frame
			tj.Frame = &f
			tj.TimeS = a.TimeOf(f)
		} else {
			s, e := t.Start, t.End
			tj.Start, tj.End = &s, &e
			tj.TimeS = a.TimeOf(s)
		}
		out.Transitions = append(out.Transitions, tj)
	}
	return out
}

func printCuts(w io.Writer, c cutsJSON) {
	fmt.Fprintf(w, "%s: %d frames at %s fps\n", c.File, c.Frames, c.FPS)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "KIND\tFRAMES\tTIME\tCONFIDENCE")
	for _, t := range c.Transitions {
		fr := ""
		if t.Frame != nil {
			fr = fmt.Sprint(*t.Frame)
		} else {
			fr = fmt.Sprintf("%d-%d", *t.Start, *t.End)
		}
		fmt.Fprintf(tw, "%s\t%s\t%.3fs\t%.2f\n", t.Kind, fr, t.TimeS, t.Confidence)
	}
	tw.Flush()
	fmt.Fprintf(w, "shots: %d", len(c.Shots))
	if len(c.Black) > 0 {
		fmt.Fprintf(w, "; black: %v", c.Black)
	}
	if len(c.Flashes) > 0 {
		fmt.Fprintf(w, "; flash frames: %v", c.Flashes)
	}
	fmt.Fprintln(w)
}

// progressBar draws "label [#####.....] 42% 1234/2937" on stderr, at most
// ten times a second.
type progressBar struct {
	w     io.Writer
	label string
	last  time.Time
	drawn bool
}

func newProgressBar(w io.Writer, label string) *progressBar { return &progressBar{w: w, label: label} }

func (p *progressBar) update(done, total int) {
	if time.Since(p.last) < 100*time.Millisecond && done != total {
		return
	}
	p.last = time.Now()
	const width = 30
	if total <= 0 {
		fmt.Fprintf(p.w, "\r%s %d frames", p.label, done)
	} else {
		n := min(width, done*width/total)
		bar := make([]byte, width)
		for i := range bar {
			bar[i] = '.'
			if i < n {
				bar[i] = '#'
			}
		}
		fmt.Fprintf(p.w, "\r%s [%s] %3d%% %d/%d", p.label, bar, done*100/total, done, total)
	}
	p.drawn = true
}

func (p *progressBar) done() {
	if p.drawn {
		fmt.Fprintln(p.w)
	}
}
