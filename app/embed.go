package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"text/tabwriter"

	"rushcut/media"
	"rushcut/models"
)

func init() {
	register(command{"embed", "embed FILE [--every N] [--model PATH] [--provider auto|cpu|cuda] [--json]   frame embeddings", cmdEmbed})
}

// embedOutput is the JSON `rushcut embed --json` prints (schema in README).
type embedOutput struct {
	Model    string       `json:"model"`
	Version  string       `json:"version"`
	Provider string       `json:"provider"`
	Dim      int          `json:"dim"`
	Frames   []embedFrame `json:"frames"`
}

type embedFrame struct {
	Frame     int       `json:"frame"`
	TimeS     float64   `json:"time_s"`
	Embedding []float32 `json:"embedding"`
}

// cmdEmbed is `rushcut embed FILE [--every N] [--model PATH] [--provider
// auto|cpu|cuda] [--json]`: embeds every N-th frame with the shipped model
// (or another model with its manifest) and prints the embeddings as JSON, or
// a table of each sampled frame's cosine distance to the previous one.
func cmdEmbed(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("embed", stderr)
	every := fs.Int("every", 1, "embed every N-th frame (frame 0, N, 2N, ...)")
	modelPath := fs.String("model", "", "model .onnx with its manifest beside it (default: the shipped model, or $"+models.ModelEnv+")")
	provider := fs.String("provider", "auto", "execution provider: auto, cpu or cuda")
	threads := fs.Int("threads", 0, fmt.Sprintf("ONNX Runtime intra-op threads (0: %d)", models.DefaultThreads))
	batch := fs.Int("batch", 0, fmt.Sprintf("frames per inference call (0: %d)", models.DefaultBatchSize))
	asJSON := fs.Bool("json", false, "print {model, provider, dim, frames: [{frame, time_s, embedding}]}")
	files, err := parseArgs(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(files) != 1 || *every < 1 || *threads < 0 || *batch < 0 {
		fmt.Fprintln(stderr, "usage: rushcut embed FILE [--every N] [--model PATH] [--provider auto|cpu|cuda] [--json]")
		return exitUsage
	}
	prov, err := models.ParseProvider(*provider)
	if err != nil {
		fmt.Fprintln(stderr, "rushcut embed: "+oneLine(err))
		return exitUsage
	}
	// Refused before the model loads and before anything opens it.
	if err := media.CheckFile(files[0]); err != nil {
		fmt.Fprintln(stderr, "rushcut embed: "+oneLine(err))
		return exitUsage
	}
	// The provider line waits until the file has proved readable, so bad
	// input gets exactly one line.
	var notes []string
	logf := func(format string, a ...any) { notes = append(notes, fmt.Sprintf("rushcut embed: "+format, a...)) }
	emb, err := models.OpenDefault(*modelPath, models.Options{Provider: prov, Threads: *threads, BatchSize: *batch, Logf: logf})
	if err != nil {
		fmt.Fprintln(stderr, "rushcut embed: "+oneLine(err))
		return embedExit(err)
	}
	defer emb.Close()
	frames, err := embedFile(files[0], emb, *every)
	if err != nil {
		fmt.Fprintln(stderr, "rushcut embed: "+oneLine(err))
		return embedExit(err)
	}
	for _, n := range notes {
		fmt.Fprintln(stderr, n)
	}
	man := emb.Manifest()
	if *asJSON {
		out := embedOutput{Model: man.Name, Version: man.Version, Provider: string(emb.Provider()), Dim: emb.Dim(), Frames: frames}
		if err := json.NewEncoder(stdout).Encode(out); err != nil {
			fmt.Fprintln(stderr, "rushcut embed: writing JSON: "+oneLine(err))
			return exitFail
		}
		return exitOK
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "FRAME\tTIME\tDIST_PREV\t(%s %s, %d-d, %s)\n", man.Name, man.Version, emb.Dim(), emb.Provider())
	for i, f := range frames {
		d := "-"
		if i > 0 {
			d = fmt.Sprintf("%.4f", models.CosineDistance(frames[i-1].Embedding, f.Embedding))
		}
		fmt.Fprintf(tw, "%d\t%.3fs\t%s\t\n", f.Frame, f.TimeS, d)
	}
	tw.Flush()
	return exitOK
}

// embedExit maps errors to exit statuses: unreadable media or model is 2.
func embedExit(err error) int {
	if errors.Is(err, models.ErrBadModel) {
		return exitUsage
	}
	return exitFor(err)
}

// embedFile decodes path at twice the model's input width and embeds every
// N-th frame, in batches.
func embedFile(path string, emb *models.Embedder, every int) ([]embedFrame, error) {
	in := emb.Manifest().Input
	w := 2 * in.Width()
	w += w % 2
	r, err := media.OpenReader(path, media.ReaderOptions{Width: w, Format: media.BGR24})
	if err != nil {
		return nil, err
	}
	defer r.Close()
	out := []embedFrame{}
	var pending []*media.Frame
	flush := func() error {
		if len(pending) == 0 {
			return nil
		}
		embs, err := emb.Embed(pending)
		if err != nil {
			return err
		}
		for i, f := range pending {
			out = append(out, embedFrame{Frame: f.Index, TimeS: f.TimeS, Embedding: embs[i]})
		}
		pending = pending[:0]
		return nil
	}
	for {
		f, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		if f.Index%every != 0 {
			continue
		}
		pending = append(pending, f)
		if len(pending) == emb.BatchSize() {
			if err := flush(); err != nil {
				return nil, err
			}
		}
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return out, nil
}
