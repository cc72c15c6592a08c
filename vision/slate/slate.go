package slate

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"io"
	"math"
	"os"
	"slices"
	"strings"

	"github.com/otiai10/gosseract/v2"
	"gocv.io/x/gocv"

	"rushcut/media"
	"rushcut/vision/slate/parse"
)

// Slate is what a slate board says: scene, setup, take, pickup and roll.
type Slate = parse.Slate

// Parse reads a slate from text (see package parse for the forms it
// accepts); ok is false when the text names no scene and take.
func Parse(text string) (Slate, bool) { return parse.Parse(text) }

// Language is the Tesseract language the reader uses, and
// LanguagePackage the Debian package that installs its data.
const (
	Language        = "eng"
	LanguagePackage = "tesseract-ocr-eng"
)

// ErrNoLanguage is returned (wrapped) by NewReader when Tesseract has no
// data for Language: install LanguagePackage.
var ErrNoLanguage = errors.New("tesseract has no English data: install the Debian package " + LanguagePackage)

// Result is what Read made of a take's slate.
type Result struct {
	// Slate is the board's scene, setup, take and roll; OK is false when
	// no frame's text parsed as a slate (a blank, blurred or unseen
	// board), and Slate is then zero.
	Slate Slate `json:"slate"`
	OK    bool  `json:"ok"`
	// Text is Tesseract's text of the frame the slate was read from (or,
	// when none parsed, of the frame with the most confident text), its
	// lines joined by newlines.
	Text string `json:"text"`
	// Confidence is Tesseract's mean word confidence (0–1) over the
	// frames that agreed on the slate, times the share of the frames
	// read that agreed; 0 when OK is false.
	Confidence float64 `json:"confidence"`
	// Frame is the frame Text came from (-1 when no frame was read);
	// Votes how many of the Frames frames read gave the same slate
	// (reading stops once the vote is decided, so Frames can be fewer
	// than asked for).
	Frame  int `json:"frame"`
	Votes  int `json:"votes"`
	Frames int `json:"frames"`
}

// Reader reads slates with one Tesseract engine, kept between calls
// (loading it costs a tenth of a second). It is not safe for concurrent
// use: give each goroutine its own. Close frees it.
type Reader struct {
	tess *gosseract.Client
	// OpenCV buffers, reused between frames (see prepare).
	big, tophat, mask, bin, labels, stats, centroids, kernel gocv.Mat
}

// NewReader starts a Tesseract engine for English text. When Tesseract
// cannot load its English data the error wraps ErrNoLanguage, which names
// the Debian package to install. (While Tesseract loads, gosseract points
// the process's stderr at /dev/null for a moment.)
func NewReader() (*Reader, error) {
	tess := gosseract.NewClient()
	fail := func(err error) (*Reader, error) {
		tess.Close()
		return nil, fmt.Errorf("slate: %w", err)
	}
	if err := tess.SetLanguage(Language); err != nil {
		return fail(err)
	}
	// Sparse text: a board is a few short lines anywhere in the picture.
	if err := tess.SetPageSegMode(gosseract.PSM_SPARSE_TEXT); err != nil {
		return fail(err)
	}
	// Tesseract's complaints about shapes too small to read go nowhere.
	if err := tess.SetVariable("debug_file", os.DevNull); err != nil {
		return fail(err)
	}
	// Load the language now, on a blank picture, so that a missing one
	// fails here (and the first Read costs no more than the others).
	if err := tess.SetImageFromBytes(pgmBytes(8, 8, 255)); err != nil {
		return fail(err)
	}
	if _, err := tess.Text(); err != nil {
		// gosseract's message ends with what Tesseract printed, when it
		// caught it: several lines, the first naming the file it missed.
		_, detail, _ := strings.Cut(err.Error(), ": ")
		detail, _, _ = strings.Cut(strings.TrimSpace(detail), "\n")
		if detail = strings.TrimSpace(detail); detail != "" {
			detail = " (" + detail + ")"
		}
		return fail(fmt.Errorf("tesseract cannot load language %q%s: %w", Language, detail, ErrNoLanguage))
	}
	r := &Reader{tess: tess, kernel: gocv.GetStructuringElement(gocv.MorphRect, image.Pt(31, 31))}
	for _, m := range r.mats()[:7] {
		*m = gocv.NewMat()
	}
	return r, nil
}

