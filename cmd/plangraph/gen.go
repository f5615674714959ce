package main

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/plangraph/plangraph/loader/synth"
)

func (m *Main) genCmd() *cobra.Command {
	var plans int
	var seed uint64
	cmd := &cobra.Command{
		Use:   "gen --plans N --seed S DIR",
		Short: "Write N synthetic plans with the embedded plan's shape, for load and benchmark runs",
		Long: `Write N synthetic plans into DIR/plan-0001 … DIR/plan-N. Each is an ordinary dataset
directory (plan.yaml with the id synth-sS-NNNN, plan.txt, entities and links) that validate and
load accept. Their shape (entity types, link degrees and relations, aliases, glossary terms with
DEFINES links, chapters, sections, items and paragraphs, quotes and mentions) is measured from the
embedded Liwan plan; each has about 1,100 quads, so --plans 1000 makes a little over a million.
The same seed always writes the same plans.`,
		Example: `  plangraph gen --plans 100 --seed 42 /tmp/synth
  plangraph load --store bolt:///tmp/pg.db /tmp/synth/plan-0001`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if plans < 1 {
				return fmt.Errorf("--plans %d: want at least 1", plans)
			}
			start := time.Now()
			prof, err := synth.Liwan()
			if err != nil {
				return err
			}
			if err := synth.GenerateDir(prof, seed, 1, plans, args[0]); err != nil {
				return err
			}
			fmt.Fprintf(m.Stdout, "wrote %d plans (%s … %s, about %d quads each) to %s in %v\n",
				plans, synth.PlanID(seed, 1), synth.PlanID(seed, plans), synth.DefaultQuads, args[0], time.Since(start).Round(time.Millisecond))
			return nil
		},
	}
	cmd.Flags().IntVar(&plans, "plans", 1, "how many plans to write")
	cmd.Flags().Uint64Var(&seed, "seed", 42, "random seed: the same seed writes the same plans (42 writes the plans of plangraph bench)")
	return cmd
}
