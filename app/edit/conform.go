package edit

import "math/big"

// conformRatio returns how many media frames one timeline frame spans at
// normal speed, as P/Q: 1/1 when the nominal rates match (frame for frame:
// 23.976 in 24, 29.97 in 30), media/timeline otherwise (real time: 120 in
// 60 is 2/1, though both count timecode at 60).
func conformRatio(media, timeline Rate) (p, q int64) {
	if FrameForFrame(media, timeline) {
		return 1, 1
	}
	return int64(media.Num) * int64(timeline.Den), int64(media.Den) * int64(timeline.Num)
}

// FrameForFrame reports whether media at rate media plays one frame per
// timeline frame at normal speed in a timeline at rate timeline: their
// nominal rates match (23.976 in 24, 119.88 in 120; not 120 in 60).
func FrameForFrame(media, timeline Rate) bool { return media.Nominal() == timeline.Nominal() }

// SourceFrames returns how many media frames a clip of record frames at
// speed consumes: record × speed × conform ratio, rounded to the nearest
// frame (halves up). The conform ratio is 1 when the nominal rates match
// (see FrameForFrame) and media/timeline otherwise. An unset speed counts as 1/1. Rates must be
// valid and the speed positive; SourceFrames returns 0 otherwise.
func SourceFrames(record int64, speed Ratio, media, timeline Rate) int64 {
	p, q, ok := scale(speed, media, timeline)
	if !ok {
		return 0
	}
	n := new(big.Int).Mul(big.NewInt(record), p)
	return roundDiv(n, q)
}

// RecordFrames returns the longest record length (timeline frames) whose
// SourceFrames does not exceed source media frames. ClipFromSource uses it
// so that a clip never reads past the media it was given.
func RecordFrames(source int64, speed Ratio, media, timeline Rate) int64 {
	p, q, ok := scale(speed, media, timeline)
	if !ok || source < 0 {
		return 0
	}
	// round(R·p/q) ≤ S  ⇔  R·p/q < S + 1/2  ⇔  2Rp < (2S+1)q
	// ⇔  R ≤ ((2S+1)q − 1) / 2p
	n := new(big.Int).Mul(big.NewInt(2*source+1), q)
	n.Sub(n, big.NewInt(1))
	return n.Quo(n, new(big.Int).Lsh(p, 1)).Int64()
}

func scale(speed Ratio, media, timeline Rate) (p, q *big.Int, ok bool) {
	if speed == (Ratio{}) {
		speed = One
	}
	if !media.Valid() || !timeline.Valid() || !speed.Positive() {
		return nil, nil, false
	}
	if speed.Den < 0 {
		speed = Ratio{-speed.Num, -speed.Den}
	}
	kp, kq := conformRatio(media, timeline)
	p = new(big.Int).Mul(big.NewInt(int64(speed.Num)), big.NewInt(kp))
	q = new(big.Int).Mul(big.NewInt(int64(speed.Den)), big.NewInt(kq))
	return p, q, true
}
