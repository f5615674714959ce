package bench

import (
	"runtime"
	"sort"
	"time"
)

// Budget is how long one cell (a question asked by one engine) runs.
type Budget struct {
	Time     time.Duration // run this long …
	MaxIters int           // … or this many calls, whichever comes first
	MinIters int           // but at least this many (each input once), unless …
	MaxTime  time.Duration // … that would take longer than this
}

// stats are the latencies of one cell.
type stats struct {
	n        int
	p50, p99 time.Duration
	opsPerS  float64
}

// percentile returns the p-th percentile (nearest rank) of sorted durations.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(float64(len(sorted))*p/100+0.999999) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}

// summarize turns latencies measured over wall time into stats.
func summarize(lat []time.Duration, wall time.Duration) stats {
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	s := stats{n: len(lat), p50: percentile(lat, 50), p99: percentile(lat, 99)}
	if wall > 0 {
		s.opsPerS = float64(len(lat)) / wall.Seconds()
	}
	return s
}

// measure calls f(i) for i = 0, 1, … within the budget, after a warm-up of a tenth of it, and
// returns the latencies. Calls are sequential; f(i) answers input i mod the number of inputs,
// so every input is asked about as often as the others.
func measure(b Budget, f func(i int) error) (stats, error) {
	warm := time.Now()
	for i := 0; time.Since(warm) < b.Time/10 && i < max(1, b.MaxIters/10); i++ {
		if err := f(i); err != nil {
			return stats{}, err
		}
	}
	// Collect the warm-up's garbage now rather than in the middle of the timed calls.
	runtime.GC()
	lat := make([]time.Duration, 0, min(b.MaxIters, 4096))
	start := time.Now()
	for i := 0; ; i++ {
		elapsed := time.Since(start)
		enough := elapsed >= b.Time || i >= b.MaxIters
		if enough && (i >= b.MinIters || elapsed >= b.MaxTime) {
			break
		}
		t := time.Now()
		if err := f(i); err != nil {
			return stats{}, err
		}
		lat = append(lat, time.Since(t))
	}
	return summarize(lat, time.Since(start)), nil
}
