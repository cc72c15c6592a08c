package preview

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"sync/atomic"

	"gocv.io/x/gocv"

	"rushcut/app/cache"
	"rushcut/app/doc"
	"rushcut/media"
	"rushcut/vision/render"
)

// Result is a rendered preview.
type Result struct {
	// Clip is the before/after MP4, Still the before/after PNG (before
	// left, after right), both in the cache.
	Clip  string `json:"clip"`
	Still string `json:"still"`
	// Frames is the clip's frame count; Width and Height its size; Rate
	// its frame rate (the source's).
	Frames int            `json:"frames"`
	Width  int            `json:"width"`
	Height int            `json:"height"`
	Rate   media.Rational `json:"rate"`
	// Crop is the fraction of the width and height a stabilisation
	// costs (0 for other effects).
	Crop float64 `json:"crop"`
	// Cached is true when the files came from the cache untouched.
	Cached bool `json:"-"`
}

// Options are how Render works, apart from what it renders.
type Options struct {
	// CacheDir holds the rendered previews ("": CacheDir()).
	CacheDir string
	// Progress, when set, is called after each frame of work with the
	// frames done and the total.
	Progress func(done, total int)
	// Preset is the x264 preset ("": Preset).
	Preset string
	// CacheMax caps the cache's size in bytes (0: DefaultCacheMax; < 0:
	// no cap). After each render the least recently used previews go.
	CacheMax int64
	// Lossless encodes the clip losslessly (media.EncoderOptions.Lossless):
	// for measuring a render without the encoder's own noise.
	Lossless bool
}

// Preset is the x264 preset of previews: "superfast" costs 29% less
// encoding CPU than the encoder's default "veryfast" at the same CRF and
// the same SSIM (0.9587 against 0.9589 on 10 s of Megamind at 960 px),
// for files 1.75× the size; "ultrafast" would save 56% but loses
// deblocking (SSIM 0.9556).
const Preset = "superfast"

// DefaultCacheMax is the preview cache's default size cap: 1 GiB, about
// a hundred 10 s previews at 960 px.
const DefaultCacheMax = 1 << 30

// CacheDir is the default cache: os.UserCacheDir()/rushcut/previews.
func CacheDir() (string, error) {
	d, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "rushcut", "previews"), nil
}

// tmpSeq numbers the temporary files of this process.
var tmpSeq atomic.Int64

// cacheVersion changes whenever rendering changes what it draws, so that
// old previews are not reused.
const cacheVersion = 2

// Render renders the preview req asks for, or returns the cached one made
// for the same content and parameters. It stops, leaving nothing behind,
// when ctx is cancelled. Errors name the file and the reason; a bad
// request wraps ErrBadRequest and a bad source media.ErrBadInput.
func Render(ctx context.Context, req Request, opt Options) (Result, error) {
	req = req.withDefaults()
	if err := req.check(); err != nil {
		return Result{}, err
	}
	dir := opt.CacheDir
	if dir == "" {
		var err error
		if dir, err = CacheDir(); err != nil {
			return Result{}, fmt.Errorf("preview cache: %w", err)
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Result{}, fmt.Errorf("preview cache: %w", err)
	}
	preset := opt.Preset
	if preset == "" {
		preset = Preset
	}
	enc := media.EncoderOptions{Preset: preset, Lossless: opt.Lossless}
	key, err := cacheKey(req, enc)
	if err != nil {
		return Result{}, err
	}
	base := filepath.Join(dir, key)
	if r, ok := cached(base); ok {
		return r, nil
	}
	progress := opt.Progress
	if progress == nil {
		progress = func(int, int) {}
	}
	res, err := renderTo(ctx, req, base, enc, progress)
	if err != nil {
		return Result{}, err
	}
	if max := opt.CacheMax; max >= 0 {
		if max == 0 {
			max = DefaultCacheMax
		}
		cache.Trim(dir, cache.Policy{Max: max, Marker: ".json"}) // failing to trim is not an error
	}
	return res, nil
}

// cacheKey hashes the sources' contents, the request and the encoding
// (preset, lossless).
func cacheKey(req Request, enc media.EncoderOptions) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "rushcut preview v%d %s\n", cacheVersion, enc.Preset)
	if enc.Lossless {
		fmt.Fprintln(h, "lossless")
	}
	paths := []string{req.Source.Path}
	if req.Effect.Kind.transition() {
		paths = append(paths, req.Effect.From.Path)
	}
	for _, p := range paths {
		sum, _, err := doc.HashFile(p)
		if err != nil {
			return "", &media.InputError{Path: p, Reason: "cannot read: " + err.Error(), Err: err}
		}
		fmt.Fprintln(h, sum)
	}
	k := req
	k.Source.Path = ""
	k.Effect.From.Path = ""
	b, err := json.Marshal(k)
	if err != nil {
		return "", err
	}
	h.Write(b)
	return hex.EncodeToString(h.Sum(nil))[:32], nil
}

// cached returns the result stored at base when its clip and still are
// there, marking it used (so that eviction keeps it longest).
func cached(base string) (Result, bool) {
	if !cache.Touch(base + ".json") {
		return Result{}, false
	}
	b, err := os.ReadFile(base + ".json")
	if err != nil {
		return Result{}, false
	}
	var r Result
	if json.Unmarshal(b, &r) != nil {
		return Result{}, false
	}
	r.Clip, r.Still, r.Cached = base+".mp4", base+".png", true
	for _, p := range []string{r.Clip, r.Still} {
		if fi, err := os.Stat(p); err != nil || fi.Size() == 0 {
			return Result{}, false
		}
	}
	return r, true
}

