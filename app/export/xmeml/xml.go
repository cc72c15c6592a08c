package xmeml

import "encoding/xml"

// The xmeml elements Rushcut writes. Field order is element order.

type xmeml struct {
	XMLName  xml.Name `xml:"xmeml"`
	Version  string   `xml:"version,attr"`
	Sequence sequence `xml:"sequence"`
}

type sequence struct {
	ID       string    `xml:"id,attr"`
	Name     string    `xml:"name"`
	Duration int64     `xml:"duration"`
	Rate     rate      `xml:"rate"`
	Timecode timecodeE `xml:"timecode"`
	Media    seqMedia  `xml:"media"`
}

type rate struct {
	Timebase int    `xml:"timebase"`
	NTSC     string `xml:"ntsc"`
}

type timecodeE struct {
	Rate          rate   `xml:"rate"`
	String        string `xml:"string"`
	Frame         int64  `xml:"frame"`
	DisplayFormat string `xml:"displayformat"`
	Reel          *reel  `xml:"reel,omitempty"`
}

type reel struct {
	Name string `xml:"name"`
}

type seqMedia struct {
	Video videoE `xml:"video"`
	Audio audioE `xml:"audio"`
}

type videoE struct {
	Format *format  `xml:"format,omitempty"`
	Tracks []trackE `xml:"track"`
}

type audioE struct {
	Tracks []trackE `xml:"track"`
}

type format struct {
	SC sampleChars `xml:"samplecharacteristics"`
}

type sampleChars struct {
	Rate   *rate `xml:"rate,omitempty"`
	Width  int   `xml:"width"`
	Height int   `xml:"height"`
}

type trackE struct {
	Items   []any  `xml:",any"`
	Enabled string `xml:"enabled"`
}

type clipItem struct {
	XMLName     xml.Name     `xml:"clipitem"`
	ID          string       `xml:"id,attr"`
	Name        string       `xml:"name"`
	Enabled     string       `xml:"enabled"`
	Duration    int64        `xml:"duration"`
	Rate        rate         `xml:"rate"`
	Start       int64        `xml:"start"`
	End         int64        `xml:"end"`
	In          int64        `xml:"in"`
	Out         int64        `xml:"out"`
	File        *fileE       `xml:"file"`
	SourceTrack *sourceTrack `xml:"sourcetrack,omitempty"`
	Filters     []filter     `xml:"filter"`
	Markers     []marker     `xml:"marker"`
}

type sourceTrack struct {
	MediaType  string `xml:"mediatype"`
	TrackIndex int    `xml:"trackindex"`
}

type fileE struct {
	ID       string     `xml:"id,attr"`
	Name     string     `xml:"name,omitempty"`
	PathURL  string     `xml:"pathurl,omitempty"`
	Rate     *rate      `xml:"rate,omitempty"`
	Duration int64      `xml:"duration,omitempty"`
	Timecode *timecodeE `xml:"timecode,omitempty"`
	Media    *fileMedia `xml:"media,omitempty"`
}

type fileMedia struct {
	Video *fileVideo `xml:"video,omitempty"`
	Audio *fileAudio `xml:"audio,omitempty"`
}

type fileVideo struct {
	SC sampleChars `xml:"samplecharacteristics"`
}

type fileAudio struct {
	SC           *audioChars `xml:"samplecharacteristics,omitempty"`
	ChannelCount int         `xml:"channelcount"`
}

type audioChars struct {
	Depth      int `xml:"depth"`
	SampleRate int `xml:"samplerate"`
}

type filter struct {
	Effect effect `xml:"effect"`
}

type effect struct {
	Name           string      `xml:"name"`
	EffectID       string      `xml:"effectid"`
	EffectCategory string      `xml:"effectcategory"`
	EffectType     string      `xml:"effecttype"`
	MediaType      string      `xml:"mediatype"`
	Parameters     []parameter `xml:"parameter"`
}

type parameter struct {
	ID       string `xml:"parameterid"`
	Name     string `xml:"name"`
	ValueMin string `xml:"valuemin,omitempty"`
	ValueMax string `xml:"valuemax,omitempty"`
	Value    string `xml:"value"`
}

type marker struct {
	Name    string `xml:"name"`
	Comment string `xml:"comment"`
	In      int64  `xml:"in"`
	Out     int64  `xml:"out"`
}

type transitionItem struct {
	XMLName   xml.Name `xml:"transitionitem"`
	Rate      rate     `xml:"rate"`
	Start     int64    `xml:"start"`
	End       int64    `xml:"end"`
	Alignment string   `xml:"alignment"`
	Effect    effect   `xml:"effect"`
}
