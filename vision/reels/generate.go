package reels

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"rushcut/media"
	"rushcut/vision"
)

// Generate makes the reel in dir as NAME.mp4 (H.264, Width×Height at
// FPS) with its truth as NAME.json, and returns both paths.
func Generate(ctx context.Context, dir string, r Reel) (video, truth string, err error) {
	if err := r.Validate(); err != nil {
		return "", "", err
	}
	tmp, err := os.MkdirTemp(dir, r.Name+"-parts-")
	if err != nil {
		return "", "", err
	}
	defer os.RemoveAll(tmp)
	var parts []string
	for i, s := range r.Segments {
		p := filepath.Join(tmp, fmt.Sprintf("seg%02d.mkv", i))
		if err := ffmpeg(ctx, segmentArgs(s, p)...); err != nil {
			return "", "", fmt.Errorf("reel %s segment %d: %w", r.Name, i, err)
		}
		parts = append(parts, p)
	}
	video = filepath.Join(dir, r.Name+".mp4")
	if err := ffmpeg(ctx, assembleArgs(r, parts, video)...); err != nil {
		return "", "", fmt.Errorf("reel %s: %w", r.Name, err)
	}
	t := r.Truth()
	info, err := media.Probe(video)
	if err != nil {
		return "", "", err
	}
	if info.Video == nil || int(info.Video.Frames) != t.Frames {
		return "", "", fmt.Errorf("reel %s: ffmpeg made %v frames, the plan has %d", r.Name, info.Video, t.Frames)
	}
	truth = filepath.Join(dir, r.Name+".json")
	b, _ := json.MarshalIndent(t, "", " ")
	if err := os.WriteFile(truth, b, 0o644); err != nil {
		return "", "", err
	}
	return video, truth, nil
}

// Truth computes the reel's labels from its plan.
func (r Reel) Truth() vision.Truth {
	t := vision.Truth{Video: r.Name + ".mp4", FPS: fmt.Sprintf("%d/1", FPS), Transitions: []vision.Transition{}, Black: [][2]int{}}
	pos := 0 // first output frame of the current segment
	for i, s := range r.Segments {
		if s.FadeIn > 0 {
			t.Transitions = append(t.Transitions, gradual(vision.FadeIn, pos, pos+s.FadeIn-1))
		}
		if s.FadeOut > 0 {
			t.Transitions = append(t.Transitions, gradual(vision.FadeOut, pos+s.Frames-s.FadeOut, pos+s.Frames-1))
		}
		if s.Source == "black" {
			t.Black = append(t.Black, [2]int{pos, pos + s.Frames - 1})
		}
		switch s.Trap {
		case "flash", "partflash":
			t.Flashes = append(t.Flashes, pos+s.TrapAt)
		case "flash2":
			t.Flashes = append(t.Flashes, pos+s.TrapAt, pos+s.TrapAt+1)
		}
		if i == len(r.Joins) {
			t.Frames = pos + s.Frames
			break
		}
		j := r.Joins[i]
		next := pos + s.Frames
		switch j.Kind {
		case "dissolve":
			next -= j.Frames
			t.Transitions = append(t.Transitions, gradual(vision.Dissolve, next, next+j.Frames-1))
		default:
			// A cut into or out of a black segment that fades is part of
			// the fade, not a cut of its own.
			nx := r.Segments[i+1]
			fadeJoin := (s.Source == "black" && nx.FadeIn > 0) || (nx.Source == "black" && s.FadeOut > 0)
			if !fadeJoin {
				t.Transitions = append(t.Transitions, vision.Transition{Kind: vision.Cut, Frame: next, Start: next, End: next})
			}
		}
		pos = next
	}
	return t
}

func gradual(k vision.Kind, a, b int) vision.Transition {
	return vision.Transition{Kind: k, Start: a, End: b, Frame: (a + b) / 2}
}

