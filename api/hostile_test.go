package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/plangraph/plangraph/api"
	"github.com/plangraph/plangraph/schema"
)

// Hostile requests get a clear error, and the server keeps serving others.
func TestHostileRequests(t *testing.T) {
	srv, _ := newServer(t, api.Options{MaxBodyBytes: 1 << 20}, schema.Limits{Timeout: 2 * time.Second})
	gql := srv.URL + "/graphql"
	h := map[string]string{"Content-Type": jsonCT, "Accept": gqlResp}
	body := func(q string, vars any) string {
		b, _ := json.Marshal(map[string]any{"query": q, "variables": vars})
		return string(b)
	}
	nested := func(depth int) string {
		return strings.Repeat("links { entity { ", depth) + "name" + strings.Repeat(" } }", depth)
	}
	// fragment bomb: F0 spreads F1 three times, F1 spreads F2 three times … 3^20 fields if expanded.
	var bomb strings.Builder
	bomb.WriteString("{ ...F0 }\n")
	for i := 0; i < 20; i++ {
		fmt.Fprintf(&bomb, "fragment F%d on Query { a%d: stats { plans } ...F%d ...F%d ...F%d }\n", i, i, i+1, i+1, i+1)
	}
	bomb.WriteString("fragment F20 on Query { stats { plans } }\n")
	aliases := make([]string, 300)
	for i := range aliases {
		aliases[i] = fmt.Sprintf("a%d: search(text: \"白鵝潭\", first: 1000) { entity { name } }", i)
	}
	for _, tc := range []struct {
		name   string
		body   string
		status int
		code   string
	}{
		{"huge body", `{"query":"{ stats { plans } }","variables":{"x":"` + strings.Repeat("x", 2<<20) + `"}}`, 413, "REQUEST_TOO_LARGE"},
		{"deep nesting", body(`{ entity(id: "liwan-14fyp/zone/baietan-bd") { `+nested(30)+` } }`, nil), 400, "QUERY_TOO_DEEP"},
		{"alias explosion", body("{ "+strings.Join(aliases, " ")+" }", nil), 400, "QUERY_TOO_COMPLEX"},
		{"fragment explosion", body(bomb.String(), nil), 400, "QUERY_TOO_COMPLEX"},
		{"cyclic fragments", body("{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }", nil), 400, "GRAPHQL_VALIDATION_FAILED"},
		{"huge first", body(`{ search(text: "x", first: 1000000000) { matched } }`, nil), 400, "BAD_USER_INPUT"},
		{"huge first in a variable", body(`query($n: Int!) { entities(first: $n) { totalCount } }`, map[string]any{"n": 5000000}), 400, "BAD_USER_INPUT"},
		{"negative first", body(`{ entities(first: -1) { totalCount } }`, nil), 400, "BAD_USER_INPUT"},
		{"int overflow in a variable", body(`query($n: Int!) { entities(first: $n) { totalCount } }`, map[string]any{"n": 1e20}), 400, "BAD_USER_INPUT"},
		{"deeply nested variables", `{"query":"query($t: [EntityType!]) { search(text: \"x\", types: $t) { matched } }","variables":{"t":` + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + `}}`, 400, "BAD_USER_INPUT"},
		{"too many tokens", body("{ "+strings.Repeat("__typename ", 30000)+" }", nil), 413, "DOCUMENT_TOO_LARGE"},
		{"path too long", body(`{ paths(from: "liwan-14fyp/zone/baietan-bd", to: "liwan-14fyp/zone/liwan-district", maxHops: 50) { length } }`, nil), 200, "BAD_USER_INPUT"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			r := do(t, "POST", gql, h, tc.body)
			if r.status != tc.status || r.code() != tc.code {
				t.Errorf("%d %s, want %d %s: %.300s", r.status, r.code(), tc.status, tc.code, r.raw)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Logf("took %v", d) // not an assertion: the limit under test is the answer, not the time
			}
			// The server still answers others.
			if ok := do(t, "POST", gql, h, `{"query":"{ stats { plans } }"}`); ok.status != 200 {
				t.Fatalf("server broken after %s: %d %s", tc.name, ok.status, ok.raw)
			}
		})
	}
}

