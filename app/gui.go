package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"rushcut/app/assemble"
	"rushcut/app/doc"
	"rushcut/app/effects"
	"rushcut/app/project"
	"rushcut/app/rough"
	"rushcut/app/takes/rushgen"
	"rushcut/models"
	"rushcut/ui"
)

// started is when the process began (for the UI probe).
var started = time.Now()

func init() {
	register(command{"gui", "gui [--demo] [DIR|P.rushcut] [--project P.rushcut] [--bin FILE|DIR...]   open the desktop application", cmdGUI})
}

// cmdGUI is `rushcut gui`, and `rushcut` alone: a folder of rushes (or a
// project) opens as its rough cut, analysed with progress shown; --demo
// builds demo rushes from the opencv-doc clips first; --bin (or no
// argument) opens the plain bin and viewer over files.
func cmdGUI(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("gui", stderr)
	demo := fs.Bool("demo", false, "open the demo: rushes generated from Debian's opencv-doc clips, analysed into a rough cut")
	projectPath := fs.String("project", "", "the project file (default: "+projectsDir()+"/NAME-HASH.rushcut, never in the media folder)")
	bin := fs.Bool("bin", false, "open the plain bin and viewer over the given files or folders")
	paths, err := parseArgs(fs, args)
	if err != nil {
		return exitUsage
	}
	// Without a display nothing can open; bad input is still named first
	// (below), and the demo is not generated for nothing.
	noDisplay := func() bool {
		if err := checkDisplay(); err != nil {
			fmt.Fprintln(stderr, "rushcut gui: "+oneLine(err))
			return true
		}
		return false
	}
	if *bin || (len(paths) == 0 && !*demo) {
		if noDisplay() {
			return exitFail
		}
		p := project.New()
		p.Add(paths...)
		for _, e := range p.Errors() {
			fmt.Fprintln(stderr, "rushcut: "+oneLine(e))
		}
		ui.Run(p, "Rushcut")
		return exitOK
	}
	if *demo {
		if noDisplay() {
			return exitFail
		}
		dir, err := demoRushes(stderr)
		if err != nil {
			fmt.Fprintln(stderr, "rushcut gui: demo: "+oneLine(err))
			return exitFail
		}
		paths = []string{dir}
	}
	if len(paths) != 1 {
		fmt.Fprintln(stderr, "usage: rushcut gui [--demo] [DIR|P.rushcut] [--project P.rushcut]")
		return exitUsage
	}
	o, err := opening(paths, *projectPath, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "rushcut gui: "+oneLine(err))
		return exitUsage
	}
	if !*demo && noDisplay() {
		return exitFail
	}
	o.Started = started
	o.Reopen = func(paths []string) (ui.Opening, error) { return opening(paths, "", stderr) }
	if path := os.Getenv("RUSHCUT_UI_PROBE"); path != "" { // benchmarks: the UI loop's latency
		f, err := os.Create(path)
		if err != nil {
			fmt.Fprintln(stderr, "rushcut gui: "+oneLine(err))
			return exitFail
		}
		defer f.Close()
		o.Probe = f
	}
	ui.RunRoughCut(o)
	return exitOK
}

// opening is what the window opens for paths: a project (one .rushcut
// file, with its newer autosave offered back), or rushes (a folder or
// video files) into the project at projectPath (default: see
// defaultProject).
func opening(paths []string, projectPath string, stderr io.Writer) (ui.Opening, error) {
	var existing, recovered *doc.Project
	var files []string
	auto := ""
	if len(paths) == 1 && strings.EqualFold(filepath.Ext(paths[0]), ".rushcut") {
		path := paths[0]
		p, a, err := doc.Open(path)
		if err != nil {
			return ui.Opening{}, err
		}
		if p.Imported != "" {
			return ui.Opening{}, fmt.Errorf("%s holds an editor's cut imported from %s; the window opens Rushcut's rough cuts (rushcut effects, preview, decide and assemble work on it)", path, p.Imported)
		}
		if a != "" {
			if ap, _, err := doc.Open(a); err == nil {
				auto, recovered = a, ap
			} else {
				fmt.Fprintf(stderr, "rushcut gui: %s: its autosave %s is unreadable, opening the saved project: %s\n", path, a, oneLine(err))
			}
		}
		existing, projectPath = p, path
		for _, m := range p.Media {
			files = append(files, m.Ref.Path)
		}
	} else {
		var err error
		if files, err = assemble.Collect(paths); err != nil {
			return ui.Opening{}, err
		}
		if len(files) == 0 {
			return ui.Opening{}, fmt.Errorf("%s: no video files", strings.Join(paths, ", "))
		}
		if projectPath == "" {
			projectPath = defaultProject(paths[0])
		}
	}
	return ui.Opening{
		Title:    "Rushcut — " + filepath.Base(projectPath),
		Autosave: auto,
		Load: func(ctx context.Context, recover bool, progress func(ui.Progress)) (*rough.Session, error) {
			p := existing
			switch {
			case recover && recovered != nil:
				fmt.Fprintf(stderr, "rushcut gui: %s: recovering its autosave %s\n", projectPath, auto)
				p = recovered
			case auto != "":
				aside, err := doc.KeepAside(projectPath, time.Now())
				if err != nil {
					return nil, err
				}
				fmt.Fprintf(stderr, "rushcut gui: %s: the autosave is kept aside as %s\n", projectPath, aside)
			}
			return openRoughCut(ctx, files, projectPath, p, progress, stderr)
		},
		After: func(s *rough.Session) (string, error) {
			n, err := s.ProposeEffects(colorSampler)
			return fmt.Sprintf("%d effects proposed (the Effect lanes above the tracks)", n), err
		},
	}, nil
}

