// Package edl writes and reads CMX3600 edit decision lists, the format
// Avid, Premiere and Resolve conform from: they relink each event to the
// camera original by reel name and source timecode, so every number here
// is exact integer frame arithmetic.
//
// # Writing
//
// Write (or Build then List.WriteTo) turns an edit.Timeline into an EDL:
//
//	TITLE: My cut
//	FCM: NON-DROP FRAME
//
//	001  A001C003 V     C        14:02:10:05 14:02:14:05 01:00:00:00 01:00:04:00
//	* FROM CLIP NAME:  A001C003_take 2
//	* SOURCE FILE: /rushes/day1/A001C003_take 2.mov
//
// Rules the writer follows:
//   - The timeline must have exactly one video track; up to two audio tracks
//     whose clips sit exactly under the video clips (same media, source in
//     and length) add A1/A2 to those events' channel field: V, B (V+A1),
//     A2/V or AA/V. Audio edits of their own cannot be written (use FCP XML
//     or OTIO).
//   - Timecode base comes from the rational rate (24000/1001 → 24,
//     30000/1001 → 30, 60000/1001 → 60). The header FCM line states the
//     record mode: a drop-frame timeline writes "FCM: DROP FRAME" and its
//     record timecodes and "* LOC:" locators with ';' before the frames.
//     Separators always agree with the FCM line that governs them, so
//     readers that follow the FCM (Avid's EDL Manager) and readers that
//     follow the ';' (OpenTimelineIO) read the same frames.
//   - Above 60 fps timecode counts at a base of 60 or less that divides
//     the rate, as NLEs and SMPTE ST 12-3 count high-frame-rate material
//     (timecode.Base: 120 and 119.88 → 60, 100 → 50, 240 → 60), so every
//     timecode has two frame digits; the real rate is kept in the frame
//     counts and in the "* SOURCE RATE:" comment. One timecode frame then
//     spans several frames (timecode.Step: 2 at 120): frame 10:00:00:01
//     of a 120 fps source is two frames after 10:00:00:00, and Read gives
//     back frames at the real rate. A source or record in/out or a
//     locator between two timecode frames (an odd frame at 120: 25 frames
//     of a 24 fps timeline are 125 frames of a 120 fps source) cannot be
//     stated and is refused with a message; assemble cuts whole sources
//     on timecode frames. A 120 fps source in a 60 fps timeline conforms
//     in real time, two frames per record frame, so its source and record
//     timecodes advance together. A transition's duration counts record
//     timecode frames; M2 speeds count source timecode frames.
//   - Mixed drop/non-drop sources get per-event FCM lines: CMX3600 lets an
//     FCM line before an event change the mode of that event's source
//     timecodes (record timecodes and locators keep the header's). The
//     writer puts one before every event whose source mode (at a rate that
//     can drop) differs from the last FCM line written. A transition
//     between a drop-frame and a non-drop-frame source cannot be stated
//     with one FCM line per event and is refused with a message.
//   - A drop-frame source that plays frame for frame in a timeline whose
//     rate cannot drop (29.97 DF in 30, 59.94 DF in 60) is written in the
//     timeline's counting: non-drop, the same frame count, so a reader
//     that takes one rate for the whole list can read it. A drop-frame
//     source conformed in real time (29.97 DF in 25) keeps its ';' under
//     its own FCM line.
//   - A variable-frame-rate source is timed by its timestamps at its
//     nominal rate (media.VideoInfo.FrameRate: the header rate when every
//     frame falls on its grid, else the median frame duration snapped to a
//     standard rate), as time-based NLEs (Premiere, Resolve) conform it:
//     the decoded frame at t seconds from the first is source frame
//     round(t × rate), and the whole file spans SpanFrames, not its count
//     of decoded frames. A 30 fps file with every 5th frame dropped (96
//     frames over 3.97 s) spans 119 frames: 00:00:00:00-00:00:03:29.
//   - Source in/out are in the media's own timecode (its start timecode from
//     probe; 00:00:00:00 and a "* NO SOURCE TIMECODE" comment when it has
//     none), at the media's own timecode base. Record in/out start at the
//     timeline's start timecode (01:00:00:00 by default in assemble).
//   - Media whose rate differs from the timeline's get a
//     "* SOURCE RATE: num/den" comment. Rates of the same nominal rate
//     (23.976 in 24, 119.88 in 120) conform frame for frame so source and record durations match; other
//     rates conform in real time (see edit.SourceFrames), so their source
//     and record durations differ without an M2. Note that OpenTimelineIO's
//     reader uses one rate for the whole EDL and refuses such events.
//   - A speed change writes an M2 line "M2   REEL     048.0  HH:MM:SS:FF":
//     the speed in source timecode frames per second (speed × the media's
//     timecode base: 48.0 for 2× at 24, 120.0 for 2× at 120, whose
//     timecode counts at 60; exact to 0.1 fps or the writer refuses), and the entry
//     timecode (the source in) written with ':' separators even for
//     drop-frame, because OpenTimelineIO's reader fails on ';' there. The
//     source out is the media actually used: record duration × speed.
//   - A transition writes a two-line event: a zero-length cut on the
//     outgoing reel at the frame where the transition starts, then a D
//     (dissolve) or Wxxx (SMPTE wipe code) line with the duration in frames
//     on the incoming reel. As in every CMX reader, the transition starts at
//     the incoming event's record in; an OTIO-style transition centred on
//     the cut (InOffset > 0) is written by moving that event's record and
//     source in back by InOffset. A transition cannot open a track.
//   - What a W or D line cannot state is named in a YELLOW locator at the
//     transition's record in, which NLEs show as a marker: a reversed wipe
//     pattern (edit.Transition Metadata "reverse": true) as "W001 REVERSE:
//     wipe right to left" (the code field stays Wnnn: this package's
//     reader, OpenTimelineIO's (W followed by three digits) and
//     fixed-field readers take no suffix, and SMPTE 258M, like SMIL's
//     barWipe, makes reverse an attribute of a pattern, not a code of its
//     own), and a dip through a colour (Metadata "dip": white, #rrggbb)
//     as "DIP TO WHITE: ..." or "DIP TO COLOR #2f4ea0: ..." on the dissolve
//     it is written as.
//   - Reel names are at most 8 characters of A–Z, 0–9 and '_', derived
//     from the media's reel/tape tag or else its file name, unique per file
//     (a clash gets a "_2", "_3"… suffix) and never a special source name
//     (BL, BLACK, BARS, AX, AUX). "* FROM CLIP NAME:" (and "* TO CLIP NAME:"
//     for a transition's incoming side) and "* SOURCE FILE:" carry the full
//     name and path.
//   - A fade from black (edit.FadeIn) is written as NLEs write it: a
//     zero-length line on reel BL at the event's record in, then the
//     clip's D line with the fade's length. A fade to black (edit.FadeOut)
//     ends the clip's event the fade's length early and adds an event of
//     its own: a zero-length line on the clip's reel at its out, then a D
//     line into BL (source 00:00:00:00 for the fade's length). Black is
//     counted at the timeline's rate and mode.
//   - A colour correction (edit.EffectColor) writes "* ASC_SOP (s s s)(o o
//     o)(p p p)" and "* ASC_SAT s" under its event, each number in the
//     shortest decimal that reads back exactly; OpenTimelineIO's reader
//     turns them into the clip's "cdl" metadata. One per event.
//   - Clip markers become "* LOC: HH:MM:SS:FF COLOR name" locator comments
//     at record timecode (';' on a drop-frame timeline). Stabilize and
//     flash removal, which CMX3600 has no code for, become YELLOW locators
//     at the event's first frame with their parameters ("EFFECT:
//     stabilize crop=0.062 radius=15"), which NLEs show as markers; other
//     effects become "* EFFECT:" comments.
//   - Gaps are not written as events: the record timecode jumps over them.
//   - CMX3600 numbers events 001–999. A timeline needing more than 999
//     events is refused with a clear message (it is not split): export FCP
//     XML or OTIO instead, or split the timeline.
//
// Before writing, the timeline is validated (edit.Timeline.Validate) and so
// is the built list (List.Validate): events numbered in order, record
// ranges sorted and not overlapping, record and source timecode within one
// day, source/record durations consistent with speed and rate, source
// ranges (transition handles included) inside the media, timecode fields in
// range and on a timecode frame. An invalid timeline is refused with an error that names the
// event and clip; nothing is written.
//
// # Reading
//
// Read parses the same format at a given rate (an EDL does not state its
// rate). A timecode is drop-frame when it uses ';' before the frames; an
// EDL that uses no ';' anywhere follows its FCM lines instead: the header
// FCM for record timecodes, the FCM in force before an event for its
// source timecodes. A locator written with ':' follows the header FCM.
// Timecode at a rate above 60 fps (the record rate, or a "* SOURCE RATE:")
// is read at its timecode base and returned as frames at the real rate,
// and a transition's duration as record frames. It rejects
// malformed timecodes (frames beyond the base, seconds ≥ 60, short text,
// ';' at a rate without drop-frame), event lines that are not edits (the
// wrong number of fields, an unknown edit type, a transition without its
// outgoing line) and unreadable M2 lines, naming the line and why. Everything
// else NLEs write is read: comments with or without '*' ("FROM CLIP NAME:
// shot1"), "EFFECTS NAME IS CROSS DISSOLVE", "AUD  3", Avid's "* FROM
// CLIP:" and Nucoda's "* FROM FILE:" (the source file), "*ASC_SOP" and
// "*ASC_SAT" with or without a colon (List.Events[i].CDL), six-digit event
// numbers and any reel text. A line Read does not know is kept as a
// comment with a warning (List.Warnings), as are malformed locators, CDLs
// and source rates. Read does not judge the edit: List.Validate does, as
// strictly as the writer; List.Timeline turns what was read into an
// edit.Timeline (fades, dissolves, wipes, M2 speeds, CDLs and effects),
// with warnings where the list disagrees with itself.
//
// testdata/otio holds real-world EDLs from OpenTimelineIO's CMX 3600
// adapter tests (Avid, Premiere, Nucoda, screening tools); all of them
// read into valid timelines.
package edl
