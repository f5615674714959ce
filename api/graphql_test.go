package api_test

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/plangraph/plangraph/api"
	"github.com/plangraph/plangraph/schema"
)

const jsonCT = "application/json"
const gqlResp = "application/graphql-response+json"

func TestGraphQLOverHTTP(t *testing.T) {
	srv, _ := newServer(t, api.Options{MaxBodyBytes: 4096}, schema.Limits{MaxDepth: 8, MaxFirst: 100})
	gql := srv.URL + "/graphql"
	okQuery := `{"query":"{ stats { plans } }"}`
	for _, tc := range []struct {
		name     string
		method   string
		url      string
		headers  map[string]string
		body     string
		status   int
		ctype    string // prefix of the response Content-Type
		code     string // extensions.code of the first error
		wantData bool
	}{
		{"post json", "POST", gql, map[string]string{"Content-Type": jsonCT}, okQuery, 200, jsonCT, "", true},
		{"post graphql-response", "POST", gql, map[string]string{"Content-Type": jsonCT, "Accept": gqlResp}, okQuery, 200, gqlResp, "", true},
		{"accept both prefers graphql-response", "POST", gql, map[string]string{"Content-Type": jsonCT, "Accept": jsonCT + ", " + gqlResp}, okQuery, 200, gqlResp, "", true},
		{"accept q values", "POST", gql, map[string]string{"Content-Type": jsonCT, "Accept": gqlResp + ";q=0.5, application/json"}, okQuery, 200, jsonCT, "", true},
		{"accept anything", "POST", gql, map[string]string{"Content-Type": jsonCT, "Accept": "*/*"}, okQuery, 200, jsonCT, "", true},
		{"not acceptable", "POST", gql, map[string]string{"Content-Type": jsonCT, "Accept": "text/html"}, okQuery, 406, jsonCT, "NOT_ACCEPTABLE", false},
		{"get query", "GET", gql + "?query=" + url.QueryEscape("{ stats { plans } }"), nil, "", 200, jsonCT, "", true},
		{"get with variables", "GET", gql + "?query=" + url.QueryEscape(`query($t:String!){ search(text:$t, first:1){ matched } }`) + "&variables=" + url.QueryEscape(`{"t":"白鹅潭"}`), nil, "", 200, jsonCT, "", true},
		{"get bad variables", "GET", gql + "?query=" + url.QueryEscape("{ stats { plans } }") + "&variables=%7Bnope", nil, "", 400, jsonCT, "BAD_REQUEST", false},
		{"get without query", "GET", gql, nil, "", 400, jsonCT, "BAD_REQUEST", false},
		{"get mutation", "GET", gql + "?query=" + url.QueryEscape("mutation { x }"), map[string]string{"Accept": gqlResp}, "", 400, gqlResp, "GRAPHQL_VALIDATION_FAILED", false},
		{"put", "PUT", gql, map[string]string{"Content-Type": jsonCT}, okQuery, 405, jsonCT, "METHOD_NOT_ALLOWED", false},
		{"delete", "DELETE", gql, nil, "", 405, jsonCT, "METHOD_NOT_ALLOWED", false},
		{"no content type", "POST", gql, nil, okQuery, 415, jsonCT, "UNSUPPORTED_MEDIA_TYPE", false},
		{"form body", "POST", gql, map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, "query=x", 415, jsonCT, "UNSUPPORTED_MEDIA_TYPE", false},
		{"utf-16", "POST", gql, map[string]string{"Content-Type": "application/json; charset=utf-16"}, okQuery, 415, jsonCT, "UNSUPPORTED_MEDIA_TYPE", false},
		{"empty body", "POST", gql, map[string]string{"Content-Type": jsonCT}, "", 400, jsonCT, "BAD_REQUEST", false},
		{"bad json", "POST", gql, map[string]string{"Content-Type": jsonCT}, `{"query":`, 400, jsonCT, "BAD_REQUEST", false},
		{"bad json graphql-response", "POST", gql, map[string]string{"Content-Type": jsonCT, "Accept": gqlResp}, `{"query":`, 400, gqlResp, "BAD_REQUEST", false},
		{"trailing json", "POST", gql, map[string]string{"Content-Type": jsonCT}, okQuery + "{}", 400, jsonCT, "BAD_REQUEST", false},
		{"query not a string", "POST", gql, map[string]string{"Content-Type": jsonCT}, `{"query":{"a":1}}`, 400, jsonCT, "BAD_REQUEST", false},
		{"variables not an object", "POST", gql, map[string]string{"Content-Type": jsonCT}, `{"query":"{ stats { plans } }","variables":"x"}`, 400, jsonCT, "BAD_REQUEST", false},
		{"null variables", "POST", gql, map[string]string{"Content-Type": jsonCT}, `{"query":"{ stats { plans } }","variables":null,"operationName":null,"extensions":null}`, 200, jsonCT, "", true},
		{"body too large", "POST", gql, map[string]string{"Content-Type": jsonCT}, `{"query":"` + strings.Repeat(" ", 5000) + `{ stats { plans } }"}`, 413, jsonCT, "REQUEST_TOO_LARGE", false},
		{"parse error json", "POST", gql, map[string]string{"Content-Type": jsonCT}, `{"query":"{"}`, 200, jsonCT, "GRAPHQL_PARSE_FAILED", false},
		{"parse error graphql-response", "POST", gql, map[string]string{"Content-Type": jsonCT, "Accept": gqlResp}, `{"query":"{"}`, 400, gqlResp, "GRAPHQL_PARSE_FAILED", false},
		{"validation error", "POST", gql, map[string]string{"Content-Type": jsonCT, "Accept": gqlResp}, `{"query":"{ nope }"}`, 400, gqlResp, "GRAPHQL_VALIDATION_FAILED", false},
		{"variable coercion", "POST", gql, map[string]string{"Content-Type": jsonCT, "Accept": gqlResp}, `{"query":"query($n: Int!){ search(text:\"x\", first:$n){ matched } }","variables":{"n":"ten"}}`, 400, gqlResp, "BAD_USER_INPUT", false},
		{"unknown operation", "POST", gql, map[string]string{"Content-Type": jsonCT, "Accept": gqlResp}, `{"query":"query A { stats { plans } }","operationName":"B"}`, 400, gqlResp, "OPERATION_NOT_FOUND", false},
		{"operation required", "POST", gql, map[string]string{"Content-Type": jsonCT, "Accept": gqlResp}, `{"query":"query A { stats { plans } } query B { plans { id } }"}`, 400, gqlResp, "BAD_REQUEST", false},
		{"first above maximum", "POST", gql, map[string]string{"Content-Type": jsonCT, "Accept": gqlResp}, `{"query":"{ search(text:\"x\", first: 101){ matched } }"}`, 400, gqlResp, "BAD_USER_INPUT", false},
		{"too deep", "POST", gql, map[string]string{"Content-Type": jsonCT, "Accept": gqlResp}, `{"query":"{ entity(id:\"x\"){ links { entity { links { entity { links { entity { links { entity { links { entity { name } } } } } } } } } } } }"}`, 400, gqlResp, "QUERY_TOO_DEEP", false},
		{"field error keeps 200", "POST", gql, map[string]string{"Content-Type": jsonCT, "Accept": gqlResp}, `{"query":"{ paths(from:\"x\", to:\"y\"){ length } }"}`, 200, gqlResp, "BAD_USER_INPUT", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := do(t, tc.method, tc.url, tc.headers, tc.body)
			if r.status != tc.status {
				t.Errorf("status %d, want %d: %s", r.status, tc.status, r.raw)
			}
			if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, tc.ctype) {
				t.Errorf("Content-Type %q, want %s", ct, tc.ctype)
			}
			if c := r.code(); c != tc.code {
				t.Errorf("error code %q, want %q: %s", c, tc.code, r.raw)
			}
			if _, has := r.body["data"]; has != tc.wantData {
				t.Errorf("data present: %v, want %v: %s", has, tc.wantData, r.raw)
			}
			if tc.status == 405 && r.header.Get("Allow") == "" {
				t.Error("405 without an Allow header")
			}
			if r.header.Get("X-Request-Id") == "" {
				t.Error("no X-Request-Id")
			}
		})
	}
}

