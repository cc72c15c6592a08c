# Sourced, not run: the one place for Rushcut's build flags. The Makefile's
# build, run and test targets, scripts/test.sh, scripts/bench.sh and
# BenchmarkCutsCLI (app/bench_test.go) all read them from here.
#
# Why: gocv compiles all of its C++ wrappers (highgui, videoio, features2d,
# photo...) and go-astiav links libavdevice, so a plain `go build` makes the
# binary NEED those modules, and through them 334 shared libraries (gdal,
# Qt5, gstreamer, poppler...) mostly never called, whose pages sit in every
# rushcut process. Compiling the C and C++ code with one section per
# function and linking with lld's --gc-sections drops the wrappers no Go
# code calls, and lld's --as-needed then leaves out the libraries only that
# dead code named (ld.bfd and gold keep them: they decide --as-needed before
# collecting sections). Now 199 libraries, ~40 MiB less peak RSS for
# `rushcut cuts`; app/lean_test.go checks it stays so.
#
# Without these flags (a bare `go build` or `go test`) everything still
# builds and works, only the process is bigger. A caller's own CGO_CFLAGS,
# CGO_CXXFLAGS or GOFLAGS win over these.
if ! command -v ld.lld >/dev/null; then
  echo "buildenv: ld.lld not found (Debian package lld; scripts/setup.sh installs it)" >&2
  return 1
fi
: "${CGO_CFLAGS:=-O2 -g -ffunction-sections -fdata-sections}"
: "${CGO_CXXFLAGS:=-O2 -g -ffunction-sections -fdata-sections}"
: "${GOFLAGS:=\"-ldflags=-extldflags '-fuse-ld=lld -Wl,--gc-sections'\"}"
export CGO_CFLAGS CGO_CXXFLAGS GOFLAGS
