// Package vision is Rushcut's OpenCV (gocv) analysis of pictures: per-frame
// features computed from one streaming decode (histogram, edge, hash, luma,
// sharpness, global motion, faces), and a transition detector that turns a
// file's features into typed transitions (cuts, dissolves, fades), shots,
// black segments and flash frames.
//
// The package never decodes: callers feed it frames (packed BGR24 at
// analysis size) through an Extractor, in order or in contiguous chunks,
// and pass the resulting []Features to Detect, or to DetectWith together
// with the ViT embeddings of some frames (Embeddings, computed by the
// models package) for the semantic cut cue. Every gocv.Mat an Extractor
// allocates is owned by it and freed by Close.
package vision
