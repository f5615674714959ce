package api_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/lib/pq"

	"github.com/plangraph/plangraph/api"
	"github.com/plangraph/plangraph/data"
	"github.com/plangraph/plangraph/graph"
	"github.com/plangraph/plangraph/internal/testkit"
	"github.com/plangraph/plangraph/loader"
	"github.com/plangraph/plangraph/schema"
)

// serverOn starts the API on the store at url, loading the Liwan plan into it.
func serverOn(t *testing.T, storeURL string, opts api.Options) (*httptest.Server, *graph.Store) {
	t.Helper()
	st, err := graph.Open(context.Background(), storeURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := loader.LoadInto(context.Background(), st, data.Liwan, ".", nil); err != nil {
		t.Fatal(err)
	}
	exec, err := schema.New(schema.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	srv := httptest.NewServer(api.New(st, exec, opts).Handler())
	t.Cleanup(srv.Close)
	return srv, st
}

// postgresURL returns a fresh, empty database on the test server, or skips.
func postgresURL(t testing.TB) string {
	t.Helper()
	return testkit.NewDatabase(t, "")
}

// apiStore is where newServer puts the Liwan plan: "" for a memory store, "postgres" when
// TestAPISuiteOnPostgres runs the package's tests again on PostgreSQL.
var apiStore = os.Getenv("PLANGRAPH_API_STORE")

// liwanTemplate is a database holding the Liwan plan, loaded once per process: each server
// of the run on PostgreSQL gets a copy of it (CREATE DATABASE … TEMPLATE, a file copy), where
// loading the plan anew would take seconds per test.
var liwanTemplate struct {
	once sync.Once
	name string
	err  error
}

// postgresWithLiwan returns a fresh database holding the Liwan plan.
func postgresWithLiwan(t testing.TB) string {
	t.Helper()
	base := testkit.RequirePostgres(t)
	liwanTemplate.once.Do(func() {
		name := fmt.Sprintf("apitemplate_%d", os.Getpid())
		if liwanTemplate.err = testkit.CreateDatabase(base, name, ""); liwanTemplate.err != nil {
			return
		}
		liwanTemplate.name = name
		st, err := graph.Open(context.Background(), testkit.DatabaseURL(base, name))
		if err != nil {
			liwanTemplate.err = err
			return
		}
		defer st.Close() // a template must have no connections when it is copied
		_, liwanTemplate.err = loader.LoadInto(context.Background(), st, data.Liwan, ".", nil)
	})
	if liwanTemplate.err != nil {
		t.Fatalf("load the Liwan plan into a template database: %v", liwanTemplate.err)
	}
	return testkit.NewDatabase(t, liwanTemplate.name)
}

func TestMain(m *testing.M) {
	code := m.Run()
	if liwanTemplate.name != "" {
		testkit.DropDatabase(os.Getenv("PLANGRAPH_TEST_POSTGRES"), liwanTemplate.name)
	}
	os.Exit(code)
}

// The API tests run on PostgreSQL too: this runs the package's tests again in a child process
// whose newServer serves a PostgreSQL database holding the plan instead of a memory store.
// Left out: the browser test (it reads the same API and takes the longest) and the tests that
// choose their stores themselves.
func TestAPISuiteOnPostgres(t *testing.T) {
	if apiStore != "" {
		t.Skip("this is the run on PostgreSQL")
	}
	testkit.RequirePostgres(t)
	if testing.Short() {
		t.Skip("-short: the API suite is not run a second time on PostgreSQL")
	}
	cmd := exec.Command(os.Args[0], "-test.run=.", "-test.skip=TestAPISuiteOnPostgres|TestExplorerInBrowser|TestThreeLevelQueryOnEveryStore|TestPostgresOutageAndRecovery|TestAuditOnPostgres", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), "PLANGRAPH_API_STORE=postgres")
	out, err := cmd.CombinedOutput()
	passed := strings.Count(string(out), "--- PASS")
	if err != nil {
		t.Fatalf("the API suite on PostgreSQL failed (%v):\n%s", err, failures(out))
	}
	t.Logf("the API suite on PostgreSQL: %d tests and subtests passed", passed)
}

// failures keeps the lines of a verbose test run that tell what failed.
func failures(out []byte) string {
	var keep []string
	for _, l := range strings.Split(string(out), "\n") {
		if !strings.HasPrefix(strings.TrimSpace(l), "=== ") && !strings.Contains(l, "--- PASS") && !strings.Contains(l, "--- SKIP") {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "\n")
}

// The same API answers the same three-level query on every store. (cayley's own GraphQL engine
// panics on any two-level query over Postgres; this one reads its index.)
func TestThreeLevelQueryOnEveryStore(t *testing.T) {
	const q = `{"query":"{ entity(id: \"liwan-14fyp/zone/baietan-bd\") { name ... on Zone { children { name industries { name zones { name } } } } } }"}`
	var want string
	for _, store := range []string{"memory", "bolt", "postgres"} {
		t.Run(store, func(t *testing.T) {
			u := store
			switch store {
			case "bolt":
				u = "bolt://" + filepath.Join(t.TempDir(), "db")
			case "postgres":
				u = postgresURL(t)
			}
			srv, _ := serverOn(t, u, api.Options{})
			r := do(t, "POST", srv.URL+"/graphql", map[string]string{"Content-Type": jsonCT}, q)
			if r.status != 200 || r.code() != "" || !strings.Contains(r.raw, "白鵝潭核心區") {
				t.Fatalf("%d %s", r.status, r.raw)
			}
			if want == "" {
				want = r.raw
			} else if r.raw != want {
				t.Errorf("answer on %s differs from memory's:\n%s\n%s", store, r.raw, want)
			}
		})
	}
}

// With PostgreSQL stopped, the API answers a clear error and /readyz says not ready; when it
// returns, service resumes without a restart. The test runs its own PostgreSQL cluster, so
// stopping it disturbs no other test.
func TestPostgresOutageAndRecovery(t *testing.T) {
	pg := startPostgres(t)
	srv, _ := serverOn(t, pg.url, api.Options{RefreshEvery: 50 * time.Millisecond})
	query := func() reply {
		return do(t, "POST", srv.URL+"/graphql", map[string]string{"Content-Type": jsonCT, "Accept": gqlResp}, `{"query":"{ search(text: \"白鹅潭\", first: 1) { entity { name } } }"}`)
	}
	if r := query(); r.status != 200 {
		t.Fatalf("before the outage: %d %s", r.status, r.raw)
	}
	pg.ctl(t, "stop", "-m", "fast")
	time.Sleep(100 * time.Millisecond) // let the last good freshness check expire
	if r := query(); r.status != 503 || r.code() != "STORE_UNAVAILABLE" {
		t.Errorf("during the outage: %d %s, want 503 STORE_UNAVAILABLE", r.status, r.raw)
	}
	if r := do(t, "GET", srv.URL+"/export/entities.csv?type=TARGET", nil, ""); r.status != 503 || r.code() != "STORE_UNAVAILABLE" {
		t.Errorf("a CSV table during the outage: %d %s, want 503 STORE_UNAVAILABLE", r.status, r.raw)
	}
	if r := do(t, "GET", srv.URL+"/readyz", nil, ""); r.status != 503 {
		t.Errorf("/readyz during the outage: %d %s", r.status, r.raw)
	}
	if r := do(t, "GET", srv.URL+"/healthz", nil, ""); r.status != 200 {
		t.Errorf("/healthz during the outage: %d (the process is alive)", r.status)
	}
	pg.ctl(t, "start", "-w", "-l", filepath.Join(pg.dir, "log"), "-o", pg.opts)
	deadline := time.Now().Add(30 * time.Second)
	for do(t, "GET", srv.URL+"/readyz", nil, "").status != 200 {
		if time.Now().After(deadline) {
			t.Fatal("/readyz did not recover within 30s after PostgreSQL came back")
		}
		time.Sleep(100 * time.Millisecond)
	}
	if r := query(); r.status != 200 || !strings.Contains(r.raw, "白鵝潭商務區") {
		t.Errorf("after recovery: %d %s", r.status, r.raw)
	}
}

type pgCluster struct {
	bin, dir, opts, url string
	root                bool
}

func (c *pgCluster) ctl(t *testing.T, args ...string) {
	t.Helper()
	full := append([]string{filepath.Join(c.bin, "pg_ctl"), "-D", c.dir}, args...)
	if c.root {
		full = append([]string{"runuser", "-u", "postgres", "--"}, full...)
	}
	if out, err := pgCommand(full).CombinedOutput(); err != nil {
		t.Fatalf("pg_ctl %v: %v\n%s", args, err, out)
	}
}

// startPostgres runs a private PostgreSQL cluster for one test (Debian's postgresql package).
func startPostgres(t *testing.T) *pgCluster {
	t.Helper()
	bins, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	if len(bins) == 0 {
		if os.Getenv("PLANGRAPH_REQUIRE_POSTGRES") == "1" {
			t.Fatal("no PostgreSQL server installed")
		}
		t.Skip("no PostgreSQL server installed (apt-get install postgresql)")
	}
	c := &pgCluster{bin: filepath.Dir(bins[len(bins)-1]), root: os.Getuid() == 0}
	parent, err := os.MkdirTemp("", "pgtest")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(parent) })
	c.dir = filepath.Join(parent, "data")
	if c.root {
		if out, err := exec.Command("chown", "-R", "postgres", parent).CombinedOutput(); err != nil {
			t.Fatalf("chown: %v %s", err, out)
		}
		os.Chmod(parent, 0o755)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	initdb := []string{filepath.Join(c.bin, "initdb"), "-D", c.dir, "-A", "trust", "-U", "postgres", "-E", "UTF8"}
	if c.root {
		initdb = append([]string{"runuser", "-u", "postgres", "--"}, initdb...)
	}
	if out, err := pgCommand(initdb).CombinedOutput(); err != nil {
		t.Fatalf("initdb: %v\n%s", err, out)
	}
	c.opts = fmt.Sprintf("-c listen_addresses=127.0.0.1 -p %d -k %s -c fsync=off", port, parent)
	c.ctl(t, "start", "-w", "-l", filepath.Join(c.dir, "log"), "-o", c.opts)
	t.Cleanup(func() {
		full := []string{filepath.Join(c.bin, "pg_ctl"), "-D", c.dir, "-m", "immediate", "stop"}
		if c.root {
			full = append([]string{"runuser", "-u", "postgres", "--"}, full...)
		}
		_ = pgCommand(full).Run()
	})
	c.url = fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable&connect_timeout=2", port)
	return c
}

// pgCommand runs a PostgreSQL command from /, which the postgres user can enter (the test's
// directory, in a private clone, it may not).
func pgCommand(args []string) *exec.Cmd {
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Dir = "/"
	return cmd
}

// The graphql-http audit passes on a server whose store is PostgreSQL too.
func TestAuditOnPostgres(t *testing.T) {
	bin, dir := node(t)
	srv, _ := serverOn(t, postgresURL(t), api.Options{})
	out, err := exec.Command(bin, filepath.Join(dir, "audit.mjs"), srv.URL+"/graphql").Output()
	if err != nil {
		t.Fatalf("audit: %v\n%s", err, out)
	}
	if n := strings.Count(string(out), `"status":"ok"`); n != strings.Count(string(out), "\n") || n < 40 {
		t.Errorf("%d of %d audits ok on PostgreSQL:\n%s", n, strings.Count(string(out), "\n"), out)
	}
}
