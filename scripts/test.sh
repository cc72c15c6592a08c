#!/usr/bin/env bash
# Runs the whole suite with the race detector. Sized for a 2-core machine:
# packages are tested one or two at a time, since the cgo packages are heavy.
# First, the fresh-machine check (scripts/check-deps.sh) and its self-test:
# a kept machine must not hide a package that setup.sh never installs.
set -euo pipefail
cd "$(dirname "$0")/.."
export RUSHCUT_ORT_LIB="${RUSHCUT_ORT_LIB:-$PWD/.deps/onnxruntime/libonnxruntime.so.1}"
. scripts/buildenv.sh

bash scripts/check-deps.sh
if out=$(bash scripts/check-deps.sh --without libavdevice-dev 2>&1); then
  echo "check-deps self-test: FAIL: the check passed with libavdevice-dev left out of the list" >&2
  exit 1
fi
grep -q "'libavdevice-dev'" <<<"$out" || { echo "check-deps self-test: FAIL: no line names libavdevice-dev:" >&2; echo "$out" >&2; exit 1; }
echo "check-deps self-test: ok (without libavdevice-dev: $(grep -c MISSING <<<"$out") missing line(s))"

go test -race -p 2 -timeout 30m -count=1 ./...
