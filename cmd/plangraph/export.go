package main

import (
	"bufio"
	"fmt"
	"io"
	"os"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/jsonld"
	"github.com/cayleygraph/quad/nquads"
	"github.com/spf13/cobra"

	"github.com/plangraph/plangraph/graph"
)

func (m *Main) exportCmd() *cobra.Command {
	var store, format, plan, output string
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Write the graph as N-Quads, JSON-LD or GraphML",
		Long: `Write the graph to stdout (or -o FILE).
  nquads   every quad, evidence as the quad's label (RDF named graph)
  jsonld   the same as JSON-LD
  graphml  the entity graph for Gephi and yEd: entities with type and names, links with
           relation and quote`,
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
			default:
				return fmt.Errorf("--format %q: want nquads, jsonld or graphml", format)
			}
			return bw.Flush()
		},
	}
	storeFlag(cmd, &store)
	cmd.Flags().StringVar(&format, "format", "nquads", "nquads, jsonld or graphml")
	cmd.Flags().StringVar(&plan, "plan", "", "export one plan only")
	cmd.Flags().StringVarP(&output, "output", "o", "", "write to FILE instead of stdout")
	return cmd
}

var _ quad.Writer = (*nquads.Writer)(nil)
