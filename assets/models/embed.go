// Package models holds the model Rushcut ships, embedded in the binary so
// that the application works offline on a fresh machine: a compact vision
// transformer trained by models/train/ (make train-model) and its manifest.
// The package rushcut/models loads it (models.OpenDefault).
package models

import _ "embed"

// ONNX is the shipped model, rushcut-vit-s.onnx.
//
//go:embed rushcut-vit-s.onnx
var ONNX []byte

// Manifest is the shipped model's manifest, model.json.
//
//go:embed model.json
var Manifest []byte

// File is the shipped model's file name.
const File = "rushcut-vit-s.onnx"
