// Package analysis orchestrates the analysis of a media file: one
// streaming decode at analysis size feeding OpenCV feature workers on
// every core, an ordered merge of their results, an optional ViT stage
// (Options.Embedder) embedding a stride of frames and the frames around
// every abrupt change in the same pass, and a per-file cache of features
// and embeddings keyed by content hash, size, modification time and model,
// so that a second analysis of the same file reads the cache instead of
// decoding.
//
// Analysis is cancellable through its context (and then leaves no
// goroutine behind), reports progress through a callback, and carries on
// past damaged packets, which it counts and reports.
package analysis
