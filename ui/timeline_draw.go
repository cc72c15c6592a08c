package ui

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"

	"rushcut/app/edit"
	"rushcut/app/suggest"
)

// rulerSpacing is the least distance between two timecode labels.
const rulerSpacing = 90

// rulerStep returns the frames between labelled ticks and between minor
// ticks (0 for none) at ppf pixels per frame, for a timeline of nominal
// fps frames per second: a divisor of a second, then whole seconds and
// minutes, so that labels fall on round timecodes.
func rulerStep(ppf float64, fps int64) (major, minor int64) {
	fps = max(fps, 1)
	var steps []int64
	for _, s := range []int64{1, 2, 3, 4, 5, 6, 8, 10, 12, 15} {
		if s < fps && fps%s == 0 {
			steps = append(steps, s)
		}
	}
	for _, s := range []int64{1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200, 36000} {
		steps = append(steps, s*fps)
	}
	major = steps[len(steps)-1]
	for _, s := range steps {
		if float64(s)*ppf >= rulerSpacing {
			major = s
			break
		}
	}
	for _, d := range []int64{5, 2} {
		if major%d == 0 && float64(major/d)*ppf >= 12 {
			return major, major / d
		}
	}
	return major, 0
}

func (r *timelineRenderer) drawRuler(size fyne.Size, from, to float64) {
	t := r.t
	rate, drop, start := edit.Rate{Num: 25, Den: 1}, false, int64(0)
	if t.tl != nil && t.tl.Rate.Valid() {
		rate, drop, start = t.tl.Rate, t.tl.DropFrame, t.tl.Start
	}
	major, minor := rulerStep(t.ppf, int64(rate.Nominal()))
	step := major
	if minor > 0 {
		step = minor
	}
	tick := color.NRGBA{R: 0x90, G: 0x90, B: 0x90, A: 0xff}
	// Ticks fall on round timecodes: multiples of step in absolute frames.
	first := int64(math.Ceil((float64(start)+max(from, 0))/float64(step)))*step - start
	for f := first; float64(f) < to; f += step {
		x := t.XForFrame(float64(f))
		if x < TimelineHeaderWidth {
			continue
		}
		if (start+f)%major != 0 {
			r.rect(tick, x, TimelineRulerHeight-4, 1, 4)
			continue
		}
		r.rect(tick, x, TimelineRulerHeight-9, 1, 9)
		r.text(rate.Timecode(start+f, drop), rulerTextSize, x+3, 0)
	}
}

// run is a box being drawn that neighbouring clips or markers too small
// to tell apart are merged into.
type run struct {
	on       bool
	x0, x1   float32
	conf     float64 // the most confident non-rejected marker's confidence
	live     bool    // some marker in the run is not rejected
	selected bool
	kind     suggest.Kind
}

func (r *timelineRenderer) drawMarkers(size fyne.Size, from, to float64, sep float32) {
	t := r.t
	for li, l := range t.lanes {
		y := t.markersTop() + float32(li)*TimelineLaneHeight
		if y >= size.Height {
			return
		}
		var cur run
		flush := func() {
			if !cur.on {
				return
			}
			c := RejectedColor
			if cur.live {
				c = KindColor(cur.kind)
				c.A = confidenceAlpha(cur.conf)
			}
			// A unit's inset keeps neighbouring markers apart.
			o := r.rect(c, cur.x0, y+1, max(cur.x1-cur.x0-1, 1), TimelineLaneHeight-2)
			if cur.selected {
				o.StrokeColor, o.StrokeWidth = selectColor, 1
			}
			cur = run{}
		}
		lo, hi := l.markers.window(from-minMarkerPx/t.ppf, to)
		for _, s := range l.markers.spans[lo:hi] {
			x0 := t.XForFrame(float64(s.start))
			x1 := max(t.XForFrame(float64(s.end)), x0+minMarkerPx)
			if x0, x1 = clampX(x0, x1, size.Width); x1 <= x0 {
				continue
			}
			e := &t.entries[s.entry]
			small := x1-x0 < 3*sep || cur.x1-cur.x0 < 3*sep
			if !cur.on || x0-cur.x1 >= sep || !small {
				flush()
				cur = run{on: true, x0: x0, x1: x1, kind: l.kind}
			}
			cur.x1 = max(cur.x1, x1)
			if e.Decision.Status != suggest.Rejected {
				cur.live, cur.conf = true, max(cur.conf, e.Confidence)
			}
			cur.selected = cur.selected || (e.ID == t.selSugg && e.ID != "")
		}
		flush()
	}
}

