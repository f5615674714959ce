package bench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/plangraph/plangraph/graph"
	"github.com/plangraph/plangraph/schema"
)

// Stores a run can measure. postgres needs Options.PostgresURL.
var Stores = []string{"memory", "bolt", "postgres"}

// Options choose what a run measures.
type Options struct {
	Sizes       []string      // of Sizes, default liwan and 100k
	Stores      []string      // of Stores, default memory
	PostgresURL string        // the database of the postgres store; its plans are replaced, not removed
	Questions   []string      // of Questions, default all
	Engines     []string      // of Engines, default all
	Seed        uint64        // of the generated plans and of the start points
	Inputs      int           // start points per question
	Cell        Budget        // per question and engine
	CallTimeout time.Duration // a call that takes longer fails its cell
	HTTPTime    time.Duration
	Clients     int // concurrent HTTP clients
	NoHTTP      bool
	NoStartup   bool
	NoCopy      bool // skip the plain COPY of each size's rows on PostgreSQL
	// ServeCommand starts PlanGraph (argv without "serve"), to time the start-up of fresh
	// processes; nil measures start-up in this process instead.
	ServeCommand []string
	TempDir      string    // where bolt stores go (default: the system's)
	Progress     io.Writer // progress lines; nil for none
}

// DefaultOptions is a run that finishes within a minute on a laptop.
func DefaultOptions() Options {
	return Options{
		Sizes:       []string{"liwan", "100k"},
		Stores:      []string{"memory"},
		Questions:   Questions,
		Engines:     Engines,
		Seed:        42,
		Inputs:      8,
		Cell:        Budget{Time: 400 * time.Millisecond, MaxIters: 5000, MinIters: 8, MaxTime: 5 * time.Second},
		CallTimeout: time.Minute,
		HTTPTime:    time.Second,
		Clients:     16,
	}
}

func (o *Options) check() error {
	for _, c := range []struct {
		what      string
		got, from []string
	}{{"size", o.Sizes, Sizes}, {"store", o.Stores, Stores}, {"question", o.Questions, Questions}, {"engine", o.Engines, Engines}} {
		if len(c.got) == 0 {
			return fmt.Errorf("no %s chosen (want some of %s)", c.what, strings.Join(c.from, ", "))
		}
		for _, x := range c.got {
			if !slices.Contains(c.from, x) {
				return fmt.Errorf("unknown %s %q (want some of %s)", c.what, x, strings.Join(c.from, ", "))
			}
		}
	}
	if slices.Contains(o.Stores, "postgres") && o.PostgresURL == "" {
		return errors.New("the postgres store needs a URL (--store postgres://…)")
	}
	if o.Inputs < 1 || o.Clients < 1 || o.Cell.Time <= 0 || o.Cell.MaxIters < 1 || o.CallTimeout <= 0 {
		return errors.New("inputs, clients, cell time, call timeout and iterations must be positive")
	}
	return nil
}

// Run measures what opt chooses and hands every record to emit as soon as it is measured. It
// fails when engines disagree on an answer, or when our executor fails; an error of a cayley
// engine is a record of its own.
func Run(ctx context.Context, opt Options, emit func(Record)) error {
	start := time.Now()
	r, err := newRunner(opt, emit)
	if err != nil {
		return err
	}
	for _, q := range opt.Questions {
		r.logf("%s starts from: %s", q, joinInputs(r.inputs[q]))
	}
	if !opt.NoStartup {
		m, err := measureStartup(ctx, opt.ServeCommand)
		if err != nil {
			return fmt.Errorf("start-up: %w", err)
		}
		emit(m)
	}
	for _, store := range opt.Stores {
		if err := r.store(ctx, store); err != nil {
			return fmt.Errorf("%s: %w", store, err)
		}
	}
	r.logf("done in %v", time.Since(start).Round(time.Second))
	return nil
}

func joinInputs(ins []Input) string {
	s := make([]string, len(ins))
	for i, in := range ins {
		s[i] = in.String()
	}
	return strings.Join(s, "; ")
}

// newRunner checks opt, loads the embedded plan and picks the start points of every question.
func newRunner(opt Options, emit func(Record)) (*runner, error) {
	if err := opt.check(); err != nil {
		return nil, err
	}
	r := &runner{opt: opt, emit: emit}
	if opt.Progress == nil {
		r.opt.Progress = io.Discard
	}
	ds, err := newDataset(opt.Seed)
	if err != nil {
		return nil, err
	}
	r.ds = ds
	snap, err := ds.liwanIndex()
	if err != nil {
		return nil, err
	}
	if r.inputs, err = pickInputs(snap, ds.liwan.id, opt.Inputs, opt.Seed); err != nil {
		return nil, err
	}
	return r, nil
}

type runner struct {
	opt    Options
	emit   func(Record)
	ds     *dataset
	inputs map[string][]Input
}

func (r *runner) logf(format string, args ...any) {
	fmt.Fprintf(r.opt.Progress, "bench: "+format+"\n", args...)
}

