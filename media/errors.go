package media

import (
	"errors"
	"fmt"
)

// ErrBadInput marks errors caused by the input file itself (missing,
// unreadable, not media, corrupt, unsupported). Callers map it to exit 2.
var ErrBadInput = errors.New("bad input")

// ErrNoVideo is returned when a file has no video stream to read frames from.
var ErrNoVideo = errors.New("no video stream")

// ErrNoAudio is returned when a file has no audio stream (a take shot MOS).
var ErrNoAudio = errors.New("no audio stream")

// InputError says which file could not be used and why, in one line.
type InputError struct {
	Path   string
	Reason string
	Err    error
}

// Error formats the error as "PATH: reason".
func (e *InputError) Error() string { return fmt.Sprintf("%s: %s", e.Path, e.Reason) }

// Unwrap lets errors.Is match ErrBadInput and the underlying cause.
func (e *InputError) Unwrap() []error {
	if e.Err != nil {
		return []error{ErrBadInput, e.Err}
	}
	return []error{ErrBadInput}
}

func badInput(path, reason string, err error) error {
	return &InputError{Path: path, Reason: reason, Err: err}
}