// openRoughCut analyses files (the cache makes a second time instant),
// merges the day into the project (new, or existing with its decisions),
// saves it and returns the session.
func openRoughCut(ctx context.Context, files []string, path string, existing *doc.Project, progress func(ui.Progress), stderr io.Writer) (*rough.Session, error) {
	emb, err := models.OpenDefault("", models.Options{Provider: models.Auto, Logf: func(string, ...any) {}})
	if err != nil {
		fmt.Fprintln(stderr, "rushcut gui: ViT off: "+oneLine(err))
		emb = nil
	} else {
		defer emb.Close()
	}
	failed := map[string]string{}
	filesDone, filesTotal := 0, len(files)
	opt := rough.FolderOptions{Slates: true,
		Progress: func(done, total, _, _ int) {
			filesDone, filesTotal = done, total
			progress(ui.Progress{Done: done, Total: total})
		},
		FileProgress: func(path string, done, total int, finished bool, err error) {
			p := ui.Progress{Done: filesDone, Total: filesTotal, Path: path, Frame: done, Frames: total, Finished: finished}
			if err != nil {
				p.Err = oneLine(err)
			}
			progress(p)
		},
		OnError: func(p string, err error) {
			fmt.Fprintln(stderr, "rushcut gui: "+oneLine(err)+" (skipped)")
			failed[p] = oneLine(err)
		},
	}
	opt.Analysis.Embedder = emb
	rs, err := rough.AnalyzeFiles(ctx, files, opt)
	if err != nil {
		return nil, err
	}
	if len(rs) == 0 {
		return nil, fmt.Errorf("none of the %d files could be analysed", len(files))
	}
	hashes, err := rough.Hashes(rs)
	if err != nil {
		return nil, err
	}
	day := rough.NewDay(rs, hashes)
	name := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	topts, err := assemble.DefaultTimeline(rough.Refs(rs), name)
	if err != nil {
		return nil, err
	}
	p := existing
	if p == nil {
		p = doc.New(name)
	}
	if _, err := rough.Apply(p, day, topts); err != nil {
		return nil, err
	}
	p.Timeline, _ = effects.Apply(p.Timeline, p.Suggestions.Entries(), effects.Accepted)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	if err := doc.Save(path, p); err != nil {
		return nil, err
	}
	s := rough.NewSession(path, p, day, topts)
	s.SetFailed(failed)
	return s, nil
}

// projectsDir is where projects of folders opened without --project live.
func projectsDir() string {
	d, err := os.UserConfigDir()
	if err != nil {
		d = os.TempDir()
	}
	return filepath.Join(d, "rushcut", "projects")
}

// defaultProject names the project of a folder: its name and a hash of
// its absolute path, in projectsDir.
func defaultProject(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		abs = dir
	}
	h := sha256.Sum256([]byte(abs))
	return filepath.Join(projectsDir(), filepath.Base(abs)+"-"+hex.EncodeToString(h[:4])+".rushcut")
}

// demoRushes generates the demo rushes (rushgen's Small day, from the
// opencv-doc clips) once, in the user cache directory.
func demoRushes(stderr io.Writer) (string, error) {
	d, err := os.UserCacheDir()
	if err != nil {
		d = os.TempDir()
	}
	dir := filepath.Join(d, "rushcut", "demo-rushes")
	if _, err := rushgen.Load(dir); err != nil {
		fmt.Fprintln(stderr, "rushcut gui: making the demo rushes from the opencv-doc clips (once)…")
	}
	_, err = rushgen.Ensure(context.Background(), dir, rushgen.Small())
	return dir, err
}
