package media

import "rushcut/media/mediatest"

type realClip struct {
	name          string
	width, height int
	rate          Rational
	frames        int
}

// realClips are the opencv-doc clips with their known properties.
var realClips = []realClip{
	{"Megamind.avi", 720, 528, Rational{2997, 125}, 270},
	{"Megamind_bugy.avi", 720, 528, Rational{30, 1}, 270},
	{"vtest.avi", 768, 576, Rational{10, 1}, 795},
	{"tree.avi", 320, 240, Rational{0, 0}, 68},
}

var (
	opencvData    = mediatest.OpencvData
	ffmpegFixture = mediatest.FFmpeg
)
