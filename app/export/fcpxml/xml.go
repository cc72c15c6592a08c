package fcpxml

import "encoding/xml"

// The FCPXML elements Rushcut writes. Field order is element order, as the
// DTD wants it.

type fcpxml struct {
	XMLName   xml.Name  `xml:"fcpxml"`
	Version   string    `xml:"version,attr"`
	Resources resources `xml:"resources"`
	Library   libraryE  `xml:"library"`
}

type resources struct {
	Formats []formatE `xml:"format"`
	Assets  []assetE  `xml:"asset"`
	Effects []effectE `xml:"effect"`
}

type formatE struct {
	ID            string `xml:"id,attr"`
	FrameDuration string `xml:"frameDuration,attr"`
	Width         int    `xml:"width,attr"`
	Height        int    `xml:"height,attr"`
}

type assetE struct {
	ID            string   `xml:"id,attr"`
	Name          string   `xml:"name,attr"`
	UID           string   `xml:"uid,attr,omitempty"`
	Start         string   `xml:"start,attr"`
	Duration      string   `xml:"duration,attr"`
	HasVideo      string   `xml:"hasVideo,attr"`
	Format        string   `xml:"format,attr"`
	HasAudio      string   `xml:"hasAudio,attr,omitempty"`
	AudioSources  string   `xml:"audioSources,attr,omitempty"`
	AudioChannels string   `xml:"audioChannels,attr,omitempty"`
	AudioRate     string   `xml:"audioRate,attr,omitempty"`
	Rep           mediaRep `xml:"media-rep"`
}

type mediaRep struct {
	Kind string `xml:"kind,attr"`
	Src  string `xml:"src,attr"`
}

type effectE struct {
	ID   string `xml:"id,attr"`
	Name string `xml:"name,attr"`
	UID  string `xml:"uid,attr"`
}

type libraryE struct {
	Event eventE `xml:"event"`
}

type eventE struct {
	Name    string   `xml:"name,attr"`
	Project projectE `xml:"project"`
}

type projectE struct {
	Name     string    `xml:"name,attr"`
	Sequence sequenceE `xml:"sequence"`
}

type sequenceE struct {
	Format      string `xml:"format,attr"`
	Duration    string `xml:"duration,attr"`
	TCStart     string `xml:"tcStart,attr"`
	TCFormat    string `xml:"tcFormat,attr"`
	AudioLayout string `xml:"audioLayout,attr"`
	AudioRate   string `xml:"audioRate,attr"`
	Spine       spine  `xml:"spine"`
}

type spine struct {
	Items []any
}

type gapE struct {
	XMLName  xml.Name `xml:"gap"`
	Name     string   `xml:"name,attr"`
	Offset   string   `xml:"offset,attr"`
	Duration string   `xml:"duration,attr"`
	Start    string   `xml:"start,attr"`
}

type transitionE struct {
	XMLName  xml.Name    `xml:"transition"`
	Name     string      `xml:"name,attr"`
	Offset   string      `xml:"offset,attr"`
	Duration string      `xml:"duration,attr"`
	Filter   filterVideo `xml:"filter-video"`
}

type filterVideo struct {
	Ref  string `xml:"ref,attr"`
	Name string `xml:"name,attr"`
}

type assetClip struct {
	XMLName  xml.Name     `xml:"asset-clip"`
	Ref      string       `xml:"ref,attr"`
	Offset   string       `xml:"offset,attr"`
	Name     string       `xml:"name,attr"`
	Start    string       `xml:"start,attr"`
	Duration string       `xml:"duration,attr"`
	TCFormat string       `xml:"tcFormat,attr"`
	Conform  *conformRate `xml:"conform-rate"`
	TimeMap  *timeMap     `xml:"timeMap"`
	Markers  []markerE    `xml:"marker"`
}

type conformRate struct {
	ScaleEnabled string `xml:"scaleEnabled,attr"`
	SrcFrameRate string `xml:"srcFrameRate,attr"`
}

type timeMap struct {
	Pts []timePt `xml:"timept"`
}

type timePt struct {
	Time  string `xml:"time,attr"`
	Value string `xml:"value,attr"`
}

type markerE struct {
	Start    string `xml:"start,attr"`
	Duration string `xml:"duration,attr"`
	Value    string `xml:"value,attr"`
	Note     string `xml:"note,attr,omitempty"`
}
