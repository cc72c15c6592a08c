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
	"rushcut/app/export/xmeml"
)

// Format is an export format.
type Format string

// Export formats, named as NLEs name them.
const (
	// EDL is a CMX3600 edit decision list (.edl).
	EDL Format = "edl"
	// XMEML is Final Cut Pro 7 XML (.xml), which Premiere and Resolve
	// import.
	XMEML Format = "xmeml"
	// FCPXML is Final Cut Pro X's FCPXML 1.10 (.fcpxml), which Resolve
	// imports too.
	FCPXML Format = "fcpxml"
	// OTIO is OpenTimelineIO JSON (.otio).
	OTIO Format = "otio"
)

// Formats lists the export formats with their file extensions.
var Formats = []struct {
	Format Format
	Ext    string
}{{EDL, ".edl"}, {XMEML, ".xml"}, {FCPXML, ".fcpxml"}, {OTIO, ".otio"}}

// Ext returns the format's file extension (".edl", ".xml", ".fcpxml",
// ".otio").
func (f Format) Ext() string {
	for _, x := range Formats {
		if x.Format == f {
			return x.Ext
		}
	}
	return ""
}

// FormatFor returns the format named by explicit ("edl", "xmeml" (or
// "xml", "fcp7"), "fcpxml", "otio"), or else the one the output path's
// extension implies (.edl, .xml, .fcpxml, .otio).
func FormatFor(path, explicit string) (Format, error) {
	switch strings.ToLower(explicit) {
	case "edl", "cmx3600":
		return EDL, nil
	case "xmeml", "xml", "fcp7", "fcp7xml":
		return XMEML, nil
	case "fcpxml":
		return FCPXML, nil
	case "otio":
		return OTIO, nil
	case "":
	default:
		return "", fmt.Errorf("unknown format %q (want edl, xmeml, fcpxml or otio)", explicit)
	}
	ext := strings.ToLower(filepath.Ext(path))
	for _, x := range Formats {
		if x.Ext == ext {
			return x.Format, nil
		}
	}
	return "", fmt.Errorf("cannot tell the format of %q from its extension (.edl, .xml, .fcpxml, .otio); use --format", path)
}

// Encode writes tl to w in format f. Nothing is written when the timeline
// cannot be expressed.
func Encode(w io.Writer, tl *edit.Timeline, f Format) error {
	var b bytes.Buffer
	var err error
	switch f {
	case EDL:
		err = edl.Write(&b, tl)
	case XMEML:
		err = xmeml.Write(&b, tl)
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
