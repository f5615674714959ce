package main

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/plangraph/plangraph/schema"
)

func (m *Main) queryCmd() *cobra.Command {
	var store, vars, op string
	cmd := &cobra.Command{
		Use:   "query QUERY",
		Short: "Run one GraphQL query locally and print the JSON response",
		Example: `  plangraph query '{ search(text: "白鹅潭", first: 3) { score matched entity { id name nameEn } } }'
  plangraph query --variables '{"id":"liwan-14fyp/zone/baietan-bd"}' 'query($id: ID!) { entity(id: $id) { name links { relation entity { name } } } }'`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p := schema.Params{Query: args[0], OperationName: op}
			if vars != "" {
				if err := json.Unmarshal([]byte(vars), &p.Variables); err != nil {
					return fmt.Errorf("--variables: not a JSON object: %w", err)
				}
			}
			st, err := openLoaded(cmd.Context(), store)
			if err != nil {
				return err
			}
			defer st.Close()
			exec, err := schema.New(schema.Limits{})
			if err != nil {
				return err
			}
			resp := exec.Execute(cmd.Context(), st.Snapshot(), p)
			var out bytes.Buffer
			if err := json.Indent(&out, resp.JSON(), "", "  "); err != nil {
				return err
			}
			out.WriteByte('\n')
			if _, err := m.Stdout.Write(out.Bytes()); err != nil {
				return err
			}
			if len(resp.Errors) > 0 {
				return &exitError{code: 1, err: fmt.Errorf("the response has %d error(s)", len(resp.Errors))}
			}
			return nil
		},
	}
	storeFlag(cmd, &store)
	cmd.Flags().StringVar(&vars, "variables", "", "variables as a JSON object")
	cmd.Flags().StringVar(&op, "operation", "", "operation to run when the document has several")
	return cmd
}
