package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/plangraph/plangraph/loader"
	"github.com/plangraph/plangraph/loader/inventory"
)

func (m *Main) recallCmd() *cobra.Command {
	var dir, baseline string
	var asJSON, misses bool
	cmd := &cobra.Command{
		Use:   "recall INVENTORY.md...",
		Short: "Measure how much of an independent inventory of the plan a dataset holds",
		Long: `Compare a dataset (--dataset DIR, default: the embedded Liwan plan) with inventories of its
plan: lists of the entities the plan names and the links it states, made by readers who never saw
the dataset (format in data/GUIDE.md §5). Prints, per inventory and in total, how many of its
entities and links the dataset holds; --misses lists each one it lacks as
file:line: missing entity|link …: reason. An entity is held when one of its spellings is an
entity's name or alias (folded as search folds them); a link, when the dataset links its two ends,
in either direction and by any relation.

--baseline DIR compares with another version of the dataset (an earlier commit, checked out with
git worktree): it prints the baseline's shares too, what share of the baseline's misses the dataset
still misses, and, with --misses, each entry the baseline held and the dataset lost. Readers list
more than strict curation accepts, so a share is best read against a baseline. The exit status is
2 when a dataset does not load or an inventory does not follow the format.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			fsys, _ := dataset([]string{dir})
			res, err := loader.Load(fsys, ".")
			if err != nil {
				return problemsExit(err)
			}
			var base *loader.Result
			if baseline != "" {
				if base, err = loader.Load(os.DirFS(baseline), "."); err != nil {
					return problemsExit(fmt.Errorf("baseline %s: %w", baseline, err))
				}
			}
			var reports []fileReport
			total, baseTotal := &inventory.Report{}, &inventory.Report{}
			for _, name := range args {
				inv, err := readInventory(name)
				if err != nil {
					return err
				}
				r := fileReport{File: name, Report: inventory.Compare(res, inv)}
				total.Add(r.Report)
				if base != nil {
					r.Baseline = inventory.Compare(base, inv)
					r.Lost = inventory.Lost(r.Baseline, r.Report)
					baseTotal.Add(r.Baseline)
				}
				reports = append(reports, r)
			}
			if asJSON {
				enc := json.NewEncoder(m.Stdout)
				enc.SetIndent("", "  ")
				out := struct {
					Inventories []fileReport      `json:"inventories"`
					Total       *inventory.Report `json:"total"`
					Baseline    *inventory.Report `json:"baseline,omitempty"`
				}{reports, total, nil}
				if base != nil {
					out.Baseline = baseTotal
				}
				if err := enc.Encode(out); err != nil {
					return fmt.Errorf("recall: %w", err)
				}
				return nil
			}
			for _, r := range reports {
				if misses {
					for _, x := range r.Missing {
						fmt.Fprintln(m.Stdout, x)
					}
					for _, x := range r.Lost {
						fmt.Fprintf(m.Stdout, "%s: lost %s %s: the baseline holds it\n", x.Pos, x.Kind, x.Entry)
					}
				}
				if err := writeShares(m, r.File, r.Report, r.Baseline); err != nil {
					return err
				}
			}
			if len(reports) > 1 {
				var b *inventory.Report
				if base != nil {
					b = baseTotal
				}
				return writeShares(m, "total", total, b)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&dir, "dataset", "", "dataset directory (default: the embedded Liwan plan)")
	cmd.Flags().StringVar(&baseline, "baseline", "", "another version of the dataset to compare with (a directory)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the reports as JSON")
	cmd.Flags().BoolVar(&misses, "misses", false, "list every entity and link the dataset lacks, at the inventory's file:line")
	return cmd
}

// fileReport is one inventory's comparison, with the baseline's when there is one.
type fileReport struct {
	File string `json:"file"`
	*inventory.Report
	Baseline *inventory.Report `json:"baseline,omitempty"`
	Lost     []inventory.Miss  `json:"lost,omitempty"`
}

// writeShares prints what share of an inventory the dataset holds and, given the baseline's
// report, the baseline's share and what share of the baseline's misses the dataset still misses.
func writeShares(m *Main, name string, r, base *inventory.Report) error {
	if err := r.WriteSummary(m.Stdout, name); err != nil {
		return fmt.Errorf("recall: %w", err)
	}
	if base == nil {
		return nil
	}
	if err := base.WriteSummary(m.Stdout, name+" (baseline)"); err != nil {
		return fmt.Errorf("recall: %w", err)
	}
	_, err := fmt.Fprintf(m.Stdout, "%s: still missed: %s of the baseline's missed entities, %s of its missed links\n",
		name, share(r.Entities-r.EntitiesHeld, base.Entities-base.EntitiesHeld), share(r.Links-r.LinksHeld, base.Links-base.LinksHeld))
	if err != nil {
		return fmt.Errorf("recall: %w", err)
	}
	return nil
}

// share is how many the dataset misses as a percentage of how many the baseline missed, or "-"
// when the baseline missed nothing.
func share(missed, baseMissed int) string {
	if baseMissed == 0 {
		return "-"
	}
	return fmt.Sprintf("%.0f%%", float64(missed)*100/float64(baseMissed))
}

// readInventory parses one inventory file; a file that does not follow the format exits 2 with
// every problem at its file:line.
func readInventory(name string) (*inventory.Inventory, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("recall: %w", err)
	}
	defer f.Close()
	inv, err := inventory.Parse(name, f)
	if err != nil {
		var perr inventory.ParseError
		if errors.As(err, &perr) {
			return nil, &exitError{code: 2, err: perr}
		}
		return nil, fmt.Errorf("recall: %w", err)
	}
	return inv, nil
}
