package rushgen

import (
	"fmt"
	"strings"
)

// The slate board's size, and the camera's overscan: the scene is made
// this much larger than the picture so that the camera can settle, shake
// and pan inside it.
const (
	boardW = 250
	boardH = 150
	overW  = Width * 6 / 5
	overH  = Height * 6 / 5
	// wall is the dark set wall a drifting camera pans onto.
	wall = "0x2a2622"
)

// takeArgs are the ffmpeg arguments (after the global ones) that make one
// take as out, with font the slate's font file.
func takeArgs(su Setup, t Take, font, out string) []string {
	var args []string
	if isStill(su.Source) {
		args = append(args, "-loop", "1", "-framerate", fmt.Sprint(FPS))
	}
	// One thread each for the decoder, the filters and the encoder:
	// Generate runs a take per CPU.
	args = append(args, "-threads", "1", "-i", src(su.Source))
	fc := []string{
		"[0:v]" + strings.Join(sceneChain(su, t), ",") + "[cam]",
		"color=c=0x161616:s=" + fmt.Sprintf("%dx%d:r=%d:d=%s", boardW, boardH, FPS, secs(t.Frames())) + "," +
			strings.Join(boardChain(su, t, font), ",") + "[board]",
		fmt.Sprintf("[cam][board]overlay=x=%d:y=%d:enable='between(n,%d,%d)':eof_action=pass,", t.BoardX, t.BoardY, t.Leader, t.Clap()-1) +
			fmt.Sprintf("drawbox=x=0:y=0:w=iw:h=ih:color=black:t=fill:enable='lt(n,%d)',format=yuv420p[v]", t.Leader),
	}
	maps := []string{"-map", "[v]"}
	if !su.MOS {
		fc = append(fc, audioGraph(t)...)
		maps = append(maps, "-map", "[a]", "-c:a", "pcm_s16le", "-ar", fmt.Sprint(SampleRate), "-ac", "1")
	} else {
		maps = append(maps, "-an")
	}
	args = append(args, "-filter_complex", strings.Join(fc, ";"))
	args = append(args, maps...)
	return append(args,
		"-threads", "1", "-c:v", "libx264", "-preset", "ultrafast", "-crf", "23", "-g", fmt.Sprint(FPS), "-pix_fmt", "yuv420p",
		"-r", fmt.Sprint(FPS),
		"-timecode", Timecode(t.Start), "-metadata:s:v:0", "reel_name="+t.Reel,
		"-f", "mov", out)
}

// sceneChain is the camera's picture without the board: the framing of
// the action, held on its first frame before it and its last after it,
// seen through the camera's moves, spoils and tail.
func sceneChain(su Setup, t Take) []string {
	z := framings[su.Framing]
	var c []string
	if isStill(su.Source) {
		c = append(c, fmt.Sprintf("trim=end_frame=%d", t.Action))
	} else {
		c = append(c, fmt.Sprintf("trim=start_frame=%d:end_frame=%d", su.Start, su.Start+t.Action))
	}
	c = append(c, fmt.Sprintf("settb=1/%d,setpts=N,fps=%d", FPS, FPS),
		// The framing: a 16:9 window of the source, z of its size, centred
		// on (CX, CY) as far as the picture allows.
		fmt.Sprintf("crop=w='floor(min(iw,ih*16/9)*%g/2)*2':h='floor(min(iw*9/16,ih)*%g/2)*2':x='clip(iw*%g-ow/2,0,iw-ow)':y='clip(ih*%g-oh/2,0,ih-oh)'",
			z, z, su.CX, su.CY),
		fmt.Sprintf("scale=%d:%d,setsar=1", overW, overH))
	if isStill(su.Source) {
		// A slow push in, so that a still has some life.
		c = append(c, fmt.Sprintf("zoompan=z='1+0.0015*on':x='iw/2-iw/zoom/2':y='ih/2-ih/zoom/2':d=1:s=%dx%d:fps=%d", overW, overH, FPS))
	}
	c = append(c, fmt.Sprintf("tpad=start=%d:start_mode=clone:stop=%d:stop_mode=clone", t.In(), t.TailLen))
	switch t.Spoil {
	case Focus:
		c = append(c, "gblur=sigma=12")
	case Exposure:
		c = append(c, "eq=brightness=0.32:contrast=1.5:saturation=0.6")
	}
	c = append(c, fmt.Sprintf("pad=w=%d:h=%d:x=0:y=0:color=%s", overW+Width, overH, wall),
		fmt.Sprintf("crop=%d:%d:x='%s':y='%s'", Width, Height, camX(t), camY(t)))
	tail := t.Out() + 1
	switch t.Tail {
	case Defocus:
		// A stepped ramp: each stage adds blur to the one before.
		for i, sigma := range []float64{1.5, 3, 5, 8} {
			c = append(c, fmt.Sprintf("gblur=sigma=%g:enable='gte(n,%d)'", sigma, tail+i*t.TailLen/4))
		}
	case Black:
		c = append(c, fmt.Sprintf("fade=t=out:start_frame=%d:nb_frames=%d", tail, min(6, t.TailLen)))
	}
	return c
}

