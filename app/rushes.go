package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"

	"rushcut/app/analysis"
	"rushcut/app/rough"
	"rushcut/models"
)

// analyzeRushes analyses files as a day's rushes with the ViT emb (nil:
// none), a progress bar on stderr, Ctrl-C cancelling, and one line on
// stderr for each file that cannot be used (it is skipped). It returns the
// reports, or nil and the exit status.
func analyzeRushes(cmd string, files []string, emb *models.Embedder, noCache bool, stderr io.Writer) ([]*rough.TakeReport, int) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	bar := newProgressBar(stderr, fmt.Sprintf("rushcut %s: %d files", cmd, len(files)))
	bad := 0
	var errs []string
	opt := rough.FolderOptions{
		Analysis: analysis.Options{NoCache: noCache, Embedder: emb},
		Slates:   true,
		Progress: func(done, total, _, _ int) { bar.update(done, total) },
		OnError: func(path string, err error) {
			bad++
			errs = append(errs, "rushcut "+cmd+": "+oneLine(err)+" (skipped)")
		},
	}
	rs, err := rough.AnalyzeFiles(ctx, files, opt)
	bar.done()
	for _, e := range errs {
		fmt.Fprintln(stderr, e)
	}
	if err != nil {
		fmt.Fprintf(stderr, "rushcut %s: %s\n", cmd, oneLine(err))
		return nil, exitFor(err)
	}
	if len(rs) == 0 {
		fmt.Fprintf(stderr, "rushcut %s: none of the %d files could be analysed\n", cmd, len(files))
		return nil, exitUsage
	}
	return rs, exitOK
}
