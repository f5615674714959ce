package main

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/plangraph/plangraph/graph"
	"github.com/plangraph/plangraph/loader"
)

func (m *Main) loadCmd() *cobra.Command {
	var store string
	var showProgress bool
	cmd := &cobra.Command{
		Use:   "load [DIR]",
		Short: "Validate a dataset and load its plan into a store (replacing an earlier version)",
		Long: `Validate the dataset in DIR (default: the embedded Liwan plan) and write its plan to the
store in one transaction. Every problem is reported with its file:line and nothing is written
when there is any. Loading a plan again replaces it atomically.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			fsys, name := dataset(args)
			start := time.Now()
			st, err := graph.Open(cmd.Context(), store)
			if err != nil {
				return err
			}
			defer st.Close()
			var progress func(loader.Timing)
			if showProgress || isTerminal(m.Stderr) {
				progress = func(t loader.Timing) {
					if t.Took == 0 {
						fmt.Fprintf(m.Stderr, "  %s…\n", t.Phase)
						return
					}
					fmt.Fprintf(m.Stderr, "  %-18s %v\n", t.Phase, t.Took.Round(time.Millisecond))
				}
				fmt.Fprintf(m.Stderr, "loading %s into %s\n", name, st.URL())
			}
			rep, err := loader.LoadInto(cmd.Context(), st, fsys, ".", progress)
			if err != nil {
				return problemsExit(err)
			}
			c := rep.Result.Counts()
			fmt.Fprintf(m.Stdout, "loaded %s from %s into %s: %s; %d links, %d citations, %d paragraphs, %d mentions; %d quads (+%d −%d) in %v\n",
				rep.Result.Meta.ID, name, st.URL(), entityCounts(c), c["links"], c["citations"], c["paragraphs"], c["mentions"],
				rep.Write.Quads, rep.Write.Added, rep.Write.Removed, time.Since(start).Round(time.Millisecond))
			return nil
		},
	}
	storeFlag(cmd, &store)
	cmd.Flags().BoolVar(&showProgress, "progress", false, "show progress even when stderr is not a terminal")
	return cmd
}

func (m *Main) validateCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "validate [DIR]",
		Short: "Check a dataset without writing anything; list every problem with its file:line",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			fsys, name := dataset(args)
			res, err := loader.Load(fsys, ".")
			if err != nil {
				return problemsExit(err)
			}
			c := res.Counts()
			fmt.Fprintf(m.Stdout, "%s (%s) is valid: %s; %d links, %d citations, %d paragraphs, %d mentions, %d quads\n",
				name, res.Meta.ID, entityCounts(c), c["links"], c["citations"], c["paragraphs"], c["mentions"], c["quads"])
			return nil
		},
	}
}

// problemsExit turns dataset problems into an error listing each one, exit status 2, keeping
// any context the caller wrapped them in.
func problemsExit(err error) error {
	var probs loader.Problems
	if errors.As(err, &probs) {
		return &exitError{code: 2, err: err}
	}
	return err
}

func entityCounts(c map[string]int) string {
	var parts []string
	total := 0
	for _, t := range graph.EntityTypes {
		parts = append(parts, fmt.Sprintf("%d %s", c[t], t))
		total += c[t]
	}
	return fmt.Sprintf("%d entities (%s)", total, strings.Join(parts, ", "))
}
