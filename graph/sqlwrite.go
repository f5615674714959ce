package graph

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
)

// cayley's SQL backend writes a change one row at a time: a statement per value and per quad,
// about 2,000 quads a second here. applySQLDeltas makes the same change to the same tables in
// one transaction, and writes the new rows by COPY in PostgreSQL's binary format: the values
// not stored yet, and the quads, straight into cayley's tables (graph.PlainCopy measures that
// limit). It keeps cayley's bookkeeping: a node's refs count the stored quads that use it, the
// addition of a quad already stored and the deletion of a missing one change nothing
// (IgnoreDup, IgnoreMissing), and nodes no quad uses any more are removed.
//
// Writers take a lock that only PlanGraph's writers contend for (readers, cayley's included,
// go on, and so does autovacuum, which a table lock would wait for): with several servers on
// one database, the counts stay exact whichever commits first.

const (
	sqlNodeColumns = "hash, value, value_string, datatype, language, iri, bnode, value_int, value_bool, value_float, value_time"

	// The values among those of the quads being added that are stored already.
	sqlStoredNodes = `SELECT hash FROM nodes WHERE hash = ANY($1)`

	// A stored value gains the uses the new quads give it.
	sqlCountUses = `UPDATE nodes SET refs = nodes.refs + u.n FROM unnest($1::bytea[], $2::int[]) AS u(h, n) WHERE nodes.hash = u.h`

	// The careful way, through temporary tables: quads already stored are not added again and
	// give their values no use; values are added or gain uses in one statement.
	sqlTempNodes = `CREATE TEMP TABLE pg_nodes (refs int NOT NULL, hash bytea NOT NULL, value bytea, value_string text,
	datatype text, language text, iri boolean, bnode boolean, value_int bigint, value_bool boolean,
	value_float double precision, value_time timestamp with time zone) ON COMMIT DROP`
	sqlTempAdd    = `CREATE TEMP TABLE pg_add (s bytea NOT NULL, p bytea NOT NULL, o bytea NOT NULL, l bytea) ON COMMIT DROP`
	sqlDropStored = `DELETE FROM pg_add a USING quads q WHERE q.subject_hash = a.s AND q.predicate_hash = a.p
	AND q.object_hash = a.o AND q.label_hash IS NOT DISTINCT FROM a.l`
	sqlRecountNodes = `UPDATE pg_nodes SET refs = 0;
UPDATE pg_nodes v SET refs = u.n FROM (SELECT h, count(*) AS n FROM (
	SELECT s AS h FROM pg_add UNION ALL SELECT p FROM pg_add UNION ALL SELECT o FROM pg_add
	UNION ALL SELECT l FROM pg_add WHERE l IS NOT NULL) x GROUP BY h) u WHERE u.h = v.hash`
	sqlUpsertNodes = `INSERT INTO nodes (refs, ` + sqlNodeColumns + `) SELECT refs, ` + sqlNodeColumns + ` FROM pg_nodes WHERE refs > 0
ON CONFLICT (hash) DO UPDATE SET refs = nodes.refs + EXCLUDED.refs`
	sqlAddQuads = `INSERT INTO quads (subject_hash, predicate_hash, object_hash, label_hash) SELECT s, p, o, l FROM pg_add`

	// Only the quads found are deleted, and only their values lose uses; the hashes of values
	// left unused come back to be removed.
	sqlDelQuads = `WITH d AS (
	DELETE FROM quads q USING unnest($1::bytea[], $2::bytea[], $3::bytea[], $4::bytea[]) AS x(s, p, o, l)
	WHERE q.subject_hash = x.s AND q.predicate_hash = x.p AND q.object_hash = x.o AND q.label_hash IS NOT DISTINCT FROM x.l
	RETURNING q.subject_hash, q.predicate_hash, q.object_hash, q.label_hash),
u AS (SELECT h, count(*) AS n FROM (
	SELECT subject_hash AS h FROM d UNION ALL SELECT predicate_hash FROM d UNION ALL SELECT object_hash FROM d
	UNION ALL SELECT label_hash FROM d WHERE label_hash IS NOT NULL) x GROUP BY h)
UPDATE nodes SET refs = nodes.refs - u.n FROM u WHERE nodes.hash = u.h RETURNING nodes.hash, nodes.refs`

	sqlDelNodes = `DELETE FROM nodes WHERE hash = ANY($1) AND refs <= 0`
)

// writeLock is the key of the transaction-scoped advisory lock writers take ("plangraph" in
// ASCII, truncated to 64 bits).
const writeLock int64 = 0x706c616e67726170

var (
	quadTableColumns = []string{"subject_hash", "predicate_hash", "object_hash", "label_hash"}
	nodeCopyColumns  = append([]string{"refs"}, nodeColumns...)
)