// renderTo renders into temporary files beside base and renames them into
// place: the PNG, the MP4, then the JSON that marks the entry complete.
func renderTo(ctx context.Context, req Request, base string, encOpt media.EncoderOptions, progress func(int, int)) (res Result, err error) {
	if err := checkRanges(req); err != nil {
		return Result{}, err
	}
	info, err := media.OpenReader(req.Source.Path, media.ReaderOptions{Width: req.Width})
	if err != nil {
		return Result{}, err
	}
	w, h := info.Size()
	rate := info.FrameRate()
	info.Close()
	if !rate.Valid() {
		rate = media.Rational{Num: 25, Den: 1}
	}
	j := &job{req: req, w: w, h: h, rate: rate, progress: progress, dir: filepath.Dir(base),
		maxOut: max(1, int(math.Round(req.MaxSeconds*rate.Float())))}
	p, err := newProducer(ctx, j)
	if err != nil {
		return Result{}, err
	}
	defer p.close()

	// Unique temporary names: two renders of one preview may run at once.
	tmp := fmt.Sprintf("%s.%d-%d.tmp", base, os.Getpid(), tmpSeq.Add(1))
	clipTmp, stillTmp := tmp+".mp4", tmp+".png"
	defer func() {
		if err != nil {
			os.Remove(clipTmp)
			os.Remove(stillTmp)
		}
	}()
	encOpt.Width, encOpt.Height, encOpt.Rate = w, h, rate
	enc, err := media.CreateEncoder(clipTmp, encOpt)
	if err != nil {
		return Result{}, err
	}
	before, after, out := gocv.NewMat(), gocv.NewMat(), gocv.NewMat()
	defer before.Close()
	defer after.Close()
	defer out.Close()
	n := p.frames()
	total := j.base + n
	for i := range n {
		if err = ctx.Err(); err != nil {
			enc.Close()
			return Result{}, err
		}
		if err = p.next(&before, &after); err != nil {
			enc.Close()
			return Result{}, err
		}
		switch req.Layout {
		case Split:
			render.Split(before, after, 0.5, &out)
		case Wipe:
			render.Split(before, after, float64(i)/float64(max(1, n-1)), &out)
		case After:
			after.CopyTo(&out)
		}
		if i == p.still() {
			if err = writeStill(stillTmp, before, after); err != nil {
				enc.Close()
				return Result{}, err
			}
		}
		var px []byte
		if px, err = render.Bytes(out); err == nil {
			err = enc.WriteBGR(px)
		}
		if err != nil {
			enc.Close()
			return Result{}, err
		}
		progress(j.base+i+1, total)
	}
	if err = enc.Close(); err != nil {
		return Result{}, err
	}
	res = Result{Clip: base + ".mp4", Still: base + ".png", Frames: n, Width: w, Height: h, Rate: rate, Crop: j.crop}
	meta, err := json.Marshal(res)
	if err != nil {
		return Result{}, err
	}
	// Renamed into place under the cache's lock, so that eviction never
	// deletes a file of this entry while it is put there.
	if unlock, lerr := cache.Lock(filepath.Dir(base)); lerr == nil {
		defer unlock()
	}
	if err = os.Rename(stillTmp, res.Still); err != nil {
		return Result{}, err
	}
	if err = os.Rename(clipTmp, res.Clip); err != nil {
		return Result{}, err
	}
	if err = writeAtomic(base+".json", meta); err != nil {
		return Result{}, err
	}
	return res, nil
}

// writeStill writes before and after side by side as a PNG. Go's encoder
// writes it, not OpenCV's imwrite: that one call made every rushcut process
// load libopencv_imgcodecs and ~60 libraries behind it (gdal, gdcm, ...).
func writeStill(path string, before, after gocv.Mat) error {
	m := gocv.NewMat()
	defer m.Close()
	render.SideBySide(before, after, &m)
	rgba := gocv.NewMat()
	defer rgba.Close()
	gocv.CvtColor(m, &rgba, gocv.ColorBGRToRGBA)
	img := &image.RGBA{Pix: rgba.ToBytes(), Stride: 4 * rgba.Cols(), Rect: image.Rect(0, 0, rgba.Cols(), rgba.Rows())}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	werr := png.Encode(f, img)
	if err := errors.Join(werr, f.Close()); err != nil {
		return fmt.Errorf("%s: cannot write the PNG: %w", path, err)
	}
	return nil
}

// writeAtomic writes b to a temporary file beside path and renames it.
func writeAtomic(path string, b []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	_, werr := f.Write(b)
	cerr := f.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(f.Name())
		return err
	}
	return os.Rename(f.Name(), path)
}

// CopyTo copies a rendered file to dst atomically (a temporary file in
// dst's folder, renamed), for "rushcut preview -o".
func CopyTo(src, dst string) error {
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return writeAtomic(dst, b)
}

// checkRanges refuses, before any decoding, frames a file does not have.
func checkRanges(req Request) error {
	need := map[string]int{req.Source.Path: req.Source.Out}
	if e := req.Effect; e.Kind.transition() {
		need[e.From.Path] = max(need[e.From.Path], e.From.Out+e.OutOffset)
	}
	for path, n := range need {
		info, err := media.Probe(path)
		if err != nil {
			return err
		}
		if info.Video == nil {
			return &media.InputError{Path: path, Reason: "no video stream", Err: media.ErrNoVideo}
		}
		if have := int(info.Video.Frames); have > 0 && n > have {
			return bad("%s: has %d frames, the preview needs frames up to %d", path, have, n-1)
		}
	}
	return nil
}
