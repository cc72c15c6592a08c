package media

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"

	"github.com/asticode/go-astiav"
)

var logOnce sync.Once

// quietFFmpeg keeps FFmpeg's own logging off stderr: Rushcut reports every
// problem itself, in one line naming the file.
func quietFFmpeg() {
	logOnce.Do(func() {
		level := astiav.LogLevelQuiet
		if os.Getenv("RUSHCUT_FFMPEG_LOG") != "" {
			level = astiav.LogLevelWarning
		}
		astiav.SetLogLevel(level)
	})
}

// input is an opened container with its default video stream (see
// betterVideo) and its first audio stream.
type input struct {
	path  string
	size  int64
	fc    *astiav.FormatContext
	video *astiav.Stream
	audio *astiav.Stream
}

// CheckFile reports whether path can be opened as a media file, without
// ever blocking: it must exist and be a regular file (or a symlink to one),
// readable and not empty. A named pipe, device or socket is refused before
// anything opens it (opening a FIFO for reading waits for a writer
// forever). The error matches ErrBadInput and reads "PATH: reason". Every
// function of this package that opens a file checks it first; callers that
// read a file by other means (a content hash) call it before they do.
func CheckFile(path string) error {
	_, err := checkFile(path)
	return err
}

// checkFile is CheckFile, returning the file's size.
func checkFile(path string) (int64, error) {
	st, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return 0, badInput(path, "no such file", err)
	case errors.Is(err, fs.ErrPermission):
		return 0, badInput(path, "permission denied", err)
	case err != nil:
		return 0, badInput(path, "cannot stat: "+err.Error(), err)
	case st.IsDir():
		return 0, badInput(path, "is a directory, not a media file", nil)
	case !st.Mode().IsRegular():
		return 0, badInput(path, notRegular(st.Mode()), nil)
	case st.Size() == 0:
		return 0, badInput(path, "empty file (0 bytes)", nil)
	}
	// O_NONBLOCK: should the path have become a FIFO since the Stat, the
	// open returns at once instead of waiting for a writer, and the Stat
	// of the opened file refuses it.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK|syscall.O_NOCTTY, 0)
	if err != nil {
		return 0, badInput(path, "cannot open: "+reasonOf(err), err)
	}
	defer f.Close()
	if st, err = f.Stat(); err != nil || !st.Mode().IsRegular() {
		return 0, badInput(path, "not a regular file (it changed while being opened)", err)
	}
	return st.Size(), nil
}

// notRegular says what kind of file a non-regular, non-directory mode is.
func notRegular(m fs.FileMode) string {
	kind := "a special file"
	switch {
	case m&fs.ModeNamedPipe != 0:
		kind = "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		kind = "a socket"
	case m&fs.ModeCharDevice != 0:
		kind = "a character device"
	case m&fs.ModeDevice != 0:
		kind = "a device"
	}
	return "not a regular file: " + kind
}

// reasonOf is an error's message without the path os errors repeat.
func reasonOf(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// Stream chooses the video stream to read: DefaultStream (the zero value)
// picks it as FFmpeg does (see betterVideo); StreamIndex(i) names stream i.
type Stream int

// DefaultStream lets Rushcut pick the video stream.
const DefaultStream Stream = 0

// StreamIndex chooses the stream with index i (as ffprobe numbers them).
func StreamIndex(i int) Stream { return Stream(i + 1) }

// openInput opens path read-only and finds its streams (the default video
// stream). The caller must call close.
func openInput(path string) (*input, error) { return openStream(path, DefaultStream) }

// openStream is openInput with the video stream chosen by choice.
func openStream(path string, choice Stream) (*input, error) {
	quietFFmpeg()
	size, err := checkFile(path)
	if err != nil {
		return nil, err
	}
	fc := astiav.AllocFormatContext()
	if fc == nil {
		return nil, fmt.Errorf("%s: cannot allocate a format context", path)
	}
	// OpenInput opens the file with AVIO_FLAG_READ: source media is never written.
	if err := fc.OpenInput(path, nil, nil); err != nil {
		fc.Free()
		reason := "not a media file FFmpeg can read (" + ffReason(err) + ")"
		switch strings.ToLower(filepath.Ext(path)) {
		case ".mp4", ".mov", ".m4v", ".3gp":
			reason = "not a readable MP4/QuickTime file: no index (moov atom) found; truncated, or not media"
		}
		return nil, badInput(path, reason, err)
	}
	in := &input{path: path, size: size, fc: fc}
	if err := fc.FindStreamInfo(nil); err != nil {
		in.close()
		return nil, badInput(path, "corrupt or truncated: cannot read stream info ("+ffReason(err)+")", err)
	}
	for _, s := range fc.Streams() {
		cp := s.CodecParameters()
		switch cp.MediaType() {
		case astiav.MediaTypeVideo:
			if !isAttachedPicture(s) && cp.Width() > 0 && cp.Height() > 0 && betterVideo(s, in.video) {
				in.video = s
			}
		case astiav.MediaTypeAudio:
			if in.audio == nil && cp.SampleRate() > 0 {
				in.audio = s
			}
		}
	}
	if in.video == nil && in.audio == nil {
		in.close()
		return nil, badInput(path, "not a media file: no audio or video stream found", nil)
	}
	if choice != DefaultStream {
		i := int(choice) - 1
		streams := fc.Streams()
		if i < 0 || i >= len(streams) || streams[i].CodecParameters().MediaType() != astiav.MediaTypeVideo || isAttachedPicture(streams[i]) {
			in.close()
			return nil, badInput(path, fmt.Sprintf("stream %d is not a video stream (the file has %d streams; rushcut probe shows the default)", i, len(streams)), nil)
		}
		in.video = streams[i]
	}
	return in, nil
}

// betterVideo reports whether video stream s is a better pick than best
// (nil: none yet), as FFmpeg picks: a stream marked default first, then
// the larger picture (a proxy track never wins over the main picture),
// then the earlier stream.
func betterVideo(s, best *astiav.Stream) bool {
	if best == nil {
		return true
	}
	if d, bd := isDefaultStream(s), isDefaultStream(best); d != bd {
		return d
	}
	a, b := s.CodecParameters(), best.CodecParameters()
	return a.Width()*a.Height() > b.Width()*b.Height()
}

func (in *input) close() {
	if in.fc != nil {
		in.fc.CloseInput()
		in.fc.Free()
		in.fc = nil
	}
}

// ffReason turns an FFmpeg error into a short lower-case phrase.
func ffReason(err error) string {
	s := err.Error()
	if i := strings.LastIndex(s, ": "); i >= 0 {
		s = s[i+2:]
	}
	return strings.ToLower(strings.TrimSpace(s))
}
