package ui

import (
	"hash/fnv"
	"image/color"

	"rushcut/app/suggest"
)

// kindColors are the colours of the known suggestion kinds, chosen to read
// on the dark theme.
var kindColors = map[suggest.Kind]color.NRGBA{
	suggest.Trim:   {R: 0x4c, G: 0x9a, B: 0xff, A: 0xff}, // blue
	suggest.Take:   {R: 0x3d, G: 0xc4, B: 0x6a, A: 0xff}, // green
	suggest.Setup:  {R: 0xb0, G: 0x7c, B: 0xff, A: 0xff}, // violet
	suggest.Order:  {R: 0xff, G: 0xa6, B: 0x3d, A: 0xff}, // orange
	suggest.Remove: {R: 0xff, G: 0x55, B: 0x55, A: 0xff}, // red
}

// otherKindColors colour the kinds not in kindColors (effects), by hash.
var otherKindColors = []color.NRGBA{
	{R: 0x2e, G: 0xc4, B: 0xc4, A: 0xff}, // teal
	{R: 0xff, G: 0x6e, B: 0xc7, A: 0xff}, // pink
	{R: 0xe6, G: 0xd2, B: 0x3c, A: 0xff}, // yellow
	{R: 0x9a, G: 0xd8, B: 0x4e, A: 0xff}, // lime
}

// RejectedColor is the grey of a rejected suggestion's marker.
var RejectedColor = color.NRGBA{R: 0x80, G: 0x80, B: 0x80, A: 0x70}

// KindColor returns the opaque colour of a suggestion kind: a fixed one
// for each known kind, and one of a few others, by the kind's name, for
// the rest.
func KindColor(k suggest.Kind) color.NRGBA {
	if c, ok := kindColors[k]; ok {
		return c
	}
	h := fnv.New32a()
	h.Write([]byte(k))
	return otherKindColors[h.Sum32()%uint32(len(otherKindColors))]
}

// MarkerColor returns the colour of an entry's marker: its kind's colour,
// more opaque the more confident the suggestion (alpha 0x50 at 0, 0xff at
// 1), or RejectedColor when it is rejected.
func MarkerColor(e suggest.Entry) color.NRGBA {
	if e.Decision.Status == suggest.Rejected {
		return RejectedColor
	}
	c := KindColor(e.Kind)
	c.A = confidenceAlpha(e.Confidence)
	return c
}

func confidenceAlpha(conf float64) uint8 {
	conf = min(max(conf, 0), 1)
	return uint8(0x50 + conf*(0xff-0x50) + 0.5)
}

// Clip box colours on the tracks.
var (
	videoClipColor = color.NRGBA{R: 0x36, G: 0x5a, B: 0x8c, A: 0xff}
	audioClipColor = color.NRGBA{R: 0x2f, G: 0x73, B: 0x52, A: 0xff}
	clipEdgeColor  = color.NRGBA{R: 0x10, G: 0x14, B: 0x1c, A: 0xff}
	transColor     = color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0x40}
	playheadColor  = color.NRGBA{R: 0xff, G: 0x3b, B: 0x30, A: 0xff}
	selectColor    = color.NRGBA{R: 0xff, G: 0xd6, B: 0x0a, A: 0xff}
	marksColor     = color.NRGBA{R: 0x9e, G: 0xc9, B: 0xff, A: 0x28}
	markColor      = color.NRGBA{R: 0x9e, G: 0xc9, B: 0xff, A: 0xff}
	trimColor      = color.NRGBA{R: 0x4c, G: 0xd9, B: 0x64, A: 0xff}
)
