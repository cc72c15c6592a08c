// Package takes tells which shots show the same setup (the same camera
// position on the same scene: takes of one slate, or a shot and its
// regraded or reframed copy) across a day's rushes. Shots are compared by
// their ViT embeddings (the analysis pass's vision.Embeddings), which the
// shipped model learned to keep close under camera motion, lighting,
// grading and reframing, and far between different angles of one scene.
package takes

import (
	"math"
	"sort"

	"rushcut/models"
	"rushcut/vision"
)

// Shot is one shot of one file with its description.
type Shot struct {
	// File is the media file; Index the shot's position in its file.
	File  string
	Index int
	// Start and End are the shot's first and last frames, inclusive.
	Start, End int
	// Vec is the normalised mean of the shot's frame embeddings, nil when
	// none of its frames was embedded.
	Vec []float32
}

// Shots describes each shot of a detection result by the embeddings of
// its frames.
func Shots(file string, res vision.Result, e *vision.Embeddings) []Shot {
	out := make([]Shot, 0, len(res.Shots))
	for i, s := range res.Shots {
		out = append(out, Shot{File: file, Index: i, Start: s.Start, End: s.End, Vec: e.Mean(s.Start, s.End)})
	}
	return out
}

// Similarity is the cosine similarity of two shots' descriptions, in
// [-1, 1]; 0 when either has none.
func Similarity(a, b Shot) float64 { return models.Cosine(a.Vec, b.Vec) }

// Nearest returns, for each shot, the index of the most similar other shot
// and that similarity (-1 and 0 when there is none to compare with).
func Nearest(shots []Shot) (idx []int, sim []float64) {
	idx, sim = make([]int, len(shots)), make([]float64, len(shots))
	for i := range shots {
		idx[i], sim[i] = -1, 0
		for j := range shots {
			if j == i || shots[j].Vec == nil || shots[i].Vec == nil {
				continue
			}
			if s := Similarity(shots[i], shots[j]); idx[i] < 0 || s > sim[i] {
				idx[i], sim[i] = j, s
			}
		}
	}
	return idx, sim
}

// Group clusters shots by average linkage: the two groups with the highest
// mean pairwise similarity merge while it is at least minSim. There is no
// default minSim: on real footage (see the package test) a shot and its
// regraded copy score 0.85–0.89, other angles of the same scene 0.54–0.86,
// other scenes -0.23–0.55, so one threshold separates scenes but not the
// set-ups within a scene; Nearest ranks those. Each group lists shot indexes in increasing order; groups are
// ordered by their first shot. Shots without a description stay alone.
func Group(shots []Shot, minSim float64) [][]int {
	n := len(shots)
	groups := make([][]int, n)
	for i := range groups {
		groups[i] = []int{i}
	}
	// sim[i][j] is the mean similarity between groups i and j (live ones).
	sim := make([][]float64, n)
	for i := range sim {
		sim[i] = make([]float64, n)
		for j := range sim[i] {
			if i != j && shots[i].Vec != nil && shots[j].Vec != nil {
				sim[i][j] = Similarity(shots[i], shots[j])
			} else {
				sim[i][j] = math.Inf(-1)
			}
		}
	}
	live := make([]bool, n)
	for i := range live {
		live[i] = true
	}
	for {
		bi, bj, best := -1, -1, math.Inf(-1)
		for i := 0; i < n; i++ {
			if !live[i] {
				continue
			}
			for j := i + 1; j < n; j++ {
				if live[j] && sim[i][j] > best {
					bi, bj, best = i, j, sim[i][j]
				}
			}
		}
		if bi < 0 || best < minSim {
			break
		}
		// Merge bj into bi; Lance–Williams update for average linkage.
		ni, nj := float64(len(groups[bi])), float64(len(groups[bj]))
		for k := 0; k < n; k++ {
			if !live[k] || k == bi || k == bj {
				continue
			}
			v := (ni*sim[bi][k] + nj*sim[bj][k]) / (ni + nj)
			sim[bi][k], sim[k][bi] = v, v
		}
		groups[bi] = append(groups[bi], groups[bj]...)
		live[bj] = false
	}
	var out [][]int
	for i := 0; i < n; i++ {
		if live[i] {
			g := append([]int(nil), groups[i]...)
			sort.Ints(g)
			out = append(out, g)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}
