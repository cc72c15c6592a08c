package main

import (
	"flag"
	"fmt"
	"io"

	"rushcut/models"
)

// vitFlags are the flags of the commands that analyse footage with the
// ViT: which model and provider, or none.
type vitFlags struct {
	off      *bool
	model    *string
	provider *string
	stride   *int
}

func addViTFlags(fs *flag.FlagSet) vitFlags {
	return vitFlags{
		off:      fs.Bool("no-vit", false, "pixel statistics only: do not run the ViT (no semantic cut cue)"),
		model:    fs.String("model", "", "ViT model .onnx with its manifest beside it (default: the shipped model, or $"+models.ModelEnv+")"),
		provider: fs.String("provider", "auto", "ViT execution provider: auto, cpu or cuda"),
		stride:   fs.Int("vit-stride", 0, "embed every N-th frame, besides the frames around abrupt changes (0: 8)"),
	}
}

// open opens the ViT the flags ask for. With --no-vit it returns nil.
// Under the default provider "auto" with the shipped model, a model or
// runtime that cannot be loaded turns the cue off with a note (the pixel
// detector still runs); a model or provider the user named explicitly must
// load, or the command fails with one line on stderr and the exit status
// returned. Notes (which provider runs, or why the cue is off) go to note,
// for the caller to print once the input has proved readable, so that bad
// input still gets exactly one line.
func (v vitFlags) open(cmd string, stderr io.Writer, note func(string)) (*models.Embedder, int) {
	if *v.off {
		return nil, exitOK
	}
	if *v.stride < 0 {
		fmt.Fprintf(stderr, "rushcut %s: --vit-stride must be 0 or more\n", cmd)
		return nil, exitUsage
	}
	prov, err := models.ParseProvider(*v.provider)
	if err != nil {
		fmt.Fprintf(stderr, "rushcut %s: %s\n", cmd, oneLine(err))
		return nil, exitUsage
	}
	logf := func(format string, a ...any) { note(fmt.Sprintf("rushcut "+cmd+": "+format, a...)) }
	emb, err := models.OpenDefault(*v.model, models.Options{Provider: prov, Logf: logf})
	if err == nil {
		return emb, exitOK
	}
	if prov == models.Auto && *v.model == "" {
		note(fmt.Sprintf("rushcut %s: ViT cue off: %s", cmd, oneLine(err)))
		return nil, exitOK
	}
	fmt.Fprintf(stderr, "rushcut %s: %s\n", cmd, oneLine(err))
	return nil, embedExit(err)
}
