package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"

	"rushcut/app/doc"
	"rushcut/app/edit"
	"rushcut/app/effects"
	"rushcut/app/preview"
	"rushcut/media"
)

func init() {
	register(command{name: "preview", usage: previewUsage, run: cmdPreview})
}

const previewUsage = "preview P.rushcut SUGGESTION-ID -o OUT.mp4 | preview --file F --in N --out N --effect KIND[:k=v,...] [--from F --from-out N] -o OUT.mp4   [--still OUT.png] [--width 960] [--layout split|wipe|after] [--seconds 10]   before/after preview of an effect"

// cmdPreview is `rushcut preview`: it renders the before/after clip (and
// still) of an effect suggestion of a project, or of an effect given on
// the command line, and copies them from the preview cache to -o/--still.
func cmdPreview(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("preview", stderr)
	out := fs.String("o", "", "the before/after MP4 to write")
	still := fs.String("still", "", "also write the before/after still (PNG)")
	width := fs.Int("width", preview.DefaultWidth, "width of the rendered frames")
	layout := fs.String("layout", string(preview.Split), "split (divider at the middle), wipe (moving divider) or after (the effect alone)")
	seconds := fs.Float64("seconds", preview.DefaultMaxSeconds, "longest clip, in seconds")
	file := fs.String("file", "", "direct form: the media file")
	in := fs.Int("in", 0, "direct form: first frame (0 is the file's first)")
	outFrame := fs.Int("out", -1, "direct form: frame after the last (default: the file's end)")
	effect := fs.String("effect", "", "direct form: "+effectSpecHelp)
	from := fs.String("from", "", "direct form, dissolve or wipe: the outgoing clip's file (default: --file)")
	fromOut := fs.Int("from-out", -1, "direct form, dissolve or wipe: the outgoing clip's out point (frame after its last)")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return exitUsage
	}
	usageErr := func(msg string) int {
		fmt.Fprintln(stderr, "rushcut preview: "+msg)
		fmt.Fprintln(stderr, "usage: rushcut "+previewUsage)
		return exitUsage
	}
	if *out == "" {
		return usageErr("-o OUT.mp4 is required")
	}
	var req preview.Request
	switch {
	case *file != "" && len(pos) == 0:
		if *effect == "" {
			return usageErr("--effect is required with --file")
		}
		e, err := parseEffectSpec(*effect)
		if err != nil {
			return usageErr(*effect + ": " + err.Error())
		}
		end := *outFrame
		if end < 0 {
			n, err := frameCount(*file)
			if err != nil {
				fmt.Fprintln(stderr, "rushcut preview: "+oneLine(err))
				return exitFor(err)
			}
			end = n
		}
		req.Source = preview.Source{Path: *file, In: *in, Out: end}
		if e.Kind == preview.Dissolve || e.Kind == preview.EdgeWipe {
			e.From = preview.Source{Path: *file, Out: *fromOut}
			if *from != "" {
				e.From.Path = *from
			}
		}
		req.Effect = e
	case *file == "" && len(pos) == 2:
		r, code := suggestionRequest(pos[0], pos[1], stderr)
		if code != exitOK {
			return code
		}
		req = r
	default:
		return usageErr("give P.rushcut SUGGESTION-ID, or --file with --effect")
	}
	req.Width, req.Layout, req.MaxSeconds = *width, preview.Layout(*layout), *seconds

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	bar := newProgressBar(stderr, "rushcut preview: "+string(req.Effect.Kind)+" "+filepath.Base(req.Source.Path))
	res, err := preview.Render(ctx, req, preview.Options{Progress: bar.update})
	bar.done()
	if err != nil {
		fmt.Fprintln(stderr, "rushcut preview: "+oneLine(err))
		if errors.Is(err, preview.ErrBadRequest) {
			return exitUsage
		}
		return exitFor(err)
	}
	if err := preview.CopyTo(res.Clip, *out); err != nil {
		fmt.Fprintln(stderr, "rushcut preview: "+oneLine(err))
		return exitFail
	}
	if *still != "" {
		if err := preview.CopyTo(res.Still, *still); err != nil {
			fmt.Fprintln(stderr, "rushcut preview: "+oneLine(err))
			return exitFail
		}
	}
	note := ""
	if req.Effect.Kind == preview.Stabilize {
		note = fmt.Sprintf(", crop %.1f%%", 100*res.Crop)
	}
	if res.Cached {
		note += " (cached)"
	}
	fmt.Fprintf(stdout, "%s: %d frames %dx%d at %s fps%s\n", *out, res.Frames, res.Width, res.Height, res.Rate, note)
	return exitOK
}

// suggestionRequest opens the project and makes the request for one of
// its effect suggestions.
func suggestionRequest(project, id string, stderr io.Writer) (preview.Request, int) {
	p, _, err := doc.Open(project)
	if err != nil {
		fmt.Fprintln(stderr, "rushcut preview: "+oneLine(err))
		return preview.Request{}, exitUsage
	}
	e, ok := p.Suggestions.Get(id)
	if !ok {
		fmt.Fprintf(stderr, "rushcut preview: %s: no suggestion %q (rushcut effects %s lists them)\n", project, id, project)
		return preview.Request{}, exitUsage
	}
	if !effects.IsEffect(e.Kind) {
		fmt.Fprintf(stderr, "rushcut preview: %s: suggestion %s is a %s, not an effect\n", project, id, e.Kind)
		return preview.Request{}, exitUsage
	}
	req, err := preview.FromSuggestion(e, p.Ref)
	if err != nil {
		fmt.Fprintf(stderr, "rushcut preview: %s: %s\n", project, oneLine(err))
		return preview.Request{}, exitUsage
	}
	return req, exitOK
}