// Close frees the Tesseract engine and OpenCV buffers.
func (r *Reader) Close() error {
	if r.tess == nil {
		return nil
	}
	err := r.tess.Close()
	r.tess = nil
	for _, m := range r.mats() {
		m.Close()
	}
	return err
}

// mats are the reader's OpenCV buffers, the kernel last.
func (r *Reader) mats() []*gocv.Mat {
	return []*gocv.Mat{&r.big, &r.tophat, &r.mask, &r.bin, &r.labels, &r.stats, &r.centroids, &r.kernel}
}

// Read opens the file at path and reads the slate in the given frames
// (0-based; a few frames of the board, say the three just before the
// clap). Each frame is read on its own and the slate that most frames
// agree on wins; it needs more than half of the frames read, so that one
// frame's stray reading of a blank or blurred board invents nothing.
// Frames past the end of the file are skipped.
func (r *Reader) Read(path string, frames []int) (Result, error) {
	res := Result{Frame: -1}
	if len(frames) == 0 {
		return res, fmt.Errorf("slate: %s: no frames to read", path)
	}
	mr, err := openReader(path)
	if err != nil {
		return res, fmt.Errorf("slate: %w", err)
	}
	defer mr.Close()
	want := uniqueFrames(frames)
	var reads []frameRead
	stopped := false
	err = eachFrame(mr, want, func(f *media.Frame) error {
		fr, err := r.readFrame(f)
		if err != nil {
			return err
		}
		reads = append(reads, fr)
		if decided(reads, len(want)) {
			stopped = true
			return errDecided
		}
		return nil
	})
	if err != nil && err != errDecided {
		return res, fmt.Errorf("slate: %s: %w", path, err)
	}
	n := len(reads) // every frame there was
	if stopped {
		n = len(want)
	}
	return vote(reads, n), nil
}

// errDecided stops eachFrame once the vote is decided.
var errDecided = errors.New("decided")

// decided reports whether reading the rest of n frames could not change
// the vote on reads: a slate already has more than half of the n, or
// none can get there.
func decided(reads []frameRead, n int) bool {
	top := 0
	for _, a := range reads {
		if !a.ok {
			continue
		}
		v := 0
		for _, b := range reads {
			if b.ok && same(a.slate, b.slate) {
				v++
			}
		}
		top = max(top, v)
	}
	return 2*top > n || 2*(top+n-len(reads)) <= n
}

// same reports whether two readings name the same take (the roll aside:
// it is small print and read less reliably).
func same(a, b Slate) bool { return a.Setup == b.Setup && a.Take == b.Take && a.Pickup == b.Pickup }

// uniqueFrames is frames sorted, without repeats or negative numbers.
func uniqueFrames(frames []int) []int {
	want := slices.Clone(frames)
	slices.Sort(want)
	want = slices.Compact(want)
	for len(want) > 0 && want[0] < 0 {
		want = want[1:]
	}
	return want
}

// ReadFrame reads the slate in one decoded frame (BGR24 or Gray8, at
// any size). Frame, Votes and Frames of the result are the frame's index
// and 1 (0 votes when it did not parse).
func (r *Reader) ReadFrame(f *media.Frame) (Result, error) {
	fr, err := r.readFrame(f)
	if err != nil {
		return Result{Frame: -1}, err
	}
	return vote([]frameRead{fr}, 1), nil
}

// Read reads the slate of the file at path from the given frames with a
// Reader of its own (see Reader.Read). To read many files, keep one
// Reader.
func Read(path string, frames []int) (Result, error) {
	r, err := NewReader()
	if err != nil {
		return Result{Frame: -1}, err
	}
	defer r.Close()
	return r.Read(path, frames)
}

