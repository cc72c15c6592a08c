package models

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// ManifestName is the manifest file name looked for beside a model when no
// NAME.json matches its NAME.onnx.
const ManifestName = "model.json"

// Channel orders of Input.ChannelOrder.
const (
	RGB = "RGB"
	BGR = "BGR"
)

// Resize policies of Input.Resize.
const (
	// Stretch resizes the whole frame to the input size, ignoring aspect.
	Stretch = "stretch"
	// CenterCrop resizes the frame so that its shorter side fits the input
	// and crops the middle (OpenCV's blobFromImages with crop).
	CenterCrop = "center-crop"
)

// Manifest describes a model: how to feed it, what it returns, where its
// weights and training data come from, and the sha256 of the .onnx file it
// goes with. It is the JSON file beside the model (see ManifestName).
type Manifest struct {
	// Name and Version identify the model in logs and JSON output.
	Name    string `json:"name"`
	Version string `json:"version"`
	// Description says what the model is for.
	Description string `json:"description,omitempty"`
	// File is the .onnx file name, relative to the manifest.
	File string `json:"file"`
	// SHA256 is the hex digest of the .onnx file, checked at load.
	SHA256 string `json:"sha256"`
	// Bytes is the size of the .onnx file; 0 skips the check.
	Bytes int64 `json:"bytes,omitempty"`
	// Input says how frames become the input tensor.
	Input Input `json:"input"`
	// Output names the embedding tensor.
	Output Output `json:"output"`
	// Architecture is informative (type, sizes, parameter count).
	Architecture map[string]any `json:"architecture,omitempty"`
	// Licence of the weights and of the training data.
	Licence Licence `json:"licence"`
	// Provenance records how the weights were made (script, seed, versions).
	Provenance map[string]any `json:"provenance,omitempty"`
	// Metrics are the training run's final numbers, informative.
	Metrics map[string]any `json:"metrics,omitempty"`
}

// Input describes the model's image input and its preprocessing:
// value = (pixel / 255 * ValueRange - Mean[c]) / Std[c], channels in
// ChannelOrder, after resizing by Resize to the shape's height and width.
type Input struct {
	// Name of the graph input.
	Name string `json:"name"`
	// Shape is [batch, channels, height, width] for layout NCHW; -1 marks a
	// dynamic dimension (only the batch may be dynamic).
	Shape []int64 `json:"shape"`
	// Layout is "NCHW", the only layout supported.
	Layout string `json:"layout"`
	// ChannelOrder is RGB or BGR.
	ChannelOrder string `json:"channel_order"`
	// Resize is Stretch or CenterCrop.
	Resize string `json:"resize"`
	// ValueRange scales pixels to [0, ValueRange] before Mean and Std
	// (1 for [0, 1] models, 255 for models fed raw pixel values).
	ValueRange float64 `json:"value_range"`
	// Mean and Std per channel, in ChannelOrder, on the ValueRange scale.
	Mean []float64 `json:"mean"`
	Std  []float64 `json:"std"`
}

// Output describes the embedding tensor.
type Output struct {
	// Name of the graph output, shaped [batch, Dim].
	Name string `json:"name"`
	// Dim is the embedding size.
	Dim int `json:"dim"`
	// Normalized says the model already L2-normalises its output; if not,
	// the Embedder does.
	Normalized bool `json:"normalized"`
}

// Licence records the terms of the weights and the provenance and licences
// of the training data.
type Licence struct {
	// Weights is the licence of the model weights.
	Weights string `json:"weights"`
	// TrainingData lists the data sets or sources the weights were trained
	// on, each with its licence.
	TrainingData []map[string]any `json:"training_data"`
}

// Height and Width are the input picture size from the shape.
func (in Input) Height() int { return int(in.Shape[2]) }

// Width is the input picture width from the shape.
func (in Input) Width() int { return int(in.Shape[3]) }

