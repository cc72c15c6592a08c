package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"rushcut/app/assemble"
	"rushcut/app/doc"
	"rushcut/app/edit"
	"rushcut/app/effects"
	"rushcut/app/rough"
	"rushcut/app/suggest"
	"rushcut/vision/color"
)

func init() {
	register(command{name: "effects", usage: effectsUsage, run: cmdEffects})
}

const effectsUsage = "effects DIR|P.rushcut|CUT.edl [--media DIR] [--project P.rushcut] [--rate R] [--json] [--no-color] [--no-vit]   effect suggestions on the rough cut or an editor's EDL (dissolves, fades, the wipes and dips a take holds, stabilize, speed, colour match, flash removal)"

// colorFrames is how many frames of each clip a colour match samples.
const colorFrames = 8

// colorSampler measures clips with vision/color.
func colorSampler(path string, start, in, out int64) (effects.ColorStats, error) {
	st, err := color.Sample(path, start, in, out, colorFrames)
	if err != nil {
		return effects.ColorStats{}, err
	}
	return effects.ColorStats{Quantiles: st.Quantiles, Levels: color.Levels, Lab: st.Lab}, nil
}

// effectJSON is one suggestion as `rushcut effects --json` writes it.
type effectJSON struct {
	ID         string            `json:"id"`
	Kind       string            `json:"kind"`
	Status     suggest.Status    `json:"status"`
	Target     suggest.Target    `json:"target"`
	Params     map[string]string `json:"params"`
	Confidence float64           `json:"confidence"`
	Reason     string            `json:"reason"`
	Evidence   suggest.Evidence  `json:"evidence"`
}

