package api_test

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/plangraph/plangraph/api"
	"github.com/plangraph/plangraph/schema"
)

// The request budget: the reproductions of the reliability issue each end with a correct
// answer or a clear error, not with gigabytes of work.
func TestRequestBudget(t *testing.T) {
	srv, _ := newServer(t, api.Options{MaxBodyBytes: 4 << 20}, schema.Limits{Timeout: 5 * time.Second, MaxResponseBytes: 1 << 20})
	gql := srv.URL + "/graphql"
	h := map[string]string{"Content-Type": jsonCT}
	post := func(q string, vars map[string]any) reply {
		b, _ := json.Marshal(map[string]any{"query": q, "variables": vars})
		return do(t, "POST", gql, h, string(b))
	}
	repeat := func(vals []any, n int) []any {
		out := make([]any, 0, len(vals)*n)
		for range n {
			out = append(out, vals...)
		}
		return out
	}
	three := []any{"PART_OF", "SERVES", "FOCUSES_ON"}

	t.Run("repeated enum values ask what the distinct ones ask", func(t *testing.T) {
		for _, q := range []string{
			`query($r: [Relation!]) { entities(first: 1000) { nodes { linkCount(relations: $r) } } }`,
			`query($r: [Relation!]) { entity(id: "liwan-14fyp/zone/baietan-bd") { links(relations: $r) { relation entity { id } } } }`,
			`query($r: [Relation!]) { paths(from: "liwan-14fyp/zone/julong-cluster", to: "liwan-14fyp/zone/liwan-district", maxHops: 6, first: 1000, relations: $r) { length } }`,
		} {
			want := post(q, map[string]any{"r": three})
			got := post(q, map[string]any{"r": repeat(three, 30000)})
			if got.status != 200 || want.status != 200 || got.raw != want.raw {
				t.Errorf("%s\nrepeated: %d %.300s\ndistinct: %d %.300s", q, got.status, got.raw, want.status, want.raw)
			}
		}
	})
	t.Run("a long search string is refused", func(t *testing.T) {
		r := post(`query($t: String!) { search(text: $t) { matched } }`, map[string]any{"t": strings.Repeat("長", 400)})
		if r.code() != "ARGUMENT_TOO_LARGE" {
			t.Errorf("%d %s %.300s", r.status, r.code(), r.raw)
		}
	})
	t.Run("a huge string variable is refused before the search", func(t *testing.T) {
		r := post(`query($t: String!) { searchText(text: $t) { paragraph { id } } }`, map[string]any{"t": strings.Repeat("荔灣", 150000)})
		if r.code() != "ARGUMENT_TOO_LARGE" || len(r.raw) > 2000 {
			t.Errorf("%d %s %.300s", r.status, r.code(), r.raw)
		}
	})
	t.Run("the response has a byte budget", func(t *testing.T) {
		aliases := make([]string, 400)
		for i := range aliases {
			aliases[i] = fmt.Sprintf(`a%d: searchText(text: "荔灣", first: 20) { paragraph { text } }`, i)
		}
		r := post("{ "+strings.Join(aliases, " ")+" }", nil)
		if c := r.code(); c != "RESPONSE_TOO_LARGE" && c != "QUERY_TOO_COMPLEX" {
			t.Errorf("%d %s %.300s", r.status, c, r.raw)
		}
		if len(r.raw) > 3<<20 {
			t.Errorf("response of %d bytes, past its 1 MiB budget by far", len(r.raw))
		}
	})
	t.Run("introspection counts at its size", func(t *testing.T) {
		aliases := make([]string, 500)
		for i := range aliases {
			aliases[i] = fmt.Sprintf("s%d: __schema { types { name fields { name } } }", i)
		}
		r := post("{ "+strings.Join(aliases, " ")+" }", nil)
		if r.code() != "QUERY_TOO_COMPLEX" || len(r.raw) > 10000 {
			t.Errorf("%d %s, %d bytes: %.300s", r.status, r.code(), len(r.raw), r.raw)
		}
	})
	t.Run("a bad cursor is not echoed in full", func(t *testing.T) {
		r := post(`query($a: String) { entities(after: $a) { totalCount } }`, map[string]any{"a": strings.Repeat("x", 1000)})
		if r.code() != "BAD_USER_INPUT" || len(r.raw) > 1000 {
			t.Errorf("%d %s, %d bytes: %.300s", r.status, r.code(), len(r.raw), r.raw)
		}
	})
}