// segmentArgs are the ffmpeg arguments that render one segment losslessly.
func segmentArgs(s Segment, out string) []string {
	var in []string
	var chain []string
	switch {
	case s.Source == "black":
		in = []string{"-f", "lavfi", "-i", fmt.Sprintf("color=c=black:s=%dx%d:r=%d", Width, Height, FPS)}
	case s.Move != "" && !isVideo(s.Source):
		in = []string{"-loop", "1", "-framerate", fmt.Sprint(FPS), "-i", src(s.Source)}
		chain = append(chain, "scale=1280:960:force_original_aspect_ratio=increase,crop=1280:960", zoompan(s))
		if s.Move == "whip" {
			chain = append(chain, "tmix=frames=3")
		}
	default:
		in = []string{"-i", src(s.Source)}
		chain = append(chain,
			fmt.Sprintf("select='between(n,%d,%d)'", s.Start, s.Start+s.Frames-1),
			fmt.Sprintf("settb=1/%d,setpts=N", FPS),
			fmt.Sprintf("scale=%d:%d:force_original_aspect_ratio=increase,crop=%d:%d", Width, Height, Width, Height))
		chain = append(chain, cameraMove(s)...)
	}
	chain = append(chain, "setsar=1")
	if s.Dark {
		chain = append(chain, "eq=brightness=-0.2:contrast=0.5")
	}
	k := s.TrapAt
	switch s.Trap {
	case "flash":
		chain = append(chain, fmt.Sprintf("drawbox=x=0:y=0:w=iw:h=ih:color=white@0.9:t=fill:enable='eq(n,%d)'", k))
	case "flash2":
		chain = append(chain, fmt.Sprintf("drawbox=x=0:y=0:w=iw:h=ih:color=white:t=fill:enable='between(n,%d,%d)'", k, k+1))
	case "partflash":
		chain = append(chain, fmt.Sprintf("drawbox=x=0:y=0:w=iw:h=ih:color=white@0.5:t=fill:enable='eq(n,%d)'", k))
	case "ramp":
		chain = append(chain, fmt.Sprintf("eq=brightness='min(0.3,max(0,(n-%d)*0.006))':eval=frame", k))
	case "flicker":
		chain = append(chain, fmt.Sprintf("eq=brightness='0.07*sin(n*2*PI*7/%d)':eval=frame", FPS))
	}
	if s.FadeIn > 0 {
		chain = append(chain, fmt.Sprintf("fade=t=in:start_frame=0:nb_frames=%d", s.FadeIn))
	}
	if s.FadeOut > 0 {
		chain = append(chain, fmt.Sprintf("fade=t=out:start_frame=%d:nb_frames=%d", s.Frames-s.FadeOut, s.FadeOut))
	}
	chain = append(chain, "format=yuv420p")
	args := append([]string{}, in...)
	if s.Trap == "object" {
		// An image slides in from the left over 6 frames, fills the frame
		// for 8, and slides out to the right over 6.
		args = append(args, "-loop", "1", "-framerate", fmt.Sprint(FPS), "-i", src("HappyFish.jpg"))
		x := fmt.Sprintf("if(lt(n,%d),-w,if(lt(n,%d),-w+(n-%d)*w/6,if(lt(n,%d),0,if(lt(n,%d),(n-%d)*w/6,W))))", k, k+6, k-1, k+14, k+20, k+13)
		fc := fmt.Sprintf("[0:v]%s[base];[1:v]scale=%d:%d,setsar=1,format=yuv420p[obj];[base][obj]overlay=x='%s':y=0:eval=frame:shortest=1,format=yuv420p[v]",
			strings.Join(chain[:len(chain)-1], ","), Width, Height, x)
		args = append(args, "-filter_complex", fc, "-map", "[v]")
	} else {
		args = append(args, "-vf", strings.Join(chain, ","))
	}
	return append(args, "-an", "-r", fmt.Sprint(FPS), "-frames:v", fmt.Sprint(s.Frames), "-c:v", "ffv1", out)
}

// cameraMove is the filter chain that moves a camera over a video
// segment for Segment.Move: the picture is blown up 2× and a frame-sized
// window travels over it, with motion blur. "fastpan" and "fastpanleft"
// cross the whole picture in the segment's length (about 13 px a frame
// at 24 frames); "shake" is handheld jitter of up to about 30 px.
func cameraMove(s Segment) []string {
	var x, y, blur string
	switch s.Move {
	case "":
		return nil
	case "fastpan":
		x, y, blur = fmt.Sprintf("n*%d/%d", Width, max(1, s.Frames-1)), fmt.Sprint(Height/2), "3"
	case "fastpanleft":
		x, y, blur = fmt.Sprintf("%d-n*%d/%d", Width, Width, max(1, s.Frames-1)), fmt.Sprint(Height/2), "3"
	case "shake":
		x = fmt.Sprintf("%d+24*sin(n*0.9)+8*sin(n*2.9)", Width/2)
		y = fmt.Sprintf("%d+18*sin(n*1.3)+6*sin(n*3.7)", Height/2)
		blur = "2"
	}
	return []string{
		fmt.Sprintf("scale=%d:%d", 2*Width, 2*Height),
		fmt.Sprintf("crop=%d:%d:x='%s':y='%s'", Width, Height, x, y),
		"tmix=frames=" + blur,
	}
}