// maxHeight is the tallest picture the reader OCRs: a board's text is
// large, and a 4K frame is only slower to read.
const maxHeight = 1080

// openReader opens path for gray frames at its own size, or maxHeight
// lines tall if it is taller.
func openReader(path string) (*media.Reader, error) {
	opt := media.ReaderOptions{Format: media.Gray8}
	mr, err := media.OpenReader(path, opt)
	if err != nil {
		return nil, err
	}
	if _, h := mr.Size(); h <= maxHeight {
		return mr, nil
	}
	mr.Close()
	opt.Height = maxHeight
	return media.OpenReader(path, opt)
}

// seekAhead is how many frames it pays to decode forward rather than to
// seek (a first Seek indexes the whole file).
const seekAhead = 250

// eachFrame calls fn with each of the frames (sorted, unique, not
// negative), reading forward where the next one is close and seeking
// otherwise, until fn fails or the file ends.
func eachFrame(mr *media.Reader, want []int, fn func(*media.Frame) error) error {
	next := 0 // the frame Next yields
	for _, n := range want {
		var f *media.Frame
		var err error
		if n >= next && n-next <= seekAhead {
			for next <= n {
				if f, err = mr.Next(); err != nil {
					break
				}
				next = f.Index + 1
			}
		} else {
			f, err = mr.Seek(n)
			if err == nil {
				next = n + 1
			}
		}
		if errors.Is(err, io.EOF) || err != nil && mr.Index() != nil && n >= len(mr.Index()) {
			return nil // past the end: so are the frames after n
		}
		if err != nil {
			return err
		}
		if err := fn(f); err != nil {
			return err
		}
	}
	return nil
}

// frameRead is one frame's OCR.
type frameRead struct {
	frame int
	text  string
	conf  float64 // mean word confidence, 0–1
	slate Slate
	ok    bool
}

// readFrame OCRs one frame and parses its text.
func (r *Reader) readFrame(f *media.Frame) (frameRead, error) {
	fr := frameRead{frame: f.Index}
	mt := gocv.MatTypeCV8UC3
	if f.Format == media.Gray8 {
		mt = gocv.MatTypeCV8UC1
	} else if f.Format != media.BGR24 {
		return fr, fmt.Errorf("slate: frame %d: want BGR24 or Gray8 pixels", f.Index)
	}
	if f.Width <= 0 || f.Height <= 0 || f.Stride != f.Width*f.Format.Channels() || len(f.Data) < f.Height*f.Stride {
		return fr, fmt.Errorf("slate: frame %d: %dx%d pixels, stride %d, in %d bytes", f.Index, f.Width, f.Height, f.Stride, len(f.Data))
	}
	src, err := gocv.NewMatFromBytes(f.Height, f.Width, mt, f.Data[:f.Height*f.Stride])
	if err != nil {
		return fr, fmt.Errorf("slate: frame %d: %w", f.Index, err)
	}
	defer src.Close()
	gray := src
	if mt == gocv.MatTypeCV8UC3 {
		gray = gocv.NewMat()
		defer gray.Close()
		gocv.CvtColor(src, &gray, gocv.ColorBGRToGray)
	}
	if !r.prepare(gray) {
		return fr, nil // no line of text
	}
	if err := r.tess.SetImageFromBytes(pgm(r.bin)); err != nil {
		return fr, fmt.Errorf("slate: frame %d: %w", f.Index, err)
	}
	words, err := r.tess.GetBoundingBoxesVerbose()
	if err != nil {
		return fr, fmt.Errorf("slate: frame %d: tesseract: %w", f.Index, err)
	}
	fr.text, fr.conf = lines(words)
	fr.slate, fr.ok = parse.Parse(fr.text)
	return fr, nil
}

