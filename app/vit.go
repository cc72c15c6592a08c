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
// runtime that cannot be loaded turns the cue off with one line on stderr
// (the pixel detector still runs); a model or provider the user named
// explicitly must load, or the command fails with the exit status
// returned.
func (v vitFlags) open(cmd string, stderr io.Writer) (*models.Embedder, int) {
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
	logf := func(format string, a ...any) { fmt.Fprintf(stderr, "rushcut "+cmd+": "+format+"\n", a...) }
	emb, err := models.OpenDefault(*v.model, models.Options{Provider: prov, Logf: logf})
	if err == nil {
		return emb, exitOK
	}
	if prov == models.Auto && *v.model == "" {
		fmt.Fprintf(stderr, "rushcut %s: ViT cue off: %s\n", cmd, oneLine(err))
		return nil, exitOK
	}
	fmt.Fprintf(stderr, "rushcut %s: %s\n", cmd, oneLine(err))
	return nil, embedExit(err)
}
