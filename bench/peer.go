package bench

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/plangraph/plangraph/graph"
	"github.com/plangraph/plangraph/graph/cjk"
	"github.com/plangraph/plangraph/schema"
)

// The engines of the peer comparison (RunPeer): both are servers asked over HTTP.
const (
	EngineHTTPPlanGraph    = "http-plangraph"    // `plangraph serve --store postgres://…`
	EngineHTTPPostGraphile = "http-postgraphile" // PostGraphile 4 over bench/peer/schema.sql
)

// PeerOptions are the servers RunPeer compares; both read the database of Options.PostgresURL.
type PeerOptions struct {
	PlanGraphURL    string // base URL of `plangraph serve` (its /graphql is asked)
	PostGraphileURL string // base URL of PostGraphile (its /graphql is asked)
	// Wait bounds how long PlanGraph may take to serve a size after it is written (it sees
	// another process's writes within its --refresh).
	Wait time.Duration
}

// httpEngine asks one GraphQL server over HTTP. Its output is the response body.
type httpEngine struct {
	name   string
	url    string // …/graphql
	client *http.Client
	body   func(q string, in Input) ([]byte, error)
	tuples func(q string, out any) ([]string, error)
	unsup  func(q string) string
}

func (e *httpEngine) Name() string                               { return e.name }
func (e *httpEngine) Unsupported(q string) string                { return e.unsup(q) }
func (e *httpEngine) Tuples(q string, out any) ([]string, error) { return e.tuples(q, out) }

func (e *httpEngine) request(ctx context.Context, q string, in Input) (*http.Request, error) {
	b, err := e.body(q, in)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, e.url, bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	return req, nil
}

