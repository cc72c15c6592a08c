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
//   - A clip's source_range covers its length on the track in the clip's
//     time: when the media's timecode base equals the timeline's (same rate,
//     or 23.976 in 24: frame for frame) it is written at the timeline rate
//     with the source in as value, so track positions are exact integers;
//     otherwise at the media's rate, with the duration scaled by
//     media/timeline rate (real time), which rescales exactly to the
//     track's frames.
//   - A speed change is a LinearTimeWarp with time_scalar = speed: as in
//     OTIO's own EDL reader, the source range keeps the track length and
//     the media used is length × time_scalar.
//   - ExternalReference.target_url is a file:// URL (percent-encoded);
//     available_range is the media's own range at its rate, starting at its
//     start timecode.
//   - Transitions keep in_offset/out_offset; a wipe is "SMPTE_Wipe" with
//     its code in metadata.
//   - Exact rationals (rates as num/den, drop-frame, content hashes) are
//     kept in metadata under "rushcut", since OTIO rates are floats.
package otio
