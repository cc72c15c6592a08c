//go:build matprofile

package preview

import (
	"bytes"
	"context"
	"testing"

	"gocv.io/x/gocv"

	"rushcut/app/edit"
)

// TestNoMatLeak counts live gocv Mats (go test -tags matprofile): a
// preview of every kind, a cancelled one and a failed one must leave none
// behind.
func TestNoMatLeak(t *testing.T) {
	mm := megamind(t)
	before := gocv.MatProfile.Count()
	for _, e := range []Effect{
		{Kind: Stabilize},
		{Kind: Color, CDL: edit.CDL{Slope: [3]float64{1.1, 1, 0.9}, Power: [3]float64{1, 1, 1}, Sat: 0.8}},
		{Kind: Speed, Speed: edit.Ratio{Num: 1, Den: 2}},
		{Kind: Speed, Speed: edit.Ratio{Num: 1, Den: 3}, Flow: true},
		{Kind: FlashRemove, Frames: []int{30}},
		{Kind: Dissolve, From: Source{Path: mm, Out: 90}, InOffset: 4, OutOffset: 4},
		{Kind: FadeOut, Length: 8},
	} {
		for _, l := range []Layout{Split, Wipe} {
			if _, err := Render(context.Background(), Request{Source: Source{Path: mm, In: 20, Out: 40}, Effect: e, Width: 160, Layout: l}, Options{CacheDir: t.TempDir()}); err != nil {
				t.Fatalf("%s: %v", e.Kind, err)
			}
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	Render(ctx, Request{Source: Source{Path: mm, In: 20, Out: 60}, Effect: Effect{Kind: Stabilize}, Width: 160},
		Options{CacheDir: t.TempDir(), Progress: func(d, _ int) {
			if d == 30 {
				cancel()
			}
		}})
	if after := gocv.MatProfile.Count(); after != before {
		var b bytes.Buffer
		gocv.MatProfile.WriteTo(&b, 1)
		t.Fatalf("%d Mats leaked:\n%s", after-before, b.String())
	}
}