func TestErrorsCarryLocationsAndPaths(t *testing.T) {
	srv, _ := newServer(t, api.Options{}, schema.Limits{})
	r := do(t, "POST", srv.URL+"/graphql", map[string]string{"Content-Type": jsonCT}, `{"query":"{\n  ok: stats { plans }\n  bad: paths(from: \"nope\", to: \"nope2\") { length }\n}"}`)
	errs := r.body["errors"].([]any)
	e := errs[0].(map[string]any)
	if fmt.Sprint(e["path"]) != "[bad]" {
		t.Errorf("path %v, want [bad]", e["path"])
	}
	if fmt.Sprint(e["locations"]) != "[map[column:3 line:3]]" {
		t.Errorf("locations %v, want line 3 column 3", e["locations"])
	}
}

// Automatic persisted queries (Apollo): a hash alone is unknown until the query was sent with it.
func TestPersistedQueries(t *testing.T) {
	srv, _ := newServer(t, api.Options{}, schema.Limits{})
	q := "{ stats { plans } }"
	sum := sha256.Sum256([]byte(q))
	hash := hex.EncodeToString(sum[:])
	ext := fmt.Sprintf(`"extensions":{"persistedQuery":{"version":1,"sha256Hash":"%s"}}`, hash)
	h := map[string]string{"Content-Type": jsonCT}
	if r := do(t, "POST", srv.URL+"/graphql", h, "{"+ext+"}"); r.code() != "PERSISTED_QUERY_NOT_FOUND" || r.status != 200 {
		t.Errorf("unknown hash: %d %s", r.status, r.raw)
	}
	if r := do(t, "POST", srv.URL+"/graphql", h, fmt.Sprintf(`{"query":%q,%s}`, q, ext)); r.status != 200 || r.code() != "" {
		t.Errorf("register: %d %s", r.status, r.raw)
	}
	getExt := fmt.Sprintf(`{"persistedQuery":{"version":1,"sha256Hash":"%s"}}`, hash)
	if r := do(t, "GET", srv.URL+"/graphql?extensions="+url.QueryEscape(getExt), nil, ""); r.status != 200 || r.code() != "" || r.body["data"] == nil {
		t.Errorf("hash alone over GET: %d %s", r.status, r.raw)
	}
	if r := do(t, "POST", srv.URL+"/graphql", h, fmt.Sprintf(`{"query":"{ plans { id } }",%s}`, ext)); r.code() != "BAD_REQUEST" {
		t.Errorf("mismatched hash: %s", r.raw)
	}
}

