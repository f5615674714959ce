package api_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/plangraph/plangraph/api"
	"github.com/plangraph/plangraph/schema"
)

// While 16 clients query without pause, the plan is reloaded 20 times through the admin API,
// alternating two versions. No request fails; every response sees one version whole (its
// counts and its marker entity agree); the final stats equal those of a fresh load.
func TestReloadUnderLoad(t *testing.T) {
	const token = "t"
	srv, st := newServer(t, api.Options{AdminToken: token}, schema.Limits{})
	fresh := st.Snapshot().Stats("")
	v1 := tarball(t, func(name string, b []byte) []byte { return b })
	// v2 adds one zone (the marker) and one link.
	v2 := tarball(t, func(name string, b []byte) []byte {
		if name == "00-spine.yaml" {
			b = []byte(strings.Replace(string(b), "entities:\n", "entities:\n  - {id: reload-marker, type: Zone, name: 白鵝潭沿江, en: Marker}\n", 1))
			b = append(b, []byte("  - {from: reload-marker, rel: PART_OF, to: liwan-district, quote: 白鵝潭沿江總部經濟帶}\n")...)
		}
		return b
	})
	const query = `{"query":"{ stats { entities links } marker: entity(id: \"liwan-14fyp/zone/reload-marker\") { id } }"}`
	var stop atomic.Bool
	var requests, failures atomic.Int64
	var mu sync.Mutex
	seen := map[string]int{}
	var wg sync.WaitGroup
	for c := 0; c < 16; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !stop.Load() {
				r := do(t, "POST", srv.URL+"/graphql", map[string]string{"Content-Type": jsonCT}, query)
				requests.Add(1)
				var body struct {
					Data struct {
						Stats  struct{ Entities, Links int }
						Marker *struct{ ID string }
					}
					Errors []any
				}
				if r.status != 200 || json.Unmarshal([]byte(r.raw), &body) != nil || len(body.Errors) > 0 {
					failures.Add(1)
					t.Errorf("request failed during reloads: %d %s", r.status, r.raw)
					return
				}
				key := fmt.Sprintf("entities=%d links=%d marker=%v", body.Data.Stats.Entities, body.Data.Stats.Links, body.Data.Marker != nil)
				mu.Lock()
				seen[key]++
				mu.Unlock()
			}
		}()
	}
	for i := 0; i < 20; i++ {
		archive := v1
		if i%2 == 0 {
			archive = v2
		}
		r := do(t, "POST", srv.URL+"/admin/plans", map[string]string{"Authorization": "Bearer " + token}, string(archive))
		if r.status != 200 {
			t.Fatalf("reload %d: %d %s", i, r.status, r.raw)
		}
	}
	stop.Store(true)
	wg.Wait()
	// Exactly two consistent views may have been seen: v1 (no marker) and v2 (marker, one more
	// entity and link).
	e, l := fresh.Entities, fresh.Links
	total := func(m map[string]int) int {
		n := 0
		for _, v := range m {
			n += v
		}
		return n
	}
	want := map[string]bool{
		fmt.Sprintf("entities=%d links=%d marker=false", total(e), total(l)):    true,
		fmt.Sprintf("entities=%d links=%d marker=true", total(e)+1, total(l)+1): true,
	}
	for k, n := range seen {
		if !want[k] {
			t.Errorf("%d responses saw a mixed view: %s", n, k)
		}
	}
	if final := st.Snapshot().Stats(""); fmt.Sprint(final) != fmt.Sprint(fresh) {
		t.Errorf("after 20 reloads ending on v1: %+v, fresh load: %+v", final, fresh)
	}
	t.Logf("%d requests during 20 reloads, %d failed; views seen: %v", requests.Load(), failures.Load(), seen)
}