// A query that would run for long is cancelled at the time limit with a TIMEOUT error, and
// its work stops: concurrent requests are answered meanwhile.
func TestTimeoutCancelsWork(t *testing.T) {
	srv, _ := newServer(t, api.Options{}, schema.Limits{Timeout: time.Millisecond, MaxCost: 1 << 62, MaxFirst: 100000, MaxDepth: 30})
	gql := srv.URL + "/graphql"
	q := `{"query":"{ entities(first: 100000) { nodes { links(first: 1000) { entity { links(first: 1000) { entity { links(first: 1000) { entity { name mentions(first: 100) { text } } } } } } } } } }"}`
	var wg sync.WaitGroup
	var slow reply
	wg.Add(1)
	go func() {
		defer wg.Done()
		slow = do(t, "POST", gql, map[string]string{"Content-Type": jsonCT}, q)
	}()
	fast := do(t, "GET", srv.URL+"/healthz", nil, "")
	wg.Wait()
	if fast.status != 200 {
		t.Errorf("healthz during a long query: %d", fast.status)
	}
	if slow.code() != "TIMEOUT" {
		t.Errorf("long query: %d %.300s, want a TIMEOUT error", slow.status, slow.raw)
	}
}

// FuzzGraphQLHandler sends arbitrary bodies, documents and variables: the handler must answer
// every one with a well-formed response and never panic or hang.
func FuzzGraphQLHandler(f *testing.F) {
	srv, _ := newServer(f, api.Options{MaxBodyBytes: 1 << 16}, schema.Limits{Timeout: time.Second})
	client := &http.Client{Timeout: 10 * time.Second}
	for _, seed := range []struct{ ct, body string }{
		{"application/json", `{"query":"{ stats { plans } }"}`},
		{"application/json", `{"query":"query($t:String!){ search(text:$t){ matched entity { name ... on Zone { children { name } } } } }","variables":{"t":"白鹅潭"}}`},
		{"application/json", `{"query":"{ paths(from:\"liwan-14fyp/zone/julong-cluster\", to:\"liwan-14fyp/zone/baietan-bd\"){ length } }"}`},
		{"application/json", `{"query":"fragment F on Entity { name } { entity(id:\"x\") { ...F } }"}`},
		{"application/json", `{"query":"{ entities(filter:{text:\"聚龍\"}, orderBy:{field:LINK_COUNT}) { totalCount } }"}`},
		{"application/json", `{"query":"{__schema{types{name fields{name}}}}"}`},
		// Variables and list arguments: repeated enum values, nested lists in an input object,
		// periods, long strings, a cursor.
		{"application/json", `{"query":"query($r:[Relation!]){ entity(id:\"liwan-14fyp/zone/baietan-bd\"){ links(relations:$r){ relation } linkCount(relations:$r) } }","variables":{"r":["PART_OF","PART_OF","SERVES"]}}`},
		{"application/json", `{"query":"query($f:EntityFilter){ entities(filter:$f){ totalCount } }","variables":{"f":{"hasLink":["SERVES","SERVES"],"lacksLink":["DEFINES"],"linkedVia":["PART_OF"],"text":"荔"}}}`},
		{"application/json", `{"query":"query($p:[Period!]){ entity(id:\"liwan-14fyp/zone/baietan-bd\"){ linkCount(period:$p) links(period:$p){ evidence { period } } } }","variables":{"p":["ACHIEVED","VISION","ACHIEVED"]}}`},
		{"application/json", `{"query":"query($t:String!){ searchText(text:$t){ paragraph { id } } }","variables":{"t":"` + strings.Repeat("荔灣", 400) + `"}}`},
		{"application/json", `{"query":"query($a:String){ entities(after:$a){ totalCount } }","variables":{"a":"bm90LWEtY3Vyc29y"}}`},
		{"application/json", `{"query":1}`},
		{"application/json", `[]`},
		{"application/json", `{"query":"{","variables":[]}`},
		{"application/json; charset=utf-8", "\xff\xfe"},
		{"text/plain", "{ stats { plans } }"},
		{"", ""},
	} {
		f.Add(seed.ct, seed.body)
	}
	f.Fuzz(func(t *testing.T, ct, body string) {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		req, err := http.NewRequestWithContext(ctx, "POST", srv.URL+"/graphql", strings.NewReader(body))
		if err != nil {
			t.Skip()
		}
		if ct != "" {
			req.Header.Set("Content-Type", ct)
		}
		resp, err := client.Do(req)
		if err != nil {
			if strings.Contains(err.Error(), "invalid header") || strings.Contains(err.Error(), "net/http") {
				t.Skip() // the client refused to send it
			}
			t.Fatalf("no answer: %v", err)
		}
		defer resp.Body.Close()
		var out map[string]json.RawMessage
		if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
			t.Fatalf("status %d with a body that is not JSON: %v", resp.StatusCode, err)
		}
		_, hasData := out["data"]
		_, hasErrors := out["errors"]
		if !hasData && !hasErrors {
			t.Fatalf("status %d: neither data nor errors", resp.StatusCode)
		}
		if resp.StatusCode >= 500 {
			t.Fatalf("server error %d for %q", resp.StatusCode, body)
		}
	})
}
