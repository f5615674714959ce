package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// run runs the command in-process and returns its stdout, stderr and error.
func run(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	m := &Main{Stdout: &out, Stderr: &errOut}
	err := m.Run(context.Background(), args)
	return out.String(), errOut.String(), err
}

func statsOf(t *testing.T, args ...string) statsJSON {
	t.Helper()
	out, _, err := run(t, append([]string{"stats", "--json"}, args...)...)
	if err != nil {
		t.Fatal(err)
	}
	var s statsJSON
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	return s
}

// With no flags, stats reads the embedded Liwan plan and meets the dataset's minimums.
func TestStatsOnEmbeddedData(t *testing.T) {
	s := statsOf(t)
	for typ, min := range map[string]int{"Zone": 120, "Project": 100, "Organisation": 30, "Industry": 100, "Policy": 130, "Strategy": 40, "Target": 20, "Term": 20} {
		if s.EntitiesByType[typ] < min {
			t.Errorf("%s: %d, want ≥ %d", typ, s.EntitiesByType[typ], min)
		}
	}
	if s.Links < 500 || s.LinksWithEvidence != s.Links {
		t.Errorf("%d links, %d with evidence: want ≥ 500, all with evidence", s.Links, s.LinksWithEvidence)
	}
	if s.Mentions < 1500 || s.Chapters != 11 {
		t.Errorf("%d mentions, %d chapters", s.Mentions, s.Chapters)
	}
}

// copyDataset copies the Liwan dataset to a temporary directory.
func copyDataset(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files, err := filepath.Glob("../../data/liwan/*")
	if err != nil || len(files) == 0 {
		t.Fatalf("dataset: %v", err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// A bolt store keeps the plan across restarts; a wrong dataset fails naming each file:line
// and leaves the stored plan unchanged.
func TestLoadBoltAndRejectBadDataset(t *testing.T) {
	store := "bolt://" + filepath.Join(t.TempDir(), "db")
	out, _, err := run(t, "load", "--store", store)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "loaded liwan-14fyp") {
		t.Errorf("load summary: %s", out)
	}
	first := statsOf(t, "--store", store)
	if first.Quads == 0 {
		t.Fatal("nothing stored")
	}
	bad := copyDataset(t)
	spine := filepath.Join(bad, "00-spine.yaml")
	b, _ := os.ReadFile(spine)
	b = bytes.Replace(b, []byte("“1”指白鵝潭商務區的核心區組團"), []byte("規劃裏沒有這句話"), 1)
	b = bytes.Replace(b, []byte("to: baietan-bd,"), []byte("to: no-such-zone,"), 1)
	if err := os.WriteFile(spine, b, 0o644); err != nil {
		t.Fatal(err)
	}
	dup := "entities:\n  - {id: baietan-bd, type: Zone, name: 白鵝潭商務區, en: Dup}\n"
	if err := os.WriteFile(filepath.Join(bad, "99-dup.yaml"), []byte(dup), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err = run(t, "load", "--store", store, bad)
	if err == nil {
		t.Fatal("a wrong dataset loaded")
	}
	if exitCode(err) != 2 {
		t.Errorf("exit status %d, want 2", exitCode(err))
	}
	for _, want := range []string{"00-spine.yaml:", "規劃裏沒有這句話", `"no-such-zone"`, "duplicate id \"baietan-bd\""} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not mention %s:\n%v", want, err)
		}
	}
	if again := statsOf(t, "--store", store); again.Quads != first.Quads || again.Links != first.Links {
		t.Errorf("after a failed load: %+v, before: %+v", again, first)
	}
	// validate reports the same problems without a store.
	if _, _, err := run(t, "validate", bad); err == nil || !strings.Contains(err.Error(), "00-spine.yaml:") {
		t.Errorf("validate: %v", err)
	}
}

func TestExportFormats(t *testing.T) {
	for format, want := range map[string]string{
		"nquads":  "<liwan-14fyp/zone/baietan-bd> <pg:name> \"白鵝潭商務區\" .",
		"jsonld":  `"@id"`,
		"graphml": `<node id="liwan-14fyp/zone/baietan-bd"><data key="type">Zone</data>`,
	} {
		out, _, err := run(t, "export", "--format", format)
		if err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		if !strings.Contains(out, want) {
			t.Errorf("%s export lacks %s", format, want)
		}
	}
	if _, _, err := run(t, "export", "--format", "xlsx"); err == nil {
		t.Error("unknown format accepted")
	}
}

func TestQueryCommand(t *testing.T) {
	out, _, err := run(t, "query", `{ search(text: "baietan", first: 1) { entity { name } } }`)
	if err != nil || !strings.Contains(out, "白鵝潭商務區") {
		t.Errorf("query: %v %s", err, out)
	}
	if _, _, err := run(t, "query", `{ nope }`); err == nil {
		t.Error("an invalid query exited 0")
	}
}

// serve starts on 127.0.0.1:0, answers GraphQL, logs JSON lines with request ids, and stops
// cleanly when its context ends.
func TestServe(t *testing.T) {
	base, stop, done, logs := startServe(t, "--log-format", "json")
	resp, err := http.Post(base+"/graphql", "application/json", strings.NewReader(`{"query":"{ search(text: \"白鹅潭\", first: 1) { entity { name } } }"}`))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "白鵝潭商務區") {
		t.Errorf("%d %s", resp.StatusCode, body)
	}
	stop()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop")
	}
	for _, want := range []string{`"msg":"serving"`, `"msg":"request"`, `"request_id"`, `"msg":"stopped"`} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("logs lack %s", want)
		}
	}
}

