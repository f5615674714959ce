package main

import (
	"fmt"
	"os"
	"runtime/pprof"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/plangraph/plangraph/bench"
)

func (m *Main) benchCmd() *cobra.Command {
	opt := bench.DefaultOptions()
	var sizes, stores, questions, engines, pgURL string
	var asJSON, inProcess, peerInit bool
	var peer bench.PeerOptions
	var cpuProfile string
	cmd := &cobra.Command{
		Use:   "bench",
		Short: "Measure the analyst questions through our GraphQL executor, cayley's path API, Gizmo and cayley's GraphQL",
		Long: `Ask the same questions (lookup, search, 1hop, 2hop, 3hop-cited, path) from the same start
points through our GraphQL executor (graphql), cayley's path API (path, the floor), Gizmo and
cayley's GraphQL dialect, on one store, and print the median and p99 latency of each and its
ratio to the floor. Engines must agree on every answer before they are timed. Also measures
load throughput, resident memory per million quads, HTTP throughput of /graphql against
/healthz, and the start-up time of a fresh ` + "`plangraph serve`" + `.

Sizes: liwan (the embedded plan), 100k, 1m and 10m (the embedded plan plus generated plans, see
` + "`plangraph gen`" + `). Stores: memory, bolt (a temporary directory), and postgres when --store
postgres://… is given (plans are written into that database and left there: use a throwaway one).`,
		Example: `  plangraph bench                                      # liwan and 100k on memory, within a minute
  plangraph bench --sizes liwan,100k,1m --stores memory,bolt
  plangraph bench --sizes liwan,100k --store "$PLANGRAPH_TEST_POSTGRES" --json
  scripts/bench-peer --sizes liwan,100k   # against PostGraphile: --peer-init, --peer-plangraph, --peer-postgraphile`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opt.Sizes, opt.Stores = commaList(sizes), commaList(stores)
			opt.Questions, opt.Engines = commaList(questions), commaList(engines)
			if pgURL != "" {
				if !strings.HasPrefix(pgURL, "postgres://") && !strings.HasPrefix(pgURL, "postgresql://") {
					return fmt.Errorf("--store %q: want a postgres:// URL (memory and bolt are chosen with --stores)", pgURL)
				}
				opt.PostgresURL = pgURL
				if !slices.Contains(opt.Stores, "postgres") {
					opt.Stores = append(opt.Stores, "postgres")
				}
			}
			if peerInit || peer.PlanGraphURL != "" || peer.PostGraphileURL != "" {
				return m.benchPeer(cmd, opt, peer, peerInit, asJSON)
			}
			if !inProcess {
				exe, err := os.Executable()
				if err != nil {
					return fmt.Errorf("find this program to time its start-up: %w", err)
				}
				opt.ServeCommand = []string{exe}
			}
			opt.Progress = m.Stderr
			if cpuProfile != "" {
				f, err := os.Create(cpuProfile)
				if err != nil {
					return fmt.Errorf("--cpuprofile: %w", err)
				}
				defer f.Close()
				if err := pprof.StartCPUProfile(f); err != nil {
					return fmt.Errorf("--cpuprofile: %w", err)
				}
				defer pprof.StopCPUProfile()
			}
			report := &bench.Report{Machine: bench.ThisMachine(), Clients: opt.Clients}
			err := bench.Run(cmd.Context(), opt, func(rec bench.Record) {
				report.Add(rec)
				if asJSON {
					_ = bench.WriteJSON(m.Stdout, rec)
				}
			})
			if err != nil {
				if !asJSON && len(report.Records) > 0 {
					// What was measured before the failure is still worth having: a large
					// run takes the best part of an hour.
					_ = report.WriteTable(m.Stdout)
				}
				return err
			}
			if asJSON {
				return nil
			}
			return report.WriteTable(m.Stdout)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&sizes, "sizes", strings.Join(opt.Sizes, ","), "graph sizes: liwan, 100k, 1m, 10m")
	fl.StringVar(&stores, "stores", strings.Join(opt.Stores, ","), "stores: memory, bolt (postgres is added by --store)")
	fl.StringVar(&pgURL, "store", "", "a postgres://… URL to measure too (a throwaway database: plans are written into it)")
	fl.StringVar(&questions, "questions", strings.Join(opt.Questions, ","), "questions to ask")
	fl.StringVar(&engines, "engines", strings.Join(opt.Engines, ","), "engines to ask them with")
	fl.BoolVar(&asJSON, "json", false, "print one JSON object per line instead of tables")
	fl.Uint64Var(&opt.Seed, "seed", opt.Seed, "seed of the generated plans and of the start points")
	fl.IntVar(&opt.Inputs, "inputs", opt.Inputs, "start points per question")
	fl.DurationVar(&opt.Cell.Time, "time", opt.Cell.Time, "how long each question runs on each engine")
	fl.IntVar(&opt.Cell.MaxIters, "max-calls", opt.Cell.MaxIters, "at most this many calls per question and engine")
	fl.DurationVar(&opt.Cell.MaxTime, "max-cell", opt.Cell.MaxTime, "stop a slow engine's question after this long (it is then timed on the start points it answered)")
	fl.DurationVar(&opt.CallTimeout, "call-timeout", opt.CallTimeout, "a call taking longer fails its engine's question")
	fl.DurationVar(&opt.HTTPTime, "http-time", opt.HTTPTime, "how long each HTTP endpoint is loaded")
	fl.IntVar(&opt.Clients, "clients", opt.Clients, "concurrent HTTP clients")
	fl.BoolVar(&opt.NoHTTP, "no-http", false, "skip the HTTP measurement")
	fl.BoolVar(&opt.NoStartup, "no-startup", false, "skip the start-up measurement")
	fl.BoolVar(&opt.NoCopy, "no-copy-baseline", false, "on PostgreSQL, skip the plain COPY of each size's rows (minutes at 10m)")
	fl.StringVar(&cpuProfile, "cpuprofile", "", "write a CPU profile of the whole run to this file (go tool pprof reads it)")
	fl.BoolVar(&inProcess, "startup-in-process", false, "time start-up in this process instead of in fresh plangraph serve processes")
	fl.BoolVar(&peerInit, "peer-init", false, "create the peer's relational schema (bench/peer/schema.sql) in the --store database and exit (scripts/bench-peer)")
	fl.StringVar(&peer.PlanGraphURL, "peer-plangraph", "", "compare with PostGraphile: the URL of a `plangraph serve --store` on the --store database (scripts/bench-peer)")
	fl.StringVar(&peer.PostGraphileURL, "peer-postgraphile", "", "compare with PostGraphile: its URL, serving the peer schema of the --store database (scripts/bench-peer)")
	return cmd
}