func (e *httpEngine) Answer(ctx context.Context, q string, in Input) (any, error) {
	req, err := e.request(ctx, q, in)
	if err != nil {
		return nil, err
	}
	resp, err := e.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("POST %s: %w", e.url, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("POST %s: %w", e.url, err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("POST %s: %s: %.300s", e.url, resp.Status, b)
	}
	var head struct {
		Errors []json.RawMessage `json:"errors"`
	}
	if err := json.Unmarshal(b, &head); err != nil {
		return nil, fmt.Errorf("POST %s: the answer is not JSON: %w", e.url, err)
	}
	if len(head.Errors) > 0 {
		msgs := make([]string, len(head.Errors))
		for i, m := range head.Errors {
			msgs[i] = string(m)
		}
		return nil, fmt.Errorf("POST %s: %.500s", e.url, strings.Join(msgs, "; "))
	}
	return b, nil
}

func noneUnsupported(string) string { return "" }

// newPlanGraphHTTP asks `plangraph serve` the documents the in-process executor is asked.
func newPlanGraphHTTP(base string, client *http.Client) *httpEngine {
	return &httpEngine{
		name: EngineHTTPPlanGraph, url: strings.TrimSuffix(base, "/") + "/graphql", client: client,
		body: func(q string, in Input) ([]byte, error) {
			query, ok := ourQueries[q]
			if !ok {
				return nil, fmt.Errorf("unknown question %q", q)
			}
			return json.Marshal(schema.Params{Query: query, Variables: variables(q, in)})
		},
		tuples: (&graphqlEngine{}).Tuples,
		unsup:  noneUnsupported,
	}
}

// peerQueries are the questions in PostGraphile's GraphQL over bench/peer/schema.sql. Every
// foreign key is a nested field (linksByFromId, entityByToId, citationsByLinkId …); "either
// way" asks both directions of peer.link; connections are not paged (PostGraphile returns
// every row when no first is given), so nothing is cut.
var peerQueries = map[string]string{
	Lookup: `query Lookup($id: String!) { entityById(id: $id) { id name } }`,
	Search: `query Search($text: String!) { entitySearch(text: $text) { nodes { id name } } }`,
	OneHop: `query OneHop($id: String!, $type: String!) { entityById(id: $id) { id
  out: linksByFromId(condition: {toType: $type}) { nodes { e: entityByToId { id name } } }
  in: linksByToId(condition: {fromType: $type}) { nodes { e: entityByFromId { id name } } } } }`,
	TwoHop: `query TwoHop($id: String!) { entityById(id: $id) { id
  out: linksByFromId { nodes { e: entityByToId { ...hop } } }
  in: linksByToId { nodes { e: entityByFromId { ...hop } } } } }
fragment hop on Entity { id name
  out: linksByFromId { nodes { e: entityByToId { id name } } }
  in: linksByToId { nodes { e: entityByFromId { id name } } } }`,
	ThreeHopCited: `query ThreeHopCited($id: String!) { entityById(id: $id) { id
  out: linksByFromId { nodes { ...cited e: entityByToId { id
    out: linksByFromId { nodes { ...cited e: entityByToId { id
      out: linksByFromId { nodes { ...cited e: entityByToId { id } } } } } } } } } } }
fragment cited on Link { rel citationsByLinkId { nodes { paragraphId spanStart spanLength } } }`,
}

// peerUnsupported is why the peer cannot ask the path question.
const peerUnsupported = "PostGraphile exposes the links one hop at a time; a shortest path needs a recursive SQL function of its own, which a PostGraphile user would have to write"

// newPostGraphileHTTP asks PostGraphile the same questions in its GraphQL.
func newPostGraphileHTTP(base string, client *http.Client) *httpEngine {
	return &httpEngine{
		name: EngineHTTPPostGraphile, url: strings.TrimSuffix(base, "/") + "/graphql", client: client,
		body: func(q string, in Input) ([]byte, error) {
			query, ok := peerQueries[q]
			if !ok {
				return nil, fmt.Errorf("unknown question %q", q)
			}
			vars := map[string]any{"id": in.ID}
			switch q {
			case Search:
				// Simplified by the client, as the cayley engines do (searchPattern): PostgreSQL
				// has no Traditional → Simplified conversion.
				vars = map[string]any{"text": cjk.Simplify(in.Text)}
			case OneHop:
				vars["type"] = in.Type
			}
			// Not schema.Params: PostGraphile refuses its empty operationName.
			return json.Marshal(struct {
				Query     string         `json:"query"`
				Variables map[string]any `json:"variables"`
			}{query, vars})
		},
		tuples: peerTuples,
		unsup: func(q string) string {
			if q == Path {
				return peerUnsupported
			}
			return ""
		},
	}
}

// peerTuples turns a PostGraphile response into the tuples of answers.go.
func peerTuples(q string, out any) ([]string, error) {
	b, ok := out.([]byte)
	if !ok {
		return nil, fmt.Errorf("postgraphile answer is %T, not JSON", out)
	}
	var resp struct {
		Data map[string]any `json:"data"`
	}
	if err := json.Unmarshal(b, &resp); err != nil {
		return nil, fmt.Errorf("postgraphile answer: %w", err)
	}
	nodes := func(conn any) []any { return jlist(jobj(conn)["nodes"]) }
	// neighbours are the entities at the other end of an entity's links, both ways.
	neighbours := func(ent map[string]any) []map[string]any {
		var out []map[string]any
		for _, dir := range []string{"out", "in"} {
			for _, l := range nodes(ent[dir]) {
				if e := jobj(jobj(l)["e"]); e != nil {
					out = append(out, e)
				}
			}
		}
		return out
	}
	var ts []string
	ent := jobj(resp.Data["entityById"])
	switch q {
	case Lookup:
		if ent == nil {
			return nil, errors.New("postgraphile answer: no such entity")
		}
		ts = append(ts, jstr(ent["name"]))
	case Search:
		for _, e := range nodes(resp.Data["entitySearch"]) {
			ts = append(ts, jstr(jobj(e)["id"]))
		}
	case OneHop:
		for _, y := range neighbours(ent) {
			ts = append(ts, jstr(y["id"]))
		}
	case TwoHop:
		for _, y := range neighbours(ent) {
			for _, z := range neighbours(y) {
				ts = append(ts, jstr(y["id"])+" "+jstr(z["id"]))
			}
		}
	case ThreeHopCited:
		var walk func(depth int, from map[string]any)
		walk = func(depth int, from map[string]any) {
			for _, l := range nodes(from["out"]) {
				link := jobj(l)
				to := jobj(link["e"])
				for _, c := range nodes(link["citationsByLinkId"]) {
					cit := jobj(c)
					start, _ := cit["spanStart"].(float64)
					n, _ := cit["spanLength"].(float64)
					span := graph.SpanIRI(jstr(cit["paragraphId"]), int(start), int(start)+int(n))
					ts = append(ts, citedTuple(depth, jstr(from["id"]), jstr(link["rel"]), jstr(to["id"]), span))
				}
				if depth < 3 {
					walk(depth+1, to)
				}
			}
		}
		walk(1, ent)
	default:
		return nil, fmt.Errorf("unknown question %q", q)
	}
	return tupleSet(ts), nil
}

// RunPeer compares PlanGraph and PostGraphile, both serving one PostgreSQL database, over
// HTTP. For every size it writes the size's plans into cayley's tables (PlanGraph's store)
// and into the peer's relational schema, waits until PlanGraph serves them, and then, for
// every question, has both servers answer every start point and compares the answers as
// tuple sets (a difference stops the run), and only then loads both with opt.Clients clients
// for opt.HTTPTime each, in turns (see alternate).
func RunPeer(ctx context.Context, opt Options, peer PeerOptions, emit func(Record)) error {
	if opt.PostgresURL == "" || peer.PlanGraphURL == "" || peer.PostGraphileURL == "" {
		return errors.New("the peer comparison needs a postgres:// store and the URLs of both servers")
	}
	opt.Stores, opt.Engines = []string{"postgres"}, Engines
	if peer.Wait <= 0 {
		peer.Wait = 2 * time.Minute
	}
	start := time.Now()
	r, err := newRunner(opt, emit)
	if err != nil {
		return err
	}
	if err := InitPeerSchema(ctx, opt.PostgresURL); err != nil {
		return err
	}
	st, err := graph.Open(ctx, opt.PostgresURL)
	if err != nil {
		return fmt.Errorf("open the postgres store: %w", err)
	}
	defer st.Close()
	db, err := sql.Open("postgres", opt.PostgresURL)
	if err != nil {
		return fmt.Errorf("open the peer's database: %w", err)
	}
	defer db.Close()

	client := &http.Client{Transport: &http.Transport{
		MaxIdleConns: opt.Clients * 2, MaxIdleConnsPerHost: opt.Clients, DisableCompression: true,
	}}
	defer client.CloseIdleConnections()
	engines := []*httpEngine{newPlanGraphHTTP(peer.PlanGraphURL, client), newPostGraphileHTTP(peer.PostGraphileURL, client)}

	loaded := 0
	for _, size := range sortSizes(opt.Sizes) {
		plans, err := r.ds.plans(ctx, size)
		if err != nil {
			return err
		}
		lr, err := load(ctx, st, plans[loaded:])
		if err != nil {
			return fmt.Errorf("%s: %w", size, err)
		}
		t := time.Now()
		rows, err := loadPeer(ctx, db, plans[loaded:])
		if err != nil {
			return fmt.Errorf("%s: %w", size, err)
		}
		peerTook := time.Since(t)
		loaded = len(plans)
		if err := analyze(ctx, opt.PostgresURL); err != nil {
			return err
		}
		quads := st.Snapshot().Stats("").Quads
		r.logf("postgres %s: wrote %d plans: %d quads into cayley's tables in %v, %d rows into the peer's in %v; the store holds %d quads",
			size, lr.plans, lr.added, lr.took.Round(time.Millisecond), rows, peerTook.Round(time.Millisecond), quads)
		if err := waitServed(ctx, client, engines[0].url, quads, peer.Wait); err != nil {
			return fmt.Errorf("%s: %w", size, err)
		}
		for _, q := range opt.Questions {
			if err := r.peerQuestion(ctx, client, engines, q, size); err != nil {
				return fmt.Errorf("%s: %w", size, err)
			}
		}
	}
	r.logf("done in %v", time.Since(start).Round(time.Second))
	return nil
}

// waitServed waits until the PlanGraph server at url holds quads quads: it reads the store
// written by another process (this one) every --refresh.
func waitServed(ctx context.Context, client *http.Client, url string, quads int, wait time.Duration) error {
	body := []byte(`{"query":"{ stats { quads } }"}`)
	deadline := time.Now().Add(wait)
	got := -1
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
		if err != nil {
			return err
		}
		req.Header.Set("Content-Type", "application/json")
		if resp, err := client.Do(req); err == nil {
			var r struct {
				Data struct {
					Stats struct{ Quads int } `json:"stats"`
				} `json:"data"`
			}
			err = json.NewDecoder(resp.Body).Decode(&r)
			resp.Body.Close()
			if err == nil {
				got = r.Data.Stats.Quads
				if got == quads {
					return nil
				}
			}
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("PlanGraph at %s serves %d quads, not the %d written, after %v", url, got, quads, wait)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// peerQuestion asks one question of both servers: every start point once, compared, then
// timed under load.
func (r *runner) peerQuestion(ctx context.Context, client *http.Client, engines []*httpEngine, q, size string) error {
	inputs := r.inputs[q]
	var ref [][]string
	var asked []*httpEngine
	results := map[string]float64{}
	for _, e := range engines {
		if why := e.Unsupported(q); why != "" {
			// After the timed rows, so that PlanGraph's row comes first in every question.
			defer r.emit(Result{Question: q, Size: size, Store: "postgres", Engine: e.name, Unsupported: why})
			continue
		}
		var answers [][]string
		total := 0
		for _, in := range inputs {
			cctx, cancel := context.WithTimeout(ctx, r.opt.CallTimeout)
			out, err := e.Answer(cctx, q, in)
			cancel()
			var ts []string
			if err == nil {
				ts, err = e.Tuples(q, out)
			}
			if err != nil {
				return fmt.Errorf("%s from %s: %s: %w", q, in, e.name, err)
			}
			answers = append(answers, ts)
			total += len(ts)
		}
		if ref == nil {
			ref = answers
		} else {
			for i := range answers {
				if d := diff(ref[i], answers[i]); d != "" {
					return fmt.Errorf("%s from %s: %s answers differently from %s: %s", q, inputs[i], e.name, engines[0].name, d)
				}
			}
		}
		results[e.name] = float64(total) / float64(len(inputs))
		asked = append(asked, e)
	}
	reqs := make([]func(int) (*http.Request, error), len(asked))
	for k, e := range asked {
		reqs[k] = func(i int) (*http.Request, error) { return e.request(ctx, q, inputs[i%len(inputs)]) }
	}
	// A warm-up of half the measured time each, on top of alternate's tenth: PostGraphile runs
	// on Node, whose JIT compiles a query's resolvers only after many calls, and with the short
	// warm-up alone the first size measured it half as fast as the next.
	for _, req := range reqs {
		drive(ctx, client, r.opt.Clients, r.opt.HTTPTime/2, req)
	}
	res := alternate(ctx, client, r.opt.Clients, r.opt.HTTPTime, reqs...)
	if err := ctx.Err(); err != nil {
		return err
	}
	for k, e := range asked {
		h := res[k]
		out := Result{Question: q, Size: size, Store: "postgres", Engine: e.name, N: h.n, P50: h.p50, P99: h.p99,
			OpsPerS: h.opsPerS, Inputs: len(inputs), Results: results[e.name]}
		if h.errors > 0 {
			out.Err = fmt.Sprintf("%d of %d requests failed", h.errors, h.errors+h.n)
		}
		r.emit(out)
		r.logf("postgres %s %-10s %-17s %6.0f req/s  p50 %-9v p99 %-9v (%d requests, %.0f results per start point)",
			size, q, e.name, h.opsPerS, h.p50, h.p99, h.n, results[e.name])
	}
	return nil
}

// WritePeerTable writes the results of RunPeer: per question and size, both servers'
// throughput and latency under load, and PlanGraph's ratios to the peer.
func (r *Report) WritePeerTable(w io.Writer) error {
	fmt.Fprintf(w, "PlanGraph vs PostGraphile on %s\n", r.Machine)
	fmt.Fprintf(w, "Both serve one PostgreSQL database over HTTP on loopback, %d clients, in turns; ×req/s = PlanGraph's ÷ PostGraphile's, p50 ÷ = PlanGraph's ÷ PostGraphile's.\n\n", r.Clients)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "question\tsize\tengine\treq/s\tp50\tp99\tresults\t×req/s\tp50 ÷\t")
	for _, res := range r.results() {
		row := fmt.Sprintf("%s\t%s\t%s\t", res.Question, res.Size, res.Engine)
		switch {
		case res.Unsupported != "":
			fmt.Fprintf(tw, "%sunsupported\t\t\t\t\t\t\n", row)
			continue
		case res.Err != "":
			fmt.Fprintf(tw, "%serror: %s\t\t\t\t\t\t\n", row, res.Err)
			continue
		}
		ratio, p50 := "", ""
		if res.Engine == EngineHTTPPlanGraph {
			if p, ok := r.find(res.Question, res.Size, res.Store, EngineHTTPPostGraphile); ok && p.OpsPerS > 0 && p.P50 > 0 {
				ratio = fmt.Sprintf("%.1f", res.OpsPerS/p.OpsPerS)
				p50 = fmt.Sprintf("%.3f", float64(res.P50)/float64(p.P50))
			}
		}
		fmt.Fprintf(tw, "%s%.0f\t%s\t%s\t%.0f\t%s\t%s\t\n", row, res.OpsPerS, dur(res.P50), dur(res.P99), res.Results, ratio, p50)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	r.writeNotes(w)
	return nil
}
