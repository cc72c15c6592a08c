package main

import (
	"os"
	"runtime/debug"
)

// batchGCPercent is the garbage collector's target for the commands that
// run and exit (every command but the GUI): the heap may grow 25% above
// the live data before a collection, not Go's default 100%.
//
// An analysis keeps what it measures of every frame until the end (the
// features, 304 bytes a frame, the times and the ViT's embeddings): long-
// lived data that grows with the file, while its garbage is small because
// frames come from pools. At the default the heap is allowed twice that
// live data; at 25 it is allowed 1.25 times. `rushcut cuts F --json
// --no-cache` (ViT on) on a 29.6-min 720p file (42,590 frames): 9
// collections, peak RSS 199,952 KB at 100; 34 collections, 188,000 KB at
// 25, the same output; on the 2,134-frame file 163–165 MB against
// 158–160 MB. The collections cost little: the live heap is ~27 MB of
// pointer-free slices.
const batchGCPercent = 25

// setBatchGC applies batchGCPercent unless the user set GOGC.
func setBatchGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(batchGCPercent)
	}
}
