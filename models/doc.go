// Package models is Rushcut's only door to ONNX Runtime (through
// github.com/yalue/onnxruntime_go): it loads an embedding model with its
// manifest, checks both (sha256, size, graph inputs and outputs), chooses the
// execution provider (CUDA or CPU), and turns video frames into embeddings in
// batches, with preprocessing done by OpenCV (gocv.BlobFromImages).
//
// A model is a .onnx file plus a JSON manifest beside it (model.json, or
// NAME.json for NAME.onnx) that says how to feed it: input name and shape,
// channel order, resize policy, value range, mean and std, output name and
// embedding size, and the licence and provenance of the weights and their
// training data. Rushcut ships one, trained by models/train/ and embedded in
// the binary (OpenDefault; see assets/models/), and runs any other image
// encoder exported to ONNX (a CLIP or DINOv2 vision tower, say) given a
// manifest.
//
// Embeddings are L2-normalised, so the cosine similarity of two frames is
// the dot product of their embeddings (see Cosine and CosineDistance).
// Frames of one shot embed close together, frames of different shots far
// apart, through camera motion, lighting changes, grading and reframing.
//
// ONNX Runtime is a shared library loaded at run time. It is found through
// the RUSHCUT_ORT_LIB environment variable, else next to the executable,
// else in .deps/onnxruntime/ of the source tree (see FindLibrary). Pointing
// RUSHCUT_ORT_LIB at an official ONNX Runtime GPU build enables CUDA.
//
// Every ONNX Runtime object this package creates (sessions, options,
// tensors) is destroyed by the value that owns it; the runtime environment
// itself lives for the whole process.
package models
