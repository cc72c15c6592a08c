package vision

import (
	"fmt"
	"image"
	"math"
	"math/bits"
	"sort"
	"sync/atomic"

	"gocv.io/x/gocv"
)

// ExtractorOptions configures an Extractor.
type ExtractorOptions struct {
	// Width and Height are the size of the BGR24 frames that will be fed.
	Width, Height int
	// FaceCascade is the path of a Haar cascade for face counting; empty
	// disables faces.
	FaceCascade string
	// FaceStride counts faces on every FaceStride-th frame (by index);
	// 0 means DefaultFaceStride.
	FaceStride int
}

// FeaturesVersion identifies what an Extractor computes: bump it whenever
// a change to this package makes Add return different Features for the
// same frames (a new or changed measurement, threshold or size), so that
// results stored under the old version (the analysis cache) are not
// served for the new one.
const FeaturesVersion = 1

// DefaultFaceStride is how often faces are counted when the caller does
// not say: faces stay in shot for seconds, so counting them about once a
// second loses nothing (the analysis pipeline uses the frame rate).
const DefaultFaceStride = 24

// DefaultFaceCascade is the frontal-face Haar cascade Debian's opencv-data
// package installs.
const DefaultFaceCascade = "/usr/share/opencv4/haarcascades/haarcascade_frontalface_default.xml"

// frameState is what a frame leaves behind for the next frame's pairwise
// features.
type frameState struct {
	valid   bool
	gray    gocv.Mat // mid-size luma
	edges   gocv.Mat // Canny edges at mid size
	dilated gocv.Mat // edges dilated by one pixel
	nEdges  int
	hist    gocv.Mat // 3-D HSV histogram
	corners gocv.Mat // good features to track, CV_32FC2
	hash    uint64
}

func newFrameState() *frameState {
	return &frameState{gray: gocv.NewMat(), edges: gocv.NewMat(), dilated: gocv.NewMat(), hist: gocv.NewMat(), corners: gocv.NewMat()}
}

func (s *frameState) close() {
	for _, m := range []*gocv.Mat{&s.gray, &s.edges, &s.dilated, &s.hist, &s.corners} {
		m.Close()
	}
}

// Extractor computes Features frame by frame with OpenCV. Feed it the
// frames of one file in order (Add), or a contiguous run of them after
// priming it with the frame before the run (Prime). It reuses its Mats
// for every frame and is not safe for concurrent use; use one per worker
// and Close it when done.
type Extractor struct {
	opt        ExtractorOptions
	midW, midH int
	cur, prev  *frameState
	cascade    gocv.CascadeClassifier
	faces      bool
	// scratch
	bgr, gray, tmp, lap, mid, hsv, small, hashF, dct, warped, diff, kernel, mean, std, noMask, fa, fb, fd gocv.Mat

	criteria gocv.TermCriteria // Lucas-Kanade stopping rule
	last     int               // index of the last frame added, -2 when none
}

// NewExtractor makes an Extractor for frames of the given size.
func NewExtractor(opt ExtractorOptions) (*Extractor, error) {
	if opt.Width < 16 || opt.Height < 16 {
		return nil, fmt.Errorf("vision: frame size %dx%d too small", opt.Width, opt.Height)
	}
	if opt.FaceStride <= 0 {
		opt.FaceStride = DefaultFaceStride
	}
	e := &Extractor{opt: opt, last: -2, criteria: gocv.NewTermCriteria(gocv.Count+gocv.EPS, 10, 0.03)}
	e.midW = min(midWidth, opt.Width)
	e.midH = max(8, int(math.Round(float64(opt.Height)*float64(e.midW)/float64(opt.Width))))
	e.cur, e.prev = newFrameState(), newFrameState()
	for _, m := range e.scratch() {
		*m = gocv.NewMat()
	}
	e.bgr.Close()
	e.bgr = gocv.NewMatWithSize(opt.Height, opt.Width, gocv.MatTypeCV8UC3)
	e.kernel.Close()
	e.kernel = gocv.GetStructuringElement(gocv.MorphRect, image.Pt(3, 3))
	if opt.FaceCascade != "" {
		// faces is set before Load so that Close frees the classifier
		// whether or not it loads.
		e.cascade = newCascade()
		e.faces = true
		if !e.cascade.Load(opt.FaceCascade) {
			e.Close()
			return nil, fmt.Errorf("vision: cannot load face cascade %s", opt.FaceCascade)
		}
	}
	return e, nil
}

