package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/jsonld"
	"github.com/cayleygraph/quad/nquads"
	"github.com/spf13/cobra"

	"github.com/plangraph/plangraph/graph"
	"github.com/plangraph/plangraph/schema"
	"github.com/plangraph/plangraph/schema/table"
)

func (m *Main) exportCmd() *cobra.Command {
	var store, format, plan, output, typ string
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Write the graph as N-Quads, JSON-LD, GraphML or CSV tables",
		Long: `Write the graph to stdout (or -o FILE).
  nquads     every quad, evidence as the quad's label (RDF named graph)
  jsonld     the same as JSON-LD
  graphml    the entity graph for Gephi and yEd: entities with type and names, links with
             relation and quote
  csv        the entities (of --type, e.g. TARGET: with indicator, value, unit, year and
             qualifier) as a table, the same as the explorer's /list download
  links-csv  the links, one row per citation: the ends, the relation, the quote, its period
             and paragraph`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := openLoaded(cmd.Context(), store)
			if err != nil {
				return err
			}
			defer st.Close()
			var w io.Writer = m.Stdout
			if output != "" && output != "-" {
				f, err := os.Create(output)
				if err != nil {
					return err
				}
				defer f.Close()
				w = f
			}
			bw := bufio.NewWriter(w)
			switch format {
			case "nquads", "nq":
				qw := nquads.NewWriter(bw)
				if _, err := st.WriteQuads(cmd.Context(), plan, qw); err != nil {
					return err
				}
				if err := qw.Close(); err != nil {
					return err
				}
			case "jsonld", "json-ld":
				qw := jsonld.NewWriter(bw)
				if _, err := st.WriteQuads(cmd.Context(), plan, qw); err != nil {
					return err
				}
				if err := qw.Close(); err != nil {
					return err
				}
			case "graphml":
				if err := graph.WriteGraphML(bw, st.Snapshot(), plan); err != nil {
					return err
				}
			case "csv", "links-csv":
				ex, err := schema.New(schema.Limits{})
				if err != nil {
					return err
				}
				if format == "csv" {
					err = table.Entities(cmd.Context(), ex, st.Snapshot(), plan, strings.ToUpper(typ), bw)
				} else {
					err = table.Links(cmd.Context(), ex, st.Snapshot(), plan, bw)
				}
				if err != nil {
					return err
				}
			default:
				return fmt.Errorf("--format %q: want nquads, jsonld, graphml, csv or links-csv", format)
			}
			return bw.Flush()
		},
	}
	storeFlag(cmd, &store)
	cmd.Flags().StringVar(&format, "format", "nquads", "nquads, jsonld, graphml, csv or links-csv")
	cmd.Flags().StringVar(&typ, "type", "", "with csv: entities of this type only (ZONE, TARGET …)")
	cmd.Flags().StringVar(&plan, "plan", "", "export one plan only")
	cmd.Flags().StringVarP(&output, "output", "o", "", "write to FILE instead of stdout")
	return cmd
}

var _ quad.Writer = (*nquads.Writer)(nil)
