package render

import (
	"math"

	"gocv.io/x/gocv"
)

// CDL is an ASC colour decision list correction (values as in
// edit.CDL): out = clamp(in×Slope + Offset)^Power per channel R, G, B on
// 0..1 code values, then saturation Sat about Rec.709 luma.
type CDL struct {
	Slope, Offset, Power [3]float64
	Sat                  float64
}

// Rec.709 luma weights of R, G and B.
const (
	lumaR = 0.2126
	lumaG = 0.7152
	lumaB = 0.0722
)

// Grader applies a CDL to 8-bit BGR frames: slope, offset and power as a
// 256-entry lookup table per channel (gocv LUT), saturation as a 3×3
// colour matrix (gocv Transform). Close frees it.
type Grader struct {
	lut, sat gocv.Mat
	useSat   bool
}

// NewGrader builds the tables for c.
func NewGrader(c CDL) *Grader {
	g := &Grader{lut: gocv.NewMatWithSize(1, 256, gocv.MatTypeCV8UC3)}
	p, _ := g.lut.DataPtrUint8()
	for i := 0; i < 256; i++ {
		x := float64(i) / 255
		for ch := 0; ch < 3; ch++ {
			v := x*c.Slope[ch] + c.Offset[ch]
			v = math.Pow(min(1, max(0, v)), c.Power[ch])
			// LUT rows are BGR: channel R is byte 2.
			p[3*i+2-ch] = uint8(math.Round(v * 255))
		}
	}
	g.useSat = c.Sat != 1
	g.sat = gocv.NewMatWithSize(3, 3, gocv.MatTypeCV32F)
	w := [3]float64{lumaB, lumaG, lumaR}
	for r := 0; r < 3; r++ {
		for col := 0; col < 3; col++ {
			v := (1 - c.Sat) * w[col]
			if r == col {
				v += c.Sat
			}
			g.sat.SetFloatAt(r, col, float32(v))
		}
	}
	return g
}

// Apply writes src graded into dst.
func (g *Grader) Apply(src gocv.Mat, dst *gocv.Mat) {
	gocv.LUT(src, g.lut, dst)
	if g.useSat {
		gocv.Transform(*dst, dst, g.sat)
	}
}

// Close frees the tables.
func (g *Grader) Close() {
	g.lut.Close()
	g.sat.Close()
}