// prepare makes r.bin from a gray frame: Tesseract's favourite, dark
// text on white, with text about 40 pixels tall, cropped to the lines of
// text found; ok is false when there are none (nothing to read). A
// board's text is white on a dark board, so the frame is upscaled (twice
// for pictures under 540 lines), its small bright shapes are kept by a
// white top-hat (the frame less its opening: large bright areas of the
// set fall away) and thresholded (Otsu); character-sized shapes in rows
// make the lines (textLines), and their region of the threshold is
// inverted.
func (r *Reader) prepare(gray gocv.Mat) bool {
	scale := 1.0
	if gray.Rows() < 540 {
		scale = 2
	}
	gocv.Resize(gray, &r.big, image.Point{}, scale, scale, gocv.InterpolationCubic)
	gocv.MorphologyEx(r.big, &r.tophat, gocv.MorphTophat, r.kernel)
	gocv.Threshold(r.tophat, &r.mask, 0, 255, gocv.ThresholdBinary+gocv.ThresholdOtsu)
	n := gocv.ConnectedComponentsWithStats(r.mask, &r.labels, &r.stats, &r.centroids)
	boxes := make([]image.Rectangle, 0, n)
	for i := 1; i < n; i++ { // 0 is the background
		x, y := int(r.stats.GetIntAt(i, 0)), int(r.stats.GetIntAt(i, 1))
		w, h := int(r.stats.GetIntAt(i, 2)), int(r.stats.GetIntAt(i, 3))
		boxes = append(boxes, image.Rect(x, y, x+w, y+h))
	}
	chars, region := textLines(boxes, image.Rect(0, 0, r.mask.Cols(), r.mask.Rows()))
	if len(chars) == 0 {
		return false
	}
	// Keep only the lines' characters: a board's edges and the set's
	// shapes beside them make Tesseract misread the lines.
	crop := r.mask.Region(region)
	defer crop.Close()
	keep := gocv.NewMatWithSize(region.Dy(), region.Dx(), gocv.MatTypeCV8UC1)
	defer keep.Close()
	for _, c := range chars {
		gocv.Rectangle(&keep, c.Sub(region.Min), color.RGBA{255, 255, 255, 0}, -1)
	}
	gocv.BitwiseAnd(crop, keep, &keep)
	gocv.BitwiseNot(keep, &r.bin)
	return true
}

// Character and line sizes for textRegion, in pixels of the upscaled
// frame and as shares of its height.
const (
	minCharH     = 14   // shorter shapes are specks (and text too small to read)
	maxCharShare = 0.25 // taller shapes are parts of the set
	minLineChars = 3    // SC 1 has three; a row of two shapes is chance
)

// textLines finds the lines of text among the shapes boxes: shapes of a
// character's size and proportions, in rows of at least minLineChars of
// about the same height whose gaps are under a character's height. It
// returns the characters of those lines and their bounding box (padded
// by a line's height, inside frame); no characters when there is no line.
func textLines(boxes []image.Rectangle, frame image.Rectangle) (chars []image.Rectangle, region image.Rectangle) {
	maxH := int(maxCharShare * float64(frame.Dy()))
	var cands []image.Rectangle
	for _, b := range boxes {
		w, h := b.Dx(), b.Dy()
		if h >= minCharH && h <= maxH && w <= 2*h && w >= 2 {
			cands = append(cands, b)
		}
	}
	// Union-find: link each pair of characters that could be neighbours
	// on a line.
	parent := make([]int, len(cands))
	for i := range parent {
		parent[i] = i
	}
	var root func(int) int
	root = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for i, a := range cands {
		for j := i + 1; j < len(cands); j++ {
			if neighbours(a, cands[j]) {
				parent[root(i)] = root(j)
			}
		}
	}
	count := map[int]int{}
	lineBox := map[int]image.Rectangle{}
	for i, c := range cands {
		k := root(i)
		count[k]++
		lineBox[k] = lineBox[k].Union(c)
	}
	pad := 0
	for i, c := range cands {
		if k := root(i); count[k] >= minLineChars {
			chars = append(chars, c)
			region = region.Union(c)
			pad = max(pad, lineBox[k].Dy())
		}
	}
	if len(chars) == 0 {
		return nil, image.Rectangle{}
	}
	return chars, region.Inset(-pad).Intersect(frame)
}

