// Package fcpxml writes a timeline as FCPXML 1.10, the interchange format
// of Final Cut Pro (10.6+), which DaVinci Resolve imports too: what NLE
// users mean by "FCPXML" (Final Cut Pro 7's older xmeml is package
// xmeml).
//
// The document holds resources (a format per frame rate and picture
// size, an asset per media file with its source timecode as start, its
// length and rate, and a media-rep pointing at the file; the Cross
// Dissolve effect) and a library → event → project → sequence whose
// spine holds the video track:
//   - a clip is an asset-clip: offset is its place in the sequence
//     (sequence tcStart + record position), duration its record length,
//     start the source in (the media's timecode time, as the asset's
//     start is);
//   - a gap is a gap element;
//   - a dissolve or wipe is a transition (Cross Dissolve; FCPXML has no
//     SMPTE wipe codes, so a wipe is named "Wipe NNN" and dissolves),
//     placed from InOffset before the cut to OutOffset after it; the
//     clips keep their places, as Final Cut Pro writes it; a fade from
//     or to black is a transition at the spine's edge or next to a gap;
//   - speed is a timeMap on the clip: local time (which advances with the
//     sequence) maps linearly to source time at the clip's speed, through
//     the source in, over the clip and its transition handles;
//   - media of another rate whose nominal rate matches (23.976 in 24)
//     plays frame for frame: a conform-rate with scaleEnabled; other
//     rates conform in real time (Final Cut Pro's default);
//   - markers are marker elements at the clip's local time; effects
//     FCPXML cannot carry exactly become markers naming them with their
//     parameters: a CDL ("COLOR", note "ASC_SOP (…)(…)(…) ASC_SAT s"; the
//     colourist gets the .cdl/.ccc files of package cdl), stabilize and
//     flash removal.
//
// Every time is a rational number of seconds ("1001/24000s", "3600s"),
// exact: sequence times are whole frames of the sequence's frame
// duration, asset and source times whole frames of the media's. Only one
// video track is written (the spine); the asset-clips carry their media's
// audio. A timeline with more video tracks is refused.
package fcpxml
