package graph

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/stdlib"
)

// cayley's SQL backend reads a quad by looking up each of its values with a query of its own
// (QuadStore.NameOf). Building the read index that way took 11 s for the 16,451 quads of the
// embedded plan, and would take hours at ten million: too slow for a server that starts, or
// refreshes after another server's write; and every write of a plan, which first reads the
// plan's quads to write only what changed, paid the same. readSQLQuads reads the same tables in
// two queries instead, inside one read-only snapshot, so that a concurrent write is seen whole
// or not at all. The rows come in PostgreSQL's binary format and are read in place: a hash is
// 20 bytes on the wire (41 as text), and only the values themselves are copied out.

// readSQLQuads returns the quads of one plan of a cayley SQL store (its nodes and quads
// tables; see Store.planQuads).
func readSQLQuads(ctx context.Context, db *sql.DB, plan string) ([]quad.Quad, error) {
	byPlan, err := readSQL(ctx, db, plan, nil)
	var out []quad.Quad
	for _, qs := range byPlan {
		out = append(out, qs...)
	}
	return out, err
}

// readSQLPlans returns every quad of a cayley SQL store, grouped by the plan of its subject
// (PlanOf: the store's own quads are under MetaNode). Each time the rows of one plan give way
// to another's, early (if not nil) is handed that plan's quads read so far: they are usually
// all of them, and the caller can start on them while the rest is read.
func readSQLPlans(ctx context.Context, db *sql.DB, early func(plan string, quads []quad.Quad)) (map[string][]quad.Quad, error) {
	return readSQL(ctx, db, "", early)
}

func readSQL(ctx context.Context, db *sql.DB, plan string, early func(string, []quad.Quad)) (map[string][]quad.Quad, error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	var out map[string][]quad.Quad
	err = conn.Raw(func(dc any) error {
		c, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("read: the pool's driver is %T, not pgx", dc)
		}
		opts := pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}
		return pgx.BeginTxFunc(ctx, c.Conn(), opts, func(tx pgx.Tx) error {
			out, err = readQuadsIn(ctx, tx, plan, early)
			return err
		})
	})
	return out, err
}

func readQuadsIn(ctx context.Context, tx pgx.Tx, plan string, early func(string, []quad.Quad)) (map[string][]quad.Quad, error) {
	// q is the quads read: all of them, or the plan node's and those of every node that
	// points at it with pg:plan. A CTE, so that each query works it out once.
	with := `WITH q AS (SELECT * FROM quads) `
	var args []any
	if plan != "" {
		// = ANY(ARRAY(…)) keeps both lookups on cayley's indexes whatever the planner estimates:
		// an OR, or IN over a subquery, let it scan a table of millions for a plan of thousands.
		with = `WITH q AS MATERIALIZED (SELECT * FROM quads WHERE subject_hash = ANY(ARRAY(
			SELECT $1::bytea UNION ALL SELECT subject_hash FROM quads WHERE predicate_hash = $2 AND object_hash = $1))) `
		args = []any{csql.HashOf(quad.IRI(plan)).SQLValue(), csql.HashOf(quad.IRI(PredPlan)).SQLValue()}
	}
	nodes := with + `SELECT hash, value, value_string, datatype, language, iri, bnode, value_int, value_bool,
		value_float, value_time FROM nodes`
	if plan != "" {
		nodes += ` WHERE hash = ANY(ARRAY(SELECT subject_hash FROM q UNION SELECT predicate_hash FROM q
			UNION SELECT object_hash FROM q UNION SELECT label_hash FROM q WHERE label_hash IS NOT NULL))`
	}
	sizeHint := 0
	if plan == "" {
		// The whole store: size the map once rather than growing it through millions of
		// values (the planner's estimate is close enough).
		if err := tx.QueryRow(ctx, `SELECT greatest(reltuples, 0)::bigint FROM pg_class WHERE relname = 'nodes'`).Scan(&sizeHint); err != nil {
			sizeHint = 0
		}
	}
	values, err := readSQLNodes(ctx, tx, nodes, args, sizeHint)
	if err != nil {
		return nil, err
	}
	defer values.release()
	rows, err := tx.Query(ctx, with+`SELECT subject_hash, predicate_hash, object_hash, label_hash FROM q`, args...)
	if err != nil {
		return nil, fmt.Errorf("read quads: %w", err)
	}
	defer rows.Close()
	out := map[string][]quad.Quad{}
	var cur []quad.Quad // the quads of the plan of the last subject, appended to until it changes
	curPlan := ""
	var meta []quad.Quad // the store's own quads, written amid every plan's rows
	for rows.Next() {
		raw := rows.RawValues()
		s, p, o := values.get(raw[0]), values.get(raw[1]), values.get(raw[2])
		q := quad.Quad{Subject: s.v, Predicate: p.v, Object: o.v}
		if raw[3] != nil {
			q.Label = values.get(raw[3]).v
		}
		if q.Subject == nil || q.Predicate == nil || q.Object == nil || raw[3] != nil && q.Label == nil {
			return nil, fmt.Errorf("read quads: a quad refers to a node that is not in the nodes table")
		}
		if s.plan == MetaNode {
			meta = append(meta, q)
			continue
		}
		// A plan's quads lie together in the table (a plan is written in one COPY), so the
		// plan rarely changes from one row to the next.
		if s.plan != curPlan {
			out[curPlan] = cur
			if early != nil && curPlan != "" {
				early(curPlan, cur)
			}
			next := out[s.plan]
			if next == nil {
				// Plans are much alike in size: start where the last one ended, not at one
				// quad doubled a dozen times.
				next = make([]quad.Quad, 0, max(len(cur), 16))
			}
			curPlan, cur = s.plan, next
		}
		cur = append(cur, q)
	}
	out[curPlan] = cur
	if meta != nil {
		out[MetaNode] = meta
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read quads: %w", err)
	}
	if len(out[""]) == 0 {
		delete(out, "") // the empty start; a subject that is not an IRI stays, for the index to refuse
	}
	return out, nil
}