// cmdEffects is `rushcut effects`: it analyses the rushes (a folder, or a
// project's media, with the project's decisions), builds the rough cut
// and lists the effects proposed on it; or reads an editor's EDL,
// relinks it to the media in --media and lists the effects proposed on
// that cut (with --project, saved as a project holding that cut). A
// project is saved with the effect suggestions merged in, so that
// `rushcut preview` renders them, `rushcut decide` accepts them and
// `rushcut assemble --effects accepted` exports them.
func cmdEffects(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("effects", stderr)
	asJSON := fs.Bool("json", false, "write the suggestions as JSON")
	noColor := fs.Bool("no-color", false, "do not sample pixels for colour matching")
	mediaDir := fs.String("media", "", "with an EDL: the folder holding its media (relinked by file name, clip name, or reel and timecode)")
	rate := fs.String("rate", "", "with an EDL: its record rate (default: the media's most common rate)")
	importTo := fs.String("project", "", "with an EDL: save its cut, relinked, and the effects proposed on it as this project (an existing one keeps its decisions)")
	vf := addViTFlags(fs)
	inputs, err := parseArgs(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(inputs) != 1 {
		fmt.Fprintln(stderr, "usage: rushcut "+effectsUsage)
		return exitUsage
	}
	var sampler effects.ColorSampler
	if !*noColor {
		sampler = colorSampler
	}
	var list []effectJSON
	var p *doc.Project
	var projectPath string
	if strings.EqualFold(filepath.Ext(inputs[0]), ".edl") {
		if *mediaDir == "" {
			fmt.Fprintf(stderr, "rushcut effects: %s: an EDL needs --media DIR (the folder holding its media)\n", inputs[0])
			return exitUsage
		}
		var code int
		if p, code = importProject(inputs[0], *importTo, stderr); code != exitOK {
			return code
		}
		tl, day, code := edlCut(inputs[0], *mediaDir, *rate, vf, stderr)
		if code != exitOK {
			return code
		}
		from, _ := filepath.Abs(inputs[0])
		if _, err := rough.Import(p, day, tl, from, sampler); err != nil {
			fmt.Fprintln(stderr, "rushcut effects: "+oneLine(err))
			return exitFail
		}
		projectPath = *importTo
	} else {
		var day *rough.Day
		var code int
		p, projectPath, day, code = openCut("effects", inputs[0], vf, stderr)
		if code != exitOK {
			return code
		}
		if _, err := rough.ProposeCut(p, day, sampler); err != nil {
			fmt.Fprintln(stderr, "rushcut effects: "+oneLine(err))
			return exitFail
		}
	}
	for _, e := range p.Suggestions.Entries() {
		if e.Orphaned || !effects.IsEffect(e.Kind) {
			continue
		}
		list = append(list, effectJSON{ID: e.ID, Kind: string(e.Kind), Status: e.Decision.Status, Target: e.Target,
			Params: e.Effective().Values, Confidence: e.Confidence, Reason: e.Reason, Evidence: e.Evidence})
	}
	if *asJSON {
		if list == nil {
			list = []effectJSON{}
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(list); err != nil {
			return exitFail
		}
	} else {
		printEffects(stdout, list)
	}
	if projectPath != "" {
		if err := doc.Save(projectPath, p); err != nil {
			fmt.Fprintln(stderr, "rushcut effects: "+oneLine(err))
			return exitFail
		}
		fmt.Fprintf(stderr, "wrote %s: %d effect suggestions\n", projectPath, len(list))
	}
	return exitOK
}

// importProject is the project an EDL's cut goes into: a new one, or the
// existing project at path when it holds a cut imported before (its
// decisions are kept). A project holding Rushcut's rough cut is not
// overwritten.
func importProject(edlPath, path string, stderr io.Writer) (*doc.Project, int) {
	name := strings.TrimSuffix(filepath.Base(edlPath), filepath.Ext(edlPath))
	if path == "" {
		return doc.New(name), exitOK
	}
	if !strings.EqualFold(filepath.Ext(path), ".rushcut") {
		fmt.Fprintf(stderr, "rushcut effects: --project %s: a project file ends in .rushcut\n", path)
		return nil, exitUsage
	}
	if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
		return doc.New(name), exitOK
	}
	p, _, err := doc.Open(path)
	if err != nil {
		fmt.Fprintln(stderr, "rushcut effects: "+oneLine(err))
		return nil, exitUsage
	}
	if p.Imported == "" && p.Timeline != nil {
		fmt.Fprintf(stderr, "rushcut effects: %s holds Rushcut's rough cut; importing %s would replace it: name another --project\n", path, edlPath)
		return nil, exitUsage
	}
	return p, exitOK
}

// openCut analyses a folder of rushes or a project's media and rebuilds
// the rough cut with the project's decisions. projectPath is "" for a
// folder.
func openCut(cmd, input string, vf vitFlags, stderr io.Writer) (*doc.Project, string, *rough.Day, int) {
	var p *doc.Project
	var projectPath string
	var files []string
	var err error
	if strings.EqualFold(filepath.Ext(input), ".rushcut") {
		projectPath = input
		if p, _, err = doc.Open(input); err != nil {
			fmt.Fprintf(stderr, "rushcut %s: %s\n", cmd, oneLine(err))
			return nil, "", nil, exitUsage
		}
		for _, m := range p.Media {
			files = append(files, m.Ref.Path)
		}
	} else {
		if files, err = assemble.Collect([]string{input}); err != nil {
			fmt.Fprintf(stderr, "rushcut %s: %s\n", cmd, oneLine(err))
			return nil, "", nil, exitUsage
		}
		p = doc.New(filepath.Base(input))
	}
	var notes []string
	emb, code := vf.open(cmd, stderr, func(l string) { notes = append(notes, l) })
	if code != exitOK {
		return nil, "", nil, code
	}
	if emb != nil {
		defer emb.Close()
	}
	rs, code := analyzeRushes(cmd, files, emb, false, stderr)
	for _, n := range notes {
		fmt.Fprintln(stderr, n)
	}
	if rs == nil {
		return nil, "", nil, code
	}
	hashes, err := rough.Hashes(rs)
	if err != nil {
		fmt.Fprintf(stderr, "rushcut %s: %s\n", cmd, oneLine(err))
		return nil, "", nil, exitFail
	}
	day := rough.NewDay(rs, hashes)
	if p.Imported != "" { // an editor's cut: kept as it is
		return p, projectPath, day, exitOK
	}
	topts := assemble.TimelineOptions{Name: p.Name, Audio: "AA"}
	if tl := p.Timeline; tl != nil {
		topts.Rate, topts.DropFrame, topts.Start = tl.Rate, tl.DropFrame, tl.Start
	} else {
		topts.Rate = assemble.TimelineRate(rough.Refs(rs))
		topts.Start, _ = topts.Rate.ParseTimecode("01:00:00:00", false)
	}
	warns, err := rough.Apply(p, day, topts)
	for _, w := range warns {
		fmt.Fprintf(stderr, "warning: %s\n", w)
	}
	if err != nil {
		fmt.Fprintf(stderr, "rushcut %s: %s\n", cmd, oneLine(err))
		return nil, "", nil, exitFail
	}
	return p, projectPath, day, exitOK
}

// printEffects lists the suggestions for a person: id, status, kind,
// confidence, target, parameters, then the reason.
func printEffects(w io.Writer, list []effectJSON) {
	if len(list) == 0 {
		fmt.Fprintln(w, "no effects proposed")
		return
	}
	for _, e := range list {
		t := filepath.Base(e.Target.Path)
		if r := e.Target.Range; r.Duration > 0 {
			t += fmt.Sprintf(" [%d–%d)", r.Start, r.End())
		}
		keys := make([]string, 0, len(e.Params))
		for k := range e.Params {
			if k == "from" || k == "reference" || strings.HasSuffix(k, "_path") {
				continue // media keys and paths: in --json
			}
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var ps []string
		for _, k := range keys {
			ps = append(ps, k+"="+e.Params[k])
		}
		fmt.Fprintf(w, "%-22s %-9s %-12s %.2f  %s  %s\n    %s\n", e.ID, e.Status, e.Kind, e.Confidence, t, strings.Join(ps, " "), e.Reason)
	}
}

// takeEffectsFlag removes --effects MODE (or --effects=MODE) from the
// arguments of `rushcut assemble` and returns the rest and the mode
// (effects.Accepted when absent).
func takeEffectsFlag(args []string) ([]string, effects.Mode, error) {
	mode := effects.Accepted
	var rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			rest = append(rest, args[i:]...)
			break
		}
		v, ok := "", false
		switch {
		case a == "--effects" || a == "-effects":
			if i+1 >= len(args) {
				return nil, "", fmt.Errorf("--effects needs proposed, accepted or none")
			}
			v, ok = args[i+1], true
			i++
		case strings.HasPrefix(a, "--effects=") || strings.HasPrefix(a, "-effects="):
			_, v, _ = strings.Cut(a, "=")
			ok = true
		}
		if !ok {
			rest = append(rest, a)
			continue
		}
		m, err := effects.ParseMode(v)
		if err != nil {
			return nil, "", err
		}
		mode = m
	}
	return rest, mode, nil
}

