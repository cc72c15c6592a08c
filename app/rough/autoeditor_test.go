package rough

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"testing"

	"rushcut/app/takes/rushgen"
)

// autoEditorRange runs Debian's auto-editor (22w52a) with one edit method
// ("audio" or "motion") on path and returns the first and last frame it
// keeps.
func autoEditorRange(t testing.TB, path, method string) (int, int, bool) {
	out, err := exec.Command("auto-editor", path, "--edit", method, "--export", "timeline:api=3", "--no-open", "--progress", "none", "--quiet").Output()
	if err != nil {
		t.Fatalf("auto-editor %s: %v", path, err)
	}
	var tl struct {
		Timeline struct {
			V [][]struct {
				Dur    int `json:"dur"`
				Offset int `json:"offset"`
			} `json:"v"`
		} `json:"timeline"`
	}
	if err := json.Unmarshal(out, &tl); err != nil {
		t.Fatalf("auto-editor %s: %v", path, err)
	}
	if len(tl.Timeline.V) == 0 || len(tl.Timeline.V[0]) == 0 {
		return 0, 0, false
	}
	v := tl.Timeline.V[0]
	last := v[len(v)-1]
	return v[0].Offset, last.Offset + last.Dur - 1, true
}

// BenchmarkTrimVsAutoEditor reports auto-editor's in/out error on the
// Holdout day beside Rushcut's (auto-editor cannot group or rank, so only
// trimming is compared): its audio method on takes with sound, its motion
// method on every take.
// go test -run '^$' -bench TrimVsAutoEditor -benchtime 1x -v ./app/rough/
func BenchmarkTrimVsAutoEditor(b *testing.B) {
	if _, err := exec.LookPath("auto-editor"); err != nil {
		b.Fatalf("auto-editor missing (scripts/setup.sh installs it): %v", err)
	}
	for range b.N {
		ours := score(b, rushgen.Holdout(), true)
		dir, tr := rushes(b, rushgen.Holdout())
		for _, method := range []string{"audio", "motion"} {
			var errs []float64
			for _, tt := range tr.Takes {
				if method == "audio" && tt.MOS {
					continue
				}
				in, out, ok := autoEditorRange(b, filepath.Join(dir, tt.File), method)
				if !ok {
					in, out = 0, tt.Frames-1
				}
				errs = append(errs, abs(float64(in-tt.In))/25, abs(float64(out-tt.Out))/25)
			}
			b.Logf("auto-editor %s: in/out error median %.2f s, p90 %.2f s over %d takes", method, quantile(errs, 0.5), quantile(errs, 0.9), len(errs)/2)
			b.ReportMetric(quantile(errs, 0.5), "ae_"+method+"_median_s")
			b.ReportMetric(quantile(errs, 0.9), "ae_"+method+"_p90_s")
		}
		all := ours.report(b, "rushcut, holdout")
		b.ReportMetric(quantile(all, 0.5), "rushcut_median_s")
		b.ReportMetric(quantile(all, 0.9), "rushcut_p90_s")
	}
}
