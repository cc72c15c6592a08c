package media

import (
	"math"
	"testing"
)

func TestAudioResampledMono(t *testing.T) {
	// 2 s of a 1 kHz tone in stereo at 48 kHz, read back at 16 kHz mono.
	p := ffmpegFixture(t, "tone.mka", "-f", "lavfi", "-i", "sine=frequency=1000:sample_rate=48000:duration=2",
		"-ac", "2", "-c:a", "pcm_s16le")
	a, err := OpenAudio(p, 16000)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	s, err := a.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(float64(len(s))-32000) > 64 {
		t.Fatalf("%d samples, want 32000", len(s))
	}
	// Count zero crossings: a 1 kHz tone crosses 2000 times a second.
	cross := 0
	var sum float64
	for i := 1; i < len(s); i++ {
		if (s[i-1] < 0) != (s[i] < 0) {
			cross++
		}
		sum += float64(s[i]) * float64(s[i])
	}
	if cross < 3900 || cross > 4100 {
		t.Errorf("%d zero crossings in 2 s, want about 4000 (1 kHz)", cross)
	}
	// ffmpeg's sine source has amplitude 1/8: RMS 0.088.
	if rms := math.Sqrt(sum / float64(len(s))); rms < 0.07 || rms > 0.11 {
		t.Errorf("RMS %.3f, want about 0.088", rms)
	}
}

func TestAudioRealClip(t *testing.T) {
	// Megamind.avi's AC3 track is partly damaged (ffprobe warns): the
	// reader must skip the damage and still return the 11 s of sound.
	a, err := OpenAudio(opencvData(t, "Megamind.avi"), 8000)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	s, err := a.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if sec := float64(len(s)) / 8000; sec < 10 || sec > 12 {
		t.Errorf("%.2f s of audio, want about 11.26", sec)
	}
}

func TestAudioMissing(t *testing.T) {
	if _, err := OpenAudio(opencvData(t, "vtest.avi"), 16000); err == nil {
		t.Error("no error opening audio of a silent clip")
	}
}