func applySQLDeltas(ctx context.Context, db *sql.DB, in []cgraph.Delta) error {
	add := newRowSet(len(in))
	var del []refs.QuadHash
	for _, d := range in {
		if d.Action == cgraph.Delete {
			var q refs.QuadHash
			for _, dir := range quad.Directions {
				if v := d.Quad.Get(dir); v != nil {
					q.Set(dir, refs.HashOf(v))
				}
			}
			del = append(del, q)
			continue
		}
		add.add(d.Quad)
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error {
		c, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("write: the pool's driver is %T, not pgx", dc)
		}
		return pgx.BeginFunc(ctx, c.Conn(), func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, writeLock); err != nil {
				return fmt.Errorf("lock: %w", err)
			}
			if len(add.quads) > 0 {
				if err := addQuads(ctx, tx, add); err != nil {
					return err
				}
			}
			if len(del) > 0 {
				return deleteQuads(ctx, tx, del)
			}
			return nil
		})
	})
}

// addQuads writes the quads being added and their values. The store writes only what its
// plan lacks, so a quad already stored is rare (another server writing the same plan between
// this one's read and its lock), and so is a value another writer stores between the look-up
// and the copy: the common way copies new values and the quads straight into cayley's tables,
// and a unique violation takes the careful way, from a savepoint, through temporary tables.
func addQuads(ctx context.Context, tx pgx.Tx, add *rowSet) error {
	nodes, err := add.nodeRows()
	if err != nil {
		return fmt.Errorf("write nodes: %w", err)
	}
	err = pgx.BeginFunc(ctx, tx, func(sp pgx.Tx) error {
		hashes := make([][]byte, len(nodes))
		for i, row := range nodes {
			hashes[i] = row[1].([]byte)
		}
		stored := map[string]bool{}
		rows, err := sp.Query(ctx, sqlStoredNodes, hashes)
		if err != nil {
			return fmt.Errorf("read nodes: %w", err)
		}
		for rows.Next() {
			stored[string(rows.RawValues()[0])] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("read nodes: %w", err)
		}
		var fresh [][]any
		var known [][]byte
		var uses []int32
		for _, row := range nodes {
			if h := row[1].([]byte); stored[string(h)] {
				known, uses = append(known, h), append(uses, row[0].(int32))
			} else {
				fresh = append(fresh, row)
			}
		}
		if _, err := sp.CopyFrom(ctx, pgx.Identifier{"nodes"}, nodeCopyColumns, pgx.CopyFromRows(fresh)); err != nil {
			return stored23505(err, "write nodes")
		}
		if len(known) > 0 {
			if _, err := sp.Exec(ctx, sqlCountUses, known, uses); err != nil {
				return fmt.Errorf("count uses: %w", err)
			}
		}
		if _, err := sp.CopyFrom(ctx, pgx.Identifier{"quads"}, quadTableColumns, quadSource(add.quads)); err != nil {
			return stored23505(err, "write quads")
		}
		return nil
	})
	if !errors.Is(err, errStored) {
		return err
	}
	for _, step := range []struct{ what, sql string }{{"write", sqlTempNodes}, {"write", sqlTempAdd}} {
		if _, err := tx.Exec(ctx, step.sql); err != nil {
			return fmt.Errorf("%s: %w", step.what, err)
		}
	}
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{"pg_nodes"}, nodeCopyColumns, pgx.CopyFromRows(nodes)); err != nil {
		return fmt.Errorf("copy nodes: %w", err)
	}
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{"pg_add"}, []string{"s", "p", "o", "l"}, quadSource(add.quads)); err != nil {
		return fmt.Errorf("copy quads: %w", err)
	}
	for _, step := range []struct{ what, sql string }{
		{"skip stored quads", sqlDropStored}, {"count uses", sqlRecountNodes},
		{"write nodes", sqlUpsertNodes}, {"write quads", sqlAddQuads},
	} {
		if _, err := tx.Exec(ctx, step.sql); err != nil {
			return fmt.Errorf("%s: %w", step.what, err)
		}
	}
	return nil
}

// errStored rolls the common way back when a row being added is stored already.
var errStored = errors.New("a row being added is stored already")

// stored23505 is errStored for a unique violation, else err with what was being done.
func stored23505(err error, what string) error {
	if pe := (*pgconn.PgError)(nil); errors.As(err, &pe) && pe.Code == "23505" {
		return errStored
	}
	return fmt.Errorf("%s: %w", what, err)
}

// deleteQuads deletes the quads found, takes their uses from their values and removes the
// values left unused.
func deleteQuads(ctx context.Context, tx pgx.Tx, del []refs.QuadHash) error {
	cols := [4][][]byte{}
	for _, q := range del {
		for j, d := range quad.Directions {
			var b []byte
			if h := q.Get(d); h.Valid() {
				b = append([]byte(nil), h[:]...)
			}
			cols[j] = append(cols[j], b)
		}
	}
	rows, err := tx.Query(ctx, sqlDelQuads, cols[0], cols[1], cols[2], cols[3])
	if err != nil {
		return fmt.Errorf("delete quads: %w", err)
	}
	var unused [][]byte
	for rows.Next() {
		var h []byte
		var refs int64
		if err := rows.Scan(&h, &refs); err != nil {
			rows.Close()
			return fmt.Errorf("delete quads: %w", err)
		}
		if refs <= 0 {
			unused = append(unused, h)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("delete quads: %w", err)
	}
	if len(unused) > 0 {
		if _, err := tx.Exec(ctx, sqlDelNodes, unused); err != nil {
			return fmt.Errorf("delete nodes: %w", err)
		}
	}
	return nil
}