// liveCascades counts the face classifiers allocated and not yet closed,
// for the leak test (gocv's Mat profile does not see them).
var liveCascades atomic.Int64

func newCascade() gocv.CascadeClassifier {
	liveCascades.Add(1)
	return gocv.NewCascadeClassifier()
}

func closeCascade(c *gocv.CascadeClassifier) {
	c.Close()
	liveCascades.Add(-1)
}

func (e *Extractor) scratch() []*gocv.Mat {
	return []*gocv.Mat{&e.bgr, &e.gray, &e.tmp, &e.lap, &e.mid, &e.hsv, &e.small, &e.hashF, &e.dct, &e.warped, &e.diff, &e.kernel, &e.mean, &e.std, &e.noMask, &e.fa, &e.fb, &e.fd}
}

// Close frees every Mat the Extractor holds.
func (e *Extractor) Close() {
	if e.cur == nil {
		return
	}
	e.cur.close()
	e.prev.close()
	for _, m := range e.scratch() {
		m.Close()
	}
	if e.faces {
		closeCascade(&e.cascade)
		e.faces = false
	}
	e.cur, e.prev = nil, nil
}

// Prime loads the frame that precedes the next frame to be added, without
// producing its Features, so that a worker can start mid-file.
func (e *Extractor) Prime(bgr []byte, index int) error {
	if err := e.load(bgr); err != nil {
		return err
	}
	var f Features
	e.lumaStats(&f)
	e.describe(e.cur, f.LumaStd)
	e.cur, e.prev = e.prev, e.cur
	e.last = index
	return nil
}

// Add computes the Features of frame index from its packed BGR24 pixels.
// The pairwise features compare with the frame added or primed just
// before, when that was index-1.
func (e *Extractor) Add(bgr []byte, index int) (Features, error) {
	var f Features
	if err := e.load(bgr); err != nil {
		return f, err
	}
	if e.last != index-1 {
		e.prev.valid = false
	}
	e.last = index
	e.lumaStats(&f)
	f.Faces = NoFaces
	if e.faces && index%e.opt.FaceStride == 0 {
		f.Faces = e.countFaces()
	}
	e.describe(e.cur, f.LumaStd)
	f.Hash = e.cur.hash
	e.thumb(&f)
	e.compactHist(&f)
	if e.prev.valid {
		p, c := e.prev, e.cur
		f.HistDist = float32(gocv.CompareHist(p.hist, c.hist, gocv.HistCmpBhattacharya))
		f.HashDist = uint8(bits.OnesCount64(p.hash ^ c.hash))
		f.EdgeChange = e.edgeChange()
		f.Energy, f.Motion = e.motion()
	}
	e.cur, e.prev = e.prev, e.cur
	return f, nil
}

// load copies the frame into the BGR Mat.
func (e *Extractor) load(bgr []byte) error {
	n := e.opt.Width * e.opt.Height * 3
	if len(bgr) < n {
		return fmt.Errorf("vision: frame has %d bytes, want %d", len(bgr), n)
	}
	dst, err := e.bgr.DataPtrUint8()
	if err != nil {
		return err
	}
	copy(dst, bgr[:n])
	gocv.CvtColor(e.bgr, &e.gray, gocv.ColorBGRToGray)
	return nil
}

// lumaStats fills Luma, LumaStd, Black, White and Sharpness from the
// full-size luma.
func (e *Extractor) lumaStats(f *Features) {
	gocv.MeanStdDev(e.gray, &e.mean, &e.std)
	f.Luma = float32(e.mean.GetDoubleAt(0, 0))
	f.LumaStd = float32(e.std.GetDoubleAt(0, 0))
	total := float32(e.opt.Width * e.opt.Height)
	gocv.Threshold(e.gray, &e.tmp, 24, 255, gocv.ThresholdBinaryInv)
	f.Black = float32(gocv.CountNonZero(e.tmp)) / total
	gocv.Threshold(e.gray, &e.tmp, 234, 255, gocv.ThresholdBinary)
	f.White = float32(gocv.CountNonZero(e.tmp)) / total
	gocv.Laplacian(e.gray, &e.lap, gocv.MatTypeCV16S, 1, 1, 0, gocv.BorderDefault)
	gocv.MeanStdDev(e.lap, &e.mean, &e.std)
	sd := e.std.GetDoubleAt(0, 0)
	f.Sharpness = float32(sd * sd)
}

