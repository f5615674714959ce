// Package api serves PlanGraph over HTTP with gin: GraphQL over HTTP at /graphql, GraphiQL at
// /graphiql, the explorer at /, health and readiness, Prometheus metrics, and the admin
// endpoints that load and remove plans.
package api

import (
	"context"
	"log/slog"
	"net/http"
	"runtime"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/plangraph/plangraph/graph"
	"github.com/plangraph/plangraph/internal/errcode"
	"github.com/plangraph/plangraph/schema"
)

// Store is what the API needs of the graph store.
type Store interface {
	Snapshot() *graph.Snapshot
	Refresh(ctx context.Context) (bool, error)
	Ping(ctx context.Context) error
	RoundTrips() int64
	Backend() string
	// Shared reports whether other processes may write the store too (PostgreSQL).
	Shared() bool
}

// Options configure the server.
type Options struct {
	MaxBodyBytes   int64         // request bodies above this get 413
	AdminToken     string        // bearer token of /admin; empty disables /admin
	CORSOrigins    []string      // origins allowed to call the API from a browser; none by default
	RefreshEvery   time.Duration // how often to check a shared store for other servers' writes
	Logger         *slog.Logger
	PlanLoader     PlanLoader // loads an uploaded dataset; nil disables uploads
	DisableMetrics bool
	// MaxInFlight bounds the small GraphQL requests handled at once (default 4 per CPU), and
	// MaxHeavyInFlight the large ones (default half the CPUs, at least 1): requests over heavyBytes, whose
	// decoding and execution cost most, queue among themselves and cannot take the slots of
	// the small ones. A request that finds no slot within QueueWait (default 2 s) gets 503
	// SERVER_BUSY.
	MaxInFlight      int
	MaxHeavyInFlight int
	QueueWait        time.Duration
}

// Server is the HTTP API.
type Server struct {
	store   Store
	exec    *schema.Executor
	opts    Options
	log     *slog.Logger
	metrics *metrics
	fresh   *freshness
	engine  *gin.Engine
	light   *workSlots // small requests
	heavy   *workSlots // requests over heavyBytes
	tokens  *tokenGuard
}

// New builds the server and its routes.
func New(store Store, exec *schema.Executor, opts Options) *Server {
	if opts.MaxBodyBytes <= 0 {
		opts.MaxBodyBytes = 1 << 20
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if opts.RefreshEvery <= 0 {
		opts.RefreshEvery = time.Second
	}
	if opts.MaxInFlight <= 0 {
		opts.MaxInFlight = 4 * runtime.GOMAXPROCS(0)
	}
	if opts.MaxHeavyInFlight <= 0 {
		// Half the cores at most, so that small requests always have cores of their own.
		opts.MaxHeavyInFlight = max(1, runtime.GOMAXPROCS(0)/2)
	}
	if opts.QueueWait <= 0 {
		opts.QueueWait = 2 * time.Second
	}
	s := &Server{store: store, exec: exec, opts: opts, log: opts.Logger, metrics: newMetrics(store), tokens: newTokenGuard()}
	s.light, s.heavy = newWorkSlots(opts.MaxInFlight, opts.QueueWait), newWorkSlots(opts.MaxHeavyInFlight, opts.QueueWait)
	s.fresh = &freshness{store: store, every: opts.RefreshEvery}
	gin.SetMode(gin.ReleaseMode)
	e := gin.New()
	e.HandleMethodNotAllowed = true
	e.ContextWithFallback = true
	e.Use(s.requestID(), s.recovery(), s.accessLog(), s.cors())
	e.NoRoute(func(c *gin.Context) {
		writeProblem(c, errcode.NotFound, "no such page: "+c.Request.URL.Path)
	})
	e.NoMethod(func(c *gin.Context) {
		c.Header("Allow", strings.Join(s.allowed(c.Request.URL.Path), ", "))
		writeProblem(c, errcode.MethodNotAllowed, c.Request.Method+" is not allowed here")
	})
	e.GET("/graphql", s.graphql)
	e.POST("/graphql", s.graphql)
	e.GET("/healthz", s.healthz)
	e.GET("/readyz", s.readyz)
	if !opts.DisableMetrics {
		e.GET("/metrics", s.metrics.handler())
	}
	s.pages(e)
	s.tables(e)
	s.admin(e)
	s.engine = e
	return s
}

// Handler returns the server's http.Handler.
func (s *Server) Handler() http.Handler { return http.HandlerFunc(s.serveHTTP) }

func (s *Server) healthz(c *gin.Context) {
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, gin.H{"status": "ok"})
}

// readyz says whether the server can answer: the store must answer, and the read index must be
// current with it.
func (s *Server) readyz(c *gin.Context) {
	c.Header("Cache-Control", "no-store")
	ctx, cancel := context.WithTimeout(c.Request.Context(), 2*time.Second)
	defer cancel()
	if err := s.store.Ping(ctx); err != nil {
		c.JSON(http.StatusServiceUnavailable, gin.H{"status": "unavailable", "error": err.Error()})
		return
	}
	if _, err := s.fresh.check(ctx, true); err != nil {
		c.JSON(http.StatusServiceUnavailable, gin.H{"status": "unavailable", "error": err.Error()})
		return
	}
	snap := s.store.Snapshot()
	c.JSON(http.StatusOK, gin.H{"status": "ready", "plans": snap.PlanIDs(), "version": snap.Version, "store": s.store.Backend()})
}
