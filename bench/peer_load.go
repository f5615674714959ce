package bench

import (
	"context"
	"database/sql"
	_ "embed" // the peer's schema
	"fmt"
	"strings"

	"github.com/lib/pq"

	"github.com/plangraph/plangraph/graph"
)

// PeerSchema is the relational schema the peer (PostGraphile) serves: bench/peer/schema.sql.
//
//go:embed peer/schema.sql
var PeerSchema string

// InitPeerSchema creates the peer's schema in a database (it is idempotent). PostGraphile reads
// the schema when it starts, so scripts/bench-peer runs this before starting it.
func InitPeerSchema(ctx context.Context, url string) error {
	db, err := sql.Open("postgres", url)
	if err != nil {
		return fmt.Errorf("peer schema: %w", err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, PeerSchema); err != nil {
		return fmt.Errorf("peer schema: %w", err)
	}
	return nil
}

// peerRows are one plan's rows of the peer's tables.
type peerRows struct {
	plan       string
	entities   [][]any // id, plan, type, name, name_simplified, name_en, search_key
	links      [][]any // id (0-based within the plan; the loader offsets it), from_id, from_type, rel, to_id, to_type
	paragraphs [][]any // id, plan, text
	citations  [][]any // link index, paragraph_id, span_start, span_length
}

// peerRowsOf reads the rows of one plan from its read index, which is what PlanGraph answers
// from: both sides then hold the same entities, links and citations by construction.
func peerRowsOf(p plan) (*peerRows, error) {
	ix, err := graph.BuildPlanIndex(p.id, p.quads)
	if err != nil {
		return nil, fmt.Errorf("peer rows of %s: %w", p.id, err)
	}
	snap := graph.NewSnapshot(0, ix)
	out := &peerRows{plan: p.id}
	for _, n := range snap.Entities(p.id, []string{graph.KindParagraph}) {
		out.paragraphs = append(out.paragraphs, []any{n.ID, p.id, n.Str(graph.PropText)})
	}
	preds := relationPreds()
	for _, n := range snap.Entities(p.id, nil) {
		// What the cayley engines search (see searchPattern): the Simplified name and aliases.
		key := append(n.Strs(graph.PropNameSimplified), n.Strs(graph.PropAliasSimp)...)
		out.entities = append(out.entities, []any{n.ID, p.id, n.Kind, n.Str(graph.PropName),
			n.Str(graph.PropNameSimplified), n.Str(graph.PropNameEn), strings.Join(key, "\n")})
		for _, e := range snap.EdgesOf(n.ID, preds, graph.Out) {
			if e.To == nil || !e.To.IsEntity() {
				return nil, fmt.Errorf("peer rows of %s: link %s %s %s does not end at an entity", p.id, n.ID, e.Pred, e.Node)
			}
			r, ok := graph.RelationByPred(e.Pred)
			if !ok {
				return nil, fmt.Errorf("peer rows of %s: %s is no relation", p.id, e.Pred)
			}
			li := int64(len(out.links))
			out.links = append(out.links, []any{li, n.ID, n.Kind, r.Name, e.Node, e.Kind})
			for _, l := range e.Labels {
				sp, err := graph.ParseSpan(l)
				if err != nil {
					continue // not a citation (the index skips such labels too)
				}
				out.citations = append(out.citations, []any{li, sp.Paragraph, sp.Start, sp.End - sp.Start})
			}
		}
	}
	return out, nil
}

// loadPeer writes plans into the peer's tables, each in its own transaction (its old rows
// deleted first, as PlanGraph replaces a plan), with COPY: the fastest way in, as a
// PostgreSQL user loading a dataset would do it.
func loadPeer(ctx context.Context, db *sql.DB, plans []plan) (rows int, err error) {
	for _, p := range plans {
		pr, err := peerRowsOf(p)
		if err != nil {
			return rows, err
		}
		n, err := loadPeerPlan(ctx, db, pr)
		if err != nil {
			return rows, fmt.Errorf("load plan %s into the peer: %w", p.id, err)
		}
		rows += n
	}
	return rows, nil
}

func loadPeerPlan(ctx context.Context, db *sql.DB, pr *peerRows) (int, error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback() //nolint:errcheck // after Commit it is a no-op
	// Link ids are the loader's: one loader at a time, so the table lock makes them unique.
	if _, err := tx.ExecContext(ctx, "LOCK TABLE peer.link IN EXCLUSIVE MODE"); err != nil {
		return 0, err
	}
	for _, q := range []string{"DELETE FROM peer.entity WHERE plan = $1", "DELETE FROM peer.paragraph WHERE plan = $1"} {
		if _, err := tx.ExecContext(ctx, q, pr.plan); err != nil {
			return 0, err
		}
	}
	var base int64
	if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(id), 0) + 1 FROM peer.link").Scan(&base); err != nil {
		return 0, err
	}
	links := make([][]any, len(pr.links))
	for i, l := range pr.links {
		links[i] = append([]any{base + l[0].(int64)}, l[1:]...)
	}
	cites := make([][]any, len(pr.citations))
	for i, c := range pr.citations {
		cites[i] = append([]any{base + c[0].(int64)}, c[1:]...)
	}
	n := 0
	for _, t := range []struct {
		table string
		cols  []string
		rows  [][]any
	}{
		{"entity", []string{"id", "plan", "type", "name", "name_simplified", "name_en", "search_key"}, pr.entities},
		{"paragraph", []string{"id", "plan", "text"}, pr.paragraphs},
		{"link", []string{"id", "from_id", "from_type", "rel", "to_id", "to_type"}, links},
		{"citation", []string{"link_id", "paragraph_id", "span_start", "span_length"}, cites},
	} {
		if err := copyRows(ctx, tx, t.table, t.cols, t.rows); err != nil {
			return 0, fmt.Errorf("copy into peer.%s: %w", t.table, err)
		}
		n += len(t.rows)
	}
	return n, tx.Commit()
}

func copyRows(ctx context.Context, tx *sql.Tx, table string, cols []string, rows [][]any) error {
	stmt, err := tx.PrepareContext(ctx, pq.CopyInSchema("peer", table, cols...))
	if err != nil {
		return err
	}
	for _, r := range rows {
		if _, err := stmt.ExecContext(ctx, r...); err != nil {
			stmt.Close()
			return err
		}
	}
	if _, err := stmt.ExecContext(ctx); err != nil {
		stmt.Close()
		return err
	}
	return stmt.Close()
}
