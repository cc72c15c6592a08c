package models

import (
	"fmt"
	"os"
	"path/filepath"
)

// ShippedModelFile is the file name of the model Rushcut ships, trained by
// models/train/ (make train-model) and kept in assets/models/.
const ShippedModelFile = "rushcut-vit-s.onnx"

// ModelEnv names the environment variable that selects the default model
// (a .onnx with its manifest beside it).
const ModelEnv = "RUSHCUT_MODEL"

// ShippedModelPath finds the shipped model: $RUSHCUT_MODEL if set, else
// models/ or assets/models/ next to the executable, else assets/models/
// found walking up from the executable's folder and from the working
// directory. It returns "" when there is none.
func ShippedModelPath() string {
	if p := os.Getenv(ModelEnv); p != "" {
		return p
	}
	rel := filepath.Join("assets", "models", ShippedModelFile)
	var starts []string
	if exe, err := os.Executable(); err == nil {
		if exe, err := filepath.EvalSymlinks(exe); err == nil {
			dir := filepath.Dir(exe)
			if p := filepath.Join(dir, "models", ShippedModelFile); isFile(p) {
				return p
			}
			starts = append(starts, dir)
		}
	}
	if wd, err := os.Getwd(); err == nil {
		starts = append(starts, wd)
	}
	for _, dir := range starts {
		if p := walkUp(dir, rel); p != "" {
			return p
		}
	}
	return ""
}

// OpenDefault opens the model at path, or the shipped model when path is
// empty.
func OpenDefault(path string, opt Options) (*Embedder, error) {
	if path == "" {
		path = ShippedModelPath()
		if path == "" {
			return nil, badModel(nil, nil, fmt.Sprintf("the shipped model %s was not found (set %s or pass a model path)", ShippedModelFile, ModelEnv))
		}
	}
	return Open(path, opt)
}
