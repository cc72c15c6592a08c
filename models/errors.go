package models

import "errors"

// Sentinel errors; every error this package returns wraps one of them, so
// callers can tell a bad model file (the user's to fix) from a missing
// runtime or an unavailable GPU.
var (
	// ErrBadModel marks a model or manifest that cannot be used: missing,
	// unreadable, corrupt, inconsistent with its manifest or too large. The
	// more specific errors below also match it.
	ErrBadModel = errors.New("bad model")
	// ErrChecksum is a model file whose sha256 is not the manifest's.
	ErrChecksum = errors.New("model checksum mismatch")
	// ErrTooLarge is a model file over the size limit or over what free
	// memory can hold.
	ErrTooLarge = errors.New("model too large")
	// ErrMismatch is a manifest that does not describe the graph: input or
	// output name, input shape, embedding size or element type.
	ErrMismatch = errors.New("manifest does not match the model graph")
	// ErrNoRuntime is returned when the ONNX Runtime shared library cannot be
	// found or loaded.
	ErrNoRuntime = errors.New("ONNX Runtime not available")
	// ErrCUDAUnavailable is returned for provider cuda when the loaded ONNX
	// Runtime build has no CUDA execution provider, or CUDA cannot start.
	ErrCUDAUnavailable = errors.New("CUDA execution provider unavailable")
	// ErrBadFrame is a frame that cannot be fed to the model (nil, empty,
	// inconsistent size, unsupported pixel format).
	ErrBadFrame = errors.New("bad frame")
	// ErrClosed is returned by an Embedder used after Close.
	ErrClosed = errors.New("embedder closed")
)

// modelError wraps a cause with ErrBadModel (and an optional more specific
// sentinel) behind a one-line message naming the file.
type modelError struct {
	msg  string
	kind error // ErrChecksum, ErrTooLarge, ErrMismatch or nil
	err  error // underlying cause, may be nil
}

func (e *modelError) Error() string { return e.msg }

func (e *modelError) Unwrap() []error {
	errs := []error{ErrBadModel}
	if e.kind != nil {
		errs = append(errs, e.kind)
	}
	if e.err != nil {
		errs = append(errs, e.err)
	}
	return errs
}

func badModel(kind, err error, msg string) error { return &modelError{msg: msg, kind: kind, err: err} }