// A client that sends the whole of an over-limit body before reading the answer (as Python's
// urllib and requests do) reads the 413, not a reset connection.
func TestOverLimitBodyIsAnswered(t *testing.T) {
	srv, _ := newServer(t, api.Options{MaxBodyBytes: 1 << 16}, schema.Limits{})
	conn, err := net.Dial("tcp", strings.TrimPrefix(srv.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	body := `{"query":"{ stats { plans } }","variables":{"x":"` + strings.Repeat("x", 1<<20) + `"}}`
	fmt.Fprintf(conn, "POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n", len(body))
	if _, err := conn.Write([]byte(body)); err != nil {
		t.Fatalf("writing the body: %v", err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("no answer: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("status %d, want 413", resp.StatusCode)
	}
}

// Admin: an archive bomb, duplicate entries, a lower-case scheme, an over-long plan id and a
// browser's preflight.
func TestAdminBudget(t *testing.T) {
	const token = "s3cret-token"
	srv, _ := newServer(t, api.Options{AdminToken: token, CORSOrigins: []string{"http://app.example"}}, schema.Limits{})
	auth := map[string]string{"Authorization": "bearer " + token}
	zipOf := func(files map[string][]byte, repeat int) string {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for name, b := range files {
			for i := range repeat {
				n := name
				if repeat > 1 {
					n = fmt.Sprintf("%d-%s", i, name)
				}
				w, _ := zw.Create(n)
				w.Write(b)
			}
		}
		zw.Close()
		return buf.String()
	}
	t.Run("bomb", func(t *testing.T) {
		r := do(t, "POST", srv.URL+"/admin/plans", auth, zipOf(map[string][]byte{"z.yaml": make([]byte, 4<<20)}, 40))
		if r.status != 400 || !strings.Contains(r.raw, "decompress to more than") {
			t.Errorf("%d %.300s", r.status, r.raw)
		}
	})
	t.Run("duplicate entries", func(t *testing.T) {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for range 2 {
			w, _ := zw.Create("plan.yaml")
			w.Write([]byte("id: x\n"))
		}
		zw.Close()
		r := do(t, "POST", srv.URL+"/admin/plans", auth, buf.String())
		if r.status != 400 || !strings.Contains(r.raw, "twice") {
			t.Errorf("%d %.300s", r.status, r.raw)
		}
	})
	t.Run("long plan id", func(t *testing.T) {
		r := do(t, "DELETE", srv.URL+"/admin/plans/"+strings.Repeat("a", 5000), auth, "")
		if r.status != 400 || len(r.raw) > 1000 {
			t.Errorf("%d %.300s", r.status, r.raw)
		}
	})
	t.Run("preflight allows the token and DELETE", func(t *testing.T) {
		r := do(t, "OPTIONS", srv.URL+"/admin/plans/x", map[string]string{"Origin": "http://app.example", "Access-Control-Request-Method": "DELETE"}, "")
		if !strings.Contains(r.header.Get("Access-Control-Allow-Headers"), "Authorization") || !strings.Contains(r.header.Get("Access-Control-Allow-Methods"), "DELETE") {
			t.Errorf("%d %v", r.status, r.header)
		}
	})
}

// slowLoader takes its time before loading, as a large dataset does.
type slowLoader struct {
	api.PlanLoader
	wait time.Duration
}

func (l slowLoader) LoadPlan(ctx context.Context, fsys fs.FS) (api.LoadSummary, error) {
	time.Sleep(l.wait)
	return l.PlanLoader.LoadPlan(ctx, fsys)
}

// An upload that takes longer than the server's write timeout is still answered: the client
// whose plan was stored is told so, not left with a dropped connection.
func TestUploadOutlastsWriteTimeout(t *testing.T) {
	const token = "s3cret-token"
	_, st := newServer(t, api.Options{}, schema.Limits{})
	exec, err := schema.New(schema.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	opts := api.Options{AdminToken: token, PlanLoader: slowLoader{&planService{store: st}, 700 * time.Millisecond}, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	srv := httptest.NewUnstartedServer(api.New(st, exec, opts).Handler())
	srv.Config.WriteTimeout = 200 * time.Millisecond
	srv.Start()
	t.Cleanup(srv.Close)
	plan := tarball(t, func(name string, b []byte) []byte {
		if name == "plan.yaml" {
			return bytes.Replace(b, []byte("id: liwan-14fyp"), []byte("id: liwan-slow"), 1)
		}
		return b
	})
	r := do(t, "POST", srv.URL+"/admin/plans", map[string]string{"Authorization": "Bearer " + token}, string(plan))
	if r.status != 200 || r.body["plan"] != "liwan-slow" {
		t.Fatalf("%d %.300s", r.status, r.raw)
	}
}

// Of several removals of one plan at once, one removes it and the others are told it is gone.
func TestConcurrentDeletesOfOnePlan(t *testing.T) {
	const token = "s3cret-token"
	srv, _ := newServer(t, api.Options{AdminToken: token}, schema.Limits{})
	plan := tarball(t, func(name string, b []byte) []byte {
		if name == "plan.yaml" {
			return bytes.Replace(b, []byte("id: liwan-14fyp"), []byte("id: liwan-twice"), 1)
		}
		return b
	})
	if r := do(t, "POST", srv.URL+"/admin/plans", map[string]string{"Authorization": "Bearer " + token}, string(plan)); r.status != 200 {
		t.Fatalf("upload: %d %.300s", r.status, r.raw)
	}
	statuses := make(chan int, 4)
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			statuses <- do(t, "DELETE", srv.URL+"/admin/plans/liwan-twice", map[string]string{"Authorization": "Bearer " + token}, "").status
		}()
	}
	wg.Wait()
	close(statuses)
	count := map[int]int{}
	for s := range statuses {
		count[s]++
	}
	if count[200] != 1 || count[404] != 3 {
		t.Errorf("statuses %v, want one 200 and three 404", count)
	}
}

// Guessing the admin token is throttled: after maxTokenFailures wrong tokens in a minute, the
// address is refused with 429 and Retry-After, even with the right token, until the minute ends.
func TestWrongTokensAreThrottled(t *testing.T) {
	const token = "s3cret-token"
	srv, _ := newServer(t, api.Options{AdminToken: token}, schema.Limits{})
	for i := range 10 {
		if r := do(t, "DELETE", srv.URL+"/admin/plans/x", map[string]string{"Authorization": "Bearer wrong"}, ""); r.status != 403 {
			t.Fatalf("attempt %d: %d", i+1, r.status)
		}
	}
	r := do(t, "DELETE", srv.URL+"/admin/plans/x", map[string]string{"Authorization": "Bearer " + token}, "")
	if r.status != 429 || r.header.Get("Retry-After") == "" {
		t.Errorf("after 10 wrong tokens: %d %v", r.status, r.header)
	}
}
