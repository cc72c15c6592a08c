// Package project is the application core's view of an editor's work: the
// media in the bin, their probe results and thumbnails. The UI reads it and
// sends it commands; it never imports the UI.
package project

import (
	"fmt"
	"image"
	"os"
	"path/filepath"
	"sync"

	"rushcut/app/ingest"
	"rushcut/media"
)

// DemoDir is where Debian's opencv-doc package installs the real clips the
// built-in demo opens.
const DemoDir = "/usr/share/doc/opencv-doc/examples/data"

// IsVideoFile reports whether path has a video file extension (see
// ingest.VideoExtensions).
func IsVideoFile(path string) bool { return ingest.IsVideo(path) }

// Clip is one media file in the bin.
type Clip struct {
	Path string
	Info *media.Info
}

// Name is the clip's file name.
func (c *Clip) Name() string { return filepath.Base(c.Path) }

// Project holds the bin. Its methods are safe for concurrent use.
type Project struct {
	mu     sync.Mutex
	clips  []*Clip
	errors []error
}

// New returns an empty project.
func New() *Project { return &Project{} }

// Add probes each path (a file, or a folder whose video files are added in
// name order) and adds what it can read. Files it cannot read are kept as
// errors (see Errors) and do not stop the others.
func (p *Project) Add(paths ...string) {
	for _, path := range expand(paths) {
		info, err := media.Probe(path)
		p.mu.Lock()
		if err != nil {
			p.errors = append(p.errors, err)
		} else {
			p.clips = append(p.clips, &Clip{Path: path, Info: info})
		}
		p.mu.Unlock()
	}
}

// expand replaces folders by the video files in them, as every command
// scans a folder (ingest.Folder: sorted, hidden and AppleDouble files
// skipped); an unreadable folder stays, for Probe to report.
func expand(paths []string) []string {
	var out []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil || !st.IsDir() {
			out = append(out, p)
			continue
		}
		files, err := ingest.Folder(p)
		if err != nil {
			out = append(out, p)
			continue
		}
		out = append(out, files...)
	}
	return out
}

// Clips returns the clips in the bin, in the order they were added.
func (p *Project) Clips() []*Clip {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]*Clip(nil), p.clips...)
}

// Errors returns the problems met while adding media, one per file.
func (p *Project) Errors() []error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]error(nil), p.errors...)
}

// Thumbnail decodes frame n of clip c at the given width as an image,
// seeking with the index the clip's analysis stored when there is one.
func Thumbnail(c *Clip, n, width int) (image.Image, error) {
	r, err := media.OpenReader(c.Path, media.ReaderOptions{Width: width, Format: media.RGBA})
	if err != nil {
		return nil, err
	}
	defer r.Close()
	if idx := storedIndex(c.Path); idx != nil {
		r.SetIndex(idx)
	}
	f, err := r.Seek(n)
	if err != nil {
		return nil, err
	}
	return &image.RGBA{Pix: f.Data, Stride: f.Stride, Rect: image.Rect(0, 0, f.Width, f.Height)}, nil
}

// Describe is a one-line human summary of a clip.
func Describe(c *Clip) string {
	i := c.Info
	if i.Video == nil {
		return fmt.Sprintf("audio only, %.2fs", i.DurationSeconds)
	}
	v := i.Video
	s := fmt.Sprintf("%dx%d  %.3f fps  %d frames  %.2fs  %s", v.Width, v.Height, v.FrameRate.Float(), v.Frames, i.DurationSeconds, v.Codec)
	if i.Timecode != nil {
		s += "  TC " + i.Timecode.Text
	}
	return s
}

// Frame decodes frame n (0-based, presentation order) of the media file at
// path, about width pixels wide, for a viewer.
func Frame(path string, n, width int) (image.Image, error) {
	return Thumbnail(&Clip{Path: path}, n, width)
}