// ManifestPath returns the manifest for the model at onnxPath: NAME.json
// beside NAME.onnx if it exists, else model.json in the same folder.
func ManifestPath(onnxPath string) string {
	own := strings.TrimSuffix(onnxPath, filepath.Ext(onnxPath)) + ".json"
	if _, err := os.Stat(own); err == nil {
		return own
	}
	return filepath.Join(filepath.Dir(onnxPath), ManifestName)
}

// ParseManifest decodes and validates a manifest. Unknown fields are
// rejected, so that a typo cannot silently drop a setting.
func ParseManifest(data []byte) (*Manifest, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var m Manifest
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("not a valid manifest: %w", err)
	}
	if err := m.Validate(); err != nil {
		return nil, err
	}
	return &m, nil
}

// LoadManifest reads and validates the manifest at path.
func LoadManifest(path string) (*Manifest, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, badModel(nil, err, fmt.Sprintf("manifest %s: %v", path, unwrapPathError(err)))
	}
	m, err := ParseManifest(data)
	if err != nil {
		return nil, badModel(nil, err, fmt.Sprintf("manifest %s: %v", path, err))
	}
	return m, nil
}

// Validate checks that every field the Embedder relies on is present and
// sane.
func (m *Manifest) Validate() error {
	var probs []string
	bad := func(format string, args ...any) { probs = append(probs, fmt.Sprintf(format, args...)) }
	if m.Name == "" {
		bad("name is empty")
	}
	if m.Version == "" {
		bad("version is empty")
	}
	if m.File == "" || filepath.Base(m.File) != m.File {
		bad("file must be a file name beside the manifest, got %q", m.File)
	}
	if d, err := hex.DecodeString(m.SHA256); err != nil || len(d) != sha256.Size {
		bad("sha256 must be 64 hex digits, got %q", m.SHA256)
	}
	in := m.Input
	if in.Name == "" {
		bad("input.name is empty")
	}
	if in.Layout != "NCHW" {
		bad("input.layout must be NCHW, got %q", in.Layout)
	}
	if len(in.Shape) != 4 {
		bad("input.shape must have 4 dimensions [batch, 3, height, width], got %v", in.Shape)
	} else {
		if in.Shape[0] == 0 || in.Shape[0] < -1 {
			bad("input.shape batch must be -1 (dynamic) or positive, got %d", in.Shape[0])
		}
		if in.Shape[1] != 3 {
			bad("input.shape must have 3 channels, got %d", in.Shape[1])
		}
		if in.Shape[2] < 8 || in.Shape[3] < 8 || in.Shape[2] > 4096 || in.Shape[3] > 4096 {
			bad("input.shape height and width must be fixed, 8 to 4096, got %dx%d", in.Shape[3], in.Shape[2])
		}
	}
	if in.ChannelOrder != RGB && in.ChannelOrder != BGR {
		bad("input.channel_order must be RGB or BGR, got %q", in.ChannelOrder)
	}
	if in.Resize != Stretch && in.Resize != CenterCrop {
		bad("input.resize must be %s or %s, got %q", Stretch, CenterCrop, in.Resize)
	}
	if !(in.ValueRange > 0) {
		bad("input.value_range must be positive (1 or 255), got %v", in.ValueRange)
	}
	if len(in.Mean) != 3 || len(in.Std) != 3 {
		bad("input.mean and input.std need 3 values each")
	} else {
		for _, s := range in.Std {
			if !(s > 0) {
				bad("input.std values must be positive, got %v", in.Std)
				break
			}
		}
	}
	if m.Output.Name == "" {
		bad("output.name is empty")
	}
	if m.Output.Dim <= 0 || m.Output.Dim > 65536 {
		bad("output.dim must be 1 to 65536, got %d", m.Output.Dim)
	}
	if strings.TrimSpace(m.Licence.Weights) == "" {
		bad("licence.weights is empty: say under which terms the weights may be used")
	}
	if m.Licence.TrainingData == nil {
		bad("licence.training_data is missing: list the training data and its licences ([] if none)")
	}
	if len(probs) > 0 {
		return fmt.Errorf("invalid manifest: %s", strings.Join(probs, "; "))
	}
	return nil
}

// unwrapPathError drops the path an *os.PathError repeats.
func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
