package main

import (
	"fmt"
	"image"
	_ "image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// TestGUIDemoEndToEnd starts the real binary under Xvfb on the demo
// (rushes generated, analysed, opened as the rough cut), takes
// screenshots the way the README says (xwd | convert), and checks from
// the pixels that a timeline with video clips, audio clips and suggestion
// markers is on screen, not a blank or an error window. The last
// screenshot is kept in RUSHCUT_SHOT when set.
func TestGUIDemoEndToEnd(t *testing.T) {
	for _, p := range []string{"Xvfb", "xwd", "convert"} {
		if _, err := exec.LookPath(p); err != nil {
			t.Fatalf("%s missing (scripts/setup.sh installs xvfb, x11-apps, imagemagick): %v", p, err)
		}
	}
	display := fmt.Sprintf(":%d", 90+os.Getpid()%400)
	xvfb := exec.Command("Xvfb", display, "-screen", "0", "1280x720x24", "-nolisten", "tcp")
	if err := xvfb.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { xvfb.Process.Kill(); xvfb.Wait() }()
	home := t.TempDir()
	app := exec.Command(os.Args[0], "gui", "--demo")
	app.Env = append(os.Environ(), "RUSHCUT_AS_CLI=1", "DISPLAY="+display, "HOME="+home,
		"XDG_CACHE_HOME="+filepath.Join(home, "cache"), "XDG_CONFIG_HOME="+filepath.Join(home, "config"))
	logf, _ := os.Create(filepath.Join(home, "gui.log"))
	app.Stdout, app.Stderr = logf, logf
	waitForX(t, display)
	if err := app.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { app.Process.Kill(); app.Wait() }()
	shot := filepath.Join(home, "shot.png")
	var video, audio, markers int
	deadline := time.Now().Add(6 * time.Minute)
	for time.Now().Before(deadline) {
		time.Sleep(3 * time.Second)
		cmd := exec.Command("sh", "-c", "xwd -root -silent -display "+display+" | convert xwd:- "+shot)
		if err := cmd.Run(); err != nil {
			continue
		}
		video, audio, markers = countPixels(t, shot)
		if video > 5000 && audio > 2000 && markers > 200 {
			break
		}
	}
	if p := os.Getenv("RUSHCUT_SHOT"); p != "" {
		if b, err := os.ReadFile(shot); err == nil {
			os.WriteFile(p, b, 0o644)
		}
	}
	if video <= 5000 || audio <= 2000 || markers <= 200 {
		log, _ := os.ReadFile(filepath.Join(home, "gui.log"))
		t.Fatalf("no rough cut on screen: %d video-clip, %d audio-clip, %d marker pixels\n%s", video, audio, markers, log)
	}
	if _, err := os.Stat(filepath.Join(home, "config", "rushcut", "projects")); err != nil {
		t.Errorf("the demo's project was not saved where the README says: %v", err)
	}
}

// countPixels counts the pixels of the timeline's video-clip and
// audio-clip colours, and the bright, saturated marker pixels in the
// lanes just above the video track.
func countPixels(t *testing.T, path string) (video, audio, markers int) {
	f, err := os.Open(path)
	if err != nil {
		return
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	if err != nil {
		return
	}
	b := img.Bounds()
	top := b.Max.Y
	rgb := func(x, y int) (uint32, uint32, uint32) {
		r, g, bb, _ := img.At(x, y).RGBA()
		return r >> 8, g >> 8, bb >> 8
	}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bb := rgb(x, y)
			switch {
			case near(r, 0x36) && near(g, 0x5a) && near(bb, 0x8c):
				video++
				top = min(top, y)
			case near(r, 0x2f) && near(g, 0x73) && near(bb, 0x52):
				audio++
			}
		}
	}
	for y := max(b.Min.Y, top-40); y < top; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if r, g, bb := rgb(x, y); max(r, g, bb)-min(r, g, bb) > 80 {
				markers++
			}
		}
	}
	return
}

func near(v, want uint32) bool { return v+6 >= want && v <= want+6 }
