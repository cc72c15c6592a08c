package edl

import (
	"strings"

	"rushcut/app/edit"
)

// MaxEvents is the largest event number CMX3600 can write.
const MaxEvents = 999

// EditType is the edit field of an event line.
type EditType string

// Edit types.
const (
	Cut      EditType = "C"
	Dissolve EditType = "D"
	Wipe     EditType = "W"
)

// List is a CMX3600 edit decision list.
type List struct {
	// Title is the TITLE: line.
	Title string
	// Rate is the record (timeline) rate. The EDL text does not carry it.
	Rate edit.Rate
	// DropFrame is the FCM: line and the record timecode mode.
	DropFrame bool
	// Events are in record order.
	Events []Event
	// Header holds comment lines found before the first event (the writer
	// writes none: some readers reject them).
	Header []string
	// Warnings are what Read kept or skipped without refusing the list:
	// lines it did not know (kept as comments), malformed comments, each
	// naming its line. The writer ignores them.
	Warnings []string
}

// Event is one numbered edit: a cut, or a transition into a new source.
type Event struct {
	// Num is the event number (1–999).
	Num int
	// Channels is the channel field: V, A, A2, AA, B, A2/V or AA/V.
	Channels string
	// Type is Cut, Dissolve or Wipe.
	Type EditType
	// WipeCode is the SMPTE wipe code of a Wipe (W001 → 1).
	WipeCode int
	// Frames is the duration of a Dissolve or Wipe in record frames; the
	// text counts it in record timecode frames (above 60 fps, one per
	// Rate.TimecodeStep record frames).
	Frames int64
	// From is the outgoing side of a Dissolve or Wipe: its zero-length
	// line (In == Out, at the frame where the transition starts); nil for
	// a Cut.
	From *Source
	// Source is the event's (incoming) source.
	Source Source
	// RecordIn and RecordOut are record timecode frame counts at the
	// list's rate; RecordOut is exclusive, as in the EDL text.
	RecordIn, RecordOut int64
	// Locators are "* LOC:" comments.
	Locators []Locator
	// Comments are the other "*" comment lines, without the "* ".
	Comments []string
	// CDL is the event's colour correction, written as "* ASC_SOP" and
	// "* ASC_SAT" comment lines under it; nil for none.
	CDL *edit.CDL
}

// Source is one side of an event: a reel and a source timecode range.
type Source struct {
	// Reel is the reel name.
	Reel string
	// In and Out are source timecode frame counts at Rate; Out is
	// exclusive.
	In, Out int64
	// Rate is the source's rate (the list's rate unless a
	// "* SOURCE RATE:" comment says otherwise).
	Rate edit.Rate
	// DropFrame is true when the source timecode is drop-frame.
	DropFrame bool
	// ClipName is the "* FROM CLIP NAME:" / "* TO CLIP NAME:" comment.
	ClipName string
	// File is the "* SOURCE FILE:" comment.
	File string
	// NoTimecode is true when the media has no timecode and 00:00:00:00
	// was assumed.
	NoTimecode bool
	// Speed is the M2 motion effect, nil at normal speed.
	Speed *Motion
	// Media is the media the source came from when the list was built
	// from a timeline (used to check ranges); nil when read from text.
	Media *edit.MediaReference
}

// Motion is an M2 line: a speed change.
type Motion struct {
	// Reel is the reel the speed applies to.
	Reel string
	// FPS is the speed in source timecode frames per second (48/1 is
	// double speed for a 24 fps source, 120/1 for a 120 fps one, whose
	// timecode counts at 60).
	FPS edit.Ratio
	// Entry is the entry timecode (the source in) as a frame count at the
	// source's rate.
	Entry int64
}

// Locator is a "* LOC:" comment: a marker at a record timecode.
type Locator struct {
	// Record is the marked record timecode as a frame count.
	Record int64
	// Color is the marker colour word (RED, GREEN, ...).
	Color string
	// Text is the marker's text.
	Text string
}

// Black is the reel name of black: a fade from black is a dissolve whose
// outgoing line is on reel BL, a fade to black a dissolve into reel BL.
const Black = "BL"

// IsBlack reports whether reel names black (BL, BLK or BLACK).
func IsBlack(reel string) bool {
	switch strings.ToUpper(reel) {
	case "BL", "BLK", "BLACK":
		return true
	}
	return false
}

// validChannels lists the channel fields this package writes and reads.
var validChannels = map[string]bool{
	"V": true, "A": true, "A2": true, "AA": true, "B": true, "A2/V": true, "AA/V": true,
}
