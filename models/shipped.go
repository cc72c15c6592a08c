package models

import (
	"os"
	"path/filepath"

	shipped "rushcut/assets/models"
)

// ShippedModelFile is the file name of the model Rushcut ships, trained by
// models/train/ (make train-model) and kept in assets/models/.
const ShippedModelFile = shipped.File

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

// OpenDefault opens the model at path; when path is empty, the model named
// by $RUSHCUT_MODEL, else the shipped model embedded in the binary.
func OpenDefault(path string, opt Options) (*Embedder, error) {
	if path == "" {
		path = os.Getenv(ModelEnv)
	}
	if path == "" {
		return OpenBytes(ShippedModelFile+" (built in)", shipped.ONNX, shipped.Manifest, opt)
	}
	return Open(path, opt)
}
