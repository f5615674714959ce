// Package table writes the graph's entities and links as tables (CSV) for spreadsheets: the
// rows are read through the GraphQL executor, so a table says what the API says. The CLI's
// export and the explorer's downloads both write them here, byte for byte the same.
package table

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/plangraph/plangraph/schema"
)

// bom starts every table: spreadsheet programs read a UTF-8 file as UTF-8 only with it, and
// the plan's names are Chinese.
const bom = "\uFEFF"

// page is how many entities one query asks for: within the executor's limits, links and
// citations included.
const page = 200

// Entities writes every entity of one type (every type when typ is "") of one plan (every plan
// when plan is ""), ordered by id: common columns, then the type's own (a target's indicator,
// value, unit, year and qualifier; a term's definition).
func Entities(ctx context.Context, ex *schema.Executor, r schema.Reader, plan, typ string, w io.Writer) error {
	cols := []string{"id", "type", "name", "nameSimplified", "nameEn", "pinyin", "aliases", "aliasesEn", "description", "descriptionEn", "chapters", "linkCount", "mentionCount"}
	if typ == "" || typ == "TARGET" {
		cols = append(cols, "indicator", "value", "unit", "year", "qualifier", "quote")
	}
	if typ == "" || typ == "TERM" {
		cols = append(cols, "definition", "definitionEn")
	}
	q := `query Table($type: EntityType, $plan: ID, $after: String, $first: Int) {
  entities(type: $type, filter: {plan: $plan}, orderBy: {field: ID}, first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { id type name nameSimplified nameEn pinyin aliases aliasesEn description descriptionEn linkCount mentionCount chapters { localId }
      ... on Target { indicator value unit year qualifier evidence { quote } }
      ... on Term { definition definitionEn } }
  }
}`
	return write(ctx, ex, r, q, vars(plan, typ), cols, w, func(cw *csv.Writer, n map[string]any) error {
		row := make([]string, len(cols))
		for i, c := range cols {
			row[i] = cell(n, c)
		}
		return cw.Write(row)
	})
}

// Links writes every link of one plan (every plan when plan is ""), one row per citation: the
// two ends, the relation, and the words that state it with their period and place.
func Links(ctx context.Context, ex *schema.Executor, r schema.Reader, plan string, w io.Writer) error {
	cols := []string{"fromId", "fromName", "fromNameEn", "relation", "toId", "toName", "toNameEn", "quote", "period", "paragraph", "offset", "length"}
	q := `query LinkTable($plan: ID, $after: String, $first: Int) {
  entities(filter: {plan: $plan}, orderBy: {field: ID}, first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { id name nameEn
      links(direction: OUT, first: 1000) { relation entity { id name nameEn } evidence { quote period offset length paragraph { id } } } }
  }
}`
	return write(ctx, ex, r, q, vars(plan, ""), cols, w, func(cw *csv.Writer, n map[string]any) error {
		for _, l := range list(n["links"]) {
			to, _ := l["entity"].(map[string]any)
			for _, c := range list(l["evidence"]) {
				p, _ := c["paragraph"].(map[string]any)
				row := []string{str(n["id"]), str(n["name"]), str(n["nameEn"]), str(l["relation"]), str(to["id"]), str(to["name"]), str(to["nameEn"]),
					str(c["quote"]), str(c["period"]), str(p["id"]), str(c["offset"]), str(c["length"])}
				if err := cw.Write(row); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// write writes a table to w: the BOM, the header cols, then the rows that rows writes for
// each entity of the paged query q.
func write(ctx context.Context, ex *schema.Executor, r schema.Reader, q string, v map[string]any, cols []string, w io.Writer, rows func(cw *csv.Writer, n map[string]any) error) error {
	if _, err := io.WriteString(w, bom); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(cols); err != nil {
		return err
	}
	err := pages(ctx, ex, r, q, v, func(nodes []map[string]any) error {
		for _, n := range nodes {
			if err := rows(cw, n); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

func vars(plan, typ string) map[string]any {
	v := map[string]any{"first": page}
	if plan != "" {
		v["plan"] = plan
	}
	if typ != "" {
		v["type"] = typ
	}
	return v
}

// pages runs a paged entities query to its end, handing each page's nodes to fn.
func pages(ctx context.Context, ex *schema.Executor, r schema.Reader, q string, v map[string]any, fn func([]map[string]any) error) error {
	for {
		resp := ex.Execute(ctx, r, schema.Params{Query: q, Variables: v})
		var out struct {
			Data struct {
				Entities struct {
					PageInfo struct {
						HasNextPage bool
						EndCursor   string
					}
					Nodes []map[string]any
				}
			}
			Errors []struct{ Message string }
		}
		if err := json.Unmarshal(resp.JSON(), &out); err != nil {
			return fmt.Errorf("table: %w", err)
		}
		resp.Release()
		if len(out.Errors) > 0 {
			return fmt.Errorf("table: %s", out.Errors[0].Message)
		}
		if err := fn(out.Data.Entities.Nodes); err != nil {
			return err
		}
		if !out.Data.Entities.PageInfo.HasNextPage {
			return nil
		}
		v["after"] = out.Data.Entities.PageInfo.EndCursor
	}
}

// cell is one column of an entity row.
func cell(n map[string]any, col string) string {
	switch col {
	case "aliases", "aliasesEn":
		var out []string
		for _, a := range n[col].([]any) {
			out = append(out, str(a))
		}
		return strings.Join(out, "|")
	case "chapters":
		var out []string
		for _, c := range list(n["chapters"]) {
			out = append(out, str(c["localId"]))
		}
		return strings.Join(out, "|")
	case "quote":
		if ev := list(n["evidence"]); len(ev) > 0 {
			return str(ev[0]["quote"])
		}
		return ""
	}
	return str(n[col])
}

func list(v any) []map[string]any {
	xs, _ := v.([]any)
	out := make([]map[string]any, 0, len(xs))
	for _, x := range xs {
		if m, ok := x.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

// str writes a JSON value as a table cell: numbers without a trailing .0, null as empty.
func str(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	}
	return fmt.Sprint(v)
}
