package bench

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"
	"testing"

	"github.com/plangraph/plangraph/graph"
	"github.com/plangraph/plangraph/graph/cjk"
	"github.com/plangraph/plangraph/internal/testkit"
	"github.com/plangraph/plangraph/schema"
)

// fakePostGraphile answers the peer's questions from the rows the loader would write, in the
// shape PostGraphile gives them (connections of nodes, the aliases of peerQueries). It stands
// in for PostGraphile, which the tests cannot install: the test then checks, without network,
// that the rows hold what PlanGraph answers from and that peerTuples reads that shape.
type fakePostGraphile struct {
	ents  map[string][]any   // id → entity row
	out   map[string][][]any // from_id → link rows
	in    map[string][][]any // to_id → link rows
	cites map[int64][][]any  // link id → citation rows
	all   [][]any            // entity rows
}

func newFakePostGraphile(rows []*peerRows) *fakePostGraphile {
	f := &fakePostGraphile{ents: map[string][]any{}, out: map[string][][]any{}, in: map[string][][]any{}, cites: map[int64][][]any{}}
	base := int64(0)
	for _, pr := range rows {
		for _, e := range pr.entities {
			f.ents[e[0].(string)] = e
			f.all = append(f.all, e)
		}
		for _, l := range pr.links {
			l = append([]any{base + l[0].(int64)}, l[1:]...)
			f.out[l[1].(string)] = append(f.out[l[1].(string)], l)
			f.in[l[4].(string)] = append(f.in[l[4].(string)], l)
		}
		for _, c := range pr.citations {
			id := base + c[0].(int64)
			f.cites[id] = append(f.cites[id], c)
		}
		base += int64(len(pr.links))
	}
	return f
}

func (f *fakePostGraphile) entity(id string) map[string]any {
	e := f.ents[id]
	return map[string]any{"id": e[0], "name": e[3]}
}

func conn(nodes []any) map[string]any { return map[string]any{"nodes": nodes} }

// hop is an entity with its neighbours both ways (typ: only those of this type; inner: how
// each neighbour is written).
func (f *fakePostGraphile) hop(id, typ string, inner func(id string) map[string]any) map[string]any {
	e := f.entity(id)
	var out, in []any
	for _, l := range f.out[id] {
		if typ == "" || l[5] == typ {
			out = append(out, map[string]any{"e": inner(l[4].(string))})
		}
	}
	for _, l := range f.in[id] {
		if typ == "" || l[2] == typ {
			in = append(in, map[string]any{"e": inner(l[1].(string))})
		}
	}
	e["out"], e["in"] = conn(out), conn(in)
	return e
}

func (f *fakePostGraphile) cited(id string, depth int) map[string]any {
	e := map[string]any{"id": id}
	if depth > 3 {
		return e
	}
	var out []any
	for _, l := range f.out[id] {
		var cs []any
		for _, c := range f.cites[l[0].(int64)] {
			cs = append(cs, map[string]any{"paragraphId": c[1], "spanStart": c[2], "spanLength": c[3]})
		}
		out = append(out, map[string]any{"rel": l[3], "citationsByLinkId": conn(cs), "e": f.cited(l[4].(string), depth+1)})
	}
	e["out"] = conn(out)
	return e
}

