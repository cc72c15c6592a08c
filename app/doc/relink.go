package doc

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// RelinkResult says what Relink found.
type RelinkResult struct {
	// Found maps the old path of each media file found to its new path.
	Found map[string]string
	// Missing lists the paths of media still missing, in project order
	// (media without a content hash or size cannot be found).
	Missing []string
}

// Missing returns the project's media whose file is not at its path.
func (p *Project) Missing() []*Media {
	var out []*Media
	for _, m := range p.Media {
		if m == nil || m.Ref == nil {
			continue
		}
		if _, err := os.Stat(m.Ref.Path); errors.Is(err, fs.ErrNotExist) {
			out = append(out, m)
		}
	}
	return out
}

// Relink looks for the project's missing media under dir (and its
// subfolders) by content: a file of the same size whose HashFile hash
// equals the media's content hash. Each found media's path becomes the
// file's, in place, so the timeline's clips (which share the references)
// follow. Candidates are opened read-only; folders that cannot be read are
// skipped. The error is only for a dir that cannot be walked at all.
func (p *Project) Relink(dir string) (RelinkResult, error) {
	res := RelinkResult{Found: map[string]string{}}
	missing := p.Missing()
	want := map[int64]bool{} // sizes worth hashing
	for _, m := range missing {
		if m.Ref.ContentHash != "" && m.Size > 0 {
			want[m.Size] = true
		}
	}
	found := map[string]string{} // content hash → new path
	if len(want) > 0 {
		if _, err := os.Stat(dir); err != nil {
			return res, err
		}
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				if d != nil && d.IsDir() && path != dir {
					return fs.SkipDir
				}
				return err
			}
			if !d.Type().IsRegular() {
				return nil
			}
			fi, err := d.Info()
			if err != nil || !want[fi.Size()] {
				return nil
			}
			hash, _, err := HashFile(path)
			if err == nil {
				if _, seen := found[hash]; !seen {
					found[hash] = path
				}
			}
			return nil
		})
		if err != nil {
			return res, err
		}
	}
	for _, m := range missing {
		if np, ok := found[m.Ref.ContentHash]; ok && m.Ref.ContentHash != "" && m.Size > 0 {
			res.Found[m.Ref.Path] = np
			m.Ref.Path = np
			continue
		}
		res.Missing = append(res.Missing, m.Ref.Path)
	}
	return res, nil
}