func TestPagesAndHealth(t *testing.T) {
	srv, _ := newServer(t, api.Options{}, schema.Limits{})
	for _, tc := range []struct {
		path, ctype, contains string
	}{
		{"/healthz", "application/json", `"ok"`},
		{"/readyz", "application/json", `"ready"`},
		{"/graphiql", "text/html", "graphiql.min.js"},
		{"/vendor/graphiql/graphiql.min.js", "text/javascript", "GraphiQL"},
		{"/schema.graphql", "text/plain", "type Query"},
		{"/metrics", "text/plain", "plangraph_http_requests_total"},
	} {
		r := do(t, "GET", srv.URL+tc.path, nil, "")
		if r.status != 200 || !strings.HasPrefix(r.header.Get("Content-Type"), tc.ctype) || !strings.Contains(r.raw, tc.contains) {
			t.Errorf("GET %s: %d %s, want 200 %s containing %q", tc.path, r.status, r.header.Get("Content-Type"), tc.ctype, tc.contains)
		}
	}
	// The GraphiQL page loads nothing from other hosts.
	r := do(t, "GET", srv.URL+"/graphiql", nil, "")
	for _, host := range []string{"http://", "https://", "//cdn", "unpkg", "jsdelivr"} {
		if strings.Contains(r.raw, host) {
			t.Errorf("/graphiql refers to %q: it must work offline", host)
		}
	}
	if r := do(t, "GET", srv.URL+"/nope", nil, ""); r.status != 404 {
		t.Errorf("unknown page: %d", r.status)
	}
}

func TestRequestIDIsKeptWhenSane(t *testing.T) {
	srv, _ := newServer(t, api.Options{}, schema.Limits{})
	r := do(t, "GET", srv.URL+"/healthz", map[string]string{"X-Request-Id": "abc-123"}, "")
	if got := r.header.Get("X-Request-Id"); got != "abc-123" {
		t.Errorf("X-Request-Id %q, want abc-123", got)
	}
	r = do(t, "GET", srv.URL+"/healthz", map[string]string{"X-Request-Id": "bad id\twith spaces"}, "")
	if got := r.header.Get("X-Request-Id"); got == "" || strings.Contains(got, " ") {
		t.Errorf("X-Request-Id %q: an unsafe id must be replaced", got)
	}
}

func TestCORS(t *testing.T) {
	off, _ := newServer(t, api.Options{}, schema.Limits{})
	r := do(t, "POST", off.URL+"/graphql", map[string]string{"Content-Type": jsonCT, "Origin": "https://evil.example"}, `{"query":"{ stats { plans } }"}`)
	if r.header.Get("Access-Control-Allow-Origin") != "" {
		t.Error("CORS headers sent with no allow-list")
	}
	on, _ := newServer(t, api.Options{CORSOrigins: []string{"https://ok.example"}}, schema.Limits{})
	r = do(t, "OPTIONS", on.URL+"/graphql", map[string]string{"Origin": "https://ok.example", "Access-Control-Request-Method": "POST"}, "")
	if r.status != http.StatusNoContent || r.header.Get("Access-Control-Allow-Origin") != "https://ok.example" {
		t.Errorf("preflight from an allowed origin: %d %v", r.status, r.header)
	}
	r = do(t, "OPTIONS", on.URL+"/graphql", map[string]string{"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"}, "")
	if r.header.Get("Access-Control-Allow-Origin") != "" {
		t.Error("CORS allowed an origin not on the list")
	}
}