func (f *fakePostGraphile) answer(t *testing.T, q string, in Input) []byte {
	t.Helper()
	data := map[string]any{}
	switch q {
	case Lookup:
		data["entityById"] = f.entity(in.ID)
	case Search:
		var hits []any
		for _, e := range f.all {
			if strings.Contains(e[6].(string), cjk.Simplify(in.Text)) {
				hits = append(hits, map[string]any{"id": e[0], "name": e[3]})
			}
		}
		data["entitySearch"] = conn(hits)
	case OneHop:
		data["entityById"] = f.hop(in.ID, in.Type, f.entity)
	case TwoHop:
		data["entityById"] = f.hop(in.ID, "", func(id string) map[string]any { return f.hop(id, "", f.entity) })
	case ThreeHopCited:
		data["entityById"] = f.cited(in.ID, 1)
	}
	b, err := json.Marshal(map[string]any{"data": data})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// The peer's rows of the embedded plan, asked the way PostGraphile is asked, give the answers
// our executor gives on every question the peer supports, from every start point the bench
// picks; and the peer's queries ask for exactly the fields peerTuples reads.
func TestPeerRowsAndTuplesAgreeWithOurs(t *testing.T) {
	ctx := context.Background()
	ds, err := newDataset(42)
	if err != nil {
		t.Fatal(err)
	}
	pr, err := peerRowsOf(ds.liwan)
	if err != nil {
		t.Fatal(err)
	}
	if len(pr.entities) == 0 || len(pr.links) == 0 || len(pr.citations) == 0 || len(pr.paragraphs) == 0 {
		t.Fatalf("peer rows: %d entities, %d links, %d citations, %d paragraphs", len(pr.entities), len(pr.links), len(pr.citations), len(pr.paragraphs))
	}
	st, err := graph.Open(ctx, "memory")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := load(ctx, st, []plan{ds.liwan}); err != nil {
		t.Fatal(err)
	}
	exec, err := schema.New(schema.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	ours := &graphqlEngine{store: st, exec: exec}
	snap, err := ds.liwanIndex()
	if err != nil {
		t.Fatal(err)
	}
	inputs, err := pickInputs(snap, ds.liwan.id, 8, 42)
	if err != nil {
		t.Fatal(err)
	}
	fake := newFakePostGraphile([]*peerRows{pr})
	peer := newPostGraphileHTTP("http://unused", nil)
	for _, q := range Questions {
		if q == Path {
			if peer.Unsupported(q) == "" {
				t.Error("the peer claims to ask the path question")
			}
			continue
		}
		for _, field := range []string{"entityById", "entitySearch", "linksByFromId", "citationsByLinkId", "spanStart"} {
			if strings.Contains(string(fake.answer(t, q, inputs[q][0])), `"`+field+`"`) && !strings.Contains(peerQueries[q], field) {
				t.Errorf("%s: the peer's query does not ask for %s", q, field)
			}
		}
		for _, in := range inputs[q] {
			out, err := ours.Answer(ctx, q, in)
			if err != nil {
				t.Fatal(err)
			}
			want, err := ours.Tuples(q, out)
			if err != nil {
				t.Fatal(err)
			}
			got, err := peerTuples(q, fake.answer(t, q, in))
			if err != nil {
				t.Fatal(err)
			}
			if d := diff(want, got); d != "" {
				t.Errorf("%s from %s: %s", q, in, d)
			}
			if len(want) == 0 && q != Search {
				t.Errorf("%s from %s: no answer to compare", q, in)
			}
		}
	}
}

// A lookup of no entity, or an answer that is not a response body, is an error, not an
// empty answer.
func TestPeerTuplesOfAMissingEntity(t *testing.T) {
	if _, err := peerTuples(Lookup, []byte(`{"data":{"entityById":null}}`)); err == nil {
		t.Error("a lookup of no entity gave tuples")
	}
	if _, err := peerTuples(Lookup, "not bytes"); err == nil {
		t.Error("an answer of the wrong type gave tuples")
	}
}

// On PostgreSQL (when PLANGRAPH_TEST_POSTGRES names a server): the schema applies twice, and
// loading a plan twice replaces its rows instead of adding to them.
func TestLoadPeerReplacesAPlan(t *testing.T) {
	if _, ok := testkit.PostgresServer(t); !ok {
		t.Skip("PLANGRAPH_TEST_POSTGRES is not set")
	}
	ctx := context.Background()
	url := testkit.NewDatabase(t, "")
	for range 2 {
		if err := InitPeerSchema(ctx, url); err != nil {
			t.Fatal(err)
		}
	}
	ds, err := newDataset(42)
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("postgres", url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	count := func() (n int) {
		t.Helper()
		err := db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM peer.entity) + (SELECT count(*) FROM peer.link)
			+ (SELECT count(*) FROM peer.citation) + (SELECT count(*) FROM peer.paragraph)`).Scan(&n)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	var rows []int
	for range 2 {
		n, err := loadPeer(ctx, db, []plan{ds.liwan})
		if err != nil {
			t.Fatal(err)
		}
		if c := count(); c != n {
			t.Fatalf("the tables hold %d rows after writing %d", c, n)
		}
		rows = append(rows, n)
	}
	if rows[0] != rows[1] || rows[0] == 0 {
		t.Errorf("rows written: %v", rows)
	}
	var hits int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM peer.entity_search($1)", cjk.Simplify("荔灣")).Scan(&hits); err != nil {
		t.Fatal(err)
	}
	if hits == 0 {
		t.Error("entity_search finds nothing for 荔湾")
	}
}
