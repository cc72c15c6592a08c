package vision

import (
	"fmt"
	"os"
	"testing"
)

// TestDumpFeatures prints per-frame features of a file named by
// RUSHCUT_DUMP (a debugging aid; skipped otherwise).
func TestDumpFeatures(t *testing.T) {
	p := os.Getenv("RUSHCUT_DUMP")
	if p == "" {
		t.Skip("set RUSHCUT_DUMP=FILE to print its features")
	}
	fs := extractFile(t, p, true)
	for i, f := range fs {
		fmt.Printf("%4d hd=%.3f ecr=%.2f hash=%2d en=%5.1f res=%5.1f inl=%.2f dx=%6.1f dy=%5.1f z=%.3f luma=%5.1f sd=%5.1f blk=%.2f wht=%.2f sh=%7.1f faces=%d\n",
			i, f.HistDist, f.EdgeChange, f.HashDist, f.Energy, f.Motion.Residual, f.Motion.Inliers, f.Motion.DX, f.Motion.DY, f.Motion.Zoom, f.Luma, f.LumaStd, f.Black, f.White, f.Sharpness, f.Faces)
	}
}
