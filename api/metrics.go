package api

import (
	"context"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/plangraph/plangraph/graph"
	"github.com/plangraph/plangraph/schema"
)

// metrics are the server's Prometheus metrics, on a registry of its own so that several
// servers in one process (tests) do not collide.
type metrics struct {
	reg        *prometheus.Registry
	requests   *prometheus.CounterVec
	latency    *prometheus.HistogramVec
	gqlLatency *prometheus.HistogramVec
	gqlErrors  *prometheus.CounterVec
	reads      prometheus.CounterFunc
	readsN     atomic.Int64
}

func newMetrics(store Store) *metrics {
	m := &metrics{reg: prometheus.NewRegistry()}
	m.requests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "plangraph_http_requests_total", Help: "HTTP requests by route and status.",
	}, []string{"route", "status"})
	m.latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "plangraph_http_request_duration_seconds", Help: "HTTP request latency by route.",
		Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 10},
	}, []string{"route"})
	m.gqlLatency = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "plangraph_graphql_duration_seconds", Help: "GraphQL request latency by operation name (\"\" for anonymous).",
		Buckets: []float64{.0001, .00025, .0005, .001, .0025, .005, .01, .025, .05, .1, .25, 1, 10},
	}, []string{"operation"})
	m.gqlErrors = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "plangraph_graphql_errors_total", Help: "GraphQL errors by extensions.code.",
	}, []string{"code"})
	m.reads = prometheus.NewCounterFunc(prometheus.CounterOpts{
		Name: "plangraph_read_calls_total", Help: "Batched reads of the graph made while executing queries (one per field and depth).",
	}, func() float64 { return float64(m.readsN.Load()) })
	storeCalls := prometheus.NewCounterFunc(prometheus.CounterOpts{
		Name: "plangraph_store_round_trips_total", Help: "Round trips to the store backend (writes, reloads, freshness checks).",
	}, func() float64 { return float64(store.RoundTrips()) })
	m.reg.MustRegister(m.requests, m.latency, m.gqlLatency, m.gqlErrors, m.reads, storeCalls,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

func (m *metrics) handler() gin.HandlerFunc {
	h := promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
	return func(c *gin.Context) { h.ServeHTTP(c.Writer, c.Request) }
}

func (m *metrics) request(route string, status int, d time.Duration) {
	if route == "" {
		route = "unmatched" // keeps label cardinality bounded whatever paths clients try
	}
	m.requests.WithLabelValues(route, strconv.Itoa(status)).Inc()
	m.latency.WithLabelValues(route).Observe(d.Seconds())
}

// maxOperationLabel bounds the operation label: names come from clients.
const maxOperationLabel = 64

func (m *metrics) observe(op string, r *schema.Response, d time.Duration) {
	if len(op) > maxOperationLabel {
		op = op[:maxOperationLabel]
	}
	m.gqlLatency.WithLabelValues(op).Observe(d.Seconds())
	for _, e := range r.Errors {
		code, _ := e.Extensions["code"].(string)
		if code == "" {
			code = "UNKNOWN"
		}
		m.gqlErrors.WithLabelValues(code).Inc()
	}
}

// countingReader counts the executor's reads of the graph for the metrics.
func (m *metrics) countingReader(s *graph.Snapshot) schema.Reader {
	return &countedReader{Snapshot: s, n: &m.readsN}
}

type countedReader struct {
	*graph.Snapshot
	n *atomic.Int64
}

func (r *countedReader) Nodes(ctx context.Context, ids []string) ([]*graph.Node, error) {
	r.n.Add(1)
	return r.Snapshot.Nodes(ctx, ids)
}

func (r *countedReader) Edges(ctx context.Context, ids []string, preds []string, dir graph.Dir) ([][]graph.Edge, error) {
	r.n.Add(1)
	return r.Snapshot.Edges(ctx, ids, preds, dir)
}
