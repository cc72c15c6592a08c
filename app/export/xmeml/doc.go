// Package xmeml writes a timeline as Final Cut Pro 7 XML (xmeml version
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
// fade from or to black is a Cross Dissolve at the clip's edge facing
// nothing (alignment start or end), as Final Cut Pro 7 fades; the clip
// keeps its start/end (no handle needed). A speed effect is a "Time
// Remap" filter with speed in percent, and out−in is the media actually
// used (record frames × speed). Clip markers are marker elements at
// source frames. Effects xmeml has no filter for become a marker at the
// clip's first frame naming the effect (COLOR, STABILIZE, FLASH_REMOVE)
// with its parameters in the comment ("ASC_SOP (…)(…)(…) ASC_SAT s",
// "crop=0.062 radius=15"); the CDL itself goes to the colourist as .cdl
// or .ccc files (package cdl). Audio clipitems name their source
// channel (trackindex 1 or 2 for tracks A1/A2).
//
// Rates must be integers or NTSC rates (n×1000/1001); others are refused.
// A file element always states the media's own rate. Media that play
// frame for frame in the sequence (the nominal rates match: 23.976 in
// 24, 29.97 in 30, 59.94 in 60) get a clipitem rate equal to the
// sequence's, and their file timecode is counted at it too (frame and
// string unchanged; drop-frame only where the sequence rate allows it):
// a reader such as OpenTimelineIO's fcp_xml adapter reads start/end at
// the sequence rate, the source duration as that record duration
// rescaled to the clipitem rate, and the source start as in (clipitem
// rate) + file timecode frame (timecode rate). With the media's rate on
// the clipitem a 7,193-frame 23.976 clip in a 24 sequence read as
// 7,185.8 source frames and its start drifted by 0.1% of its timecode.
// Other media (real-time conform, 25 in 23.976) keep their own rate on
// the clipitem, which gives the EDL's source frames in real time. Above
// 60 fps (a 120 fps source: timebase 120) in, out and the timecode frame
// count the media's frames, while the timecode string counts at its
// timecode base as the EDL writes it (frame 4,320,060 at 120 is
// 10:00:00:30; see the timecode package).
package xmeml
