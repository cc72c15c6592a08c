// Package ingest finds the media files a user points Rushcut at: files as
// given, folders expanded to the video files directly inside them. Every
// command that takes folders (analyze, assemble, gui) and the GUI's bin
// use it, so the same folder gives the same files everywhere: by
// extension, sorted by name, hidden files and macOS AppleDouble ("._")
// files skipped.
package ingest

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"rushcut/media"
)

// VideoExtensions are the file extensions a folder scan takes, lower case.
var VideoExtensions = []string{
	".mov", ".mp4", ".m4v", ".mxf", ".avi", ".mkv", ".mts", ".m2ts", ".ts",
	".mpg", ".mpeg", ".webm", ".dv", ".3gp", ".wmv", ".flv", ".y4m",
}

// IsVideo reports whether name has one of VideoExtensions (any case).
func IsVideo(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	for _, e := range VideoExtensions {
		if ext == e {
			return true
		}
	}
	return false
}

// Hidden reports whether a folder scan skips name: a dot file, which
// includes the "._NAME" AppleDouble files macOS leaves on drives it
// writes (resource forks, not media).
func Hidden(name string) bool { return strings.HasPrefix(filepath.Base(name), ".") }

// Folder lists the video files directly inside dir (see IsVideo), sorted
// by name, skipping subfolders and hidden files (see Hidden). An entry
// that is not a regular file is listed all the same: opening it refuses it
// in one line naming it (media.CheckFile), as any other unreadable file.
// A folder without video files gives an empty list.
func Folder(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dir, unwrapPathError(err))
	}
	var names []string
	for _, e := range entries {
		if e.IsDir() || Hidden(e.Name()) || !IsVideo(e.Name()) {
			continue
		}
		names = append(names, e.Name())
	}
	sort.Strings(names)
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = filepath.Join(dir, n)
	}
	return out, nil
}

// Collect expands the inputs: folders to their video files (see Folder),
// files as given (hidden or not: the user named them). Duplicates are
// dropped. A missing input, a folder without video files, or an input that
// is not a regular file (a named pipe, a device: refused before anything
// opens it, as media.CheckFile says) is an error naming it; the last
// matches media.ErrBadInput.
func Collect(inputs []string) ([]string, error) {
	seen := map[string]bool{}
	var out []string
	add := func(p string) {
		abs, err := filepath.Abs(p)
		if err != nil {
			abs = p
		}
		if !seen[abs] {
			seen[abs] = true
			out = append(out, p)
		}
	}
	for _, in := range inputs {
		st, err := os.Stat(in)
		switch {
		case err != nil:
			return nil, fmt.Errorf("%s: %w", in, unwrapPathError(err))
		case st.Mode().IsRegular():
			add(in)
			continue
		case !st.IsDir():
			return nil, media.CheckFile(in)
		}
		files, err := Folder(in)
		if err != nil {
			return nil, err
		}
		if len(files) == 0 {
			return nil, fmt.Errorf("%s: no video files (%s)", in, strings.Join(VideoExtensions, " "))
		}
		for _, f := range files {
			add(f)
		}
	}
	return out, nil
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