// store runs every size on one store, growing it from one size to the next.
func (r *runner) store(ctx context.Context, name string) error {
	url := name
	switch name {
	case "bolt":
		dir, err := os.MkdirTemp(r.opt.TempDir, "plangraph-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		url = "bolt://" + filepath.Join(dir, "db")
	case "postgres":
		url = r.opt.PostgresURL
	}
	haveRSS := rss() > 0 // only where /proc/self/status exists
	st, err := graph.Open(ctx, url)
	if err != nil {
		return err
	}
	defer st.Close()
	if ids := st.Snapshot().PlanIDs(); len(ids) > 0 {
		r.logf("%s already holds %d plans: they stay, and plans of the run replace their namesakes", name, len(ids))
	}
	exec, err := schema.New(schema.DefaultLimits)
	if err != nil {
		return err
	}
	loaded, grown := 0, int64(0)
	for _, size := range sortSizes(r.opt.Sizes) {
		plans, err := r.ds.plans(ctx, size)
		if err != nil {
			return err
		}
		before := rss()
		lr, err := load(ctx, st, plans[loaded:])
		if err != nil {
			return err
		}
		grown += rss() - before
		quads := st.Snapshot().Stats("").Quads
		r.logf("%s %s: wrote %d plans (%d quads) in %v; the store holds %d quads", name, size, lr.plans, lr.added, lr.took.Round(time.Millisecond), quads)
		if lr.added > 0 {
			r.emit(Metric{Name: MetricLoad, Size: size, Store: name, Value: float64(lr.added) / lr.took.Seconds(), Quads: quads})
		}
		if haveRSS && quads > 0 {
			r.emit(Metric{Name: MetricRSS, Size: size, Store: name, Value: float64(grown) / (1 << 20) / (float64(quads) / 1e6), Quads: quads})
		}
		if name == "postgres" {
			if err := r.postgres(ctx, url, size, plans[loaded:]); err != nil {
				return err
			}
		}
		loaded = len(plans)
		// Every plan's name index is built before the questions, as a server does in the
		// background once it listens: at ten million quads the first search would otherwise
		// build nine thousand of them inside one request's time limit, and fail.
		st.Snapshot().WarmNames()
		if err := r.questions(ctx, newEngines(st, exec, r.opt.Engines), size, name); err != nil {
			return fmt.Errorf("%s: %w", size, err)
		}
		if !r.opt.NoHTTP {
			gql, health, err := runHTTP(ctx, st, exec, r.inputs[TwoHop], r.opt.Clients, r.opt.HTTPTime)
			if err != nil {
				return fmt.Errorf("%s: HTTP: %w", size, err)
			}
			for _, h := range []struct {
				engine string
				res    httpResult
			}{{EngineHTTPGraphQL, gql}, {EngineHTTPHealthz, health}} {
				res := Result{Question: TwoHop, Size: size, Store: name, Engine: h.engine, N: h.res.n, P50: h.res.p50, P99: h.res.p99, OpsPerS: h.res.opsPerS}
				if h.res.errors > 0 {
					res.Err = fmt.Sprintf("%d of %d requests failed", h.res.errors, h.res.errors+h.res.n)
				}
				r.emit(res)
			}
			r.logf("%s %s: HTTP %.0f /graphql vs %.0f /healthz requests/s", name, size, gql.opsPerS, health.opsPerS)
		}
	}
	return nil
}

// postgres measures what a PostgreSQL store adds once a size is loaded: the plain COPY of the
// rows just written (the limit of the load), how long a new server takes to open the store, and
// the live heap that server's read index takes per quad (cayley's store is another process, so
// what opening it grew the heap by is the index). Then it runs ANALYZE for the questions.
func (r *runner) postgres(ctx context.Context, url, size string, written []plan) error {
	if len(written) > 0 && !r.opt.NoCopy {
		rows := make([][]quad.Quad, len(written))
		n := 0
		for i, p := range written {
			rows[i] = p.quads
			n += len(p.quads)
		}
		took, err := graph.PlainCopy(ctx, url, rows)
		if err != nil {
			return err
		}
		r.emit(Metric{Name: MetricCopy, Size: size, Store: "postgres", Value: float64(n) / took.Seconds(), Quads: n})
		r.logf("postgres %s: plain COPY of the same %d quads took %v", size, n, took.Round(time.Millisecond))
	}
	heap := liveHeap()
	start := time.Now()
	other, err := graph.Open(ctx, url)
	if err != nil {
		return fmt.Errorf("open as a new server: %w", err)
	}
	took := float64(time.Since(start)) / float64(time.Millisecond)
	index := liveHeap() - heap
	held := other.Snapshot().Stats("").Quads
	other.Close()
	if held > 0 {
		r.emit(Metric{Name: MetricIndex, Size: size, Store: "postgres", Value: float64(index) / float64(held), Quads: held})
	}
	note := "graph.Open in the bench's process"
	if len(r.opt.ServeCommand) > 0 {
		// The honest figure: a fresh `plangraph serve --store …`, from exec to its "serving"
		// line (it then builds the search indexes in the background).
		ms, wall, err := startupProcess(ctx, r.opt.ServeCommand, "--store", url)
		if err != nil {
			return fmt.Errorf("a new server on the store: %w", err)
		}
		note = fmt.Sprintf("a fresh plangraph serve --store, from exec to its serving line (its startup_ms: %.0f; graph.Open in the bench's process: %.0f ms)", ms, took)
		took = wall
	}
	r.emit(Metric{Name: MetricOpen, Size: size, Store: "postgres", Value: took, Quads: held, Note: note})
	r.logf("postgres %s: a new server is serving the store (%d quads) after %.0f ms: %s", size, held, took, note)
	return analyze(ctx, url)
}

// newEngines returns the chosen engines on a store.
func newEngines(st *graph.Store, exec *schema.Executor, names []string) []Engine {
	var out []Engine
	for _, n := range Engines {
		if !slices.Contains(names, n) {
			continue
		}
		switch n {
		case EngineGraphQL:
			out = append(out, &graphqlEngine{store: st, exec: exec})
		case EnginePath:
			out = append(out, newPathEngine(st.QuadStore(), st.Backend()))
		case EngineGizmo:
			out = append(out, newGizmoEngine(st.QuadStore(), st.Backend()))
		case EngineCayleyGraphQL:
			out = append(out, newCayleyGraphQLEngine(st.QuadStore()))
		}
	}
	return out
}

// questions asks every question with every engine. Each engine first answers every input once
// and its answers are compared with the first engine's (ours); only then is it timed. An
// engine so slow that answering every input once takes longer than the cell's MaxTime is
// compared on the inputs it answered in that time, and those first calls are its timing.
func (r *runner) questions(ctx context.Context, engines []Engine, size, store string) error {
	for _, q := range r.opt.Questions {
		var ref [][]string
		refName := ""
		for _, e := range engines {
			res := Result{Question: q, Size: size, Store: store, Engine: e.Name()}
			if why := e.Unsupported(q); why != "" {
				res.Unsupported = why
				r.emit(res)
				continue
			}
			answers, s, err := r.cell(ctx, e, q, r.inputs[q])
			if errors.Is(err, errAnswerCut) && ref == nil {
				// Our engine's answer is the reference; one too big to compare in full (a search
				// of thousands of generated plans that reuse the embedded plan's words) leaves the
				// question unmeasured at this size, for every engine, rather than failing the run.
				res.Unsupported = "not measured at this size: " + err.Error()
				r.emit(res)
				r.logf("%s %s %s: not measured: %v", store, size, q, err)
				break
			}
			if err != nil {
				if e.Name() == EngineGraphQL || ctx.Err() != nil {
					return err
				}
				res.Err = err.Error()
				r.emit(res)
				r.logf("%s %s %s %s: %v", store, size, q, e.Name(), err)
				continue
			}
			if ref == nil {
				ref, refName = answers, e.Name()
			} else {
				for i := range answers {
					if d := diff(ref[i], answers[i]); d != "" {
						return fmt.Errorf("%s from %s: %s answers differently from %s: %s", q, r.inputs[q][i], e.Name(), refName, d)
					}
				}
			}
			total := 0
			for _, a := range answers {
				total += len(a)
			}
			res.Results = float64(total) / float64(len(answers))
			res.Inputs = len(answers)
			res.N, res.P50, res.P99, res.OpsPerS = s.n, s.p50, s.p99, s.opsPerS
			r.emit(res)
			r.logf("%s %s %-10s %-14s p50 %-9v p99 %-9v (%d calls from %d start points, %.0f results)", store, size, q, e.Name(), s.p50, s.p99, s.n, res.Inputs, res.Results)
		}
	}
	return nil
}

// cell answers every input once (the answers, as tuples, are returned for comparison), then
// times the engine on them.
func (r *runner) cell(ctx context.Context, e Engine, q string, inputs []Input) ([][]string, stats, error) {
	start := time.Now()
	var answers [][]string
	var first []time.Duration
	answer := func(in Input) (any, error) {
		cctx, cancel := context.WithTimeout(ctx, r.opt.CallTimeout)
		defer cancel()
		out, err := e.Answer(cctx, q, in)
		if err != nil && cctx.Err() != nil && ctx.Err() == nil {
			return nil, fmt.Errorf("a call took more than %v", r.opt.CallTimeout)
		}
		return out, err
	}
	for _, in := range inputs {
		t := time.Now()
		out, err := answer(in)
		first = append(first, time.Since(t))
		if err == nil {
			var ts []string
			ts, err = e.Tuples(q, out)
			answers = append(answers, ts)
		}
		if err != nil {
			return nil, stats{}, fmt.Errorf("%s from %s: %w", q, in, err)
		}
		if e.Name() != EngineGraphQL && time.Since(start) > r.opt.Cell.MaxTime {
			break
		}
	}
	if len(answers) < len(inputs) || time.Since(start) > r.opt.Cell.MaxTime {
		var sum time.Duration
		for _, d := range first {
			sum += d
		}
		return answers, summarize(first, sum), nil
	}
	budget := r.opt.Cell
	budget.MinIters = max(budget.MinIters, len(inputs))
	s, err := measure(budget, func(i int) error {
		_, err := answer(inputs[i%len(inputs)])
		return err
	})
	return answers, s, err
}