// effectsHook is assemble.Options.Effects for a rough cut: it proposes
// the effects on the cut again (merging them into the project, so that
// decisions made with `rushcut decide` apply to the suggestions they were
// made on) and puts the ones mode selects on the timeline. With
// effects.Accepted and no effect accepted in the project it does nothing.
func effectsHook(p *doc.Project, day *rough.Day, mode effects.Mode) func(*edit.Timeline) ([]string, error) {
	return func(tl *edit.Timeline) ([]string, error) {
		if mode == effects.None {
			return nil, nil
		}
		if mode == effects.Accepted && !anyAccepted(p.Suggestions.Entries()) {
			return nil, nil
		}
		if _, err := rough.ProposeCut(p, day, colorSampler); err != nil {
			return nil, err
		}
		entries := p.Suggestions.Entries()
		out, notes := effects.Apply(tl, entries, mode)
		*tl = *out
		stale := 0
		for _, e := range entries {
			if e.Orphaned && effects.IsEffect(e.Kind) && (e.Decision.Status == suggest.Accepted || e.Decision.Status == suggest.Modified) {
				stale++
			}
		}
		if stale > 0 {
			notes = append(notes, fmt.Sprintf("warning: %d accepted effect(s) were made on another cut and no longer apply (rushcut effects lists the current ones)", stale))
		}
		n := 0
		for _, e := range entries {
			if !e.Orphaned && effects.IsEffect(e.Kind) && mode.Applies(e.Decision.Status) {
				n++
			}
		}
		notes = append(notes, fmt.Sprintf("effects (%s): %d applied", mode, n))
		return notes, nil
	}
}

// anyAccepted reports whether an effect suggestion is accepted or
// modified (orphaned or not).
func anyAccepted(es []suggest.Entry) bool {
	for _, e := range es {
		if effects.IsEffect(e.Kind) && (e.Decision.Status == suggest.Accepted || e.Decision.Status == suggest.Modified) {
			return true
		}
	}
	return false
}