// neighbours reports whether character boxes a and b sit side by side on
// one line: heights within a factor of 1.6 (capitals, digits), vertical
// centres within half a height, and a gap under a character's height.
func neighbours(a, b image.Rectangle) bool {
	ha, hb := a.Dy(), b.Dy()
	h := max(ha, hb)
	if 5*max(ha, hb) > 8*min(ha, hb) {
		return false
	}
	if abs((a.Min.Y+a.Max.Y)-(b.Min.Y+b.Max.Y)) > h {
		return false
	}
	gap := max(a.Min.X, b.Min.X) - min(a.Max.X, b.Max.X)
	return gap <= h
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// pgm encodes an 8-bit gray Mat as a binary PGM, which Leptonica reads
// without a codec.
func pgm(m gocv.Mat) []byte {
	return append(pgmHeader(m.Cols(), m.Rows()), m.ToBytes()...)
}

// pgmBytes is a w×h PGM of one gray level.
func pgmBytes(w, h int, level byte) []byte {
	b := pgmHeader(w, h)
	for range w * h {
		b = append(b, level)
	}
	return b
}

func pgmHeader(w, h int) []byte { return fmt.Appendf(nil, "P5\n%d %d\n255\n", w, h) }

// lines joins Tesseract's words into lines of text and gives their mean
// confidence (0–1) over the words that carry a letter or digit.
func lines(words []gosseract.BoundingBox) (string, float64) {
	var sb strings.Builder
	sum, n := 0.0, 0
	for i, w := range words {
		if i > 0 {
			p := words[i-1]
			if p.BlockNum != w.BlockNum || p.ParNum != w.ParNum || p.LineNum != w.LineNum {
				sb.WriteByte('\n')
			} else {
				sb.WriteByte(' ')
			}
		}
		sb.WriteString(w.Word)
		if strings.IndexFunc(w.Word, isAlnum) >= 0 && w.Confidence >= 0 {
			sum += w.Confidence / 100
			n++
		}
	}
	if n == 0 {
		return sb.String(), 0
	}
	return sb.String(), sum / float64(n)
}

func isAlnum(r rune) bool {
	return r < 128 && (r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z')
}

// vote picks the slate that most of reads name (ties to the more
// confident), OK only with more than half of n, the frames there were
// to read.
func vote(reads []frameRead, n int) Result {
	res := Result{Frame: -1, Frames: len(reads)}
	type tally struct {
		votes int
		conf  float64
		best  frameRead
	}
	var tallies []*tally
	find := func(s Slate) *tally {
		for _, t := range tallies {
			if same(t.best.slate, s) {
				return t
			}
		}
		t := &tally{}
		tallies = append(tallies, t)
		return t
	}
	top := frameRead{conf: -1}
	for _, fr := range reads {
		if fr.conf > top.conf {
			top = fr
		}
		if !fr.ok {
			continue
		}
		t := find(fr.slate)
		t.votes++
		t.conf += fr.conf
		if t.votes == 1 || fr.conf > t.best.conf || (t.best.slate.Roll == "" && fr.slate.Roll != "") {
			t.best = fr
		}
	}
	var win *tally
	for _, t := range tallies {
		if win == nil || t.votes > win.votes || t.votes == win.votes && t.conf > win.conf {
			win = t
		}
	}
	if win == nil || 2*win.votes <= n {
		if len(reads) > 0 {
			res.Text, res.Frame = top.text, top.frame
		}
		return res
	}
	res.Slate, res.OK, res.Text, res.Frame, res.Votes = win.best.slate, true, win.best.text, win.best.frame, win.votes
	res.Confidence = math.Round(win.conf/float64(len(reads))*1000) / 1000
	return res
}
