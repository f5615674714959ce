package main

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"

	"github.com/spf13/cobra"

	"github.com/plangraph/plangraph/data"
	"github.com/plangraph/plangraph/graph"
	"github.com/plangraph/plangraph/loader"
)

// Main is the program, with its environment made explicit so that tests run it in-process.
type Main struct {
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	// Ready, when set, is called by serve with the address it listens on (tests use port 0).
	Ready func(addr string)
}

// Run runs the command line args.
func (m *Main) Run(ctx context.Context, args []string) error {
	if m.Getenv == nil {
		m.Getenv = func(string) string { return "" }
	}
	root := &cobra.Command{
		Use:           "plangraph",
		Short:         "A development plan as a knowledge graph, with a GraphQL API",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(m.Stdout)
	root.SetErr(m.Stderr)
	root.SetArgs(args)
	root.AddCommand(m.serveCmd(), m.loadCmd(), m.validateCmd(), m.statsCmd(), m.exportCmd(), m.queryCmd(), m.genCmd(), m.benchCmd(), m.soakCmd(), m.lintCmd(), m.recallCmd())
	return root.ExecuteContext(ctx)
}

// exitError carries an exit status.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func exitCode(err error) int {
	var e *exitError
	if errors.As(err, &e) {
		return e.code
	}
	return 1
}

// storeFlag is the --store flag every command shares.
func storeFlag(cmd *cobra.Command, dst *string) {
	cmd.Flags().StringVar(dst, "store", "memory", "graph store: memory, bolt://DIR or postgres://USER:PASS@HOST:PORT/DB?sslmode=disable")
}

// dataset returns the dataset directory named on the command line, or the embedded Liwan plan.
func dataset(args []string) (fs.FS, string) {
	if len(args) > 0 && args[0] != "" {
		return os.DirFS(args[0]), args[0]
	}
	return data.Liwan, "embedded Liwan plan"
}

// openLoaded opens a store and, when it holds no plan (a memory store always starts empty),
// loads the embedded Liwan plan into it, so that every command works with no setup.
func openLoaded(ctx context.Context, url string) (*graph.Store, error) {
	st, err := graph.Open(ctx, url)
	if err != nil {
		return nil, err
	}
	if len(st.Snapshot().PlanIDs()) == 0 {
		if _, err := loader.LoadInto(ctx, st, data.Liwan, ".", nil); err != nil {
			st.Close()
			return nil, err
		}
	}
	return st, nil
}
