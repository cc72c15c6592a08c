package analysis

import (
	"fmt"

	"rushcut/media"
	"rushcut/models"
	"rushcut/vision"
)

// DefaultEmbedStride is how often the ViT embeds a frame when Options
// leaves EmbedStride at 0: about three times a second at 25 fps, enough
// to describe every shot for take matching. The frames around each
// abrupt change are embedded as well, for the cut cue.
const DefaultEmbedStride = 8

// embedStage runs the ViT on the frames the analysis needs embedded: every
// stride-th frame, and the frames around each abrupt pixel change (frames
// i-2..i+1 for a change into frame i, see vision.NeedsEmbedding). Chunks
// come in frame order; the stage holds the previous chunk's frames so that
// a change at the start of a chunk can reach back, and remembers frames
// wanted from the next chunk.
type embedStage struct {
	emb    *models.Embedder
	stride int
	w, h   int
	out    *vision.Embeddings
	free   chan<- []byte

	prev      *chunk       // the previous chunk, frames still held
	wantAhead map[int]bool // frames past the last chunk wanted embedded
}

func newEmbedStage(emb *models.Embedder, stride, w, h int, free chan<- []byte) *embedStage {
	if stride <= 0 {
		stride = DefaultEmbedStride
	}
	return &embedStage{emb: emb, stride: stride, w: w, h: h, free: free,
		out: &vision.Embeddings{Dim: emb.Dim()}, wantAhead: map[int]bool{}}
}

// add takes the next chunk in order with its features, embeds the frames
// it needs from it and the previous chunk, and releases the previous
// chunk's frames.
func (s *embedStage) add(c *chunk, feats []vision.Features) error {
	end := c.start + len(c.frames) // one past the chunk
	want := map[int]bool{}
	for i := range feats {
		f := c.start + i
		if f%s.stride == 0 || s.wantAhead[f] {
			want[f] = true
		}
		if vision.NeedsEmbedding(&feats[i]) {
			for k := f - 2; k <= f+1; k++ {
				if k >= 0 {
					want[k] = true
				}
			}
		}
	}
	s.wantAhead = map[int]bool{}
	var frames []*media.Frame
	var idx []int
	lo := c.start
	if s.prev != nil {
		lo = s.prev.start
	}
	for f := lo; f < end; f++ {
		if !want[f] || s.out.At(f) != nil {
			continue
		}
		frames = append(frames, s.frame(c, f))
		idx = append(idx, f)
	}
	for f := range want {
		if f >= end {
			s.wantAhead[f] = true
		}
	}
	s.release()
	s.prev = c
	if len(frames) == 0 {
		return nil
	}
	vecs, err := s.emb.Embed(frames)
	if err != nil {
		return fmt.Errorf("embedding frames %d-%d: %w", idx[0], idx[len(idx)-1], err)
	}
	s.insert(idx, vecs)
	return nil
}

// frame wraps frame f, from chunk c or the previous one, for the Embedder.
func (s *embedStage) frame(c *chunk, f int) *media.Frame {
	src := c
	if f < c.start {
		src = s.prev
	}
	return &media.Frame{Index: f, Width: s.w, Height: s.h, Stride: s.w * 3, Format: media.BGR24, Data: src.frames[f-src.start]}
}

// insert adds vectors for frames idx (increasing, none already present,
// but possibly before frames added from the previous chunk) keeping
// Frames sorted. Only the entries from idx[0] on are merged.
func (s *embedStage) insert(idx []int, vecs [][]float32) {
	e := s.out
	p := len(e.Frames)
	for p > 0 && int(e.Frames[p-1]) > idx[0] {
		p--
	}
	tailF := append([]int32(nil), e.Frames[p:]...)
	tailV := append([]float32(nil), e.Vecs[p*e.Dim:]...)
	e.Frames, e.Vecs = e.Frames[:p], e.Vecs[:p*e.Dim]
	i, k := 0, 0
	for i < len(tailF) || k < len(idx) {
		if k == len(idx) || (i < len(tailF) && int(tailF[i]) < idx[k]) {
			e.Add(int(tailF[i]), tailV[i*e.Dim:(i+1)*e.Dim])
			i++
		} else {
			e.Add(idx[k], vecs[k])
			k++
		}
	}
}

// release hands the previous chunk's frame buffers back to the pool.
func (s *embedStage) release() {
	if s.prev == nil {
		return
	}
	for _, b := range s.prev.frames {
		s.free <- b
	}
	s.prev = nil
}

// drain hands the vectors of frames before upTo to give, in frame
// order, and forgets them: after add(c), no later chunk embeds a frame
// before c.start.
func (s *embedStage) drain(upTo int, give func(i int, v []float32)) {
	e := s.out
	k := 0
	for ; k < len(e.Frames) && int(e.Frames[k]) < upTo; k++ {
		give(int(e.Frames[k]), e.Vecs[k*e.Dim:(k+1)*e.Dim])
	}
	e.Frames = e.Frames[:copy(e.Frames, e.Frames[k:])]
	e.Vecs = e.Vecs[:copy(e.Vecs, e.Vecs[k*e.Dim:])]
}

// finish releases what the stage holds and returns the embeddings.
func (s *embedStage) finish() *vision.Embeddings {
	s.release()
	return s.out
}
