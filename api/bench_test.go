package api_test

import (
	"bytes"
	"io"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/plangraph/plangraph/api"
	"github.com/plangraph/plangraph/schema"
)

// BenchmarkGraphQLOverHTTP measures a 2-hop question through the whole HTTP stack, with as
// many concurrent clients as GOMAXPROCS × 8.
func BenchmarkGraphQLOverHTTP(b *testing.B) {
	srv, _ := newServer(b, api.Options{}, schema.Limits{})
	// The 2hop question of plangraph bench, from its eight start points in turn.
	var bodies [][]byte
	for _, id := range []string{"policy/investment-promotion-reward", "policy/tax-administration-reform", "industry/pharma-ecommerce", "project/neeq-south-china-service-base", "project/guangchuan-southern-soe-hq", "policy/talent-work-system", "industry/sci-tech-finance", "target/target-major-pollutants-2025"} {
		bodies = append(bodies, []byte(`{"query":"query TwoHop($id: ID!) { entity(id: $id) { id name links(first: 1000) { entity { id name links(first: 1000) { entity { id name } } } } } }","variables":{"id":"liwan-14fyp/`+id+`"}}`))
	}
	var n atomic.Int64
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	b.SetParallelism(8)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			resp, err := client.Post(srv.URL+"/graphql", "application/json", bytes.NewReader(bodies[n.Add(1)%int64(len(bodies))]))
			if err != nil {
				b.Fatal(err)
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 {
				b.Fatal(resp.Status)
			}
		}
	})
}

func BenchmarkHealthz(b *testing.B) {
	srv, _ := newServer(b, api.Options{}, schema.Limits{})
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	b.SetParallelism(8)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			resp, err := client.Get(srv.URL + "/healthz")
			if err != nil {
				b.Fatal(err)
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
	})
}
