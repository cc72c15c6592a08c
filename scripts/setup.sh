#!/usr/bin/env bash
# Installs what Rushcut needs to build, run and test on Debian 12, and nothing
# more. Idempotent: a second run only checks and takes a few seconds.
#   - Debian packages (FFmpeg 5.1 and OpenCV 4.6 dev files, Fyne's X11/GL
#     headers, ffmpeg CLI, Xvfb, ImageMagick, opencv-doc for real test footage)
#   - ONNX Runtime 1.30.0 (CPU) as .deps/onnxruntime/libonnxruntime.so.1, taken
#     from the npm package onnxruntime-node@1.30.0 and checked by sha256
#   - the Go modules (go mod download)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

fail() { echo "setup: $*" >&2; exit 1; }
say() { echo "setup: $*" >&2; }

# The one list of Debian packages, read by scripts/check-deps.sh too.
mapfile -t packages < <(sed 's/#.*//' scripts/debian-packages.txt | tr -s ' \t' '\n\n' | grep .)

. scripts/debian.sh
install_debs "${packages[@]}"

command -v go >/dev/null || fail "Go is not on PATH (need Go 1.26; /usr/local/go/bin?)"

# ONNX Runtime, CPU build, from the npm registry (never run the package's
# install script: it downloads from the internet).
ort_version=1.30.0
ort_sha=ffb75a925ba05e47b235bb66e3e3911714a80b328a9c9425539feb204aa32a23
ort_dir="$root/.deps/onnxruntime"
ort_lib="$ort_dir/libonnxruntime.so.1"
have_sha=""
[ -f "$ort_lib" ] && have_sha=$(sha256sum "$ort_lib" | cut -d' ' -f1)
if [ "$have_sha" != "$ort_sha" ]; then
  command -v npm >/dev/null || fail "npm is needed to fetch onnxruntime-node@$ort_version (apt-get install npm)"
  say "fetching ONNX Runtime $ort_version from npm (onnxruntime-node)"
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && npm pack --silent "onnxruntime-node@$ort_version" >/dev/null) \
    || fail "npm pack onnxruntime-node@$ort_version failed"
  tar -xzf "$tmp/onnxruntime-node-$ort_version.tgz" -C "$tmp" \
    package/bin/napi-v6/linux/x64/libonnxruntime.so.1 \
    || fail "libonnxruntime.so.1 not found in onnxruntime-node@$ort_version"
  got=$(sha256sum "$tmp/package/bin/napi-v6/linux/x64/libonnxruntime.so.1" | cut -d' ' -f1)
  [ "$got" = "$ort_sha" ] || fail "libonnxruntime.so.1 sha256 mismatch: got $got, want $ort_sha"
  mkdir -p "$ort_dir"
  install -m 0644 "$tmp/package/bin/napi-v6/linux/x64/libonnxruntime.so.1" "$ort_lib.tmp"
  mv "$ort_lib.tmp" "$ort_lib"
fi

go mod download || fail "go mod download failed"
