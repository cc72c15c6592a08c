package media

import (
	"testing"

	"rushcut/media/mediatest"
)

// TestSkipLoopFilter checks that decoding without the H.264 deblocking
// filter keeps every frame, its index and its timestamp, changes the
// pictures (the option reaches the decoder) and changes them only a
// little at analysis size.
func TestSkipLoopFilter(t *testing.T) {
	// Heavy quantisation, so the deblocking filter has work to do.
	path := mediatest.FFmpeg(t, "noloop.mp4", "-i", mediatest.OpencvData(t, "Megamind.avi"), "-frames:v", "120",
		"-vf", "scale=640:360", "-an", "-c:v", "libx264", "-preset", "veryfast", "-crf", "32", "-g", "60")
	read := func(skip bool) []*Frame {
		return allFrames(t, path, ReaderOptions{Width: 256, SkipLoopFilter: skip})
	}
	full, fast := read(false), read(true)
	if len(full) != 120 || len(fast) != len(full) {
		t.Fatalf("%d frames with the loop filter, %d without; want 120 each", len(full), len(fast))
	}
	var sum, n float64
	differ := 0
	for i := range full {
		a, b := full[i], fast[i]
		if a.Index != b.Index || a.PTS != b.PTS || a.TimeS != b.TimeS {
			t.Fatalf("frame %d: index/pts/time %d/%d/%v without the filter, %d/%d/%v with it", i, b.Index, b.PTS, b.TimeS, a.Index, a.PTS, a.TimeS)
		}
		d := 0
		for k := range a.Data {
			x := int(a.Data[k]) - int(b.Data[k])
			if x < 0 {
				x = -x
			}
			d += x
		}
		if d > 0 {
			differ++
		}
		sum += float64(d)
		n += float64(len(a.Data))
	}
	mad := sum / n
	t.Logf("%d of %d frames differ; mean absolute difference %.3f (0..255)", differ, len(full), mad)
	if differ < len(full)/2 {
		t.Errorf("only %d of %d frames differ: the decoder did not skip its loop filter", differ, len(full))
	}
	if mad > 2 {
		t.Errorf("mean absolute difference %.2f at 256 px: skipping the loop filter changed the pictures too much", mad)
	}
}
