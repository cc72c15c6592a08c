package analysis

import (
	"rushcut/app/trim"
	"rushcut/media"
	"rushcut/vision"
)

// Take turns the analysis and the file's audio levels (nil for a take
// shot MOS) into what the take analysis (package trim) reads, the audio
// aligned to the frames by their timestamps.
func (a *Analysis) Take(levels *media.Levels) trim.Take {
	t := trim.Take{Frames: make([]trim.Frame, len(a.Features))}
	for i, f := range a.Features {
		t.Frames[i] = trim.Frame{
			Time: a.TimeOf(i), Luma: f.Luma, LumaStd: f.LumaStd, Black: f.Black, White: f.White,
			Sharpness: f.Sharpness, Energy: f.Energy,
			DX: f.Motion.DX, DY: f.Motion.DY, Inliers: f.Motion.Inliers,
			Residual: f.Motion.Residual, Shake: f.Motion.Shake, Faces: f.Faces,
		}
	}
	for _, tr := range a.Detect().Transitions {
		if tr.Kind == vision.Cut {
			t.Cuts = append(t.Cuts, tr.Frame)
		}
	}
	if levels != nil && len(levels.RMS) > 0 {
		t.Audio = &trim.Audio{
			Start:  levels.Start - a.Start,
			Window: media.LevelWindow.Seconds(),
			RMS:    levels.RMS,
			Peak:   levels.Peak,
		}
	}
	return t
}
