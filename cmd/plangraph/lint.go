package main

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/plangraph/plangraph/loader/lint"
)

func (m *Main) lintCmd() *cobra.Command {
	var asJSON, all, strict, gaps bool
	cmd := &cobra.Command{
		Use:   "lint [DIR]",
		Short: "Check a dataset against the curation rules (data/GUIDE.md §7)",
		Long: `Check the dataset in DIR (default: the embedded Liwan plan) against the curation rules of
data/GUIDE.md §7 and print each finding as file:line: rule: message, then a summary. --gaps
lists, before them, the enumerations of the plan some of whose members are not entities. The exit
status is 1 when there is an error (with --strict, also an unacknowledged warning), 2 when the
dataset does not load.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			fsys, name := dataset(args)
			rep, err := lint.Check(fsys, ".")
			if err != nil {
				return problemsExit(err)
			}
			if asJSON {
				enc := json.NewEncoder(m.Stdout)
				enc.SetIndent("", "  ")
				if err := enc.Encode(rep); err != nil {
					return fmt.Errorf("lint: %w", err)
				}
			} else {
				if gaps {
					if err := rep.WriteGaps(m.Stdout); err != nil {
						return fmt.Errorf("lint: %w", err)
					}
				}
				if err := rep.WriteText(m.Stdout, all); err != nil {
					return fmt.Errorf("lint: %w", err)
				}
			}
			s := rep.Summary
			if s.Errors > 0 || strict && s.Warnings > 0 {
				return &exitError{code: 1, err: fmt.Errorf("lint %s: %d error(s), %d unacknowledged warning(s)", name, s.Errors, s.Warnings)}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the report as JSON")
	cmd.Flags().BoolVar(&all, "all", false, "show acknowledged findings too")
	cmd.Flags().BoolVar(&strict, "strict", false, "fail on any unacknowledged warning too")
	cmd.Flags().BoolVar(&gaps, "gaps", false, "list the enumerations some of whose members are not entities (GUIDE §5), a curator's to-do")
	return cmd
}
