package vision

import (
	"errors"
	"io"
	"testing"

	"rushcut/media"
	"rushcut/media/mediatest"
)

// extractFile decodes path at analysis size and extracts every frame's
// features sequentially with one Extractor.
func extractFile(t testing.TB, path string, faces bool) []Features {
	t.Helper()
	r, err := media.OpenReader(path, media.ReaderOptions{Width: AnalysisWidth, Format: media.BGR24})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	w, h := r.Size()
	opt := ExtractorOptions{Width: w, Height: h}
	if faces {
		opt.FaceCascade = DefaultFaceCascade
	}
	e, err := NewExtractor(opt)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	var fs []Features
	var buf []byte
	for {
		f, err := r.NextInto(buf)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		buf = f.Data
		ft, err := e.Add(f.Data, f.Index)
		if err != nil {
			t.Fatal(err)
		}
		fs = append(fs, ft)
	}
	Finish(fs)
	return fs
}

var opencvData = mediatest.OpencvData
