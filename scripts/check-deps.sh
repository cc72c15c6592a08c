#!/usr/bin/env bash
# Would scripts/setup.sh alone make Rushcut build and test on a fresh Debian 12
# machine? A machine kept between sessions hides a missing install step (a
# package once installed by hand stays installed), so this looks at what the
# build and the tests really use and asks who brings it:
#   - every pkg-config module and -l library cgo uses in the module's
#     dependencies, tests included (go list -deps -test);
#   - every program the Go code runs (exec.Command/LookPath with a literal
#     name) and every program a script probes for (command -v).
# For each, the Debian package that owns the file (dpkg -S) must be in the
# dependency closure of scripts/debian-packages.txt (apt-cache depends
# --recurse --no-recommends) or ship with the bare machine
# (scripts/base-image-packages.txt). Files no Debian package owns (Go in
# /usr/local, ONNX Runtime in .deps) are not this check's business.
#
# usage: check-deps.sh [--without PKG]...
#   --without PKG  check as if PKG were not in the list (the self-test:
#                  `--without libavdevice-dev` must fail on any machine).
# Exit 0: complete; 1: something missing (one MISSING line each).
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"

without=()
while [ $# -gt 0 ]; do
  case $1 in
    --without) without+=("$2"); shift 2 ;;
    *) echo "check-deps: usage: check-deps.sh [--without PKG]..." >&2; exit 2 ;;
  esac
done

listed=()
for p in $(sed 's/#.*//' scripts/debian-packages.txt); do
  skip=""
  for w in "${without[@]}"; do [ "$p" = "$w" ] && skip=1; done
  [ -n "$skip" ] || listed+=("$p")
done
[ ${#listed[@]} -gt 0 ] || { echo "check-deps: scripts/debian-packages.txt lists no package" >&2; exit 1; }

closure=$(mktemp)
trap 'rm -f "$closure"' EXIT
{
  apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts \
    --no-breaks --no-replaces --no-enhances "${listed[@]}" 2>/dev/null | grep -v '^[ <]'
  sed 's/#.*//' scripts/base-image-packages.txt
} | sed 's/:amd64$//' | grep . | sort -u >"$closure"
for p in "${listed[@]}"; do
  grep -qx "$p" "$closure" || { echo "MISSING  package '$p' in scripts/debian-packages.txt is unknown to apt (apt-get update?)"; exit 1; }
done

missing=0
check() { # check WHAT PATH: fail unless the Debian package owning PATH is in the closure
  local what=$1 path=$2 owner
  owner=$(dpkg -S "$(readlink -f "$path")" 2>/dev/null | head -1 | cut -d: -f1)
  [ -n "$owner" ] || owner=$(dpkg -S "$path" 2>/dev/null | head -1 | cut -d: -f1)
  [ -n "$owner" ] || return 0
  if ! grep -qx "$owner" "$closure"; then
    echo "MISSING  Debian package '$owner' ($path) is needed by $what but scripts/debian-packages.txt does not bring it"
    missing=1
  fi
}

deps=$(go list -deps -test -f '{{.ImportPath}}|{{range .CgoPkgConfig}}{{.}} {{end}}|{{range .CgoLDFLAGS}}{{.}} {{end}}' ./...) \
  || { echo "check-deps: go list failed" >&2; exit 1; }
while IFS='|' read -r pkg pcs ldflags; do
  for m in $pcs; do
    case $m in -*) continue ;; esac
    p=$(pkg-config --path "$m" 2>/dev/null)
    if [ -z "$p" ]; then
      echo "MISSING  pkg-config module '$m' (cgo in $pkg) is not installed at all"
      missing=1
      continue
    fi
    check "pkg-config $m (cgo in $pkg)" "$p"
  done
  for f in $ldflags; do
    case $f in -l*) ;; *) continue ;; esac
    p=$(gcc -print-file-name="lib${f#-l}.so" 2>/dev/null)
    [[ $p == /* ]] && check "cgo $f (in $pkg)" "$p"
  done
done <<<"$deps"

progs=$(grep -rhoE 'exec\.(Command|CommandContext|LookPath)\((ctx, )?"[A-Za-z0-9_.+-]+"' --include='*.go' . \
  | grep -oE '"[^"]+"' | tr -d '"' | sort -u)
# a script's probe counts unless its line says "optional" (sudo, for one)
progs="$progs $(grep -rhE 'command -v [A-Za-z0-9_.+-]+' scripts Makefile | grep -v optional \
  | grep -oE 'command -v [A-Za-z0-9_.+-]+' | awk '{print $3}' | sort -u)"
for c in $(echo "$progs" | tr ' ' '\n' | sort -u); do
  p=$(command -v "$c" 2>/dev/null)
  if [ -z "$p" ]; then
    echo "MISSING  program '$c' is run by Rushcut's code or scripts but is not on PATH"
    missing=1
    continue
  fi
  [[ $p == /* ]] && check "program $c" "$p"
done

[ $missing = 0 ] && echo "check-deps: complete: ${#listed[@]} listed packages bring every cgo module, library and program Rushcut uses"
exit $missing