// zoompan animates a still image for Segment.Move.
func zoompan(s Segment) string {
	z, x := "1", "0"
	y := "ih/2-ih/zoom/2"
	switch s.Move {
	case "zoomin":
		z, x = "min(1.8,1+on*0.008)", "iw/2-iw/zoom/2"
	case "zoomout":
		z, x = "max(1,1.6-on*0.008)", "iw/2-iw/zoom/2"
	case "panright":
		z, x = "1.5", "min(iw-iw/zoom,on*3)"
	case "panleft":
		z, x = "1.5", "max(0,iw-iw/zoom-on*3)"
	case "whip":
		// A whip pan across the whole image in 6 frames.
		z, x = "2", fmt.Sprintf("if(lt(on,%d),0,if(lt(on,%d),(on-%d)*(iw-iw/zoom)/6,iw-iw/zoom))", s.TrapAt, s.TrapAt+6, s.TrapAt)
	}
	return fmt.Sprintf("zoompan=z='%s':x='%s':y='%s':d=1:s=%dx%d:fps=%d", z, x, y, Width, Height, FPS)
}

// assembleArgs joins the segment files with concat (cuts) and xfade
// (cross-dissolves) into an H.264 reel.
func assembleArgs(r Reel, parts []string, out string) []string {
	var args []string
	for _, p := range parts {
		args = append(args, "-i", p)
	}
	var fc []string
	// One time base everywhere: concat outputs AV_TIME_BASE, and xfade
	// wants both inputs alike.
	for i := range parts {
		fc = append(fc, fmt.Sprintf("[%d:v]settb=AVTB[s%d]", i, i))
	}
	cur := "[s0]"
	frames := r.Segments[0].Frames
	for i, j := range r.Joins {
		next := fmt.Sprintf("[s%d]", i+1)
		lbl := fmt.Sprintf("[c%d]", i)
		if j.Kind == "dissolve" {
			off := float64(frames-j.Frames) / FPS
			fc = append(fc, fmt.Sprintf("%s%sxfade=transition=fade:duration=%g:offset=%g%s", cur, next, float64(j.Frames)/FPS, off, lbl))
			frames += r.Segments[i+1].Frames - j.Frames
		} else {
			fc = append(fc, fmt.Sprintf("%s%sconcat=n=2:v=1:a=0%s", cur, next, lbl))
			frames += r.Segments[i+1].Frames
		}
		cur = lbl
	}
	fc = append(fc, cur+"format=yuv420p[v]")
	return append(args, "-filter_complex", strings.Join(fc, ";"), "-map", "[v]", "-an",
		"-c:v", "libx264", "-preset", "veryfast", "-crf", "18", "-g", "50", "-pix_fmt", "yuv420p", out)
}

// ffmpeg runs the ffmpeg CLI quietly.
func ffmpeg(ctx context.Context, args ...string) error {
	full := append([]string{"-hide_banner", "-nostdin", "-loglevel", "error", "-y"}, args...)
	out, err := exec.CommandContext(ctx, "ffmpeg", full...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("ffmpeg %s: %v: %s", strings.Join(args, " "), err, strings.TrimSpace(string(out)))
	}
	return nil
}

// GenerateSet makes every given reel in dir and returns the video paths
// (each with its truth next to it as .json).
func GenerateSet(ctx context.Context, dir string, set []Reel) ([]string, error) {
	var vids []string
	for _, r := range set {
		v, _, err := Generate(ctx, dir, r)
		if err != nil {
			return nil, err
		}
		vids = append(vids, v)
	}
	return vids, nil
}

// isVideo reports whether a source is a clip rather than a still.
func isVideo(name string) bool { return strings.HasSuffix(name, ".avi") }
