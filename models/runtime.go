package models

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"

	ort "github.com/yalue/onnxruntime_go"
)

// LibraryEnv names the environment variable that selects the ONNX Runtime
// shared library, e.g. the official GPU build on an NVIDIA workstation.
const LibraryEnv = "RUSHCUT_ORT_LIB"

// libraryName is the ONNX Runtime shared library's file name on Linux.
const libraryName = "libonnxruntime.so.1"

// depsLibrary is where scripts/setup.sh puts ONNX Runtime in the source tree.
var depsLibrary = filepath.Join(".deps", "onnxruntime", libraryName)

// executable is os.Executable with symlinks resolved; tests swap it.
var executable = func() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	return filepath.EvalSymlinks(exe)
}

// FindLibrary returns the ONNX Runtime library to load: $RUSHCUT_ORT_LIB if
// set (it must exist), else the first of these beside the executable
// (symlinks resolved): libonnxruntime.so.1 in its folder, then
// .deps/onnxruntime/ in its folder or its parent's (the source tree, where
// `make build` puts the binary and `make setup` the library). It never
// looks in the working directory or above it: running rushcut inside a
// client's drive must not load a library planted there.
func FindLibrary() (string, error) {
	if p := os.Getenv(LibraryEnv); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("%w: %s=%s: %v", ErrNoRuntime, LibraryEnv, p, unwrapPathError(err))
		}
		return p, nil
	}
	if exe, err := executable(); err == nil {
		for _, p := range libraryCandidates(filepath.Dir(exe)) {
			if isFile(p) {
				return p, nil
			}
		}
	}
	return "", fmt.Errorf("%w: %s not found (set %s to the library, put it next to the rushcut binary, or run `make setup` and `make build` in the source tree)",
		ErrNoRuntime, libraryName, LibraryEnv)
}

// libraryCandidates are the places FindLibrary tries for an executable in
// dir, in order.
func libraryCandidates(dir string) []string {
	return []string{
		filepath.Join(dir, libraryName),
		filepath.Join(dir, depsLibrary),
		filepath.Join(filepath.Dir(dir), depsLibrary),
	}
}

// walkUp looks for rel in dir and each of its parents (ShippedModelPath's
// search; never used for the runtime library).
func walkUp(dir, rel string) string {
	for {
		if p := filepath.Join(dir, rel); isFile(p) {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

func isFile(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular()
}

// runtime is the process-wide ONNX Runtime environment. It is created on
// first use and lives until the process exits: ONNX Runtime cannot load a
// second library into one process, and sessions share the environment.
var runtime struct {
	sync.Mutex
	path    string
	version string
	err     error
}

// Runtime loads ONNX Runtime (once per process) and returns the library's
// path and version. A failure is remembered: the process cannot load
// another library afterwards.
func Runtime() (path, version string, err error) {
	runtime.Lock()
	defer runtime.Unlock()
	if runtime.path != "" || runtime.err != nil {
		return runtime.path, runtime.version, runtime.err
	}
	p, err := FindLibrary()
	if err != nil {
		runtime.err = err
		return "", "", err
	}
	ort.SetSharedLibraryPath(p)
	if err := ort.InitializeEnvironment(ort.WithLogLevelError()); err != nil {
		runtime.err = fmt.Errorf("%w: loading %s: %v", ErrNoRuntime, p, err)
		return "", "", runtime.err
	}
	runtime.path, runtime.version = p, ort.GetVersion()
	return runtime.path, runtime.version, nil
}