func (r *timelineRenderer) drawTracks(size fyne.Size, from, to float64, sep float32, stripe color.Color) {
	t := r.t
	for ri, rw := range t.rows {
		y := t.tracksTop() + float32(ri)*TimelineTrackHeight
		if y >= size.Height {
			return
		}
		h := TimelineTrackHeight - 2
		if ri%2 == 0 {
			r.rect(stripe, TimelineHeaderWidth, y, size.Width-TimelineHeaderWidth, TimelineTrackHeight)
		}
		r.text(fit(rw.track.Name, TimelineHeaderWidth, clipTextSize), clipTextSize, 4, y+h/2-clipTextSize*0.7)
		fill := videoClipColor
		if rw.track.Kind == edit.Audio {
			fill = audioClipColor
		}
		dense := fill
		dense.A = 0xa0
		var cur run
		flush := func() {
			if cur.on {
				r.rect(dense, cur.x0, y+1, max(cur.x1-cur.x0, 1), h)
			}
			cur = run{}
		}
		lo, hi := rw.clips.window(from, to)
		for _, s := range rw.clips.spans[lo:hi] {
			x0, x1 := clampX(t.XForFrame(float64(s.start)), t.XForFrame(float64(s.end)), size.Width)
			if x1 <= x0 {
				continue
			}
			if x1-x0 < 3*sep {
				if cur.on && x0-cur.x1 < sep {
					cur.x1 = x1
					continue
				}
				flush()
				cur = run{on: true, x0: x0, x1: x1}
				continue
			}
			flush()
			c := s.item.(*edit.Clip)
			o := r.rect(fill, x0, y+1, x1-x0, h)
			o.StrokeColor, o.StrokeWidth = clipEdgeColor, 1
			if c.ID != "" && c.ID == t.selClip {
				o.StrokeColor, o.StrokeWidth = selectColor, 2
			}
			if t.art != nil {
				r.drawArt(c, rw.track.Kind, s, x0, x1, y+1, h)
			}
			if name := fit(c.DisplayName(), x1-x0, clipTextSize); name != "" {
				r.text(name, clipTextSize, x0+3, y+3)
			}
		}
		flush()
		lo, hi = rw.transitions.window(from, to)
		for _, s := range rw.transitions.spans[lo:hi] {
			x0, x1 := clampX(t.XForFrame(float64(s.start)), t.XForFrame(float64(s.end)), size.Width)
			if x1-x0 < 2*sep+2 {
				continue
			}
			r.rect(transColor, x0, y+1, x1-x0, h)
			r.line(r.fg, x0, y+1+h, x1, y+1)
		}
	}
}

// artTop is how far below a clip's top its art starts, leaving its name
// readable.
const artTop = 15

// drawArt draws inside the visible part [x0, x1) of clip c's box (top y,
// height h): thumbnails along a video clip, the waveform of an audio one.
func (r *timelineRenderer) drawArt(c *edit.Clip, kind edit.TrackKind, s span, x0, x1, y, h float32) {
	t := r.t
	ah := h - artTop - 1
	if ah < 8 || c.Media == nil || !c.Media.Rate.Valid() || t.tl == nil {
		return
	}
	media := func(x float32) float64 { // media frame (from its first) under x
		rec := t.FrameAt(x) - float64(s.start)
		return float64(c.SourceIn-c.Media.Start) + rec*c.Speed().Float()*c.Media.Rate.Float()/t.tl.Rate.Float()
	}
	if kind == edit.Audio {
		if img := t.art.Waveform(c, media(x0), media(x1), int(x1-x0), int(ah)); img != nil {
			r.image(img, x0, y+artTop, x1-x0, ah)
		}
		return
	}
	tw := ah * 16 / 9
	start := t.XForFrame(float64(s.start))
	for k := max(0, int((x0-start)/tw)); ; k++ {
		x := start + float32(k)*tw
		if x+tw > x1 || r.ni >= maxThumbs {
			return
		}
		if x < x0 {
			continue
		}
		if img := t.art.Thumbnail(c, int64(math.Round(media(x)))); img != nil {
			r.image(img, x+1, y+artTop, tw-2, ah)
		}
	}
}

// maxThumbs is the most pictures the timeline shows at once.
const maxThumbs = 64
