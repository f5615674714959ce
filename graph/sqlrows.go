package graph

import (
	"fmt"

	"github.com/cayleygraph/cayley/graph/refs"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"
	"github.com/jackc/pgx/v5"
)

// nodeColumns are the columns of cayley's nodes table but refs, in the order they are copied.
var nodeColumns = []string{"hash", "value", "value_string", "datatype", "language", "iri", "bnode",
	"value_int", "value_bool", "value_float", "value_time"}

// nodeColumnPos is the place of each column in nodeColumns.
var nodeColumnPos = func() map[string]int {
	m := make(map[string]int, len(nodeColumns))
	for i, c := range nodeColumns {
		m[c] = i
	}
	return m
}()

// rowSet gathers the rows quads take in cayley's tables: each value once, with the number of
// places it fills in the quads (its refs), and each quad as its four hashes (zero for no label).
type rowSet struct {
	uses   map[refs.ValueHash]int32
	values []quad.Value
	quads  []refs.QuadHash
}

func newRowSet(n int) *rowSet {
	return &rowSet{uses: make(map[refs.ValueHash]int32, n), quads: make([]refs.QuadHash, 0, n)}
}

func (r *rowSet) add(q quad.Quad) {
	var hq refs.QuadHash
	for _, d := range quad.Directions {
		v := q.Get(d)
		if v == nil {
			continue
		}
		h := refs.HashOf(v)
		hq.Set(d, h)
		if r.uses[h] == 0 {
			r.values = append(r.values, v)
		}
		r.uses[h]++
	}
	r.quads = append(r.quads, hq)
}

// nodeRows returns a row of refs and nodeColumns for each value, as cayley's writer encodes it.
func (r *rowSet) nodeRows() ([][]any, error) {
	rows := make([][]any, 0, len(r.values))
	for _, v := range r.values {
		h := refs.HashOf(v)
		typ, vals, err := csql.NodeValues(csql.NodeHash{ValueHash: h}, v)
		if err != nil {
			return nil, fmt.Errorf("encode a value: %w", err)
		}
		row := make([]any, 1+len(nodeColumns))
		row[0] = r.uses[h]
		row[1] = vals[0]
		for i, col := range typ.Columns() {
			row[1+nodeColumnPos[col]] = vals[i+1]
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// quadSource streams quads' four hashes (nil for no label) to COPY.
func quadSource(quads []refs.QuadHash) pgx.CopyFromSource {
	row := make([]any, 4)
	return pgx.CopyFromSlice(len(quads), func(i int) ([]any, error) {
		for j, d := range quad.Directions {
			row[j] = nil
			if h := quads[i].Get(d); h.Valid() {
				row[j] = h[:]
			}
		}
		return row, nil
	})
}