// camX and camY are the camera window's position in the overscanned,
// wall-padded scene at frame n: centred and still on the slate, a
// decaying wobble (from rest) as it settles after the clap, jitter all through a
// shaky take, and a pan right off the set onto the wall in a drift tail.
func camX(t Take) string {
	x0 := (overW - Width) / 2
	x := fmt.Sprintf("%d+if(gte(n,%d),26*exp(-(n-%d)/6)*sin((n-%d)*0.6),0)", x0, t.Clap(), t.Clap(), t.Clap())
	if t.Spoil == Shaky {
		x += fmt.Sprintf("+if(gte(n,%d),20*(random(1)-0.5)+8*sin(n*1.7),0)", t.Leader)
	}
	if t.Tail == Drift {
		x = fmt.Sprintf("if(gt(n,%d),%d+(n-%d)*%d/%d,%s)", t.Out(), x0, t.Out(), overW-x0, t.TailLen, x)
	}
	return x
}

func camY(t Take) string {
	y0 := (overH - Height) / 2
	y := fmt.Sprintf("%d+if(gte(n,%d),10*exp(-(n-%d)/6)*sin((n-%d)*0.8),0)", y0, t.Clap(), t.Clap(), t.Clap())
	if t.Spoil == Shaky {
		y += fmt.Sprintf("+if(gte(n,%d),14*(random(2)-0.5)+6*sin(n*2.3),0)", t.Leader)
	}
	return y
}

// boardChain draws the slate board: a clapper bar of black and white
// stripes over the board's printed scene, take, roll and date.
func boardChain(su Setup, t Take, font string) []string {
	var c []string
	for i := 0; i < 6; i += 2 {
		c = append(c, fmt.Sprintf("drawbox=x=%d:y=0:w=%d:h=24:color=white:t=fill", i*boardW/6, boardW/6))
	}
	if t.Slate != Blank {
		take := fmt.Sprintf("TAKE %d", t.Number)
		if t.Pickup {
			take += " PU"
		}
		text := func(s string, size, y int) string {
			return fmt.Sprintf("drawtext=fontfile=%s:text='%s':fontsize=%d:fontcolor=white:x=14:y=%d", font, s, size, y)
		}
		c = append(c, text("SCENE "+su.ID, 30, 34), text(take, 30, 72),
			text("ROLL "+t.Reel, 15, 112), text("RUSHCUT  "+fileDate(t.File), 13, 132))
	}
	c = append(c, "drawbox=x=0:y=0:w=iw:h=ih:color=0xdddddd:t=3")
	if t.Slate == Blurred {
		c = append(c, "gblur=sigma=14")
	}
	return c
}

// audioGraph is the sound: room tone all through, the clap's 30 ms burst
// of white noise at the clap frame, and speech-like band-limited noise
// (syllables at about 4 Hz in phrases with pauses) over the action.
func audioGraph(t Take) []string {
	n := t.Frames()
	ms := 1000 / FPS
	return []string{
		fmt.Sprintf("anoisesrc=d=%s:c=pink:r=%d:a=0.02:s=%d,lowpass=f=2000[room]", secs(n), SampleRate, t.Seed),
		fmt.Sprintf("anoisesrc=d=0.03:c=white:r=%d:a=0.9:s=%d,adelay=delays=%d:all=1[clap]", SampleRate, t.Seed+1, t.Clap()*ms),
		fmt.Sprintf("anoisesrc=d=%s:c=white:r=%d:a=0.8:s=%d,highpass=f=250,lowpass=f=3200,", secs(t.Action), SampleRate, t.Seed+2) +
			fmt.Sprintf("volume='0.6*(0.55+0.45*sin(2*PI*4.3*t+%d))*lt(mod(t+%d*0.37,2.6),2.1)':eval=frame,", t.Seed%7, t.Seed%5) +
			fmt.Sprintf("adelay=delays=%d:all=1[dlg]", t.In()*ms),
		fmt.Sprintf("[room][clap][dlg]amix=inputs=3:normalize=0:duration=first,atrim=end_sample=%d[a]", n*SamplesPerFrame),
	}
}

// fileDate is the MMDD date in a camera-style file name.
func fileDate(file string) string {
	parts := strings.Split(file, "_")
	if len(parts) < 3 || len(parts[2]) < 4 {
		return ""
	}
	return parts[2][:4]
}

// secs writes a frame count as seconds for ffmpeg (exact at 25 fps).
func secs(frames int) string { return fmt.Sprintf("%g", float64(frames)/FPS) }

// isStill reports whether a source is a still image rather than a clip.
func isStill(name string) bool { return !strings.HasSuffix(name, ".avi") }
