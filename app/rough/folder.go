package rough

import (
	"context"
	"sync"

	"rushcut/app/analysis"
	"rushcut/vision/slate"
)

// FolderOptions configure AnalyzeFiles.
type FolderOptions struct {
	// Analysis is passed to every take's analysis (cache, ViT, stream);
	// its Workers and Progress are set per file.
	Analysis analysis.Options
	// Parallel is how many files are analysed at once, each with one
	// feature worker (0: 2, the cores of a small machine).
	Parallel int
	// Progress, if set, is called with the files done so far, the total,
	// and the frames done and expected of the files in flight; from any
	// goroutine, one call at a time.
	Progress func(filesDone, files, framesDone, frames int)
	// OnError, if set, is called once for each file that cannot be
	// analysed (one call at a time); the others go on.
	OnError func(path string, err error)
	// FileProgress, if set, is called as each file is analysed with its
	// frames done and expected, and once when it is finished (finished
	// true, err nil when it could be analysed); one call at a time.
	FileProgress func(path string, done, total int, finished bool, err error)
	// Slates reads the slate boards with Tesseract (see vision/slate).
	Slates bool
}

// AnalyzeFiles analyses every file (see AnalyzeTake), a few at a time, and
// returns the reports of those that could be analysed, in the order of
// files. Bad files are reported to OnError and skipped. Cancelling ctx
// stops it; it then returns ctx's error.
func AnalyzeFiles(ctx context.Context, files []string, opt FolderOptions) ([]*TakeReport, error) {
	par := opt.Parallel
	if par <= 0 {
		par = 2
	}
	reports := make([]*TakeReport, len(files))
	var mu sync.Mutex
	done := 0
	inFlight := map[int][2]int{}
	report := func() {
		if opt.Progress == nil {
			return
		}
		fd, ft := 0, 0
		for _, p := range inFlight {
			fd, ft = fd+p[0], ft+p[1]
		}
		opt.Progress(done, len(files), fd, ft)
	}
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range par {
		wg.Add(1)
		var sr *slate.Reader
		if opt.Slates {
			r, err := slate.NewReader()
			if err != nil {
				close(jobs)
				wg.Wait()
				return nil, err
			}
			sr = r
		}
		go func() {
			defer wg.Done()
			if sr != nil {
				defer sr.Close()
			}
			for i := range jobs {
				ao := opt.Analysis
				ao.Workers = 1
				ao.Progress = func(d, t int) {
					mu.Lock()
					inFlight[i] = [2]int{d, t}
					report()
					if opt.FileProgress != nil {
						opt.FileProgress(files[i], d, t, false, nil)
					}
					mu.Unlock()
				}
				r, err := AnalyzeTake(ctx, files[i], ao, sr)
				mu.Lock()
				delete(inFlight, i)
				done++
				if err != nil && ctx.Err() == nil && opt.OnError != nil {
					opt.OnError(files[i], err)
				}
				if opt.FileProgress != nil && ctx.Err() == nil {
					opt.FileProgress(files[i], 0, 0, true, err)
				}
				reports[i] = r
				report()
				mu.Unlock()
			}
		}()
	}
	for i := range files {
		select {
		case jobs <- i:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var out []*TakeReport
	for _, r := range reports {
		if r != nil {
			out = append(out, r)
		}
	}
	return out, nil
}

// Shard returns the files that shard i of n analyses: every n-th, from
// the i-th (0-based), so that n farm tasks cover a folder once.
func Shard(files []string, i, n int) []string {
	var out []string
	for k, f := range files {
		if k%n == i {
			out = append(out, f)
		}
	}
	return out
}
