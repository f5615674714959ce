package main

import (
	"context"
	"encoding/csv"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/plangraph/plangraph/api"
	"github.com/plangraph/plangraph/data"
	"github.com/plangraph/plangraph/graph"
	"github.com/plangraph/plangraph/loader"
	"github.com/plangraph/plangraph/schema"
)

// The targets table of `plangraph export --format csv --type TARGET` is the one the explorer's
// list of targets downloads, byte for byte, and it holds every target with its qualifier.
func TestExportCSVMatchesTheListDownload(t *testing.T) {
	out, _, err := run(t, "export", "--format", "csv", "--type", "TARGET")
	if err != nil {
		t.Fatal(err)
	}
	st, err := graph.Open(context.Background(), "memory")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	l, err := loader.LoadInto(context.Background(), st, data.Liwan, ".", nil)
	if err != nil {
		t.Fatal(err)
	}
	ex, err := schema.New(schema.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(api.New(st, ex, api.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}).Handler())
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/export/entities.csv?type=TARGET")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/csv") {
		t.Fatalf("%d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if string(body) != out {
		t.Errorf("the download (%d bytes) differs from the export (%d bytes)", len(body), len(out))
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if want := l.Counts()["Target"]; len(rows)-1 != want {
		t.Errorf("%d target rows, the dataset has %d targets", len(rows)-1, want)
	}
	col := map[string]int{}
	for i, c := range rows[0] {
		col[c] = i
	}
	qualifiers := map[string]int{}
	for _, r := range rows[1:] {
		qualifiers[r[col["qualifier"]]]++
	}
	if qualifiers["ABOUT"] == 0 || qualifiers["AT_LEAST"] == 0 || qualifiers["EXACT"] == 0 {
		t.Errorf("qualifiers in the table: %v", qualifiers)
	}
	links, _, err := run(t, "export", "--format", "links-csv")
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(links, "\n") - 1; n != l.Counts()["citations"] {
		t.Errorf("%d link rows, the dataset has %d citations", n, l.Counts()["citations"])
	}
}
