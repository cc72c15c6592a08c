// Package fcpxml writes a timeline as Final Cut Pro 7 XML (xmeml version
// 5), the interchange that Premiere Pro and DaVinci Resolve still import.
//
// The sequence carries the timeline's rate (timebase + ntsc: 23.976 is
// timebase 24, ntsc TRUE), its start timecode (DF or NDF), a video track
// per edit.Video track and an audio track per edit.Audio track. Each clip
// is a clipitem with a file element (the first use of a file carries its
// name, pathurl, rate, duration, start timecode, reel and size; later uses
// refer to it by id). pathurl is a file://localhost URL with the path
// percent-encoded (spaces, '#', '%', non-ASCII as UTF-8 bytes).
//
// Timing follows xmeml: start/end are sequence frames from the sequence
// start; in/out are source frames at the clip's rate counted from the
// file's first frame (not its timecode). Next to a transition, start or
// end is -1 and in or out extends over the transition, as Final Cut Pro
// writes it; the transitionitem spans InOffset before the cut to OutOffset
// after it, with alignment start, center or end. Dissolves are "Cross
// Dissolve"; wipes are a generic "Wipe" carrying the SMPTE wipe code. A
// speed effect is a "Time Remap" filter with speed in percent, and out−in
// is the media actually used (record frames × speed). Clip markers are
// marker elements at source frames. Audio clipitems name their source
// channel (trackindex 1 or 2 for tracks A1/A2).
//
// Rates must be integers or NTSC rates (n×1000/1001); others are refused.
// Media of another rate than the sequence keep their own rate on the
// clipitem; how the NLE conforms them is its own rule.
package fcpxml
