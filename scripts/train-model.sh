#!/usr/bin/env bash
# Reproduces Rushcut's shipped shot-embedding model from scratch:
#   assets/models/rushcut-vit-s.onnx, model.json, train.log, metrics.json
#   models/testdata/tiny-vit.onnx (+ model.json), the untrained test model
#   models/testdata/*-ref*.png, *-reference.json (PyTorch reference outputs)
# Everything is seeded (see models/train/train.py). Takes about 30-40 minutes
# on 2 cores. Installs its own Debian packages (PyTorch, OpenBLAS with
# OpenMP, OpenCV for Python, the image packages the training data comes from)
# idempotently; `make test` never needs any of them.
#
# Environment: TRAIN_ARGS adds arguments to train.py (e.g. "--steps 50" for a
# quick try into TRAIN_OUT=/tmp/x); NICE (default 19) is the niceness.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

say() { echo "train-model: $*" >&2; }
fail() { say "$*"; exit 1; }

packages=(python3 python3-torch python3-numpy python3-opencv libopenblas0-openmp opencv-doc gnome-backgrounds ukui-wallpapers openclipart-png)
. scripts/debian.sh
install_debs "${packages[@]}"

# Debian's interpreter, where the python3-* packages live (not a pyenv shim).
py=/usr/bin/python3
[ -x "$py" ] || fail "$py not found"
"$py" -c "import torch, cv2, numpy" || fail "PyTorch/OpenCV/NumPy not importable by $py"

out="${TRAIN_OUT:-assets/models}"
ref="${TRAIN_REF_OUT:-models/testdata}"
nice="${NICE:-19}"
export PYTHONHASHSEED=0 OMP_NUM_THREADS="${OMP_NUM_THREADS:-2}"

say "tiny test model -> $ref"
nice -n "$nice" "$py" models/train/train.py --tiny --name tiny-vit --out "$ref" --ref-out "$ref" 2>&1 \
  | grep -v -e 'UserWarning' -e '_jit_pass_onnx' >&2 || true
[ -s "$ref/tiny-vit.onnx" ] || fail "tiny model export failed"

say "training the shipped model -> $out (log: $out/train.log)"
start=$(date +%s)
# shellcheck disable=SC2086
nice -n "$nice" "$py" models/train/train.py --out "$out" --ref-out "$ref" ${TRAIN_ARGS:-} 2>&1 \
  | grep -v -e 'UserWarning' -e '_jit_pass_onnx'
[ -s "$out/rushcut-vit-s.onnx" ] || fail "training did not produce $out/rushcut-vit-s.onnx"
say "done in $(( $(date +%s) - start )) s: $(ls -l "$out/rushcut-vit-s.onnx")"
