package doc

import "encoding/json"

// The types below are the file format at the current versions. They are
// the package's own, not the edit or suggest types with their JSON tags,
// so that a change there cannot change the file by accident. Fields have
// no omitempty: nil and empty slices and maps are written as null and [] or
// {} and read back as they were.

type projectV2 struct {
	Schema      string         `json:"schema"`
	Name        string         `json:"name"`
	Media       []mediaV1      `json:"media"`
	Suggestions []suggestionV1 `json:"suggestions"`
	Timeline    *timelineV1    `json:"timeline"`
	// Imported: version 2.
	Imported string `json:"imported"`
}

type ratioV1 struct {
	Num int `json:"num"`
	Den int `json:"den"`
}

type mediaV1 struct {
	Schema        string            `json:"schema"`
	ID            string            `json:"id"`
	Path          string            `json:"path"`
	Name          string            `json:"name"`
	Size          int64             `json:"size"`
	Hash          string            `json:"hash"`
	Rate          ratioV1           `json:"rate"`
	Start         int64             `json:"start"`
	HasTimecode   bool              `json:"has_timecode"`
	DropFrame     bool              `json:"drop_frame"`
	Duration      int64             `json:"duration"`
	VFR           bool              `json:"vfr"`
	Reel          string            `json:"reel"`
	Width         int               `json:"width"`
	Height        int               `json:"height"`
	HasAudio      bool              `json:"has_audio"`
	AudioChannels int               `json:"audio_channels"`
	SampleRate    int               `json:"sample_rate"`
	Cache         map[string]string `json:"cache"`
}

type timelineV1 struct {
	Schema    string    `json:"schema"`
	Name      string    `json:"name"`
	Rate      ratioV1   `json:"rate"`
	DropFrame bool      `json:"drop_frame"`
	Start     int64     `json:"start"`
	Tracks    []trackV1 `json:"tracks"`
}

type trackV1 struct {
	Schema string `json:"schema"`
	Name   string `json:"name"`
	Kind   string `json:"kind"`
	// Items are clipV1, gapV1 or transitionV1, told apart by schema.
	Items []json.RawMessage `json:"items"`
}

type provenanceV1 struct {
	Suggestion string  `json:"suggestion"`
	Cue        string  `json:"cue"`
	Model      string  `json:"model"`
	Confidence float64 `json:"confidence"`
}

type effectV1 struct {
	Kind   string            `json:"kind"`
	Speed  ratioV1           `json:"speed"`
	Params map[string]string `json:"params"`
}

type markerV1 struct {
	Name     string `json:"name"`
	Comment  string `json:"comment"`
	Color    string `json:"color"`
	Start    int64  `json:"start"`
	Duration int64  `json:"duration"`
}

type clipV1 struct {
	Schema string `json:"schema"`
	ID     string `json:"id"`
	Name   string `json:"name"`
	// Media is the ID of a project media record; "" for none.
	Media      string         `json:"media"`
	SourceIn   int64          `json:"source_in"`
	Duration   int64          `json:"duration"`
	Effects    []effectV1     `json:"effects"`
	Markers    []markerV1     `json:"markers"`
	Provenance *provenanceV1  `json:"provenance"`
	Metadata   map[string]any `json:"metadata"`
}

type gapV1 struct {
	Schema     string         `json:"schema"`
	ID         string         `json:"id"`
	Duration   int64          `json:"duration"`
	Provenance *provenanceV1  `json:"provenance"`
	Metadata   map[string]any `json:"metadata"`
}

type transitionV1 struct {
	Schema     string         `json:"schema"`
	ID         string         `json:"id"`
	Name       string         `json:"name"`
	Kind       string         `json:"kind"`
	WipeCode   int            `json:"wipe_code"`
	InOffset   int64          `json:"in_offset"`
	OutOffset  int64          `json:"out_offset"`
	Provenance *provenanceV1  `json:"provenance"`
	Metadata   map[string]any `json:"metadata"`
}

type rangeV1 struct {
	Start    int64   `json:"start"`
	Duration int64   `json:"duration"`
	Rate     ratioV1 `json:"rate"`
}

type targetV1 struct {
	Path  string  `json:"path"`
	Hash  string  `json:"hash"`
	Range rangeV1 `json:"range"`
	Item  string  `json:"item"`
}

type trimV1 struct {
	In  int64 `json:"in"`
	Out int64 `json:"out"`
}

type takeV1 struct {
	Group  string   `json:"group"`
	Chosen string   `json:"chosen"`
	Takes  []string `json:"takes"`
}

type setupV1 struct {
	Name    string   `json:"name"`
	Members []string `json:"members"`
}

type paramsV1 struct {
	Trim   *trimV1           `json:"trim"`
	Take   *takeV1           `json:"take"`
	Setup  *setupV1          `json:"setup"`
	Order  []string          `json:"order"`
	Values map[string]string `json:"values"`
}

type measureV1 struct {
	Name  string  `json:"name"`
	Value float64 `json:"value"`
	Unit  string  `json:"unit"`
}

type curveV1 struct {
	Name   string    `json:"name"`
	Origin int64     `json:"origin"`
	Values []float64 `json:"values"`
}

type evidenceV1 struct {
	Measures []measureV1 `json:"measures"`
	Curve    *curveV1    `json:"curve"`
}

// suggestionV1 is a suggestion with the editor's decision about it.
type suggestionV1 struct {
	Schema     string     `json:"schema"`
	ID         string     `json:"id"`
	Kind       string     `json:"kind"`
	Target     targetV1   `json:"target"`
	Params     paramsV1   `json:"params"`
	Confidence float64    `json:"confidence"`
	Reason     string     `json:"reason"`
	Evidence   evidenceV1 `json:"evidence"`
	Status     string     `json:"status"`
	Modified   *paramsV1  `json:"modified"`
	Orphaned   bool       `json:"orphaned"`
}
