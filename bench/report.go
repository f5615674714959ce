package bench

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"
)

// WriteJSON writes a record as one line of JSON (see Result.MarshalJSON, Metric.MarshalJSON).
func WriteJSON(w io.Writer, rec Record) error {
	b, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// Report collects a run's records and writes them as tables.
type Report struct {
	Machine Machine
	Clients int // concurrent HTTP clients of the run
	Records []Record
}

// Add adds a record.
func (r *Report) Add(rec Record) { r.Records = append(r.Records, rec) }

func (r *Report) results() []Result {
	var out []Result
	for _, rec := range r.Records {
		if res, ok := rec.(Result); ok {
			out = append(out, res)
		}
	}
	return out
}

func (r *Report) metrics(name string) []Metric {
	var out []Metric
	for _, rec := range r.Records {
		if m, ok := rec.(Metric); ok && m.Name == name {
			out = append(out, m)
		}
	}
	return out
}

// metric returns a metric of a size and store, if it was measured.
func (r *Report) metric(name, size, store string) (Metric, bool) {
	for _, m := range r.metrics(name) {
		if m.Size == size && m.Store == store {
			return m, true
		}
	}
	return Metric{}, false
}

// find returns the result of a cell, if it was measured.
func (r *Report) find(q, size, store, engine string) (Result, bool) {
	for _, res := range r.results() {
		if res.Question == q && res.Size == size && res.Store == store && res.Engine == engine && res.Unsupported == "" && res.Err == "" && res.N > 0 {
			return res, true
		}
	}
	return Result{}, false
}

// dur writes a latency with three significant digits.
func dur(d time.Duration) string {
	switch {
	case d < time.Microsecond:
		return fmt.Sprintf("%dns", d.Nanoseconds())
	case d < time.Millisecond:
		return fmt.Sprintf("%.3gµs", float64(d)/float64(time.Microsecond))
	case d < time.Second:
		return fmt.Sprintf("%.3gms", float64(d)/float64(time.Millisecond))
	}
	return fmt.Sprintf("%.3gs", d.Seconds())
}

// WriteTable writes the latencies (with the ratio of each median to the path API's, the
// floor), HTTP throughput, load throughput and memory, start-up, and the goals.
func (r *Report) WriteTable(w io.Writer) error {
	fmt.Fprintf(w, "PlanGraph bench on %s\n", r.Machine)
	fmt.Fprintln(w, "Latency of one call, sequential; ×path = median ÷ the path API's median (the floor); starts = start points asked")
	fmt.Fprintln(w, "(fewer than chosen when an engine is too slow to answer them all within a cell's time); results = answer tuples per start point.")
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "question\tsize\tstore\tengine\tp50\tp99\tops/s\t×path\tcalls\tstarts\tresults\t")
	for _, res := range r.results() {
		if strings.HasPrefix(res.Engine, "http-") {
			continue
		}
		row := fmt.Sprintf("%s\t%s\t%s\t%s\t", res.Question, res.Size, res.Store, res.Engine)
		switch {
		case res.Unsupported != "":
			fmt.Fprintf(tw, "%sunsupported\t\t\t\t\t\t\t\n", row)
			continue
		case res.Err != "":
			fmt.Fprintf(tw, "%serror\t\t\t\t\t\t\t\n", row)
			continue
		}
		ratio := ""
		if floor, ok := r.find(res.Question, res.Size, res.Store, EnginePath); ok && floor.P50 > 0 {
			ratio = fmt.Sprintf("%.2f", float64(res.P50)/float64(floor.P50))
		}
		fmt.Fprintf(tw, "%s%s\t%s\t%.0f\t%s\t%d\t%d\t%.0f\t\n", row, dur(res.P50), dur(res.P99), res.OpsPerS, ratio, res.N, res.Inputs, res.Results)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	r.writeNotes(w)

	var http []Result
	for _, res := range r.results() {
		if strings.HasPrefix(res.Engine, "http-") {
			http = append(http, res)
		}
	}
	if len(http) > 0 {
		fmt.Fprintf(w, "\nHTTP, %d clients on loopback: /graphql answering the 2hop question and /healthz, in turns\n", r.Clients)
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "size\tstore\tendpoint\tp50\tp99\treq/s\t÷healthz\t")
		for _, res := range http {
			ratio := ""
			if h, ok := r.find(res.Question, res.Size, res.Store, EngineHTTPHealthz); ok && h.OpsPerS > 0 {
				ratio = fmt.Sprintf("%.2f", res.OpsPerS/h.OpsPerS)
			}
			endpoint := "/graphql"
			if res.Engine == EngineHTTPHealthz {
				endpoint = "/healthz"
			}
			if res.Err != "" {
				fmt.Fprintf(tw, "%s\t%s\t%s\terror: %s\t\t\t\t\n", res.Size, res.Store, endpoint, res.Err)
				continue
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%.0f\t%s\t\n", res.Size, res.Store, endpoint, dur(res.P50), dur(res.P99), res.OpsPerS, ratio)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}

	loads, mem := r.metrics(MetricLoad), r.metrics(MetricRSS)
	if len(loads)+len(mem) > 0 {
		fmt.Fprintln(w, "\nStores: quads written per second (each plan in its own transaction, read index built alongside), and resident memory per million quads held")
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "size\tstore\tquads held\tload quads/s\tRSS MB per M quads\t")
		for _, m := range mem {
			load := ""
			for _, l := range loads {
				if l.Size == m.Size && l.Store == m.Store {
					load = fmt.Sprintf("%.0f", l.Value)
				}
			}
			fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%.0f\t\n", m.Size, m.Store, m.Quads, load, m.Value)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	if opens := r.metrics(MetricOpen); len(opens) > 0 {
		fmt.Fprintln(w, "\nPostgreSQL: load against plain COPY of the same rows into tables like cayley's (graph.PlainCopy), the read index's live heap, and a new server opening the store")
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "size\tquads held\tload quads/s\tCOPY quads/s\tload ÷ COPY\tindex B/quad\topen\t")
		for _, o := range opens {
			load, cp, ratio, index := "", "", "", ""
			if l, ok := r.metric(MetricLoad, o.Size, "postgres"); ok {
				load = fmt.Sprintf("%.0f", l.Value)
			}
			if c, ok := r.metric(MetricCopy, o.Size, "postgres"); ok {
				cp = fmt.Sprintf("%.0f", c.Value)
				if l, ok := r.metric(MetricLoad, o.Size, "postgres"); ok {
					ratio = fmt.Sprintf("%.2f", l.Value/c.Value)
				}
			}
			if ix, ok := r.metric(MetricIndex, o.Size, "postgres"); ok {
				index = fmt.Sprintf("%.0f", ix.Value)
			}
			fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%s\t%s\t\n", o.Size, o.Quads, load, cp, ratio, index, dur(time.Duration(o.Value*float64(time.Millisecond))))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	for _, m := range r.metrics(MetricStartup) {
		fmt.Fprintf(w, "\nStart-up on the embedded plan (memory store, plan loaded, index ready): %.0f ms — %s\n", m.Value, m.Note)
	}
	fmt.Fprintln(w, "\nGoals (memory store)")
	for _, g := range r.Goals() {
		fmt.Fprintf(w, "  %-6s %s\n", g.Verdict(), g.Text)
	}
	return nil
}

// writeNotes lists the unsupported questions and the errors, with their reasons.
func (r *Report) writeNotes(w io.Writer) {
	seen := map[string]bool{}
	for _, res := range r.results() {
		var note string
		switch {
		case res.Unsupported != "":
			note = fmt.Sprintf("  %s cannot ask %s: %s", res.Engine, res.Question, res.Unsupported)
		case res.Err != "":
			note = fmt.Sprintf("  %s failed on %s (%s, %s): %s", res.Engine, res.Question, res.Size, res.Store, res.Err)
		default:
			continue
		}
		if !seen[note] {
			seen[note] = true
			fmt.Fprintln(w, note)
		}
	}
}

// Goal is one of the performance goals, checked against a run.
type Goal struct {
	Text     string
	Met      bool
	Measured bool // false when the run did not measure what the goal needs
}

// Verdict is "met", "MISSED" or "n/a".
func (g Goal) Verdict() string {
	switch {
	case !g.Measured:
		return "n/a"
	case g.Met:
		return "met"
	}
	return "MISSED"
}

// Goals checks the goals of issue 5 against the memory store's numbers.
func (r *Report) Goals() []Goal {
	var goals []Goal
	sizes := map[string]bool{}
	for _, res := range r.results() {
		sizes[res.Size] = true
	}
	for _, size := range Sizes {
		if !sizes[size] {
			continue
		}
		ours, okOurs := r.find(TwoHop, size, "memory", EngineGraphQL)
		floor, okFloor := r.find(TwoHop, size, "memory", EnginePath)
		if okOurs && okFloor {
			ratio := float64(ours.P50) / float64(floor.P50)
			goals = append(goals, Goal{fmt.Sprintf("2hop at %s: graphql %s is %.2f× the path API's %s (goal ≤ 2.0×)", size, dur(ours.P50), ratio, dur(floor.P50)), ratio <= 2.0, true})
		}
		for _, other := range []string{EngineGizmo, EngineCayleyGraphQL} {
			if o, ok := r.find(TwoHop, size, "memory", other); ok && okOurs {
				ratio := float64(o.P50) / float64(ours.P50)
				goals = append(goals, Goal{fmt.Sprintf("2hop at %s: graphql is %.1f× faster than %s (%s) (goal ≥ 2×)", size, ratio, other, dur(o.P50)), ratio >= 2, true})
			}
		}
		gql, ok1 := r.find(TwoHop, size, "memory", EngineHTTPGraphQL)
		health, ok2 := r.find(TwoHop, size, "memory", EngineHTTPHealthz)
		if ok1 && ok2 && health.OpsPerS > 0 {
			ratio := gql.OpsPerS / health.OpsPerS
			goals = append(goals, Goal{fmt.Sprintf("HTTP at %s: /graphql %.0f req/s is %.0f%% of /healthz %.0f req/s (goal ≥ 40%%)", size, gql.OpsPerS, 100*ratio, health.OpsPerS), ratio >= 0.4, true})
		}
	}
	if m := r.metrics(MetricStartup); len(m) > 0 {
		goals = append(goals, Goal{fmt.Sprintf("start-up on the embedded data: %.0f ms (goal ≤ 300 ms)", m[0].Value), m[0].Value <= 300, true})
	} else {
		goals = append(goals, Goal{Text: "start-up on the embedded data (not measured)"})
	}
	if res, ok := r.find(ThreeHopCited, "1m", "memory", EngineGraphQL); ok {
		goals = append(goals, Goal{fmt.Sprintf("3hop-cited at 1m: graphql median %s (goal < 10 ms)", dur(res.P50)), res.P50 < 10*time.Millisecond, true})
	} else {
		goals = append(goals, Goal{Text: "3hop-cited at 1m on memory (not measured: run --sizes …,1m)"})
	}
	return goals
}
