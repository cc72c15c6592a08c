// Package analysis orchestrates the analysis of a media file: one
// streaming decode at analysis size feeding OpenCV feature workers on
// every core, an ordered merge of their results, and a per-file cache of
// the features keyed by content hash, size and modification time, so that
// a second analysis of the same file reads the cache instead of decoding.
//
// Analysis is cancellable through its context (and then leaves no
// goroutine behind), reports progress through a callback, and carries on
// past damaged packets, which it counts and reports.
package analysis
