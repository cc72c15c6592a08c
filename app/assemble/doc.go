// Package assemble is the logic behind "rushcut assemble": it probes video
// files, builds an edit.Timeline and exports it as a CMX3600 EDL, FCP 7
// XML (xmeml), FCPXML 1.10 or OpenTimelineIO file, with the colourist's
// ASC .cdl/.ccc files on request.
//
//	rushcut assemble DIR|FILE... -o OUT.edl|OUT.xml|OUT.fcpxml|OUT.otio
//	    [--format edl|xmeml|fcpxml|otio] [--record-start 01:00:00:00]
//	    [--rate 24000/1001] [--drop-frame] [--title T] [--audio none|A|A2|AA]
//	    [--cdl DIR [--ccc]]
//
// The main package parses the command line into Options (Options.Check
// fills the format from the extension and normalises the rest); this
// package takes only typed options. Options.Effects is the hook that puts
// effect suggestions (dissolves, fades, speed, colour, stabilize, flash
// removal) onto the cut before it is written.
//
// For now the timeline is plain, not smart: every video file given, or
// found directly inside a given folder (not in subfolders; by extension,
// hidden files skipped), each used whole, cut to cut, in order of source
// start timecode (compared in real time across rates) then file name.
// The smart rough cut comes later and will hand its own Timeline to
// Export.
//
// Time: the timeline rate is --rate, or else the rate most of the sources
// share (ties go to the earliest source), taken at its timecode rate when
// above 60 fps (120 → 60, 119.88 → 59.94, 100 → 50; see TimelineRate),
// the rate NLE timelines and EDLs use for high-frame-rate sources. Sources
// of another rate conform to it (see edit.SourceFrames): frame for frame
// when the nominal rates match (23.976 in 24), in real time otherwise
// (120 in 60: two frames per record frame); their source ranges stay in
// their own rate and timecode. Above 60 fps timecode counts at that lower
// base (a 120 fps file's 10:00:00:00 is read at 60, or ffmpeg's
// 10:00:00:000 at 120, to the same frame), so a clip of such a source, or
// in such a timeline, is cut on frames with timecode of their own, with a
// warning when that leaves frames out (see PlainTimeline). A variable-frame-rate source is taken at
// its nominal rate, with a warning. A source without timecode starts at
// 00:00:00:00, with a warning and an EDL comment. The timeline's timecode
// is drop-frame with --drop-frame (or a ';' in --record-start), which the
// rate must allow, and non-drop with --drop-frame=false; without either
// it follows the sources: drop-frame when the rate can drop and every
// source with timecode at a rate that can drop is drop-frame (see
// SourcesDropFrame). It starts at --record-start (default 01:00:00:00).
//
// Audio: --audio AA (the default) puts each source's channels 1 and 2 on
// audio tracks A1 and A2 under its picture (AA/V in an EDL), A only
// channel 1 (B), A2 only channel 2 (A2/V), none no audio (V). A source
// without audio, or with one channel, simply has no clip on the tracks it
// lacks.
//
// Output: the format comes from --format or the extension, named as NLEs
// name them: .edl (edl), .xml (xmeml: Final Cut Pro 7 XML, for Premiere
// and Resolve), .fcpxml (fcpxml: FCPXML 1.10, for Final Cut Pro and
// Resolve), .otio (otio); "-o -" writes to stdout and needs --format.
// --cdl DIR also writes the cut's colour corrections there: one ASC .cdl
// per corrected clip, or with --ccc one .ccc collection named after the
// title. Files are written
// atomically: a temporary file in the same folder, synced, then renamed.
// Progress and warnings go to stderr. Exit status 0 on success, 1 when
// the timeline cannot be built or written, 2 for bad usage or an
// unreadable input, with a one-line error naming the file and the reason.
package assemble
