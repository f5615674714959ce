package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/plangraph/plangraph/api"
	"github.com/plangraph/plangraph/graph"
	"github.com/plangraph/plangraph/internal/testkit"
	"github.com/plangraph/plangraph/schema"
)

// tiny is a run small enough for a test: the embedded plan on memory, a few calls per cell.
func tiny() Options {
	o := DefaultOptions()
	o.Sizes = []string{"liwan"}
	o.Inputs = 3
	o.Cell = Budget{Time: 20 * time.Millisecond, MaxIters: 30, MinIters: 1, MaxTime: time.Second}
	o.HTTPTime = 200 * time.Millisecond
	o.Clients = 4
	return o
}

var (
	tinyOnce    sync.Once
	tinyRecords []Record
	tinyErr     error
)

// tinyRun runs tiny() once for the tests that read its records.
func tinyRun(t *testing.T) []Record {
	t.Helper()
	tinyOnce.Do(func() {
		tinyErr = Run(context.Background(), tiny(), func(r Record) { tinyRecords = append(tinyRecords, r) })
	})
	if tinyErr != nil {
		t.Fatal(tinyErr)
	}
	return tinyRecords
}

// A tiny run has a row for every question and engine (measured, or unsupported for the three
// questions cayley's GraphQL dialect cannot express), the HTTP rows and the metrics; the
// engines agree on the size of every answer.
func TestTinyRunCoversEveryQuestionAndEngine(t *testing.T) {
	recs := tinyRun(t)
	unsupported := map[string]bool{Search: true, ThreeHopCited: true, Path: true}
	results := map[string]map[string]float64{} // question → engine → results
	metrics := map[string]int{}
	http := map[string]bool{}
	for _, rec := range recs {
		switch r := rec.(type) {
		case Result:
			if r.Err != "" {
				t.Errorf("%s %s failed: %s", r.Question, r.Engine, r.Err)
			}
			if strings.HasPrefix(r.Engine, "http-") {
				http[r.Engine] = r.N > 0 && r.OpsPerS > 0
				continue
			}
			if results[r.Question] == nil {
				results[r.Question] = map[string]float64{}
			}
			if r.Unsupported != "" {
				if r.Engine != EngineCayleyGraphQL || !unsupported[r.Question] {
					t.Errorf("%s cannot ask %s: %s", r.Engine, r.Question, r.Unsupported)
				}
				continue
			}
			if r.N == 0 || r.P50 <= 0 || r.P99 < r.P50 {
				t.Errorf("%s %s: %d calls, p50 %v, p99 %v", r.Question, r.Engine, r.N, r.P50, r.P99)
			}
			results[r.Question][r.Engine] = r.Results
		case Metric:
			metrics[r.Name]++
			if r.Value <= 0 {
				t.Errorf("metric %s is %v", r.Name, r.Value)
			}
		}
	}
	for _, q := range Questions {
		want := 4
		if unsupported[q] {
			want = 3
		}
		if len(results[q]) != want {
			t.Errorf("%s: results of %d engines, want %d: %v", q, len(results[q]), want, results[q])
		}
		for e, n := range results[q] {
			if n != results[q][EngineGraphQL] || n == 0 {
				t.Errorf("%s: %s has %v results per start point, graphql %v", q, e, n, results[q][EngineGraphQL])
			}
		}
	}
	for _, e := range []string{EngineHTTPGraphQL, EngineHTTPHealthz} {
		if !http[e] {
			t.Errorf("no %s throughput", e)
		}
	}
	for _, m := range []string{MetricLoad, MetricRSS, MetricStartup} {
		if metrics[m] != 1 {
			t.Errorf("%d %s metrics, want 1", metrics[m], m)
		}
	}
}

