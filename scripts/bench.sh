#!/usr/bin/env bash
# Benchmarks: each reports its speed as a ratio against a reference measured
# in the same run (ffmpeg -f null decode), never as an absolute time.
set -euo pipefail
cd "$(dirname "$0")/.."
export RUSHCUT_ORT_LIB="${RUSHCUT_ORT_LIB:-$PWD/.deps/onnxruntime/libonnxruntime.so.1}"
. scripts/buildenv.sh
# What a user runs: the built `rushcut cuts` as a process against ffmpeg's
# decode (and PySceneDetect when importable), alternating, median of three
# rounds inside one iteration.
go test -run '^$' -bench 'CutsCLI' -benchtime 1x -timeout 60m -v ./app
go test -run '^$' -bench . -skip 'CutsCLI' -benchtime 3x -timeout 60m ./media/... ./vision/... ./models/... ./app/...
