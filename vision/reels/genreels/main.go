// Command genreels writes Rushcut's labelled test set (see package reels)
// into a directory: one NAME.mp4 and NAME.json per reel.
//
//	go run ./vision/reels/genreels -o /tmp/reels [-holdout] [-hidden]
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"rushcut/vision/reels"
)

func main() {
	out := flag.String("o", "reels", "output directory")
	holdout := flag.Bool("holdout", false, "also write the held-out reels")
	hidden := flag.Bool("hidden", false, "also write the moving-camera reels of the ViT cut cue")
	flag.Parse()
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "genreels:", err)
		os.Exit(1)
	}
	set := reels.Set()
	if *holdout {
		set = append(set, reels.Holdout()...)
	}
	if *hidden {
		set = append(append(set, reels.Hidden()...), reels.HiddenDark()...)
	}
	vids, err := reels.GenerateSet(context.Background(), *out, set)
	if err != nil {
		fmt.Fprintln(os.Stderr, "genreels:", err)
		os.Exit(1)
	}
	for _, v := range vids {
		fmt.Println(v)
	}
}