// --json prints one object per line, with exactly the keys the issue lists.
func TestJSONLines(t *testing.T) {
	var buf bytes.Buffer
	for _, rec := range tinyRun(t) {
		if err := WriteJSON(&buf, rec); err != nil {
			t.Fatal(err)
		}
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) < 20 {
		t.Fatalf("%d lines", len(lines))
	}
	for _, l := range lines {
		var obj map[string]any
		if err := json.Unmarshal([]byte(l), &obj); err != nil {
			t.Fatalf("%v: %s", err, l)
		}
		keys := make([]string, 0, len(obj))
		for k := range obj {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var want []string
		switch {
		case obj["metric"] != nil:
			want = []string{"metric", "size", "store", "value"}
			if !slices.Contains([]string{MetricLoad, MetricStartup, MetricRSS}, obj["metric"].(string)) {
				t.Errorf("unknown metric: %s", l)
			}
		case obj["unsupported"] != nil:
			want = []string{"engine", "question", "size", "store", "unsupported"}
		default:
			want = []string{"engine", "ops_per_s", "p50_us", "p99_us", "question", "size", "store"}
			if !slices.Contains(Questions, obj["question"].(string)) {
				t.Errorf("unknown question: %s", l)
			}
			if !slices.Contains(append(Engines, EngineHTTPGraphQL, EngineHTTPHealthz), obj["engine"].(string)) {
				t.Errorf("unknown engine: %s", l)
			}
		}
		if !reflect.DeepEqual(keys, want) {
			t.Errorf("keys %v, want %v: %s", keys, want, l)
		}
	}
	if !strings.HasPrefix(lines[len(lines)-1], `{"question":"2hop","size":"liwan","store":"memory","engine":"http-healthz","p50_us":`) {
		t.Errorf("last line: %s", lines[len(lines)-1])
	}
}

func TestReportTable(t *testing.T) {
	rep := &Report{Machine: ThisMachine(), Clients: 4}
	for _, rec := range tinyRun(t) {
		rep.Add(rec)
	}
	var buf bytes.Buffer
	if err := rep.WriteTable(&buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{"×path", "3hop-cited", "unsupported", "cayley-graphql cannot ask search", "/healthz", "RSS MB per M quads", "Start-up", "Goals", "2hop at liwan"} {
		if !strings.Contains(out, want) {
			t.Errorf("the table lacks %q:\n%s", want, out)
		}
	}
}

// liwanStore is a memory store holding the embedded plan, with the start points of its
// questions.
func liwanStore(t testing.TB) (*graph.Store, *schema.Executor, map[string][]Input) {
	t.Helper()
	ds, err := newDataset(1)
	if err != nil {
		t.Fatal(err)
	}
	st, err := graph.Open(context.Background(), "memory")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := load(context.Background(), st, []plan{ds.liwan}); err != nil {
		t.Fatal(err)
	}
	exec, err := schema.New(schema.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	snap, err := ds.liwanIndex()
	if err != nil {
		t.Fatal(err)
	}
	in, err := pickInputs(snap, ds.liwan.id, 4, 1)
	if err != nil {
		t.Fatal(err)
	}
	return st, exec, in
}

// Start points depend only on the seed, and every question gets as many as asked for.
func TestPickInputsIsDeterministic(t *testing.T) {
	ds, err := newDataset(1)
	if err != nil {
		t.Fatal(err)
	}
	snap, _ := ds.liwanIndex()
	a, err := pickInputs(snap, ds.liwan.id, 6, 7)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := pickInputs(snap, ds.liwan.id, 6, 7)
	c, _ := pickInputs(snap, ds.liwan.id, 6, 8)
	if !reflect.DeepEqual(a, b) {
		t.Error("the same seed picked other start points")
	}
	if reflect.DeepEqual(a, c) {
		t.Error("another seed picked the same start points")
	}
	for _, q := range Questions {
		if len(a[q]) != 6 {
			t.Errorf("%s: %d start points", q, len(a[q]))
		}
	}
	for _, in := range a[Path] {
		if in.ID == "" || in.To == "" || in.ID == in.To {
			t.Errorf("path input %v", in)
		}
	}
}

// wrongEngine answers like the path engine but drops one tuple of every answer.
type wrongEngine struct{ *pathEngine }

func (w wrongEngine) Name() string { return "wrong" }
func (w wrongEngine) Tuples(q string, out any) ([]string, error) {
	ts, err := w.pathEngine.Tuples(q, out)
	if len(ts) > 0 {
		ts = ts[1:]
	}
	return ts, err
}

// An engine whose answers differ from ours stops the run, saying how they differ.
func TestDisagreementFailsLoudly(t *testing.T) {
	st, exec, inputs := liwanStore(t)
	for _, tc := range []struct {
		engines []Engine
		wantErr string
	}{
		{[]Engine{&graphqlEngine{st, exec}, newPathEngine(st.QuadStore(), st.Backend())}, ""},
		{[]Engine{&graphqlEngine{st, exec}, wrongEngine{newPathEngine(st.QuadStore(), st.Backend())}}, "wrong answers differently from graphql"},
	} {
		o := tiny()
		o.Questions = []string{TwoHop}
		r := &runner{opt: o, emit: func(Record) {}, inputs: inputs}
		r.opt.Progress = &bytes.Buffer{}
		err := r.questions(context.Background(), tc.engines, "liwan", "memory")
		switch {
		case tc.wantErr == "" && err != nil:
			t.Errorf("engines that agree: %v", err)
		case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
			t.Errorf("got %v, want an error with %q", err, tc.wantErr)
		}
	}
}

// cutEngine is our engine when every answer is as long as the longest list a question asks
// for (as a search of thousands of generated plans is).
type cutEngine struct{ *graphqlEngine }

func (c cutEngine) Tuples(q string, out any) ([]string, error) {
	if err := checkNotCut(map[string]any{"search": make([]any, 1000)}); err != nil {
		return nil, fmt.Errorf("%s: %w", q, err)
	}
	return c.graphqlEngine.Tuples(q, out)
}

// A question whose reference answer is too long to compare in full is reported as not measured
// at that size, for every engine, and the run goes on.
func TestAnswerTooBigIsNotMeasured(t *testing.T) {
	st, exec, inputs := liwanStore(t)
	o := tiny()
	o.Questions = []string{TwoHop, Lookup}
	var recs []Record
	r := &runner{opt: o, emit: func(rec Record) { recs = append(recs, rec) }, inputs: inputs}
	r.opt.Progress = &bytes.Buffer{}
	engines := []Engine{cutEngine{&graphqlEngine{st, exec}}, newPathEngine(st.QuadStore(), st.Backend())}
	if err := r.questions(context.Background(), engines, "liwan", "memory"); err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 {
		t.Fatalf("%d records, want one per question (the path engine is not asked): %+v", len(recs), recs)
	}
	for _, rec := range recs {
		res, ok := rec.(Result)
		if !ok || res.Engine != EngineGraphQL || !strings.Contains(res.Unsupported, "not measured at this size") || res.N != 0 {
			t.Errorf("got %+v, want our engine's row marked not measured", rec)
		}
	}
}

// The three ways of reading a level of cited links give the same answers, in the path engine
// and in Gizmo (each store uses one of them; here all run on memory).
func TestCitedLevelsAgree(t *testing.T) {
	st, exec, inputs := liwanStore(t)
	ctx := context.Background()
	ours := &graphqlEngine{st, exec}
	for _, way := range []citedLevels{perEntityTagged, perLevelPerRelation, perLevelTagged} {
		pe := newPathEngine(st.QuadStore(), "memory")
		pe.cited = way
		ge := newGizmoEngine(st.QuadStore(), "memory")
		ge.cited = way
		for _, in := range inputs[ThreeHopCited] {
			out, err := ours.Answer(ctx, ThreeHopCited, in)
			if err != nil {
				t.Fatal(err)
			}
			want, _ := ours.Tuples(ThreeHopCited, out)
			for _, e := range []Engine{pe, ge} {
				out, err := e.Answer(ctx, ThreeHopCited, in)
				if err != nil {
					t.Fatalf("%s way %d: %v", e.Name(), way, err)
				}
				got, err := e.Tuples(ThreeHopCited, out)
				if d := diff(want, got); err != nil || d != "" {
					t.Errorf("%s way %d from %s: %v %s", e.Name(), way, in, err, d)
				}
			}
		}
	}
}

func TestDiffAndPercentile(t *testing.T) {
	for _, tc := range []struct {
		want, got []string
		same      bool
	}{
		{[]string{"a", "b"}, []string{"a", "b"}, true},
		{[]string{"a", "b"}, []string{"a"}, false},
		{[]string{"a"}, []string{"b"}, false},
		{nil, nil, true},
	} {
		if d := diff(tc.want, tc.got); (d == "") != tc.same {
			t.Errorf("diff(%v, %v) = %q", tc.want, tc.got, d)
		}
	}
	ms := func(n ...int) []time.Duration {
		out := make([]time.Duration, len(n))
		for i, x := range n {
			out[i] = time.Duration(x) * time.Millisecond
		}
		return out
	}
	for _, tc := range []struct {
		sorted []time.Duration
		p      float64
		want   time.Duration
	}{
		{ms(1, 2, 3, 4), 50, 2 * time.Millisecond},
		{ms(1, 2, 3, 4), 99, 4 * time.Millisecond},
		{ms(5), 99, 5 * time.Millisecond},
		{nil, 50, 0},
	} {
		if got := percentile(tc.sorted, tc.p); got != tc.want {
			t.Errorf("percentile(%v, %v) = %v, want %v", tc.sorted, tc.p, got, tc.want)
		}
	}
	if got := tupleSet([]string{"b", "a", "b"}); !reflect.DeepEqual(got, []string{"a", "b"}) {
		t.Errorf("tupleSet: %v", got)
	}
}

func TestOptionsAreChecked(t *testing.T) {
	for _, tc := range []struct {
		edit func(*Options)
		want string
	}{
		{func(o *Options) { o.Sizes = []string{"100m"} }, `unknown size "100m"`},
		{func(o *Options) { o.Stores = []string{"postgres"} }, "needs a URL"},
		{func(o *Options) { o.Engines = nil }, "no engine chosen"},
		{func(o *Options) { o.Inputs = 0 }, "must be positive"},
	} {
		o := DefaultOptions()
		tc.edit(&o)
		if err := Run(context.Background(), o, func(Record) {}); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("got %v, want %q", err, tc.want)
		}
	}
}

// BenchmarkQuestions times every question on every engine on the embedded plan in memory:
// go test -bench Questions ./bench
func BenchmarkQuestions(b *testing.B) {
	st, exec, inputs := liwanStore(b)
	engines := newEngines(st, exec, Engines)
	for _, q := range Questions {
		for _, e := range engines {
			if e.Unsupported(q) != "" {
				continue
			}
			b.Run(fmt.Sprintf("%s/%s", q, e.Name()), func(b *testing.B) {
				ctx := context.Background()
				for i := 0; b.Loop(); i++ {
					if _, err := e.Answer(ctx, q, inputs[q][i%len(inputs[q])]); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

func TestSoak(t *testing.T) {
	_, st := testkit.Liwan(t)
	exec, err := schema.New(schema.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(api.New(st, exec, api.Options{Logger: slog.New(slog.DiscardHandler)}).Handler())
	defer srv.Close()
	for _, q := range soakQueries {
		resp, err := http.Post(srv.URL+"/graphql", "application/json", strings.NewReader(q))
		if err != nil {
			t.Fatal(err)
		}
		var body struct{ Errors []any }
		_ = json.NewDecoder(resp.Body).Decode(&body)
		resp.Body.Close()
		if len(body.Errors) > 0 {
			t.Errorf("soak question %.60s…: %v", q, body.Errors)
		}
	}
	var out bytes.Buffer
	rep, err := Soak(context.Background(), SoakOptions{URL: srv.URL, Clients: 4, Duration: time.Second, Every: 500 * time.Millisecond, Out: &out})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Requests < len(soakQueries) || rep.Errors != 0 || rep.P50 <= 0 {
		t.Errorf("soak report %+v", rep)
	}
	if rep.RSSStartMB <= 0 || rep.RSSEndMB <= 0 {
		t.Errorf("server memory not read from /metrics: %+v", rep)
	}
	if !strings.Contains(out.String(), "soak done:") || strings.Count(out.String(), "soak ") < 2 {
		t.Errorf("progress output:\n%s", out.String())
	}
	if _, err := Soak(context.Background(), SoakOptions{URL: "http://192.0.2.1:8080", Clients: 1, Duration: time.Second}); err == nil || !strings.Contains(err.Error(), "loopback") {
		t.Errorf("a remote server was not refused: %v", err)
	}
}

// On PostgreSQL a run also measures plain COPY of the rows it wrote, the read index's heap per
// quad and a new server opening the store, and the report puts them side by side.
func TestPostgresRunMeasuresCopyIndexAndOpen(t *testing.T) {
	o := tiny()
	o.Stores, o.PostgresURL = []string{"postgres"}, testkit.NewDatabase(t, "") // skips without a server
	o.Engines, o.Questions = []string{EngineGraphQL}, []string{TwoHop}
	o.NoHTTP, o.NoStartup = true, true
	var recs []Record
	if err := Run(context.Background(), o, func(r Record) { recs = append(recs, r) }); err != nil {
		t.Fatal(err)
	}
	got := map[string]Metric{}
	for _, r := range recs {
		if m, ok := r.(Metric); ok {
			got[m.Name] = m
		}
	}
	for _, name := range []string{MetricLoad, MetricCopy, MetricIndex, MetricOpen} {
		m, ok := got[name]
		if !ok || m.Value <= 0 || m.Quads <= 0 || m.Store != "postgres" || m.Size != "liwan" {
			t.Errorf("%s: got %+v (measured: %v)", name, m, ok)
		}
	}
	if ix := got[MetricIndex].Value; ix > 1000 {
		t.Errorf("the index takes %.0f bytes per quad: the heap was not measured as the index alone", ix)
	}
	var b bytes.Buffer
	if err := (&Report{Records: recs}).WriteTable(&b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"load ÷ COPY", "index B/quad"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("the report lacks %q:\n%s", want, b.String())
		}
	}
}
