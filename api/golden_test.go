package api_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/plangraph/plangraph/api"
	"github.com/plangraph/plangraph/internal/testkit"
	"github.com/plangraph/plangraph/schema"
)

// Whole HTTP exchanges — status, content type and body — compared with testdata/http/*.golden.
func TestHTTPGolden(t *testing.T) {
	srv, _ := newServer(t, api.Options{}, schema.Limits{})
	for _, tc := range []struct {
		name, method, path, ctype, accept, body string
	}{
		{"search-simplified", "POST", "/graphql", jsonCT, gqlResp, `{"query":"query Find($q: String!) { search(text: $q, first: 2) { score matched field match entity { id type name nameEn } } }","variables":{"q":"白鹅潭"},"operationName":"Find"}`},
		{"entity-links", "GET", "/graphql?query=" + urlEscape(`{ entity(id: "liwan-14fyp/zone/julong-cluster") { name aliases links(relations: [PART_OF], direction: OUT) { relation direction entity { name } evidence { quote offset paragraph { id } } } } }`), "", "", ""},
		{"validation-error", "POST", "/graphql", jsonCT, gqlResp, `{"query":"{ search(text: 1) { nope } }"}`},
		{"parse-error-legacy-json", "POST", "/graphql", jsonCT, jsonCT, `{"query":"{ search("}`},
		{"not-json", "POST", "/graphql", jsonCT, gqlResp, `{"query": "{ stats { plans } }"`},
		{"first-too-large", "POST", "/graphql", jsonCT, gqlResp, `{"query":"{ entities(first: 100000) { totalCount } }"}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := map[string]string{}
			if tc.ctype != "" {
				h["Content-Type"] = tc.ctype
			}
			if tc.accept != "" {
				h["Accept"] = tc.accept
			}
			r := do(t, tc.method, srv.URL+tc.path, h, tc.body)
			var pretty bytes.Buffer
			if err := json.Indent(&pretty, []byte(r.raw), "", "  "); err != nil {
				pretty.WriteString(r.raw)
			}
			got := fmt.Sprintf("%s %s\nstatus: %d\ncontent-type: %s\n\n%s\n", tc.method, strings.SplitN(tc.path, "?", 2)[0], r.status, r.header.Get("Content-Type"), pretty.String())
			testkit.Golden(t, filepath.Join("testdata", "http", tc.name+".golden"), got)
		})
	}
}

// /metrics reports requests, latency per GraphQL operation name, errors per code, reads and
// store round trips, in Prometheus text format.
func TestMetrics(t *testing.T) {
	srv, _ := newServer(t, api.Options{}, schema.Limits{})
	h := map[string]string{"Content-Type": jsonCT}
	do(t, "POST", srv.URL+"/graphql", h, `{"query":"query Named { stats { plans } }"}`)
	do(t, "POST", srv.URL+"/graphql", h, `{"query":"{ nope }"}`)
	do(t, "POST", srv.URL+"/graphql", h, `{"query":"{ entity(id: \"liwan-14fyp/zone/baietan-bd\") { name links { entity { name } } } }"}`)
	r := do(t, "GET", srv.URL+"/metrics", nil, "")
	for _, want := range []string{
		`plangraph_http_requests_total{route="/graphql",status="200"} 3`,
		`plangraph_graphql_duration_seconds_count{operation="Named"} 1`,
		`plangraph_graphql_errors_total{code="GRAPHQL_VALIDATION_FAILED"} 1`,
		`plangraph_read_calls_total `,
		`plangraph_store_round_trips_total `,
		`plangraph_http_request_duration_seconds_bucket{route="/graphql",le=`,
		`process_resident_memory_bytes `,
	} {
		if !strings.Contains(r.raw, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}

func urlEscape(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}
