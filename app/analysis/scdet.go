package analysis

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"strconv"
	"strings"

	"rushcut/media"
	"rushcut/vision"
)

// DefaultScdetThreshold is ffmpeg's own default for its scdet filter.
const DefaultScdetThreshold = 10.0

// Scdet runs ffmpeg's scdet scene-change filter (the ffmpeg CLI on PATH)
// on path's analysed video stream and returns the frames it flags as cuts, for side-by-side
// comparison. Frame numbers are the filter's own decoded-frame counter, so
// they are 0-based presentation-order indexes like Rushcut's.
func Scdet(ctx context.Context, path string, threshold float64, stream media.Stream) ([]vision.Transition, error) {
	vf := fmt.Sprintf("scdet=threshold=%g,metadata=mode=print:file=-", threshold)
	args := []string{"-hide_banner", "-nostats", "-v", "error", "-i", path, "-an"}
	// The stream Rushcut analyses (the default one), which the ffmpeg CLI
	// would not pick by itself in every file.
	if info, err := media.ProbeStream(path, stream); err == nil && info.Video != nil {
		args = append(args, "-map", fmt.Sprintf("0:%d", info.Video.Index))
	}
	args = append(args, "-vf", vf, "-f", "null", "-")
	cmd := exec.CommandContext(ctx, "ffmpeg", args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("ffmpeg scdet on %s: %v: %s", path, err, strings.TrimSpace(errb.String()))
	}
	return parseScdet(out.Bytes()), nil
}

// parseScdet reads metadata=print output: a "frame:N pts:… pts_time:…"
// line, then the frame's keys; scdet adds "lavfi.scd.time" only to the
// frames it flags, after their "lavfi.scd.score".
func parseScdet(b []byte) []vision.Transition {
	var ts []vision.Transition
	frame := -1
	score := 0.0
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "frame:") {
			f := strings.Fields(strings.TrimPrefix(line, "frame:"))
			if len(f) > 0 {
				frame, _ = strconv.Atoi(f[0])
			}
			continue
		}
		if v, ok := strings.CutPrefix(line, "lavfi.scd.score="); ok {
			score, _ = strconv.ParseFloat(v, 64)
			continue
		}
		if strings.HasPrefix(line, "lavfi.scd.time=") && frame >= 0 {
			ts = append(ts, vision.Transition{Kind: vision.Cut, Frame: frame, Start: frame, End: frame, Confidence: min(1, score/100)})
		}
	}
	return ts
}
