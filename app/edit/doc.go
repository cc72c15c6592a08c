// Package edit is Rushcut's edit model: the timeline that suggestions change,
// the UI shows and the exporters (EDL, FCP 7 XML, FCPXML, OpenTimelineIO)
// write.
//
// It follows OpenTimelineIO's names and time model. A Rate is an exact
// rational (30000/1001). Every position and length is an integer frame
// count at a rate; seconds appear only at the edges. A Timeline holds
// Tracks; a Track holds Items: Clips, Gaps and Transitions. A Clip plays a
// MediaReference from SourceIn for Duration frames of the timeline, with
// Effects (speed is the key one) and Markers. A Transition sits between two
// clips like an OTIO Transition: InOffset frames before the cut, OutOffset
// after it; it takes no time of its own on the track. Every item has a
// stable ID (Timeline.EnsureIDs hands out missing ones; Clone keeps them)
// and may carry the Provenance of the suggestion that made it and free-form
// Metadata.
//
// Two clocks meet in a Clip, and the package keeps them apart:
//   - record time: Clip.Duration, Gap.Duration, transition offsets and
//     marker positions are frames at the Timeline's rate;
//   - source time: Clip.SourceIn and MediaReference.Start/Duration are frames
//     at the media's own rate, counted like the media's timecode (the first
//     frame of a file whose timecode starts at 01:00:00:00 is frame 86400
//     at 24 fps), as OTIO's available_range does.
//
// The media a clip consumes follows from its record length (see
// SourceFrames): record frames × speed, conformed to the media's rate.
// Media whose nominal rate equals the timeline's (23.976 in a 24 timeline,
// 29.97 in 30) conform frame for frame; other rates conform in real time
// (a 50 fps source in a 25 fps timeline consumes two frames per timeline
// frame). A variable-frame-rate source is described at its nominal rate.
package edit
