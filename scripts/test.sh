#!/usr/bin/env bash
# Runs the whole suite with the race detector. Sized for a 2-core machine:
# packages are tested one or two at a time, since the cgo packages are heavy.
set -euo pipefail
cd "$(dirname "$0")/.."
export RUSHCUT_ORT_LIB="${RUSHCUT_ORT_LIB:-$PWD/.deps/onnxruntime/libonnxruntime.so.1}"
go test -race -p 2 -timeout 30m -count=1 ./...
