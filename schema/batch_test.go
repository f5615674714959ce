package schema_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/plangraph/plangraph/graph"
	"github.com/plangraph/plangraph/schema"
)

// countingReader counts every read the executor makes of the graph.
type countingReader struct {
	schema.Reader
	nodes, edges atomic.Int64
	ids          atomic.Int64
}

func (c *countingReader) Nodes(ctx context.Context, ids []string) ([]*graph.Node, error) {
	c.nodes.Add(1)
	c.ids.Add(int64(len(ids)))
	return c.Reader.Nodes(ctx, ids)
}

func (c *countingReader) Edges(ctx context.Context, ids []string, preds []string, dir graph.Dir) ([][]graph.Edge, error) {
	c.edges.Add(1)
	c.ids.Add(int64(len(ids)))
	return c.Reader.Edges(ctx, ids, preds, dir)
}

func (c *countingReader) calls() int64 { return c.nodes.Load() + c.edges.Load() }

// The number of reads grows with the depth of a query, not with the number of results:
// asking for 1 zone or 100 zones, with their links and the links of those, costs the same
// number of reads.
func TestReadsGrowWithDepthNotResults(t *testing.T) {
	snap, ex := liwan(t)
	const q = `query($n: Int!) {
	  entities(type: ZONE, first: $n) {
	    nodes {
	      name
	      links(first: 10) {
	        relation
	        entity {
	          name
	          links(first: 10) { entity { name type } evidence { quote } }
	        }
	      }
	    }
	  }
	}`
	var calls []int64
	var sizes []int
	for _, n := range []int{1, 10, 50} {
		r := &countingReader{Reader: snap}
		resp := ex.Execute(context.Background(), r, schema.Params{Query: q, Variables: map[string]any{"n": n}})
		if len(resp.Errors) > 0 {
			t.Fatalf("n=%d: %v", n, resp.Errors)
		}
		calls = append(calls, r.calls())
		sizes = append(sizes, len(resp.JSON()))
	}
	// One zone may reach fewer levels (a level with no objects reads nothing); ten and fifty
	// zones reach every level and must cost exactly the same.
	if calls[0] > calls[1] || calls[1] != calls[2] {
		t.Errorf("reads for 1, 10, 50 zones: %v, want 10 and 50 equal and 1 no more", calls)
	}
	if !(sizes[0] < sizes[1] && sizes[1] < sizes[2]) {
		t.Errorf("response sizes %v should grow with n (the test would prove nothing otherwise)", sizes)
	}
	// Depth 1 → 2 → 3 adds a constant number of reads per level.
	depth := []string{
		`{ entities(type: ZONE, first: 100) { nodes { name } } }`,
		`{ entities(type: ZONE, first: 100) { nodes { name links(first: 5) { entity { name } } } } }`,
		`{ entities(type: ZONE, first: 100) { nodes { name links(first: 5) { entity { name links(first: 5) { entity { name } } } } } } }`,
	}
	var byDepth []int64
	for _, q := range depth {
		r := &countingReader{Reader: snap}
		if resp := ex.Execute(context.Background(), r, schema.Params{Query: q}); len(resp.Errors) > 0 {
			t.Fatal(resp.Errors)
		}
		byDepth = append(byDepth, r.calls())
	}
	if d1, d2 := byDepth[1]-byDepth[0], byDepth[2]-byDepth[1]; d1 != d2 || d1 > 3 {
		t.Errorf("reads by depth %v: each level should add the same small number", byDepth)
	}
	t.Logf("reads for 1/10/50 zones at depth 4: %v; by depth: %v", calls, byDepth)
}

func BenchmarkTwoHop(b *testing.B) {
	snap, ex := liwan(b)
	p := schema.Params{Query: `{ entity(id: "liwan-14fyp/zone/baietan-bd") { name links { relation entity { name links { relation entity { name } } } } } }`}
	for b.Loop() {
		if r := ex.Execute(context.Background(), snap, p); len(r.Errors) > 0 {
			b.Fatal(r.Errors)
		}
	}
}

func BenchmarkSearch(b *testing.B) {
	snap, ex := liwan(b)
	for i, q := range []string{"白鹅潭", "baietan", "醫藥", "digital"} {
		b.Run(fmt.Sprint(i), func(b *testing.B) {
			p := schema.Params{Query: `query($q: String!) { search(text: $q, first: 10) { score entity { id name } } }`, Variables: map[string]any{"q": q}}
			for b.Loop() {
				if r := ex.Execute(context.Background(), snap, p); len(r.Errors) > 0 {
					b.Fatal(r.Errors)
				}
			}
		})
	}
}

