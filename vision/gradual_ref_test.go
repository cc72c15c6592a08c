package vision

// The gradual search as it was before its pruning (commit a69e6e3, with
// the stop frames it has since): the reference the pruned search must
// match exactly, window for window, and the baseline of
// BenchmarkDetectKept.

func bestWindowRef(ring *thumbRing, fs []Features, black, stop, flash []bool, c, lo, hi int) (window, bool) {
	aMin := max(lo, c-maxHalf)
	for a := c - 1; a > aMin; a-- {
		if stop[a] {
			aMin = a
			break
		}
	}
	bMax := min(hi, c+maxHalf)
	for b := c + 1; b < bMax; b++ {
		if stop[b] {
			bMax = b
			break
		}
	}
	try := func(a, b int, best *window) {
		if a < aMin || b > bMax || a >= c || b <= c || (black[a] && black[b]) {
			return
		}
		net := mad(ring.at(a), ring.at(b))
		if net < netMin {
			return
		}
		err := fitErrorRef(ring, flash, a, b, net)
		if err >= fitTol {
			return
		}
		if obj := net * (1 - err/fitTol); best.b == 0 || obj > best.obj {
			*best = window{a: a, b: b, net: net, err: err, obj: obj}
		}
	}
	best := window{}
	for a := c - 1; a >= max(aMin, c-fineHalf); a-- {
		for b := c + 1; b <= min(bMax, c+fineHalf); b++ {
			try(a, b, &best)
		}
	}
	if best.b == 0 {
		return best, false
	}
	longA, longB := c-best.a == fineHalf && aMin < best.a, best.b-c == fineHalf && bMax > best.b
	if !longA && !longB {
		return best, true
	}
	as, bs := []int{best.a}, []int{best.b}
	if longA {
		as = append(as, farEnds(c-fineHalf, aMin, -1)...)
	}
	if longB {
		bs = append(bs, farEnds(c+fineHalf, bMax, 1)...)
	}
	long := best
	for _, a := range as {
		for _, b := range bs {
			try(a, b, &long)
		}
	}
	if long == best {
		return best, true
	}
	a0, b0 := long.a, long.b
	for a := a0 - coarseStep + 1; a < a0+coarseStep; a++ {
		for b := b0 - coarseStep + 1; b < b0+coarseStep; b++ {
			try(a, b, &long)
		}
	}
	return long, true
}

func fitErrorRef(ring *thumbRing, flash []bool, a, b int, net float64) float64 {
	var sum float64
	k := 0
	span := float32(b - a)
	step := max(1, (b-a-1)/fitSamples)
	samples := 0
	for t := a + 1; t < b; t += step {
		if !flash[t] {
			samples++
		}
	}
	limit := fitTol * net * float64(samples)
	for t := a + 1; t < b; t += step {
		if flash[t] {
			continue
		}
		if sum > limit {
			return fitTol
		}
		al := float32(t-a) / span
		ta, tb, tt := ring.at(a), ring.at(b), ring.at(t)
		var d float32
		for i := range tt {
			p := ta[i] + al*(tb[i]-ta[i])
			x := tt[i] - p
			if x < 0 {
				x = -x
			}
			d += x
		}
		sum += float64(d) / float64(len(tt))
		k++
	}
	if k == 0 {
		return 1
	}
	return sum / float64(k) / net
}
