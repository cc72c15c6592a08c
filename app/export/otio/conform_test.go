package otio

import (
	"math"
	"testing"

	"rushcut/app/edit"
)

// TestFrameForFrameSourcesStayInsideMedia reads frame-for-frame clips back
// as OTIO does: source_range at its own rate, media used = duration ×
// the product of the LinearTimeWarp scalars, track length = duration
// rescaled to the track rate. With real start timecodes (02:00:00:00, or
// one crossing an hour) the clip must start at its source in, inside the
// media's available_range, and use exactly its record length of media.
func TestFrameForFrameSourcesStayInsideMedia(t *testing.T) {
	tests := []struct {
		name       string
		media, tl  edit.Rate
		start, dur int64 // media start timecode frame and length
		in         int64 // source in, from the media's start
	}{
		{"24 in 23.976 at 02:00:00:00", edit.Rate24, edit.Rate23976, 2 * 3600 * 24, 72, 0},
		{"23.976 in 24 at 02:00:00:00", edit.Rate23976, edit.Rate24, 2 * 3600 * 24, 72, 0},
		{"29.97 in 30 across 01:00:00:00", edit.Rate2997, edit.Rate30, 3600*30 - 45, 200, 30},
		{"30 in 29.97 across 01:00:00:00", edit.Rate30, edit.Rate2997, 3600*30 - 45, 200, 30},
		{"59.94 in 60 at 23:00:00:00", edit.Rate5994, edit.Rate60, 23 * 3600 * 60, 300, 120},
		{"60 in 59.94 across 10:00:00:00", edit.Rate60, edit.Rate5994, 10*3600*60 - 100, 300, 50},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := &edit.MediaReference{Path: "/r/a.mov", Rate: tt.media, Start: tt.start, HasTimecode: true, Duration: tt.dur}
			rec := tt.dur - tt.in
			c := &edit.Clip{Media: m, SourceIn: tt.start + tt.in, Duration: rec}
			tl := &edit.Timeline{Rate: tt.tl, Start: 3600 * int64(tt.tl.Base()), Tracks: []*edit.Track{
				{Name: "V1", Kind: edit.Video, Items: []edit.Item{c}}}}
			out, err := Marshal(tl)
			if err != nil {
				t.Fatal(err)
			}
			doc := decode(t, out)
			track := doc["tracks"].(obj)["children"].([]any)[0].(obj)
			cl := track["children"].([]any)[0].(obj)
			s, d, r := trOf(t, cl["source_range"])
			as, ad, ar := trOf(t, cl["media_references"].(obj)["DEFAULT_MEDIA"].(obj)["available_range"])
			if r != ar || ar != tt.media.Float() {
				t.Fatalf("source_range at %v fps, available_range at %v fps; want both at the media's %v", r, ar, tt.media.Float())
			}
			if s != float64(c.SourceIn) {
				t.Errorf("source_range starts at %v, want the source in %d", s, c.SourceIn)
			}
			scalar := 1.0
			for _, e := range cl["effects"].([]any) {
				if e.(obj)["OTIO_SCHEMA"] == "LinearTimeWarp.1" {
					scalar *= e.(obj)["time_scalar"].(float64)
				}
			}
			used := d * scalar
			want := float64(edit.SourceFrames(rec, edit.One, tt.media, tt.tl))
			if math.Abs(used-want) > 1e-6 {
				t.Errorf("media used = %v frames, want %v (frame for frame)", used, want)
			}
			if s < as || s+used > as+ad+1e-6 {
				t.Errorf("clip %v+%v lies outside the media %v+%v", s, used, as, ad)
			}
			if got := d * tt.tl.Float() / r; math.Abs(got-float64(rec)) > 1e-6 {
				t.Errorf("track length = %v timeline frames, want %d", got, rec)
			}
		})
	}
}
