#!/usr/bin/env bash
# Benchmarks: each reports its speed as a ratio against a reference measured
# in the same run (ffmpeg -f null decode), never as an absolute time.
set -euo pipefail
cd "$(dirname "$0")/.."
export RUSHCUT_ORT_LIB="${RUSHCUT_ORT_LIB:-$PWD/.deps/onnxruntime/libonnxruntime.so.1}"
go test -run '^$' -bench . -benchtime 3x -timeout 60m ./media/... ./vision/... ./models/... ./app/...
