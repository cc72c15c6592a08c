package assemble

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"rushcut/app/edit"
	"rushcut/app/export/edl"
	"rushcut/app/export/fcpxml"
	"rushcut/app/export/otio"
)

// Format is an export format.
type Format string

// Export formats.
const (
	EDL    Format = "edl"
	FCPXML Format = "fcpxml"
	OTIO   Format = "otio"
)

// FormatFor returns the format named by explicit ("edl", "fcpxml" or
// "xml", "otio"), or else the one the output path's extension implies
// (.edl, .xml, .otio).
func FormatFor(path, explicit string) (Format, error) {
	switch strings.ToLower(explicit) {
	case "edl", "cmx3600":
		return EDL, nil
	case "fcpxml", "xml", "xmeml":
		return FCPXML, nil
	case "otio":
		return OTIO, nil
	case "":
	default:
		return "", fmt.Errorf("unknown format %q (want edl, fcpxml or otio)", explicit)
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".edl":
		return EDL, nil
	case ".xml":
		return FCPXML, nil
	case ".otio":
		return OTIO, nil
	}
	return "", fmt.Errorf("cannot tell the format of %q from its extension (.edl, .xml, .otio); use --format", path)
}

// Encode writes tl to w in format f. Nothing is written when the timeline
// cannot be expressed.
func Encode(w io.Writer, tl *edit.Timeline, f Format) error {
	var b bytes.Buffer
	var err error
	switch f {
	case EDL:
		err = edl.Write(&b, tl)
	case FCPXML:
		err = fcpxml.Write(&b, tl)
	case OTIO:
		err = otio.Write(&b, tl)
	default:
		err = fmt.Errorf("unknown format %q", f)
	}
	if err != nil {
		return err
	}
	_, err = w.Write(b.Bytes())
	return err
}

// Export writes tl to path in format f atomically: the text goes to a
// temporary file in the same folder, which is synced and renamed over
// path, so readers never see a partial file and a failure leaves any
// previous file untouched.
func Export(tl *edit.Timeline, path string, f Format) error {
	var b bytes.Buffer
	if err := Encode(&b, tl, f); err != nil {
		return err
	}
	return writeAtomic(path, b.Bytes())
}

func writeAtomic(path string, data []byte) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Chmod(0o644); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