// storedValue is a node's value and, for an IRI, the plan it belongs to (PlanOf).
type storedValue struct {
	v    quad.Value
	plan string
}

// readSQLNodes returns the values of the nodes a query (with its arguments) selects from the
// nodes table, by their hashes, decoded as cayley's QuadStore.NameOf decodes one.
func readSQLNodes(ctx context.Context, tx pgx.Tx, query string, args []any, sizeHint int) (*valueTable, error) {
	rows, err := tx.Query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("read nodes: %w", err)
	}
	defer rows.Close()
	fields := rows.FieldDescriptions()
	types := tx.Conn().TypeMap()
	// scan decodes column i of the current row with pgx's codec for its type and format; only
	// the rare typed values take it, strings are read as they are.
	scan := func(raw [][]byte, i int, dst any) error {
		return types.Scan(fields[i].DataTypeOID, fields[i].Format, raw[i], dst)
	}
	values := newValueTable(sizeHint)
	ok := false
	defer func() {
		if !ok {
			values.release()
		}
	}()
	for rows.Next() {
		raw := rows.RawValues()
		const (
			hash = iota
			data
			str
			typ
			lang
			iri
			bnode
			vint
			vbool
			vfloat
			vtime
		)
		var v quad.Value
		switch {
		case raw[str] != nil:
			s := string(raw[str])
			var isIRI, isBNode pgtype.Bool
			if err := scan(raw, iri, &isIRI); err != nil {
				return nil, fmt.Errorf("read nodes: %w", err)
			}
			if err := scan(raw, bnode, &isBNode); err != nil {
				return nil, fmt.Errorf("read nodes: %w", err)
			}
			switch {
			case isIRI.Bool:
				v = quad.IRI(s)
			case isBNode.Bool:
				v = quad.BNode(s)
			default:
				s = strings.ReplaceAll(s, `\x00`, "\x00") // cayley escapes NUL bytes
				switch {
				case raw[lang] != nil:
					v = quad.LangString{Value: quad.String(s), Lang: string(raw[lang])}
				case raw[typ] != nil:
					v = quad.TypedString{Value: quad.String(s), Type: quad.IRI(string(raw[typ]))}
				default:
					v = quad.String(s)
				}
			}
		case raw[vint] != nil:
			var n int64
			err = scan(raw, vint, &n)
			v = quad.Int(n)
		case raw[vbool] != nil:
			var b bool
			err = scan(raw, vbool, &b)
			v = quad.Bool(b)
		case raw[vfloat] != nil:
			var f float64
			err = scan(raw, vfloat, &f)
			v = quad.Float(f)
		case raw[vtime] != nil:
			var t time.Time
			err = scan(raw, vtime, &t)
			v = quad.Time(t.UTC())
		default:
			v, err = pquads.UnmarshalValue(raw[data])
		}
		if err != nil {
			return nil, fmt.Errorf("read nodes: a value: %w", err)
		}
		sv := storedValue{v: v}
		if iri, ok := v.(quad.IRI); ok {
			sv.plan = PlanOf(string(iri))
		}
		values.put(raw[hash], sv)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read nodes: %w", err)
	}
	ok = true
	return values, nil
}
