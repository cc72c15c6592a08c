# Rushcut — two commands for a newcomer: `make run` and `make test`.
SHELL := /bin/bash
export PATH := $(PATH):/usr/local/go/bin
GO ?= go
ORT_LIB := $(CURDIR)/.deps/onnxruntime/libonnxruntime.so.1
export RUSHCUT_ORT_LIB ?= $(ORT_LIB)
# The build flags (lld, --gc-sections: 199 shared libraries loaded, not 334);
# scripts/test.sh and scripts/bench.sh source the same file.
BUILDENV := . scripts/buildenv.sh &&

.PHONY: setup build run test vet race bench clean train-model

setup:
	@bash scripts/setup.sh

build: setup
	$(BUILDENV) $(GO) build -o rushcut ./app

run: build
	./rushcut gui --demo

vet: setup
	$(GO) vet ./...

test: setup
	$(GO) vet ./...
	bash scripts/test.sh

bench: setup
	bash scripts/bench.sh

clean:
	rm -f rushcut

# Reproduces assets/models/ from scratch (fixed seeds; see models/train/).
train-model: setup
	bash scripts/train-model.sh
