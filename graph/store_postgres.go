package graph

import (
	"context"
	"database/sql"
	"errors"
	"net/url"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	_ "github.com/cayleygraph/cayley/graph/sql/postgres" // cayley's "postgres"
	_ "github.com/jackc/pgx/v5/stdlib"                   // "pgx", for our own pool (COPY, binary rows)
)

// The PostgreSQL backend: cayley's SQL store, shared by every server that opens the database.
func init() {
	register(&backend{
		name:   "postgres",
		shared: true,
		match: func(raw string) (string, bool, error) {
			if !strings.HasPrefix(raw, "postgres://") && !strings.HasPrefix(raw, "postgresql://") {
				return "", false, nil
			}
			if _, err := url.Parse(raw); err != nil {
				return "", false, &Error{Code: CodeInvalid, Msg: "store URL " + redact(raw), Err: err}
			}
			return raw, true, nil
		},
		open: openPostgres,
	})
}

func openPostgres(ctx context.Context, addr string) (opened, error) {
	// A connection pool of our own, for reading the whole store in two queries (see
	// readSQLQuads); cayley's is not exported.
	db, err := sql.Open("pgx", addr)
	if err != nil {
		return opened{}, &Error{Code: CodeInvalid, Msg: "open", Err: err}
	}
	// cayley logs an ERROR when asked to create tables that exist: ask first.
	var exists bool
	if err = db.QueryRowContext(ctx, `SELECT to_regclass('quads') IS NOT NULL`).Scan(&exists); err != nil {
		db.Close()
		return opened{}, &Error{Code: CodeUnavailable, Msg: "open", Err: err}
	}
	if !exists {
		if err = cgraph.InitQuadStore("postgres", addr, nil); err != nil && !errors.Is(err, cgraph.ErrDatabaseExists) {
			db.Close()
			return opened{}, &Error{Code: CodeUnavailable, Msg: "init", Err: err}
		}
	}
	// Deleting a value checks each of cayley's four foreign keys on quads, and no index of
	// cayley's starts with label_hash: every value deleted (a plan's old text, the generation
	// token each write replaces) scanned the whole quads table, seconds at ten million quads.
	// The index holds labelled quads only.
	if err = labelIndex(ctx, db); err != nil {
		db.Close()
		return opened{}, &Error{Code: CodeUnavailable, Msg: "open: index labels", Err: err}
	}
	qs, err := cgraph.NewQuadStore("postgres", addr, nil)
	if err != nil {
		db.Close()
		return opened{}, err
	}
	return opened{qs: qs, db: db}, nil
}

// labelIndex makes the index unless it is there. Two servers opening a new store at once may
// both try: the one that loses finds the index made.
func labelIndex(ctx context.Context, db *sql.DB) error {
	_, err := db.ExecContext(ctx, `CREATE INDEX IF NOT EXISTS plangraph_label_index ON quads (label_hash) WHERE label_hash IS NOT NULL`)
	if err == nil {
		return nil
	}
	var made bool
	if db.QueryRowContext(ctx, `SELECT to_regclass('plangraph_label_index') IS NOT NULL`).Scan(&made) == nil && made {
		return nil
	}
	return err
}