// frameCount is the number of frames in path, from a probe.
func frameCount(path string) (int, error) {
	info, err := media.Probe(path)
	if err != nil {
		return 0, err
	}
	if info.Video == nil {
		return 0, &media.InputError{Path: path, Reason: "no video stream", Err: media.ErrNoVideo}
	}
	return int(info.Video.Frames), nil
}

const effectSpecHelp = "stabilize[:radius=15,crop=0.1] | color:slope=R/G/B,offset=R/G/B,power=R/G/B,sat=S | speed:speed=1/2[,flow=true] | flash_remove:frames=N/N/... | dissolve:in-offset=N,out-offset=N (with --from-out) | wipe:in-offset=N,out-offset=N,direction=right|left|down|up (with --from-out) | fade_in:frames=N | fade_out:frames=N"

// parseEffectSpec reads KIND[:key=value,...].
func parseEffectSpec(spec string) (preview.Effect, error) {
	kind, rest, _ := strings.Cut(spec, ":")
	e := preview.Effect{Kind: preview.Kind(strings.ReplaceAll(kind, "-", "_"))}
	kv := map[string]string{}
	if rest != "" {
		for _, part := range strings.Split(rest, ",") {
			k, v, ok := strings.Cut(part, "=")
			if !ok {
				return e, fmt.Errorf("%q is not key=value", part)
			}
			kv[k] = v
		}
	}
	known := map[preview.Kind][]string{
		preview.Stabilize: {"radius", "crop"}, preview.Color: {"slope", "offset", "power", "sat"},
		preview.Speed: {"speed", "flow"}, preview.FlashRemove: {"frames"},
		preview.Dissolve: {"in-offset", "out-offset"}, preview.EdgeWipe: {"in-offset", "out-offset", "direction"},
		preview.FadeIn: {"frames"}, preview.FadeOut: {"frames"},
	}
	keys, ok := known[e.Kind]
	if !ok {
		return e, fmt.Errorf("unknown effect %q (%s)", kind, effectSpecHelp)
	}
	for k := range kv {
		if !contains(keys, k) {
			return e, fmt.Errorf("%s has no parameter %q (it takes %s)", kind, k, strings.Join(keys, ", "))
		}
	}
	var err error
	num := func(k string, def float64) float64 {
		v, ok := kv[k]
		if !ok || err != nil {
			return def
		}
		f, perr := strconv.ParseFloat(v, 64)
		if perr != nil {
			err = fmt.Errorf("%s=%q is not a number", k, v)
		}
		return f
	}
	triple := func(k string, def float64) [3]float64 {
		out := [3]float64{def, def, def}
		v, ok := kv[k]
		if !ok || err != nil {
			return out
		}
		f := strings.Split(v, "/")
		if len(f) == 1 {
			f = []string{f[0], f[0], f[0]}
		}
		if len(f) != 3 {
			err = fmt.Errorf("%s=%q is not R/G/B", k, v)
			return out
		}
		for i, s := range f {
			if out[i], err = strconv.ParseFloat(s, 64); err != nil {
				err = fmt.Errorf("%s=%q is not R/G/B numbers", k, v)
				return out
			}
		}
		return out
	}
	switch e.Kind {
	case preview.Stabilize:
		e.Radius, e.MaxCrop = int(num("radius", preview.DefaultRadius)), num("crop", preview.DefaultMaxCrop)
	case preview.Color:
		e.CDL = edit.CDL{Slope: triple("slope", 1), Offset: triple("offset", 0), Power: triple("power", 1), Sat: num("sat", 1)}
	case preview.Speed:
		s, ok := kv["speed"]
		if !ok {
			return e, fmt.Errorf("speed needs speed=NUM/DEN (1/2: half speed)")
		}
		if e.Speed, err = effects.ParseRatio(s); err != nil {
			return e, err
		}
		e.Flow = kv["flow"] == "true"
	case preview.FlashRemove:
		for _, s := range strings.Split(kv["frames"], "/") {
			n, perr := strconv.Atoi(s)
			if perr != nil {
				return e, fmt.Errorf("frames=%q is not frame numbers N/N/...", kv["frames"])
			}
			e.Frames = append(e.Frames, n)
		}
	case preview.Dissolve:
		e.InOffset, e.OutOffset = int(num("in-offset", 12)), int(num("out-offset", 12))
	case preview.EdgeWipe:
		e.InOffset, e.OutOffset = int(num("in-offset", 12)), int(num("out-offset", 12))
		e.Direction = "right"
		if d, ok := kv["direction"]; ok {
			e.Direction = d
		}
	case preview.FadeIn, preview.FadeOut:
		e.Length = int(num("frames", 24))
	}
	return e, err
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
