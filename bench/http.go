package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/plangraph/plangraph/api"
	"github.com/plangraph/plangraph/graph"
	"github.com/plangraph/plangraph/schema"
)

// httpResult is what one endpoint did under load.
type httpResult struct {
	stats
	errors int
}

// runHTTP serves the API on a loopback port, as `plangraph serve` does (metrics on; logging
// off, so that neither endpoint pays for log lines), and loads /graphql with the 2hop
// question and /healthz in turns, each with the same number of clients for the same time.
func runHTTP(ctx context.Context, st *graph.Store, exec *schema.Executor, inputs []Input, clients int, d time.Duration) (gql, health httpResult, err error) {
	srv := api.New(st, exec, api.Options{Logger: slog.New(slog.DiscardHandler)})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return gql, health, fmt.Errorf("listen: %w", err)
	}
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = hs.Serve(ln) }()
	defer func() {
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = hs.Shutdown(sctx)
	}()
	base := "http://" + ln.Addr().String()
	bodies := make([][]byte, len(inputs))
	for i, in := range inputs {
		bodies[i], err = json.Marshal(schema.Params{Query: ourQueries[TwoHop], Variables: variables(TwoHop, in)})
		if err != nil {
			return gql, health, err
		}
	}
	client := &http.Client{Transport: &http.Transport{
		MaxIdleConns: clients, MaxIdleConnsPerHost: clients, DisableCompression: true,
	}}
	defer client.CloseIdleConnections()
	// One request of each kind first: the answer must be right before it is timed.
	if err := checkGraphQL(ctx, client, base, bodies[0]); err != nil {
		return gql, health, err
	}
	newGraphQL := func(i int) (*http.Request, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/graphql", bytes.NewReader(bodies[i%len(bodies)]))
		if err == nil {
			req.Header.Set("Content-Type", "application/json")
		}
		return req, err
	}
	newHealthz := func(int) (*http.Request, error) {
		return http.NewRequestWithContext(ctx, http.MethodGet, base+"/healthz", nil)
	}
	res := alternate(ctx, client, clients, d, newGraphQL, newHealthz)
	return res[0], res[1], ctx.Err()
}

// httpRound is how long one endpoint is loaded before the other takes its turn.
const httpRound = 250 * time.Millisecond

// alternate loads each endpoint for d in all, in turns of httpRound (after a warm-up of each
// of a tenth of d): the machine's speed drifts over seconds here (other work, the garbage
// collector, the CPU's clock), and taking turns exposes both endpoints to it alike rather than
// one to the first seconds and the other to the next.
func alternate(ctx context.Context, client *http.Client, clients int, d time.Duration, newReqs ...func(i int) (*http.Request, error)) []httpResult {
	for _, newReq := range newReqs {
		drive(ctx, client, clients, d/10, newReq) // warm up
	}
	rounds := max(1, int(d/httpRound))
	lat := make([][]time.Duration, len(newReqs))
	wall := make([]time.Duration, len(newReqs))
	errs := make([]int, len(newReqs))
	for range rounds {
		for k, newReq := range newReqs {
			start := time.Now()
			l, e := drive(ctx, client, clients, d/time.Duration(rounds), newReq)
			wall[k] += time.Since(start)
			lat[k] = append(lat[k], l...)
			errs[k] += e
		}
	}
	out := make([]httpResult, len(newReqs))
	for k := range newReqs {
		out[k] = httpResult{stats: summarize(lat[k], wall[k]), errors: errs[k]}
	}
	return out
}

func checkGraphQL(ctx context.Context, client *http.Client, base string, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/graphql", bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("POST /graphql: %w", err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || bytes.Contains(b, []byte(`"errors"`)) || !bytes.Contains(b, []byte(`"data"`)) {
		return fmt.Errorf("POST /graphql: %s: %.300s", resp.Status, b)
	}
	return nil
}

var errStatus = errors.New("status is not 200")

func do(client *http.Client, newReq func(int) (*http.Request, error), i int) error {
	req, err := newReq(i)
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return errStatus
	}
	return nil
}
