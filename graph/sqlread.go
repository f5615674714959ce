package graph

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
)

// cayley's SQL backend reads a quad by looking up each of its values with a query of its own
// (QuadStore.NameOf). Building the read index that way took 11 s for the 16,451 quads of the
// embedded plan, and would take about ten minutes at a million: too slow for a server that
// starts, or refreshes after another server's write; and every write of a plan, which first
// reads the plan's quads to write only what changed, paid the same. readSQLQuads reads the
// same tables in two queries instead, inside one read-only snapshot, so that a concurrent
// write is seen whole or not at all.

// readSQLQuads returns the quads of a cayley SQL store (its nodes and quads tables): all of
// them when plan is "", else those of one plan (see Store.planQuads).
func readSQLQuads(ctx context.Context, db *sql.DB, plan string) ([]quad.Quad, error) {
	tx, err := db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback() //nolint:errcheck // read-only: nothing to undo
	// q is the quads read: all of them, or the plan node's and those of every node that
	// points at it with pg:plan. A CTE, so that each query works it out once.
	with := `WITH q AS (SELECT * FROM quads) `
	var args []any
	if plan != "" {
		with = `WITH q AS MATERIALIZED (SELECT * FROM quads WHERE subject_hash = $1 OR subject_hash IN
			(SELECT subject_hash FROM quads WHERE predicate_hash = $2 AND object_hash = $1)) `
		args = []any{csql.HashOf(quad.IRI(plan)).SQLValue(), csql.HashOf(quad.IRI(PredPlan)).SQLValue()}
	}
	nodes := with + `SELECT hash, value, value_string, datatype, language, iri, bnode, value_int, value_bool,
		value_float, value_time FROM nodes`
	if plan != "" {
		nodes += ` WHERE hash IN (SELECT subject_hash FROM q UNION SELECT predicate_hash FROM q
			UNION SELECT object_hash FROM q UNION SELECT label_hash FROM q)`
	}
	values, err := readSQLNodes(ctx, tx, nodes, args)
	if err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, with+`SELECT subject_hash, predicate_hash, object_hash, label_hash FROM q`, args...)
	if err != nil {
		return nil, fmt.Errorf("read quads: %w", err)
	}
	defer rows.Close()
	var out []quad.Quad
	for rows.Next() {
		var s, p, o, l []byte
		if err := rows.Scan(&s, &p, &o, &l); err != nil {
			return nil, fmt.Errorf("read quads: %w", err)
		}
		q := quad.Quad{Subject: values[string(s)], Predicate: values[string(p)], Object: values[string(o)]}
		if l != nil {
			q.Label = values[string(l)]
		}
		if q.Subject == nil || q.Predicate == nil || q.Object == nil || l != nil && q.Label == nil {
			return nil, fmt.Errorf("read quads: a quad refers to a node that is not in the nodes table")
		}
		out = append(out, q)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read quads: %w", err)
	}
	return out, nil
}

// readSQLNodes returns the values of the nodes a query (with its arguments) selects from the
// nodes table, by their hashes, decoded as cayley's QuadStore.NameOf decodes one.
func readSQLNodes(ctx context.Context, tx *sql.Tx, query string, args []any) (map[string]quad.Value, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("read nodes: %w", err)
	}
	defer rows.Close()
	values := map[string]quad.Value{}
	for rows.Next() {
		var (
			hash, data     []byte
			str, typ, lang sql.NullString
			iri, bnode, vb sql.NullBool
			vint           sql.NullInt64
			vfloat         sql.NullFloat64
			vtime          sql.NullTime
		)
		if err := rows.Scan(&hash, &data, &str, &typ, &lang, &iri, &bnode, &vint, &vb, &vfloat, &vtime); err != nil {
			return nil, fmt.Errorf("read nodes: %w", err)
		}
		var v quad.Value
		switch {
		case str.Valid:
			s := strings.ReplaceAll(str.String, `\x00`, "\x00") // cayley escapes NUL bytes
			switch {
			case iri.Bool:
				v = quad.IRI(str.String)
			case bnode.Bool:
				v = quad.BNode(str.String)
			case lang.Valid:
				v = quad.LangString{Value: quad.String(s), Lang: lang.String}
			case typ.Valid:
				v = quad.TypedString{Value: quad.String(s), Type: quad.IRI(typ.String)}
			default:
				v = quad.String(s)
			}
		case vint.Valid:
			v = quad.Int(vint.Int64)
		case vb.Valid:
			v = quad.Bool(vb.Bool)
		case vfloat.Valid:
			v = quad.Float(vfloat.Float64)
		case vtime.Valid:
			v = quad.Time(vtime.Time.UTC())
		default:
			if v, err = pquads.UnmarshalValue(data); err != nil {
				return nil, fmt.Errorf("read nodes: a value: %w", err)
			}
		}
		values[string(hash)] = v
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read nodes: %w", err)
	}
	return values, nil
}
