package graph

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	graphlog "github.com/cayleygraph/cayley/graph/log"
	"github.com/cayleygraph/cayley/graph/refs"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"
)

// cayley's SQL backend writes a change one row at a time: a statement per value and per quad,
// about 2,000 quads a second here (8 s for the embedded plan). applySQLDeltas makes the same
// change to the same tables, in one transaction, with statements of up to sqlBatch rows. It
// keeps cayley's bookkeeping: a node's refs count the quads that use it, duplicates of a
// stored quad are ignored and so are deletions of a missing one (IgnoreDup, IgnoreMissing),
// and nodes no quad uses are removed.

// sqlBatch is how many rows one statement carries (PostgreSQL takes at most 65,535
// parameters in a statement; a node row has up to 5).
const sqlBatch = 1000

func applySQLDeltas(ctx context.Context, db *sql.DB, in []cgraph.Delta) error {
	d := graphlog.SplitDeltas(in)
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback() //nolint:errcheck // after Commit it does nothing
	if err := insertSQLNodes(ctx, tx, d.IncNode); err != nil {
		return err
	}
	if err := insertSQLQuads(ctx, tx, d.QuadAdd); err != nil {
		return err
	}
	missing, err := deleteSQLQuads(ctx, tx, d.QuadDel)
	if err != nil {
		return err
	}
	if err := decrementSQLNodes(ctx, tx, d.DecNode, missing); err != nil {
		return err
	}
	return tx.Commit()
}

// insertSQLNodes adds the nodes of the quads being added, or counts the new uses of those
// already stored.
func insertSQLNodes(ctx context.Context, tx *sql.Tx, nodes []graphlog.NodeUpdate) error {
	byType := map[csql.ValueType][][]any{}
	for _, n := range nodes {
		typ, vals, err := csql.NodeValues(csql.NodeHash{ValueHash: n.Hash}, n.Val)
		if err != nil {
			return fmt.Errorf("write nodes: %w", err)
		}
		byType[typ] = append(byType[typ], append([]any{n.RefInc}, vals...))
	}
	for typ, rows := range byType {
		cols := "refs, hash, " + strings.Join(typ.Columns(), ", ")
		err := inBatches(rows, func(batch [][]any) error {
			q, args := valuesList(batch)
			_, err := tx.ExecContext(ctx, `INSERT INTO nodes(`+cols+`) VALUES `+q+
				` ON CONFLICT (hash) DO UPDATE SET refs = nodes.refs + EXCLUDED.refs`, args...)
			return err
		})
		if err != nil {
			return fmt.Errorf("write nodes: %w", err)
		}
	}
	return nil
}

func insertSQLQuads(ctx context.Context, tx *sql.Tx, quads []graphlog.QuadUpdate) error {
	err := inBatches(quadRows(quads), func(batch [][]any) error {
		q, args := valuesList(batch)
		_, err := tx.ExecContext(ctx, `INSERT INTO quads(subject_hash, predicate_hash, object_hash, label_hash) VALUES `+q+
			` ON CONFLICT DO NOTHING`, args...)
		return err
	})
	if err != nil {
		return fmt.Errorf("write quads: %w", err)
	}
	return nil
}

// deleteSQLQuads deletes quads and returns how many uses of each node the deletions that
// found no quad would have removed: those uses were never counted.
func deleteSQLQuads(ctx context.Context, tx *sql.Tx, quads []graphlog.QuadUpdate) (map[refs.ValueHash]int, error) {
	missing := map[refs.ValueHash]int{}
	for start := 0; start < len(quads); start += sqlBatch {
		batch := quads[start:min(start+sqlBatch, len(quads))]
		hashes := quadRows(batch)
		q, args := valuesList(hashes, "::bytea", "::bytea", "::bytea", "::bytea")
		rows, err := tx.QueryContext(ctx, `DELETE FROM quads USING (VALUES `+q+`) AS d(s, p, o, l)
			WHERE subject_hash = d.s AND predicate_hash = d.p AND object_hash = d.o AND label_hash IS NOT DISTINCT FROM d.l
			RETURNING subject_hash, predicate_hash, object_hash, label_hash`, args...)
		if err != nil {
			return nil, fmt.Errorf("delete quads: %w", err)
		}
		deleted := map[string]bool{}
		for rows.Next() {
			var s, p, o, l []byte
			if err := rows.Scan(&s, &p, &o, &l); err != nil {
				rows.Close()
				return nil, fmt.Errorf("delete quads: %w", err)
			}
			deleted[quadKey([]any{s, p, o, l})] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("delete quads: %w", err)
		}
		for i, u := range batch {
			if deleted[quadKey(hashes[i])] {
				continue
			}
			for _, dir := range quad.Directions {
				if h := u.Quad.Get(dir); h.Valid() {
					missing[h]++
				}
			}
		}
	}
	return missing, nil
}

// decrementSQLNodes counts the uses the deleted quads took away and removes the nodes left
// unused.
func decrementSQLNodes(ctx context.Context, tx *sql.Tx, nodes []graphlog.NodeUpdate, missing map[refs.ValueHash]int) error {
	var rows [][]any
	for _, n := range nodes {
		if inc := n.RefInc + missing[n.Hash]; inc != 0 {
			rows = append(rows, []any{int64(inc), csql.NodeHash{ValueHash: n.Hash}.SQLValue()})
		}
	}
	err := inBatches(rows, func(batch [][]any) error {
		q, args := valuesList(batch, "::int", "::bytea")
		_, err := tx.ExecContext(ctx, `UPDATE nodes SET refs = nodes.refs + v.inc FROM (VALUES `+q+
			`) AS v(inc, hash) WHERE nodes.hash = v.hash`, args...)
		return err
	})
	if err != nil {
		return fmt.Errorf("update nodes: %w", err)
	}
	if len(nodes) > 0 {
		if _, err := tx.ExecContext(ctx, `DELETE FROM nodes WHERE refs <= 0`); err != nil {
			return fmt.Errorf("delete nodes: %w", err)
		}
	}
	return nil
}

// quadRows returns the hashes of each quad's four directions (nil for no label).
func quadRows(quads []graphlog.QuadUpdate) [][]any {
	rows := make([][]any, len(quads))
	for i, u := range quads {
		row := make([]any, 0, 4)
		for _, dir := range quad.Directions {
			row = append(row, csql.NodeHash{ValueHash: u.Quad.Get(dir)}.SQLValue())
		}
		rows[i] = row
	}
	return rows
}

// quadKey joins a quad's four hashes (a nil label adds nothing).
func quadKey(hashes []any) string {
	var b strings.Builder
	for _, h := range hashes {
		if h, ok := h.([]byte); ok {
			b.Write(h)
		}
	}
	return b.String()
}

func inBatches(rows [][]any, exec func(batch [][]any) error) error {
	for start := 0; start < len(rows); start += sqlBatch {
		if err := exec(rows[start:min(start+sqlBatch, len(rows))]); err != nil {
			return err
		}
	}
	return nil
}

// valuesList returns "($1, $2), ($3, $4)…" for the rows (which have the same length), the
// placeholder of column j followed by casts[j] when given (a VALUES list outside an INSERT
// needs its types said), and the arguments in order.
func valuesList(rows [][]any, casts ...string) (string, []any) {
	var b strings.Builder
	var args []any
	for i, row := range rows {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for j, v := range row {
			if j > 0 {
				b.WriteString(", ")
			}
			args = append(args, v)
			b.WriteString("$" + strconv.Itoa(len(args)))
			if j < len(casts) {
				b.WriteString(casts[j])
			}
		}
		b.WriteByte(')')
	}
	return b.String(), args
}