// startServe runs serve in-process and returns its base URL, a stop function and its logs.
func startServe(t *testing.T, args ...string) (string, context.CancelFunc, <-chan error, *bytes.Buffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	addr := make(chan string, 1)
	logs := &bytes.Buffer{}
	m := &Main{Stdout: io.Discard, Stderr: &syncWriter{w: logs}, Ready: func(a string) { addr <- a }}
	done := make(chan error, 1)
	go func() { done <- m.Run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)) }()
	select {
	case a := <-addr:
		return "http://" + a, cancel, done, logs
	case err := <-done:
		t.Fatalf("serve ended: %v", err)
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not start")
	}
	return "", cancel, done, logs
}

type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

// A client that sends its headers slowly is cut off at the read timeout while others are
// served; on shutdown a request in flight is finished before the server stops.
func TestServeSlowClientsAndDrain(t *testing.T) {
	base, stop, done, _ := startServe(t, "--read-timeout", "1s", "--shutdown-timeout", "10s")
	host := strings.TrimPrefix(base, "http://")
	slow, err := net.Dial("tcp", host)
	if err != nil {
		t.Fatal(err)
	}
	defer slow.Close()
	fmt.Fprintf(slow, "POST /graphql HTTP/1.1\r\nHost: %s\r\n", host) // and never the rest
	if resp, err := http.Get(base + "/healthz"); err != nil || resp.StatusCode != 200 {
		t.Fatalf("other clients are not served while one is slow: %v", err)
	}
	slow.SetReadDeadline(time.Now().Add(10 * time.Second))
	start := time.Now()
	if _, err := io.ReadAll(slow); err != nil {
		t.Fatalf("the slow connection was not closed by the server: %v", err)
	}
	t.Logf("slow client cut off after %v", time.Since(start).Round(100*time.Millisecond))

	// A request whose body is still arriving when shutdown starts is answered.
	pr, pw := io.Pipe()
	req, _ := http.NewRequest("POST", base+"/graphql", pr)
	req.Header.Set("Content-Type", "application/json")
	answered := make(chan *http.Response, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Errorf("in-flight request failed: %v", err)
			answered <- nil
			return
		}
		answered <- resp
	}()
	io.WriteString(pw, `{"query":"{ stats `)
	time.Sleep(200 * time.Millisecond)
	stop() // shutdown starts with the request half-read
	time.Sleep(200 * time.Millisecond)
	io.WriteString(pw, `{ plans } }"}`)
	pw.Close()
	resp := <-answered
	if resp == nil || resp.StatusCode != 200 {
		t.Fatalf("in-flight request during shutdown: %v", resp)
	}
	body, _ := io.ReadAll(resp.Body)
	if !strings.Contains(string(body), `"plans":1`) {
		t.Errorf("in-flight answer: %s", body)
	}
	if err := <-done; err != nil {
		t.Errorf("serve: %v", err)
	}
}

