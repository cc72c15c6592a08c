package main

import (
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"

	"rushcut/media"
)

func init() {
	register(command{"probe", "probe FILE... [--json] [--stream N]       describe media files (the default video stream, or stream N)", cmdProbe})
}

// cmdProbe is `rushcut probe FILE... [--json]`.
func cmdProbe(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("probe", stderr)
	asJSON := fs.Bool("json", false, "print a JSON array, one object per file (schema in README)")
	stream := addStreamFlag(fs)
	files, err := parseArgs(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(files) == 0 {
		fmt.Fprintln(stderr, "usage: rushcut probe FILE... [--json]")
		return exitUsage
	}
	status := exitOK
	infos := []*media.Info{}
	for _, f := range files {
		info, err := media.ProbeStream(f, stream())
		if err != nil {
			fmt.Fprintln(stderr, "rushcut probe: "+oneLine(err))
			status = max(status, exitFor(err))
			continue
		}
		infos = append(infos, info)
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(infos); err != nil {
			fmt.Fprintln(stderr, "rushcut probe: writing JSON: "+oneLine(err))
			return exitFail
		}
		return status
	}
	if len(infos) > 0 {
		printProbeTable(stdout, infos)
	}
	return status
}

func printProbeTable(w io.Writer, infos []*media.Info) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "FILE\tCONTAINER\tVIDEO\tSIZE\tFPS\tFRAMES\tDURATION\tTIMECODE\tAUDIO")
	for _, i := range infos {
		video, size, fps, frames := "-", "-", "-", "-"
		if v := i.Video; v != nil {
			video = v.Codec
			size = fmt.Sprintf("%dx%d", v.Width, v.Height)
			if v.Rotation != 0 {
				size += fmt.Sprintf(" rot%d", v.Rotation)
			}
			if v.SAR.Num != v.SAR.Den {
				size += " sar" + v.SAR.String()
			}
			fps = fmt.Sprintf("%s (%.3f)", v.FrameRate, v.FrameRate.Float())
			if v.VFR {
				fps += " VFR"
			}
			frames = fmt.Sprint(v.Frames)
		}
		tc := "-"
		if i.Timecode != nil {
			tc = i.Timecode.Text
		}
		audio := "-"
		if a := i.Audio; a != nil {
			audio = fmt.Sprintf("%s %d Hz %dch", a.Codec, a.SampleRate, a.Channels)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%.3fs\t%s\t%s\n", i.Path, i.Container, video, size, fps, frames, i.DurationSeconds, tc, audio)
	}
	tw.Flush()
}
