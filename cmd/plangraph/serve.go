package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/plangraph/plangraph/api"
	"github.com/plangraph/plangraph/graph"
	"github.com/plangraph/plangraph/loader"
	"github.com/plangraph/plangraph/schema"
)

type serveFlags struct {
	addr, store, data string
	adminToken        string
	cors              []string
	logFormat         string
	logLevel          string
	limits            schema.Limits
	maxBody           int64
	maxInFlight       int
	maxHeavyInFlight  int
	readTimeout       time.Duration
	writeTimeout      time.Duration
	idleTimeout       time.Duration
	shutdownTimeout   time.Duration
	refreshEvery      time.Duration
}

func (m *Main) serveCmd() *cobra.Command {
	f := serveFlags{limits: schema.DefaultLimits}
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the GraphQL API, GraphiQL and the explorer",
		Long: `Serve the GraphQL API at /graphql, GraphiQL at /graphiql and the explorer at /.
With no flags it serves the embedded Liwan plan from memory on 127.0.0.1:8080. A persistent
store that holds no plan yet is loaded with the embedded plan (or --data DIR).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if f.adminToken == "" {
				f.adminToken = m.Getenv("PLANGRAPH_ADMIN_TOKEN")
			}
			return m.serve(cmd.Context(), f)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.addr, "addr", "127.0.0.1:8080", "address to listen on")
	storeFlag(cmd, &f.store)
	fl.StringVar(&f.data, "data", "", "dataset directory to load at start (default: the embedded Liwan plan, when the store holds no plan)")
	fl.StringVar(&f.adminToken, "admin-token", "", "bearer token enabling /admin (or PLANGRAPH_ADMIN_TOKEN); /admin is disabled without one")
	fl.StringSliceVar(&f.cors, "cors-origin", nil, "origins allowed to call the API from browsers (repeatable); CORS is off by default")
	fl.StringVar(&f.logFormat, "log-format", "text", "log format: text or json")
	fl.StringVar(&f.logLevel, "log-level", "info", "log level: debug, info, warn or error")
	fl.IntVar(&f.limits.MaxDepth, "max-depth", f.limits.MaxDepth, "deepest selection nesting accepted")
	fl.IntVar(&f.limits.MaxFirst, "max-first", f.limits.MaxFirst, "largest `first` accepted (larger is an error)")
	fl.IntVar(&f.limits.MaxCost, "max-cost", f.limits.MaxCost, "largest estimated number of values in a response")
	fl.IntVar(&f.limits.MaxDocumentBytes, "max-query-bytes", f.limits.MaxDocumentBytes, "largest query document in bytes")
	fl.IntVar(&f.limits.MaxListValues, "max-list", f.limits.MaxListValues, "most values of one list argument (enum lists after de-duplication)")
	fl.IntVar(&f.limits.MaxStringBytes, "max-string", f.limits.MaxStringBytes, "largest string argument or variable in bytes")
	fl.IntVar(&f.limits.MaxResponseBytes, "max-response-bytes", f.limits.MaxResponseBytes, "largest response text in bytes")
	fl.IntVar(&f.maxInFlight, "max-inflight", 0, "small GraphQL requests handled at once (default 4 per CPU); more wait up to 2 s, then 503")
	fl.IntVar(&f.maxHeavyInFlight, "max-heavy-inflight", 0, "GraphQL requests over 4 KB handled at once, in a lane of their own (default half the CPUs, at least 1)")
	fl.DurationVar(&f.limits.Timeout, "timeout", f.limits.Timeout, "time limit of one GraphQL request")
	fl.Int64Var(&f.maxBody, "max-body", 1<<20, "largest request body in bytes (413 above)")
	fl.DurationVar(&f.readTimeout, "read-timeout", 10*time.Second, "time limit to read a request, headers and body")
	fl.DurationVar(&f.writeTimeout, "write-timeout", 30*time.Second, "time limit to write a response")
	fl.DurationVar(&f.idleTimeout, "idle-timeout", 60*time.Second, "how long an idle keep-alive connection is kept")
	fl.DurationVar(&f.shutdownTimeout, "shutdown-timeout", 15*time.Second, "how long shutdown waits for requests in flight")
	fl.DurationVar(&f.refreshEvery, "refresh", time.Second, "how often to check a shared (postgres) store for other servers' writes")
	return cmd
}

func (m *Main) logger(format, level string) (*slog.Logger, error) {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("--log-level %q: %w", level, err)
	}
	opts := &slog.HandlerOptions{Level: lv}
	switch format {
	case "text":
		return slog.New(slog.NewTextHandler(m.Stderr, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(m.Stderr, opts)), nil
	}
	return nil, fmt.Errorf("--log-format %q: want text or json", format)
}

// loosenGCForStartup lets the heap grow four times over between collections while the store
// is opened and the plan loaded, unless the operator set GOGC, and returns what puts the
// default back. Nearly everything start-up allocates is the graph, which lives on: collecting
// at the default pace (each time the heap doubles, from 4 MB) marks it again and again for
// little garbage. Measured on the embedded plan: median load 186 ms → 152 ms.
func loosenGCForStartup() (restore func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	old := debug.SetGCPercent(400)
	return func() { debug.SetGCPercent(old) }
}

func (m *Main) serve(ctx context.Context, f serveFlags) error {
	log, err := m.logger(f.logFormat, f.logLevel)
	if err != nil {
		return err
	}
	start := time.Now()
	restoreGC := loosenGCForStartup()
	// The executor (the SDL parsed and checked, field plans made) does not depend on the
	// store: it is built on the other core while the plan loads.
	type built struct {
		exec *schema.Executor
		err  error
	}
	execReady := make(chan built, 1)
	go func() {
		exec, err := schema.New(f.limits)
		execReady <- built{exec, err}
	}()
	st, err := graph.Open(ctx, f.store)
	if err != nil {
		return err
	}
	defer st.Close()
	if f.data != "" || len(st.Snapshot().PlanIDs()) == 0 {
		fsys, name := dataset([]string{f.data})
		rep, err := loader.LoadInto(ctx, st, fsys, ".", nil)
		if err != nil {
			return fmt.Errorf("load %s: %w", name, err)
		}
		log.Info("plan loaded", "plan", rep.Result.Meta.ID, "from", name, "quads", rep.Write.Quads, "added", rep.Write.Added, "removed", rep.Write.Removed)
	}
	restoreGC()
	b := <-execReady
	if b.err != nil {
		return b.err
	}
	exec := b.exec
	srv := api.New(st, exec, api.Options{
		MaxBodyBytes:     f.maxBody,
		MaxInFlight:      f.maxInFlight,
		MaxHeavyInFlight: f.maxHeavyInFlight,
		AdminToken:       f.adminToken,
		CORSOrigins:      f.cors,
		RefreshEvery:     f.refreshEvery,
		Logger:           log,
		PlanLoader:       &planService{store: st},
	})
	ln, err := net.Listen("tcp", f.addr)
	if err != nil {
		return err
	}
	hs := &http.Server{
		Handler:           srv.Handler(),
		ReadHeaderTimeout: min(f.readTimeout, 5*time.Second),
		ReadTimeout:       f.readTimeout,
		WriteTimeout:      f.writeTimeout,
		IdleTimeout:       f.idleTimeout,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	// Warm the full-text index in the background: start-up does not wait for it.
	go func() {
		for _, id := range st.Snapshot().PlanIDs() {
			if p := st.Snapshot().Plan(id); p != nil {
				_ = p.Warm()
			}
		}
	}()
	addr := ln.Addr().String()
	ids := st.Snapshot().PlanIDs()
	log.Info("serving", "addr", "http://"+addr, "graphiql", "http://"+addr+"/graphiql", "store", st.URL(), "plans", len(ids), "plan_ids", planList(ids), "startup_ms", time.Since(start).Milliseconds(), "admin", f.adminToken != "")
	if m.Ready != nil {
		m.Ready(addr)
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down: draining requests in flight", "timeout", f.shutdownTimeout)
	sctx, cancel := context.WithTimeout(context.Background(), f.shutdownTimeout)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	log.Info("stopped")
	return nil
}

// planService loads and removes plans for the admin API.
type planService struct{ store *graph.Store }

func (p *planService) LoadPlan(ctx context.Context, fsys fs.FS) (api.LoadSummary, error) {
	start := time.Now()
	rep, err := loader.LoadInto(ctx, p.store, fsys, ".", nil)
	if err != nil {
		return api.LoadSummary{}, err
	}
	return api.LoadSummary{Plan: rep.Result.Meta.ID, Counts: rep.Result.Counts(), Added: rep.Write.Added, Removed: rep.Write.Removed, Duration: time.Since(start).Round(time.Millisecond).String()}, nil
}

func (p *planService) RemovePlan(ctx context.Context, id string) (graph.ReplaceResult, error) {
	return p.store.RemovePlan(ctx, id)
}

var _ api.PlanLoader = (*planService)(nil)

func isTerminal(f any) bool {
	file, ok := f.(*os.File)
	if !ok {
		return false
	}
	fi, err := file.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// planList names the first plans of a store for the log: a store of a province's plans holds
// thousands, and one log line of all their ids (145 KB at ten million quads) is too long for
// the tools that read logs line by line.
func planList(ids []string) string {
	const shown = 10
	if len(ids) <= shown {
		return strings.Join(ids, ",")
	}
	return strings.Join(ids[:shown], ",") + fmt.Sprintf(",… (%d more)", len(ids)-shown)
}
