package analysis

import (
	"context"
	"errors"
	"testing"
)

// TestPoolMakesOnDemand checks that the frame pool makes buffers only as
// they are first needed, reuses those given back, and never makes more
// than its capacity: once all exist, take waits for one to come back.
func TestPoolMakesOnDemand(t *testing.T) {
	p := &pool{free: make(chan []byte, 3), size: 5}
	ctx := context.Background()
	a, err := p.take(ctx)
	if err != nil || len(a) != 5 || p.made != 1 {
		t.Fatalf("first take: len %d made %d err %v, want a new 5-byte buffer", len(a), p.made, err)
	}
	p.free <- a
	b, _ := p.take(ctx)
	if &b[0] != &a[0] || p.made != 1 {
		t.Fatalf("take after a give-back made a new buffer (made %d)", p.made)
	}
	p.take(ctx)
	p.take(ctx)
	if p.made != 3 {
		t.Fatalf("made %d buffers for 3 takes, want 3", p.made)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := p.take(cancelled); !errors.Is(err, context.Canceled) || p.made != 3 {
		t.Fatalf("take with all %d buffers out: err %v made %d, want context.Canceled and no new buffer", cap(p.free), err, p.made)
	}
}
