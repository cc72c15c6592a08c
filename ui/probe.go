package ui

import (
	"fmt"
	"io"
	"sync"
	"time"

	"fyne.io/fyne/v2"
)

// probe measures the UI loop for benchmarks: every interval it asks the
// Fyne goroutine to run an empty function and writes how late it ran
// ("latency phase=analysis ms=2.1"), so that the responsiveness of the
// window while the rushes are analysed can be measured from outside.
type probe struct {
	w     io.Writer
	start time.Time
	mu    sync.Mutex
	phase string
}

// startProbe starts writing UI latencies to w every interval until stop
// is closed; start is when the process began.
func startProbe(w io.Writer, start time.Time, interval time.Duration, stop <-chan struct{}) *probe {
	p := &probe{w: w, start: start, phase: "analysis"}
	go func() {
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
			}
			sent := time.Now()
			done := make(chan time.Duration, 1)
			fyne.Do(func() { done <- time.Since(sent) })
			select {
			case d := <-done:
				p.write(fmt.Sprintf("latency phase=%s ms=%.2f", p.get(), float64(d.Microseconds())/1000))
			case <-stop:
				return
			}
		}
	}()
	return p
}

func (p *probe) get() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.phase
}

// mark switches the phase and writes how long after the start it came
// ("cut_shown ms=1234").
func (p *probe) mark(phase string) {
	if p == nil {
		return
	}
	p.mu.Lock()
	p.phase = phase
	p.mu.Unlock()
	p.write(fmt.Sprintf("%s ms=%d", phase, time.Since(p.start).Milliseconds()))
}

func (p *probe) write(line string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprintln(p.w, line)
}
