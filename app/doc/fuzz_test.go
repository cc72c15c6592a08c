package doc

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzOpen feeds the reader arbitrary bytes. It must never panic; it either
// refuses the data with one line wrapping ErrNotProject, ErrVersion or
// ErrDamaged, or returns a project that writes and reads back equal.
// `go test` runs the seeds; `go test -fuzz FuzzOpen` searches further.
func FuzzOpen(f *testing.F) {
	golden, err := os.ReadFile(filepath.Join("testdata", "v1.rushcut"))
	if err != nil {
		f.Fatal(err)
	}
	g := string(golden)
	for _, seed := range []string{
		g, "", "{}", "[]", "null", `{"schema": "Rushcut.Project.1"}`, `{"schema": "Rushcut.Project.0"}`,
		`{"schema": "Rushcut.Project.1", "media": [{}], "timeline": {"schema": "Timeline.1", "tracks": [{"schema": "Track.1", "items": [1]}]}}`,
		strings.Replace(g, `"Clip.1"`, `"Clip.2"`, 1),
		strings.Replace(g, `"m2"`, `"m1"`, 1),
		strings.Replace(g, `"accepted"`, `"modified"`, 1),
		strings.Replace(g, `"c2"`, `""`, 1),
		g[:len(g)/2],
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Unmarshal(data)
		if err != nil {
			if p != nil {
				t.Fatal("a project and an error")
			}
			msg := (&Error{"f.rushcut", err}).Error()
			if strings.Contains(msg, "\n") {
				t.Fatalf("error on more than one line: %q", msg)
			}
			if !errors.Is(err, ErrNotProject) && !errors.Is(err, ErrVersion) && !errors.Is(err, ErrDamaged) {
				t.Fatalf("error %q wraps none of the package's errors", msg)
			}
			return
		}
		b, err := Marshal(p)
		if err != nil {
			t.Fatalf("a project that opened does not save: %v", err)
		}
		q, err := Unmarshal(b)
		if err != nil {
			t.Fatalf("a saved project does not open: %v", err)
		}
		if diff := sameProject(p, q); diff != "" {
			t.Fatal(diff)
		}
	})
}
