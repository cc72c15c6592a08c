package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"text/tabwriter"

	"rushcut/app/analysis"
	"rushcut/media"
	"rushcut/vision"
)

func init() {
	register(command{"eval", "eval --truth TRUTH.json FILE [--json] [--scdet=false] [--no-vit]   score transitions against labels", cmdEval})
}

// evalJSON is the output of `rushcut eval --json`.
type evalJSON struct {
	File   string `json:"file"`
	Truth  string `json:"truth"`
	Frames int    `json:"frames"`
	// Model is the ViT whose cue Rushcut used, empty without one.
	Model   string     `json:"model,omitempty"`
	Rushcut scoresJSON `json:"rushcut"`
	// Pixels scores Rushcut's detector without the ViT cue, from the same
	// analysis (present when the ViT ran).
	Pixels *scoresJSON         `json:"rushcut_pixels_only,omitempty"`
	Scdet  *scoresJSON         `json:"scdet,omitempty"`
	Misses []vision.Transition `json:"missed"`
	Extra  []vision.Transition `json:"false"`
}

// scoresJSON is one detector's precision, recall and F1.
type scoresJSON struct {
	Cuts    prfJSON `json:"cuts"`
	Gradual prfJSON `json:"gradual"`
}

type prfJSON struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	TP        int     `json:"tp"`
	FP        int     `json:"fp"`
	FN        int     `json:"fn"`
}

func toPRF(p vision.PRF) prfJSON {
	return prfJSON{p.Precision(), p.Recall(), p.F1(), p.TP, p.FP, p.FN}
}

// cmdEval is `rushcut eval --truth TRUTH.json FILE`.
func cmdEval(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("eval", stderr)
	truthPath := fs.String("truth", "", "truth JSON (the format of the shared truth files)")
	asJSON := fs.Bool("json", false, "print JSON")
	withScdet := fs.Bool("scdet", true, "also score ffmpeg's scdet filter on the same file (needs the ffmpeg CLI)")
	scdetThr := fs.Float64("scdet-threshold", analysis.DefaultScdetThreshold, "scdet threshold")
	noCache := fs.Bool("no-cache", false, "analyse again even if cached")
	vf := addViTFlags(fs)
	stream := addStreamFlag(fs)
	files, err := parseArgs(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(files) != 1 || *truthPath == "" {
		fmt.Fprintln(stderr, "usage: rushcut eval --truth TRUTH.json FILE [--json] [--scdet=false]")
		return exitUsage
	}
	// Both files are refused before anything opens them if they are not
	// regular files (a named pipe would block the read forever).
	if err := regularFile(*truthPath); err != nil {
		fmt.Fprintln(stderr, "rushcut eval: --truth "+oneLine(err))
		return exitUsage
	}
	if err := media.CheckFile(files[0]); err != nil {
		fmt.Fprintln(stderr, "rushcut eval: "+oneLine(err))
		return exitUsage
	}
	truth, err := vision.LoadTruth(*truthPath)
	if err != nil {
		fmt.Fprintln(stderr, "rushcut eval: "+oneLine(err))
		return exitUsage
	}
	a, code := analyzeCLI("eval", files[0], *noCache, false, stream(), vf, stderr)
	if a == nil {
		return code
	}
	res := a.Detect()
	sc := vision.Score(truth.Transitions, res.Transitions)
	out := evalJSON{File: files[0], Truth: *truthPath, Frames: res.Frames,
		Rushcut: scoresJSON{toPRF(sc.Cuts), toPRF(sc.Gradual)}, Model: a.Model}
	if a.Embeddings != nil {
		sp := vision.Score(truth.Transitions, a.DetectPixels().Transitions)
		out.Pixels = &scoresJSON{toPRF(sp.Cuts), toPRF(sp.Gradual)}
	}
	out.Misses, out.Extra = vision.Unmatched(truth.Transitions, res.Transitions)
	if truth.Frames > 0 && truth.Frames != res.Frames {
		fmt.Fprintf(stderr, "rushcut eval: warning: %d frames decoded, truth has %d\n", res.Frames, truth.Frames)
	}
	if *withScdet {
		if _, err := exec.LookPath("ffmpeg"); err != nil {
			fmt.Fprintln(stderr, "rushcut eval: no ffmpeg CLI on PATH; scdet not scored")
		} else if ts, err := analysis.Scdet(context.Background(), files[0], *scdetThr, stream()); err != nil {
			fmt.Fprintln(stderr, "rushcut eval: "+oneLine(err))
		} else {
			s := vision.Score(truth.Transitions, ts)
			out.Scdet = &scoresJSON{toPRF(s.Cuts), toPRF(s.Gradual)}
		}
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			return exitFail
		}
		return exitOK
	}
	fmt.Fprintf(stdout, "%s: %d frames, truth %s\n", out.File, out.Frames, out.Truth)
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "DETECTOR\tKIND\tPRECISION\tRECALL\tF1\tTP\tFP\tFN")
	row := func(name string, s scoresJSON) {
		for _, k := range []struct {
			kind string
			p    prfJSON
		}{{"cuts", s.Cuts}, {"gradual", s.Gradual}} {
			fmt.Fprintf(tw, "%s\t%s\t%.3f\t%.3f\t%.3f\t%d\t%d\t%d\n", name, k.kind, k.p.Precision, k.p.Recall, k.p.F1, k.p.TP, k.p.FP, k.p.FN)
		}
	}
	if out.Pixels != nil {
		row("rushcut(+vit)", out.Rushcut)
		row("rushcut(pixels)", *out.Pixels)
	} else {
		row("rushcut", out.Rushcut)
	}
	if out.Scdet != nil {
		row(fmt.Sprintf("scdet(%g)", *scdetThr), *out.Scdet)
	}
	tw.Flush()
	for _, t := range out.Misses {
		fmt.Fprintf(stdout, "missed: %s\n", describe(t))
	}
	for _, t := range out.Extra {
		fmt.Fprintf(stdout, "false:  %s\n", describe(t))
	}
	return exitOK
}

func describe(t vision.Transition) string {
	if t.Kind == vision.Cut {
		return fmt.Sprintf("cut at %d", t.Frame)
	}
	return fmt.Sprintf("%s %d-%d", t.Kind, t.Start, t.End)
}

// regularFile refuses a path that is missing or not a regular file (or a
// symlink to one), in one line naming it.
func regularFile(path string) error {
	st, err := os.Stat(path)
	switch {
	case err != nil:
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return fmt.Errorf("%s: %w", path, err)
	case !st.Mode().IsRegular():
		return fmt.Errorf("%s: not a regular file", path)
	}
	return nil
}
