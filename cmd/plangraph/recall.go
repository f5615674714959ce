package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/plangraph/plangraph/loader"
	"github.com/plangraph/plangraph/loader/inventory"
)

func (m *Main) recallCmd() *cobra.Command {
	var dir string
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
in either direction and by any relation. The exit status is 2 when the dataset does not load or an
inventory does not follow the format.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			fsys, _ := dataset([]string{dir})
			res, err := loader.Load(fsys, ".")
			if err != nil {
				return problemsExit(err)
			}
			type fileReport struct {
				File string `json:"file"`
				*inventory.Report
			}
			var reports []fileReport
			total := &inventory.Report{}
			for _, name := range args {
				inv, err := readInventory(name)
				if err != nil {
					return err
				}
				rep := inventory.Compare(res, inv)
				reports = append(reports, fileReport{name, rep})
				total.Add(rep)
			}
			if asJSON {
				enc := json.NewEncoder(m.Stdout)
				enc.SetIndent("", "  ")
				out := struct {
					Inventories []fileReport      `json:"inventories"`
					Total       *inventory.Report `json:"total"`
				}{reports, total}
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
				}
				if err := r.WriteSummary(m.Stdout, r.File); err != nil {
					return fmt.Errorf("recall: %w", err)
				}
			}
			if len(reports) > 1 {
				return total.WriteSummary(m.Stdout, "total")
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&dir, "dataset", "", "dataset directory (default: the embedded Liwan plan)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the reports as JSON")
	cmd.Flags().BoolVar(&misses, "misses", false, "list every entity and link the dataset lacks, at the inventory's file:line")
	return cmd
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
		if perr, ok := err.(inventory.ParseError); ok {
			return nil, &exitError{code: 2, err: perr}
		}
		return nil, fmt.Errorf("recall: %w", err)
	}
	return inv, nil
}
