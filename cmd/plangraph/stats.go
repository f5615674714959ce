package main

import (
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/plangraph/plangraph/graph"
)

// statsJSON is the shape of `stats --json`.
type statsJSON struct {
	Store             string         `json:"store"`
	Plans             []string       `json:"plans"`
	Entities          int            `json:"entities"`
	EntitiesByType    map[string]int `json:"entitiesByType"`
	Links             int            `json:"links"`
	LinksByRelation   map[string]int `json:"linksByRelation"`
	Citations         int            `json:"citations"`
	LinksWithEvidence int            `json:"linksWithEvidence"`
	Paragraphs        int            `json:"paragraphs"`
	Chapters          int            `json:"chapters"`
	Sections          int            `json:"sections"`
	Mentions          int            `json:"mentions"`
	Quads             int            `json:"quads"`
}

func (m *Main) statsCmd() *cobra.Command {
	var store, plan string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "stats",
		Short: "Count entities per type, links per relation, paragraphs, mentions and citations",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := openLoaded(cmd.Context(), store)
			if err != nil {
				return err
			}
			defer st.Close()
			snap := st.Snapshot()
			s := snap.Stats(plan)
			out := statsJSON{Store: st.URL(), Plans: snap.PlanIDs(), EntitiesByType: s.Entities, LinksByRelation: s.Links,
				Citations: s.Evidence, Paragraphs: s.Paragraphs, Chapters: s.Chapters, Sections: s.Sections, Mentions: s.Mentions, Quads: s.Quads}
			if plan != "" {
				out.Plans = []string{plan}
			}
			for _, v := range s.Entities {
				out.Entities += v
			}
			for _, v := range s.Links {
				out.Links += v
			}
			out.LinksWithEvidence = linksWithEvidence(snap, plan)
			if asJSON {
				enc := json.NewEncoder(m.Stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(out)
			}
			w := tabwriter.NewWriter(m.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
			fmt.Fprintf(w, "store\t%s\t\n", out.Store)
			fmt.Fprintf(w, "plans\t%v\t\n", out.Plans)
			fmt.Fprintf(w, "entities\t%d\t\n", out.Entities)
			for _, t := range graph.EntityTypes {
				fmt.Fprintf(w, "  %s\t%d\t\n", t, s.Entities[t])
			}
			fmt.Fprintf(w, "links\t%d\t\n", out.Links)
			for _, r := range graph.Relations {
				fmt.Fprintf(w, "  %s\t%d\t\n", r.Name, s.Links[r.Name])
			}
			fmt.Fprintf(w, "links with evidence\t%d\t\n", out.LinksWithEvidence)
			fmt.Fprintf(w, "citations\t%d\t\n", out.Citations)
			fmt.Fprintf(w, "chapters\t%d\t\n", out.Chapters)
			fmt.Fprintf(w, "sections\t%d\t\n", out.Sections)
			fmt.Fprintf(w, "paragraphs\t%d\t\n", out.Paragraphs)
			fmt.Fprintf(w, "mentions\t%d\t\n", out.Mentions)
			fmt.Fprintf(w, "quads\t%d\t\n", out.Quads)
			return w.Flush()
		},
	}
	storeFlag(cmd, &store)
	cmd.Flags().StringVar(&plan, "plan", "", "count one plan only")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

// linksWithEvidence counts the links that carry at least one citation, read from the graph
// itself rather than assumed from the loader.
func linksWithEvidence(snap *graph.Snapshot, plan string) int {
	n := 0
	preds := make([]string, len(graph.Relations))
	for i, r := range graph.Relations {
		preds[i] = r.Pred
	}
	for _, e := range snap.Entities(plan, nil) {
		for _, edge := range snap.EdgesOf(e.ID, preds, graph.Out) {
			if len(edge.Labels) > 0 {
				n++
			}
		}
	}
	return n
}
