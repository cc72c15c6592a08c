package media

import (
	"errors"
	"math"
	"testing"
)

// TestAudioLevels: room tone at about -46 dBFS RMS with a 30 ms burst at
// 2.0 s; the burst's windows peak far above the tone, and the loudest
// window is where the burst is.
func TestAudioLevels(t *testing.T) {
	p := ffmpegFixture(t, "clap.mka", "-f", "lavfi", "-i", "anoisesrc=d=4:c=pink:a=0.01:r=48000",
		"-f", "lavfi", "-i", "anoisesrc=d=0.03:c=white:a=0.8:r=48000",
		"-filter_complex", "[1]adelay=2000:all=1[b];[0][b]amix=inputs=2:normalize=0", "-c:a", "pcm_s16le")
	l, err := AudioLevels(p)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(l.RMS); n < 398 || n > 402 || len(l.Peak) != n {
		t.Fatalf("%d windows for 4 s, want 400", n)
	}
	loud := 0
	for i, p := range l.Peak {
		if p > l.Peak[loud] {
			loud = i
		}
	}
	if got := l.Start + float64(loud)*LevelWindow.Seconds(); math.Abs(got-2.0) > 0.021 {
		t.Errorf("loudest window at %.3f s, want 2.0", got)
	}
	if tone := l.RMS[l.At(1.0)]; tone > -40 || tone < -60 {
		t.Errorf("room tone RMS %.1f dBFS", tone)
	}
	if l.Peak[loud]-l.RMS[l.At(1.0)] < 30 {
		t.Errorf("burst peak %.1f dB is not well above the tone %.1f", l.Peak[loud], l.RMS[l.At(1.0)])
	}
}

// TestAudioLevelsMOS: a picture-only file is bad input, "no audio stream".
func TestAudioLevelsMOS(t *testing.T) {
	p := ffmpegFixture(t, "mos.mov", "-f", "lavfi", "-i", "testsrc2=size=160x90:rate=25:duration=1", "-c:v", "mpeg4")
	if _, err := AudioLevels(p); !errors.Is(err, ErrBadInput) {
		t.Errorf("MOS file: %v, want bad input", err)
	}
}
