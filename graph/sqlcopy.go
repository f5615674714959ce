package graph

import (
	"context"
	"fmt"
	"time"

	"github.com/cayleygraph/quad"
	"github.com/jackc/pgx/v5"
)

// PlainCopy measures the limit a load into PostgreSQL is held to: the same rows a plan write
// puts in cayley's tables (each value once with its count of uses, each quad by its four
// hashes), written by plain COPY in one transaction into empty tables made like cayley's,
// with the same indexes and foreign keys, and none of the work a write does around it (reading
// what the plan holds, skipping what is stored, keeping counts). Rows are prepared before the
// clock starts. The tables live in a schema of their own, plangraph_copy, dropped afterwards;
// the database must hold cayley's tables. It returns how long the two COPY statements and the
// commit took.
func PlainCopy(ctx context.Context, url string, plans [][]quad.Quad) (time.Duration, error) {
	n := 0
	for _, p := range plans {
		n += len(p)
	}
	rows := newRowSet(n)
	for _, p := range plans {
		for _, q := range p {
			rows.add(q)
		}
	}
	nodes, err := rows.nodeRows()
	if err != nil {
		return 0, fmt.Errorf("plain copy: %w", err)
	}
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return 0, fmt.Errorf("plain copy: %w", err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	const setup = `DROP SCHEMA IF EXISTS plangraph_copy CASCADE;
CREATE SCHEMA plangraph_copy;
CREATE TABLE plangraph_copy.nodes (LIKE nodes INCLUDING ALL);
CREATE TABLE plangraph_copy.quads (LIKE quads INCLUDING ALL);
ALTER TABLE plangraph_copy.quads
	ADD FOREIGN KEY (subject_hash) REFERENCES plangraph_copy.nodes (hash),
	ADD FOREIGN KEY (predicate_hash) REFERENCES plangraph_copy.nodes (hash),
	ADD FOREIGN KEY (object_hash) REFERENCES plangraph_copy.nodes (hash),
	ADD FOREIGN KEY (label_hash) REFERENCES plangraph_copy.nodes (hash)`
	if _, err := conn.Exec(ctx, setup); err != nil {
		return 0, fmt.Errorf("plain copy: make the tables: %w", err)
	}
	defer conn.Exec(context.WithoutCancel(ctx), `DROP SCHEMA IF EXISTS plangraph_copy CASCADE`) //nolint:errcheck // a scratch schema
	start := time.Now()
	err = pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"plangraph_copy", "nodes"}, nodeCopyColumns, pgx.CopyFromRows(nodes)); err != nil {
			return fmt.Errorf("plain copy: nodes: %w", err)
		}
		src := quadSource(rows.quads)
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"plangraph_copy", "quads"}, quadTableColumns, src); err != nil {
			return fmt.Errorf("plain copy: quads: %w", err)
		}
		return nil
	})
	return time.Since(start), err
}
