package bench

import (
	"encoding/json"
	"math"
	"time"
)

// Record is one line of a run's output: a Result or a Metric.
type Record interface{ record() }

// Result is the latency of one question asked by one engine at one size on one store.
type Result struct {
	Question, Size, Store, Engine string
	N                             int           // timed calls (HTTP: requests)
	P50, P99                      time.Duration // per call
	OpsPerS                       float64       // calls per second of wall time
	Inputs                        int           // start points answered (fewer than chosen when an engine is too slow)
	Results                       float64       // answer tuples per start point, on average
	Unsupported                   string        // why the engine cannot ask the question
	Err                           string        // why the engine failed to answer
}

// Metric is a measurement that is not a question's latency.
type Metric struct {
	Name  string // one of the Metric… names
	Size  string
	Store string
	Value float64
	Quads int    // quads in the store (load and memory metrics)
	Note  string // how it was measured (start-up)
}

// Metric names.
const (
	MetricLoad    = "load_quads_per_s"
	MetricStartup = "startup_ms"
	MetricRSS     = "rss_mb_per_mquads"
	// MetricIndex is the live heap the read index takes per quad held (measured after a
	// garbage collection, on PostgreSQL where cayley's store is another process).
	MetricIndex = "index_bytes_per_quad"
	// MetricCopy is the quads per second of plain COPY of the same rows (graph.PlainCopy), the
	// limit a load into PostgreSQL is held to.
	MetricCopy = "copy_quads_per_s"
	// MetricOpen is how long a new server takes to open a PostgreSQL store at a size: read
	// every quad and build the read index (Size and Quads say how many).
	MetricOpen = "open_ms"
)

func (Result) record() {}
func (Metric) record() {}

func round1(x float64) float64 { return math.Round(x*10) / 10 }

func micros(d time.Duration) float64 { return round1(float64(d) / float64(time.Microsecond)) }

// MarshalJSON writes the line --json prints:
// {"question":"2hop","size":"100k","store":"memory","engine":"graphql","p50_us":…,"p99_us":…,"ops_per_s":…};
// an engine that cannot ask the question has "unsupported" (and one that failed "error") in
// place of the numbers.
func (r Result) MarshalJSON() ([]byte, error) {
	type head struct {
		Question string `json:"question"`
		Size     string `json:"size"`
		Store    string `json:"store"`
		Engine   string `json:"engine"`
	}
	h := head{r.Question, r.Size, r.Store, r.Engine}
	switch {
	case r.Unsupported != "":
		return json.Marshal(struct {
			head
			Unsupported string `json:"unsupported"`
		}{h, r.Unsupported})
	case r.Err != "":
		return json.Marshal(struct {
			head
			Error string `json:"error"`
		}{h, r.Err})
	}
	return json.Marshal(struct {
		head
		P50     float64 `json:"p50_us"`
		P99     float64 `json:"p99_us"`
		OpsPerS float64 `json:"ops_per_s"`
	}{h, micros(r.P50), micros(r.P99), round1(r.OpsPerS)})
}

// MarshalJSON writes {"metric":"load_quads_per_s","size":"100k","store":"bolt","value":…}.
func (m Metric) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Metric string  `json:"metric"`
		Size   string  `json:"size"`
		Store  string  `json:"store"`
		Value  float64 `json:"value"`
	}{m.Name, m.Size, m.Store, round1(m.Value)})
}
