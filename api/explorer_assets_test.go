package api_test

import (
	"context"
	"encoding/csv"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/plangraph/plangraph/api"
	"github.com/plangraph/plangraph/data"
	"github.com/plangraph/plangraph/graph"
	"github.com/plangraph/plangraph/loader"
	"github.com/plangraph/plangraph/schema"
)

// TestExplorerAssets checks, with no browser, that every route of the explorer serves its page
// and that everything the page loads (scripts, modules, styles) is served by the binary itself.
func TestExplorerAssets(t *testing.T) {
	ts := explorerServer(t)
	get := func(path string) (int, string, string) {
		t.Helper()
		res, err := http.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, err := io.ReadAll(res.Body)
		if err != nil {
			t.Fatal(err)
		}
		return res.StatusCode, res.Header.Get("Content-Type"), string(b)
	}
	var page string
	for _, path := range []string{"/", "/entity/liwan-14fyp/zone/baietan-bd", "/path", "/read", "/read/liwan-14fyp/ch3/s2/i1/p1"} {
		code, ctype, body := get(path)
		if code != 200 || !strings.HasPrefix(ctype, "text/html") || !strings.Contains(body, `src="/explorer/app.js"`) {
			t.Fatalf("GET %s: %d %s, want the explorer's page", path, code, ctype)
		}
		page = body
	}
	// Follow every asset of the page and every import of the modules.
	ref := regexp.MustCompile(`(?:src|href)="(/(?:explorer|vendor/\w+)/[^"]+)"|from '\./([\w.-]+\.js)'`)
	seen := map[string]bool{}
	queue := []string{page}
	for len(queue) > 0 {
		text := queue[0]
		queue = queue[1:]
		for _, m := range ref.FindAllStringSubmatch(text, -1) {
			path := m[1]
			if path == "" {
				path = "/explorer/" + m[2]
			}
			if seen[path] {
				continue
			}
			seen[path] = true
			code, ctype, body := get(path)
			if code != 200 || ctype == "application/octet-stream" {
				t.Errorf("GET %s: %d %s", path, code, ctype)
				continue
			}
			if strings.HasSuffix(path, ".js") && !strings.Contains(path, "cytoscape") && !strings.HasSuffix(path, "-base.js") {
				queue = append(queue, body)
			}
		}
	}
	for _, want := range []string{"/explorer/app.js", "/explorer/app.css", "/vendor/cytoscape/cytoscape.min.js", "/explorer/t2s.js", "/explorer/graph.js"} {
		if !seen[want] {
			t.Errorf("the page does not load %s", want)
		}
	}
	// Nothing comes from another host: the explorer works offline.
	for _, bad := range []string{`src="http`, `href="http`, `src="//`, `href="//`, "from 'http", `from "http`, "import('http"} {
		if strings.Contains(page, bad) {
			t.Errorf("the page refers to another host (%s)", bad)
		}
	}
}

// explorerServer serves the embedded Liwan plan from memory, as `plangraph serve` does.
func explorerServer(t *testing.T) *httptest.Server {
	t.Helper()
	ctx := context.Background()
	store, err := graph.Open(ctx, "memory")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	if _, err := loader.LoadInto(ctx, store, data.Liwan, ".", nil); err != nil {
		t.Fatal(err)
	}
	exec, err := schema.New(schema.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	srv := api.New(store, exec, api.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return ts
}

// csvRows counts the data rows of the CSV at url.
func csvRows(t *testing.T, url string) int {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	rows, err := csv.NewReader(resp.Body).ReadAll()
	if err != nil || len(rows) < 2 {
		t.Fatalf("GET %s: %d rows, %v", url, len(rows), err)
	}
	return len(rows) - 1
}

// walker runs the steps of the walk, failing the test with the step's name.
type walker struct {
	t   *testing.T
	ctx context.Context
	dir string
}

func (w *walker) do(step string, actions ...chromedp.Action[chromedp.Void]) {
	w.t.Helper()
	start := time.Now()
	if err := chromedp.Do(w.ctx, actions...); err != nil {
		w.shot("failed-" + strings.ReplaceAll(step, " ", "-"))
		w.t.Fatalf("%s: %v", step, err)
	}
	w.t.Logf("%s (%s)", step, time.Since(start).Round(time.Millisecond))
}

func (w *walker) shot(name string) {
	w.t.Helper()
	buf, err := chromedp.Run(w.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		w.t.Errorf("screenshot %s: %v", name, err)
		return
	}
	if err := os.WriteFile(filepath.Join(w.dir, name+".png"), buf, 0o644); err != nil {
		w.t.Error(err)
	}
}

func (w *walker) poll(what, expr string) {
	w.t.Helper()
	if _, err := chromedp.Run(w.ctx, chromedp.Poll[bool](expr, chromedp.WithPollingTimeout(20*time.Second))); err != nil {
		w.shot("failed-" + strings.ReplaceAll(what, " ", "-"))
		w.t.Fatalf("waiting for %s: %v", what, err)
	}
}

func (w *walker) text(sel string) string {
	w.t.Helper()
	s, err := chromedp.Run(w.ctx, chromedp.TextContent(chromedp.CSS(sel)))
	if err != nil {
		w.t.Fatalf("text of %s: %v", sel, err)
	}
	return strings.TrimSpace(s)
}

func (w *walker) value(sel string) string {
	w.t.Helper()
	s, err := chromedp.Run(w.ctx, chromedp.Value(chromedp.CSS(sel)))
	if err != nil {
		w.t.Fatalf("value of %s: %v", sel, err)
	}
	return s
}

func (w *walker) eval(expr string) string          { w.t.Helper(); return evaluate[string](w, expr) }
func (w *walker) evalInt(expr string) int          { w.t.Helper(); return evaluate[int](w, expr) }
func (w *walker) evalFloats(expr string) []float64 { w.t.Helper(); return evaluate[[]float64](w, expr) }

// evaluate runs a JavaScript expression in the page and decodes its value as a T.
func evaluate[T any](w *walker, expr string) T {
	w.t.Helper()
	v, err := chromedp.Run(w.ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		w.t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// checkBriefPDF reads the printed brief back with poppler's tools: A4 pages, a few of them, with
// the brief's words and none of the page's navigation.
func checkBriefPDF(t *testing.T, dir string, pdf []byte) {
	t.Helper()
	file := filepath.Join(dir, "09c-brief.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("PLANGRAPH_REQUIRE_BROWSER") == "1" {
			t.Fatal("pdftotext is missing (apt-get install poppler-utils)")
		}
		t.Skip("pdftotext is missing (apt-get install poppler-utils)")
	}
	info, err := exec.Command("pdfinfo", file).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	m := regexp.MustCompile(`Pages:\s+(\d+)`).FindSubmatch(info)
	pages, _ := strconv.Atoi(string(m[1]))
	if pages < 1 || pages > 10 {
		t.Errorf("the brief prints on %d pages", pages)
	}
	if !strings.Contains(string(info), "(A4)") {
		t.Errorf("the brief is not printed on A4: %s", info)
	}
	text, err := exec.Command("pdftotext", "-layout", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	for _, want := range []string{"生物醫藥", "海龍廣佛高質量發展科創示范區", "Policies"} {
		if !strings.Contains(string(text), want) {
			t.Errorf("the printed brief lacks %q", want)
		}
	}
	for _, bad := range []string{"Read the plan", "Search by name", "Markdown"} {
		if strings.Contains(string(text), bad) {
			t.Errorf("the printed brief shows the page's %q", bad)
		}
	}
	t.Logf("the brief prints on %d A4 pages", pages)
}
