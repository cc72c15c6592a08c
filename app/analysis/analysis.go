package analysis

import (
	"context"
	"fmt"
	"math"
	"os"
	"runtime"

	"rushcut/media"
	"rushcut/models"
	"rushcut/vision"
)

// Options configures Analyze. The zero value analyses with every feature
// on, all cores, and the default cache.
type Options struct {
	// Workers is the number of feature workers; 0 means one per core.
	Workers int
	// Progress, if set, is called from the calling goroutine with the
	// frames done so far and the expected total (0 when unknown).
	Progress func(done, total int)
	// NoCache skips reading and writing the analysis cache.
	NoCache bool
	// CacheDir overrides the cache directory (see DefaultCacheDir).
	CacheDir string
	// NoFaces turns face counting off.
	NoFaces bool
	// Embedder, if set, runs the ViT in the same pass: on every
	// EmbedStride-th frame (0: DefaultEmbedStride) and around every abrupt
	// pixel change, for the semantic cut cue and shot matching. The caller
	// owns it; it may be shared by concurrent analyses.
	Embedder *models.Embedder
	// EmbedStride is the stride of embedded frames (see Embedder).
	EmbedStride int
	// Stream is the video stream analysed (media.DefaultStream: the one
	// FFmpeg would pick).
	Stream media.Stream
	// DetectOnly is for callers that need the transitions (Detect) and
	// not the features. Without the cache (NoCache), the features and
	// embeddings then go through a vision.StreamDetector as they are made
	// and are not kept, so that memory stays flat however long the file:
	// the Analysis has no Features, Embeddings or seek index, and
	// DetectPixels is not available. With the cache, the analysis is
	// kept for it as usual.
	DetectOnly bool
}

// Analysis is the result of analysing one file.
type Analysis struct {
	// Path is the file analysed.
	Path string `json:"path"`
	// FPS is the stream's nominal frame rate.
	FPS media.Rational `json:"fps"`
	// Width and Height are the analysis frame size.
	Width  int `json:"width"`
	Height int `json:"height"`
	// Skipped counts damaged packets or frames the decoder skipped.
	Skipped int `json:"skipped"`
	// ReadError is the demuxer error that ended reading early, if any.
	ReadError string `json:"read_error,omitempty"`
	// Features holds one entry per decoded frame, in presentation order.
	Features []vision.Features `json:"-"`
	// Times holds each frame's time in seconds from the first frame, from
	// its timestamp (so right for variable frame rate), one per Features.
	Times []float64 `json:"-"`
	// Start is the first frame's time in seconds on the container clock,
	// for aligning the audio (media.Levels.Start) with the frames.
	Start float64 `json:"start"`
	// Embeddings are the ViT embeddings of some frames (nil when the
	// analysis ran without a model).
	Embeddings *vision.Embeddings `json:"-"`
	// Model names the model that made Embeddings ("name version").
	Model string `json:"model,omitempty"`
	// Cached is true when the features came from the analysis cache.
	Cached bool `json:"cached"`

	// detected is the detector's result, once run or supplied.
	detected *vision.Result
	// seek is the packet index of the analysis's read, saved with the
	// analysis for seeking (LoadSeekIndex); nil from the cache.
	seek *storedIndex
	// streamed is the number of frames of a DetectOnly analysis, which
	// kept no features (0 otherwise).
	streamed int
}

// Frames is the number of frames analysed.
func (a *Analysis) Frames() int {
	if a.Features == nil {
		return a.streamed
	}
	return len(a.Features)
}

// TimeOf is frame n's time in seconds from the first frame, from its
// timestamp, rounded to the microsecond (0 when out of range).
func (a *Analysis) TimeOf(n int) float64 {
	if n < 0 || n >= len(a.Times) {
		return 0
	}
	return math.Round(a.Times[n]*1e6) / 1e6
}

// Detect runs the transition detector on the features, with the semantic
// cut cue when the analysis has embeddings.
// It runs once per Analysis (or not at all after SetDetection); later
// calls return the same result. Not safe for concurrent use.
func (a *Analysis) Detect() vision.Result {
	if a.detected == nil {
		r := vision.DetectWith(a.Features, a.Embeddings)
		a.detected = &r
	}
	return *a.detected
}

// SetDetection supplies the detector's result made earlier from these
// same features and embeddings (a cache), so that Detect need not run.
func (a *Analysis) SetDetection(r vision.Result) { a.detected = &r }

// DetectPixels runs the transition detector on the pixel features alone,
// without the semantic cue (for comparison); it finds nothing in a
// DetectOnly analysis, which kept no features.
func (a *Analysis) DetectPixels() vision.Result { return vision.Detect(a.Features) }

// Analyze computes the features of every frame of path in one decode
// pass, or reads them from the cache. Bad input yields an error matching
// media.ErrBadInput that names the file and the reason.
func Analyze(ctx context.Context, path string, opt Options) (*Analysis, error) {
	// Refused before anything opens it: a FIFO would block the content
	// hash forever.
	if err := media.CheckFile(path); err != nil {
		return nil, err
	}
	cascade := faceCascade(opt)
	var key string
	if !opt.NoCache {
		var err error
		if key, err = cacheKey(path, settingsKey(opt, cascade)); err == nil {
			if a, err := loadCache(cacheDir(opt), key, path); err == nil {
				if opt.Progress != nil {
					opt.Progress(a.Frames(), a.Frames())
				}
				return a, nil
			}
		}
	}
	a, err := decodeAndExtract(ctx, path, opt, cascade, !opt.DetectOnly || key != "")
	if err != nil {
		return nil, err
	}
	if key != "" && a.ReadError == "" {
		// A failed cache write costs only speed next time.
		_ = saveCache(cacheDir(opt), key, a)
	}
	return a, nil
}

func workers(opt Options) int {
	if opt.Workers > 0 {
		return opt.Workers
	}
	return max(1, runtime.NumCPU())
}

// faceStrideRule names how extractorOptions picks the face stride, for
// the cache key: change it with the rule.
const faceStrideRule = "2s"

// faceCascade is the face cascade the analysis uses: vision's default when
// faces are on and it is installed, else "" (no faces).
func faceCascade(opt Options) string {
	if opt.NoFaces {
		return ""
	}
	if st, err := os.Stat(vision.DefaultFaceCascade); err == nil && st.Mode().IsRegular() {
		return vision.DefaultFaceCascade
	}
	return ""
}

// extractorOptions sets the frame size and counts faces with cascade
// ("": none) once every two seconds (faceStrideRule): faces stay in shot
// for seconds, and the Haar cascade is the dearest feature (about 12 ms a
// call at 256x144, a tenth of the analysis's CPU at 720p when run every
// second).
func extractorOptions(w, h int, fps media.Rational, cascade string) vision.ExtractorOptions {
	eo := vision.ExtractorOptions{Width: w, Height: h, FaceCascade: cascade}
	if fps.Valid() {
		eo.FaceStride = max(1, int(2*fps.Float()+0.5))
	}
	return eo
}

var errNoFrames = fmt.Errorf("no decodable video frames")