// lint prints file:line findings and a summary; it exits 1 on an error (and, with --strict, on
// a warning), works on the embedded plan with no DIR, and --json prints the report.
func TestLintCommand(t *testing.T) {
	out, _, err := run(t, "lint", "../../loader/lint/testdata/orphan-broken")
	if exitCode(err) != 1 || !strings.Contains(out, "data.yaml:10: orphan: health-care") || !strings.Contains(out, "1 error, 0 warnings") {
		t.Errorf("orphan-broken: exit %d, output:\n%s", exitCode(err), out)
	}
	if _, _, err := run(t, "lint", "../../loader/lint/testdata/unstated-broken"); err != nil {
		t.Errorf("a warning alone: %v, want exit 0", err)
	}
	if _, _, err := run(t, "lint", "--strict", "../../loader/lint/testdata/unstated-broken"); exitCode(err) != 1 {
		t.Errorf("--strict with a warning: %v, want exit 1", err)
	}
	if _, _, err := run(t, "lint", "--strict", "../../loader/lint/testdata/unstated-acked"); err != nil {
		t.Errorf("--strict with an acknowledged warning: %v, want exit 0", err)
	}
	out, _, _ = run(t, "lint", "--json", "../../loader/lint/testdata/golden")
	var rep struct {
		Findings []struct{ File, Rule, Level, Ack string }
		Summary  struct{ Links, Stated, Errors, Warnings, Acknowledged, Unlinked int }
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if s := rep.Summary; s.Links != 6 || s.Stated != 3 || s.Errors != 1 || s.Warnings != 3 || s.Acknowledged != 1 || s.Unlinked != 1 || len(rep.Findings) != 5 {
		t.Errorf("--json: %+v", rep)
	}
	// The embedded plan: loads and prints its summary whatever the curators' current counts.
	out, _, err = run(t, "lint")
	if err != nil && exitCode(err) != 1 || !strings.Contains(out, " links, ") {
		t.Errorf("embedded plan: %v\n%s", err, out)
	}
	if _, _, err := run(t, "lint", t.TempDir()); exitCode(err) != 2 {
		t.Errorf("a directory with no dataset: %v, want exit 2", err)
	}
}

func TestRecallCommand(t *testing.T) {
	const ds, inv = "../../loader/inventory/testdata/dataset", "../../loader/inventory/testdata/inventory.md"
	out, _, err := run(t, "recall", "--dataset", ds, "--misses", inv)
	if err != nil || !strings.Contains(out, "inventory.md:23: missing link 大坦沙健康醫療組團 — LOCATED_IN — 大坦沙島") ||
		!strings.Contains(out, "entities 7 of 9 held (77.8%); links 3 of 5 held (60.0%)") {
		t.Errorf("--misses: %v\n%s", err, out)
	}
	out, _, err = run(t, "recall", "--dataset", ds, "--json", inv, inv)
	var rep struct {
		Inventories []struct{ File string }
		Total       struct{ Entities, EntitiesHeld, Links, LinksHeld int }
	}
	if err != nil || json.Unmarshal([]byte(out), &rep) != nil || len(rep.Inventories) != 2 || rep.Total.Entities != 18 || rep.Total.LinksHeld != 6 {
		t.Errorf("--json over two files: %v %+v\n%s", err, rep, out)
	}
	// Against an earlier version: its shares, what share of its misses remain, what was lost.
	out, _, err = run(t, "recall", "--dataset", ds, "--baseline", "../../loader/inventory/testdata/baseline", "--misses", inv)
	for _, want := range []string{
		"inventory.md:11: lost entity 智慧零售: the baseline holds it",
		"inventory.md (baseline): entities 7 of 9 held (77.8%); links 4 of 5 held (80.0%)",
		"inventory.md: still missed: 100% of the baseline's missed entities, 200% of its missed links",
	} {
		if err != nil || !strings.Contains(out, want) {
			t.Errorf("--baseline: %v, want %q in\n%s", err, want, out)
		}
	}
	if _, _, err := run(t, "recall", "--dataset", ds, "--baseline", t.TempDir(), inv); exitCode(err) != 2 || !strings.HasPrefix(err.Error(), "baseline ") {
		t.Errorf("a baseline with no dataset: %v, want exit 2 naming the baseline", err)
	}
	bad := filepath.Join(t.TempDir(), "bad.md")
	if err := os.WriteFile(bad, []byte("## Links\n- 白鵝潭 — NEAR — 廣州\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := run(t, "recall", "--dataset", ds, bad); exitCode(err) != 2 || !strings.Contains(err.Error(), "bad.md:2: unknown relation") {
		t.Errorf("a malformed inventory: %v, want exit 2 naming bad.md:2", err)
	}
	if _, _, err := run(t, "recall", "--dataset", t.TempDir(), inv); exitCode(err) != 2 {
		t.Errorf("a directory with no dataset: %v, want exit 2", err)
	}
	// The embedded plan is the default dataset.
	if out, _, err := run(t, "recall", inv); err != nil || !strings.Contains(out, "held") {
		t.Errorf("embedded plan: %v\n%s", err, out)
	}
}