// flatStd is the luma spread under which a frame is flat (black, white or
// one colour): its perceptual hash would be noise, so it is 0.
const flatStd = 3

// describe computes the per-frame state: mid-size luma, edges, HSV
// histogram, good features and the perceptual hash.
func (e *Extractor) describe(s *frameState, lumaStd float32) {
	gocv.Resize(e.bgr, &e.mid, image.Pt(e.midW, e.midH), 0, 0, gocv.InterpolationArea)
	gocv.CvtColor(e.mid, &e.hsv, gocv.ColorBGRToHSV)
	gocv.CalcHist([]gocv.Mat{e.hsv}, []int{0, 1, 2}, e.noMask, &s.hist, []int{8, 4, 8}, []float64{0, 180, 0, 256, 0, 256}, false)
	gocv.CvtColor(e.mid, &s.gray, gocv.ColorBGRToGray)
	gocv.Canny(s.gray, &s.edges, 60, 150)
	s.nEdges = gocv.CountNonZero(s.edges)
	gocv.Dilate(s.edges, &s.dilated, e.kernel)
	gocv.GoodFeaturesToTrack(s.gray, &s.corners, 50, 0.01, 5)
	s.hash = 0
	if lumaStd >= flatStd {
		s.hash = e.phash()
	}
	s.valid = true
}

// phash is the 64-bit DCT hash of the full-size luma: the signs of the
// 8×8 lowest frequencies of a 32×32 DCT against their median.
func (e *Extractor) phash() uint64 {
	gocv.Resize(e.gray, &e.small, image.Pt(32, 32), 0, 0, gocv.InterpolationArea)
	e.small.ConvertTo(&e.hashF, gocv.MatTypeCV32F)
	gocv.DCT(e.hashF, &e.dct, 0)
	var v [64]float32
	for y := 0; y < 8; y++ {
		for x := 0; x < 8; x++ {
			v[y*8+x] = e.dct.GetFloatAt(y, x)
		}
	}
	s := append([]float32(nil), v[1:]...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	med := s[len(s)/2]
	var h uint64
	for i, x := range v {
		if x > med {
			h |= 1 << uint(i)
		}
	}
	return h
}

// thumb fills the gray thumbnail from the mid-size luma.
func (e *Extractor) thumb(f *Features) {
	gocv.Resize(e.cur.gray, &e.small, image.Pt(ThumbW, ThumbH), 0, 0, gocv.InterpolationArea)
	if b, err := e.small.DataPtrUint8(); err == nil {
		copy(f.Thumb[:], b)
	}
}

// compactHist folds the 8×4×8 HSV histogram into 8×4 hue-saturation bins
// and 8 value bins, each in 1/255ths of the frame.
func (e *Extractor) compactHist(f *Features) {
	h, err := e.cur.hist.DataPtrFloat32()
	if err != nil || len(h) < 256 {
		return
	}
	var hs [32]float32
	var v [8]float32
	var total float32
	for i, c := range h[:256] {
		hs[i/8] += c
		v[i%8] += c
		total += c
	}
	if total == 0 {
		return
	}
	for i, c := range hs {
		f.Hist[i] = uint8(math.Round(float64(c / total * 255)))
	}
	for i, c := range v {
		f.Hist[32+i] = uint8(math.Round(float64(c / total * 255)))
	}
}

// edgeChange is the edge change ratio between the previous and current
// frame: the larger of the fractions of entering and exiting edge pixels.
func (e *Extractor) edgeChange() float32 {
	p, c := e.prev, e.cur
	if p.nEdges == 0 && c.nEdges == 0 {
		return 0
	}
	gocv.BitwiseNot(p.dilated, &e.tmp)
	gocv.BitwiseAnd(c.edges, e.tmp, &e.diff)
	in := gocv.CountNonZero(e.diff)
	gocv.BitwiseNot(c.dilated, &e.tmp)
	gocv.BitwiseAnd(p.edges, e.tmp, &e.diff)
	out := gocv.CountNonZero(e.diff)
	r := 0.0
	if c.nEdges > 0 {
		r = float64(in) / float64(c.nEdges)
	}
	if p.nEdges > 0 {
		r = max(r, float64(out)/float64(p.nEdges))
	}
	return float32(r)
}
