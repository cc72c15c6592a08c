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

// FindLibrary returns the ONNX Runtime library to load: $RUSHCUT_ORT_LIB if
// set (it must exist), else libonnxruntime.so.1 next to the executable, else
// the first .deps/onnxruntime/libonnxruntime.so.1 found walking up from the
// executable's folder and from the working directory.
func FindLibrary() (string, error) {
	if p := os.Getenv(LibraryEnv); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("%w: %s=%s: %v", ErrNoRuntime, LibraryEnv, p, unwrapPathError(err))
		}
		return p, nil
	}
	var starts []string
	if exe, err := os.Executable(); err == nil {
		if exe, err := filepath.EvalSymlinks(exe); err == nil {
			dir := filepath.Dir(exe)
			if p := filepath.Join(dir, libraryName); isFile(p) {
				return p, nil
			}
			starts = append(starts, dir)
		}
	}
	if wd, err := os.Getwd(); err == nil {
		starts = append(starts, wd)
	}
	for _, dir := range starts {
		if p := walkUp(dir, depsLibrary); p != "" {
			return p, nil
		}
	}
	return "", fmt.Errorf("%w: %s not found (set %s to the library, put it next to the rushcut binary, or run `make setup` in the source tree)",
		ErrNoRuntime, libraryName, LibraryEnv)
}

// walkUp looks for rel in dir and each of its parents.
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
