// Package otio writes a timeline as OpenTimelineIO JSON (.otio) with the
// schema versions OpenTimelineIO 0.17 and 0.18 write: Timeline.1, Stack.1,
// Track.1, Clip.2 (media_references with DEFAULT_MEDIA and
// active_media_reference_key), ExternalReference.1, Gap.1, Transition.1,
// LinearTimeWarp.1, Effect.1, Marker.2, TimeRange.1 and RationalTime.1.
// Keys come in the order OTIO writes them and every time value is a JSON
// float, as OTIO's serializer writes it.
//
// Time mapping:
//   - global_start_time is the timeline's start timecode at its rate.
//   - A clip's source_range is in the media's time, at the media's rate,
//     like its available_range: it starts at the source in (a frame count
//     of the media's timecode) and its duration is the clip's length on
//     the track in media time (record frames × media rate / timeline
//     rate), which rescales exactly to the track's frames.
//   - A speed change is a LinearTimeWarp with time_scalar = speed: as in
//     OTIO's own EDL reader, the source range keeps the track length and
//     the media used is duration × time_scalar.
//   - Frame for frame (the nominal rates match but the rates differ:
//     24 in 23.976, 29.97 in 30, 59.94 in 60) the media plays one frame per
//     timeline frame, i.e. at timeline/media rate of its real speed. The
//     track length in media time is record × media/timeline frames, so
//     the media used is that duration × timeline/media = the record
//     frames exactly. That factor is written as a LinearTimeWarp (the
//     first speed effect's time_scalar is multiplied by it, or a warp of
//     its own comes first when the clip has none), with the exact ratio
//     in metadata "rushcut": {"conform": "1000/1001"}; the product of the
//     clip's time_scalars is always speed × conform. Writing the source
//     range at the timeline rate instead would put a source in of
//     02:00:00:00 (172800 @ 24) at 172800 @ 23.976, 172.8 frames into
//     the media as OTIO reads it.
//   - ExternalReference.target_url is a file:// URL (percent-encoded);
//     available_range is the media's own range at its rate, starting at its
//     start timecode.
//   - Transitions keep in_offset/out_offset; a wipe is "SMPTE_Wipe" with
//     its code in metadata. A fade from or to black is an SMPTE_Dissolve
//     at the track's edge or next to a gap (in_offset 0 for a fade in,
//     out_offset 0 for a fade out) with metadata "rushcut": {"kind":
//     "fade_in"|"fade_out"}.
//   - Effects other than speed are Effect.1 named by kind (color,
//     stabilize, flash_remove) with their parameters in metadata; a colour
//     correction's CDL is also the clip's metadata "cdl": {"asc_sat",
//     "asc_sop": {"slope", "offset", "power"}}, the form OTIO's cmx_3600
//     adapter reads from and writes to ASC_SOP/ASC_SAT lines.
//   - Exact rationals (rates as num/den, drop-frame, content hashes) are
//     kept in metadata under "rushcut", since OTIO rates are floats.
//   - A clip's, gap's or transition's Rushcut ID, the provenance of the
//     suggestion that made it ({"suggestion", "cue", "model",
//     "confidence"}) and its free-form metadata are kept in its metadata
//     under "rushcut" as "id", "provenance" and "metadata".
package otio