// A query whose estimate is under the limit but whose answer is not (a hub has many more
// links than the typical fan-out) is stopped while it runs, with a clear error.
func TestResultSizeIsEnforcedWhileRunning(t *testing.T) {
	snap, _ := liwan(t)
	ex, err := schema.New(schema.Limits{MaxCost: 100})
	if err != nil {
		t.Fatal(err)
	}
	// The most linked entity of the plan: the estimate assumes the typical fan-out, it has more.
	var hub struct {
		Data struct {
			Entities struct{ Nodes []struct{ ID string } }
		}
	}
	top := ex.Execute(context.Background(), snap, schema.Params{Query: `{ entities(orderBy: {field: LINK_COUNT, direction: DESC}, first: 1) { nodes { id } } }`})
	if err := json.Unmarshal(top.JSON(), &hub); err != nil || len(hub.Data.Entities.Nodes) != 1 {
		t.Fatalf("%v %s", err, top.JSON())
	}
	q := `query($id: ID!) { entity(id: $id) { name links(first: 1000) { relation entity { name } } } }`
	resp := ex.Execute(context.Background(), snap, schema.Params{Query: q, Variables: map[string]any{"id": hub.Data.Entities.Nodes[0].ID}})
	if len(resp.Errors) == 0 || resp.Errors[0].Extensions["code"] != "QUERY_TOO_COMPLEX" {
		t.Fatalf("errors %v, want QUERY_TOO_COMPLEX", resp.Errors)
	}
	if !resp.HasData() {
		t.Error("the limit was enforced before running: this test needs an estimate under the limit")
	}
	small := `{ entity(id: "liwan-14fyp/zone/julong-cluster") { name } }`
	if r := ex.Execute(context.Background(), snap, schema.Params{Query: small}); len(r.Errors) > 0 {
		t.Errorf("a small query under the same limit: %v", r.Errors)
	}
}

// BenchmarkTwoHopBench is plangraph bench's 2hop question from a 組團, with the JSON response.
func BenchmarkTwoHopBench(b *testing.B) {
	snap, ex := liwan(b)
	p := schema.Params{Query: `query TwoHop($id: ID!) { entity(id: $id) { id name links(first: 1000) { entity { id name links(first: 1000) { entity { id name } } } } } }`, Variables: map[string]any{"id": "liwan-14fyp/project/guangchuan-southern-soe-hq"}}
	for b.Loop() {
		r := ex.Execute(context.Background(), snap, p)
		if len(r.Errors) > 0 {
			b.Fatal(r.Errors)
		}
		_ = r.JSON()
	}
}

// cancellingReader cancels the request's context at its first read of nodes.
type cancellingReader struct {
	schema.Reader
	cancel context.CancelFunc
}

func (c cancellingReader) Nodes(ctx context.Context, ids []string) ([]*graph.Node, error) {
	c.cancel()
	return c.Reader.Nodes(ctx, ids)
}

// A request cancelled between two batches of one depth leaves the later fields null, and the
// response says why: a null without an error would read as an answer.
func TestCancelledBetweenBatchesSaysWhy(t *testing.T) {
	snap, ex := liwan(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	q := `{ entity(id: "liwan-14fyp/zone/baietan-bd") { name } stats { plans } }`
	r := ex.Execute(ctx, cancellingReader{snap, cancel}, schema.Params{Query: q})
	said := false
	for _, e := range r.Errors {
		said = said || e.Extensions["code"] == "CANCELLED"
	}
	if !said {
		t.Fatalf("no CANCELLED error; response %s", r.JSON())
	}
}

// failingReader fails every read of edges as a broken store would, with details a client must
// not see.
type failingReader struct {
	schema.Reader
	err error
}

func (f failingReader) Edges(ctx context.Context, ids []string, preds []string, dir graph.Dir) ([][]graph.Edge, error) {
	return nil, f.err
}

// A failure whose details are the server's business reaches the client as its code and a
// generic message; the error itself stays on the response for the server's log.
func TestInternalDetailsAreNotSent(t *testing.T) {
	snap, ex := liwan(t)
	for _, tc := range []struct {
		err  error
		code string
	}{
		{errors.New("pq: password authentication failed for user secret-user"), "INTERNAL_SERVER_ERROR"},
		{graph.Errorf(graph.CodeUnavailable, "dial tcp 10.0.0.7:5432: connection refused"), "STORE_UNAVAILABLE"},
	} {
		r := ex.Execute(context.Background(), failingReader{snap, tc.err}, schema.Params{Query: `{ entity(id: "liwan-14fyp/zone/baietan-bd") { links { relation } } }`})
		body := string(r.JSON())
		if len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != tc.code || r.Errors[0].Err == nil {
			t.Fatalf("%v: %s", tc.err, body)
		}
		if strings.Contains(body, "secret-user") || strings.Contains(body, "10.0.0.7") {
			t.Errorf("the response shows the failure's details: %s", body)
		}
	}
}
