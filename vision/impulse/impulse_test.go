package impulse

import (
	"testing"

	"rushcut/media/mediatest"
)

// TestScores checks that a frame replaced by a picture of something else
// scores far above its neighbours and that a clip's own frames, moving
// as they do, score low.
func TestScores(t *testing.T) {
	src := mediatest.OpencvData(t, "vtest.avi")
	// Frame 20 of the result is a mirrored picture; nothing else changes.
	path := mediatest.FFmpeg(t, "hit.mkv", "-i", src, "-frames:v", "40", "-vf",
		"scale=320:-2,split[a][b];[b]hflip[f];[a][f]overlay=enable='eq(n\\,20)'", "-an", "-c:v", "ffv1")
	s, err := Scores(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(s) != 40 {
		t.Fatalf("%d scores for 40 frames", len(s))
	}
	for i, v := range s {
		if i == 20 {
			if v < 0.01 {
				t.Errorf("mirrored frame 20 scores %.4f, want ≥ 0.01", v)
			}
			continue
		}
		if v >= 0.01 {
			t.Errorf("frame %d scores %.4f, want < 0.01", i, v)
		}
	}
	if s[0] != 0 || s[39] != 0 {
		t.Errorf("first and last frames score %v, %v, want 0", s[0], s[39])
	}
}

func TestScoresBadInput(t *testing.T) {
	if _, err := Scores(t.TempDir()); err == nil {
		t.Error("a directory gave scores")
	}
}