// benchPeer runs the comparison with PostGraphile (bench.RunPeer), or only creates the
// peer's schema, which PostGraphile must find when it starts.
func (m *Main) benchPeer(cmd *cobra.Command, opt bench.Options, peer bench.PeerOptions, initOnly, asJSON bool) error {
	if opt.PostgresURL == "" {
		return fmt.Errorf("the peer comparison needs --store postgres://…")
	}
	if initOnly {
		return bench.InitPeerSchema(cmd.Context(), opt.PostgresURL)
	}
	if peer.PlanGraphURL == "" || peer.PostGraphileURL == "" {
		return fmt.Errorf("the peer comparison needs both --peer-plangraph and --peer-postgraphile")
	}
	opt.Progress = m.Stderr
	report := &bench.Report{Machine: bench.ThisMachine(), Clients: opt.Clients}
	err := bench.RunPeer(cmd.Context(), opt, peer, func(rec bench.Record) {
		report.Add(rec)
		if asJSON {
			_ = bench.WriteJSON(m.Stdout, rec)
		}
	})
	if err != nil || asJSON {
		return err
	}
	return report.WritePeerTable(m.Stdout)
}

// commaList splits a comma-separated flag value, dropping empty items.
func commaList(s string) []string {
	var out []string
	for _, x := range strings.Split(s, ",") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}
