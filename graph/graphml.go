package graph

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// WriteGraphML writes the entity graph of one plan (all plans when plan is "") as GraphML for
// Gephi and yEd: a node per entity with its type and names, an edge per link with its relation
// and the quotes that state it. (cayley's GraphML writer makes every literal a node, which
// buries the entities under names and numbers; this writes the graph an analyst means.)
func WriteGraphML(w io.Writer, s *Snapshot, plan string) error {
	ew := &errWriter{w: w}
	ew.printf(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	ew.printf(`<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">` + "\n")
	keys := []struct{ id, for_, name string }{
		{"type", "node", "type"}, {"label", "node", "label"}, {"name", "node", "name"}, {"nameEn", "node", "nameEn"},
		{"nameSimplified", "node", "nameSimplified"}, {"pinyin", "node", "pinyin"},
		{"relation", "edge", "relation"}, {"quote", "edge", "quote"}, {"citations", "edge", "citations"},
	}
	for _, k := range keys {
		typ := "string"
		if k.id == "citations" {
			typ = "int"
		}
		ew.printf(`  <key id="%s" for="%s" attr.name="%s" attr.type="%s"/>`+"\n", k.id, k.for_, k.name, typ)
	}
	ew.printf(`  <graph id="%s" edgedefault="directed">`+"\n", esc(firstNonEmpty(plan, "plangraph")))
	entities := s.Entities(plan, nil)
	for _, n := range entities {
		ew.printf(`    <node id="%s">`, esc(n.ID))
		label := n.Str(PropName)
		if en := n.Str(PropNameEn); en != "" {
			label += " / " + en
		}
		for _, kv := range [][2]string{{"type", n.Kind}, {"label", label}, {"name", n.Str(PropName)}, {"nameEn", n.Str(PropNameEn)}, {"nameSimplified", n.Str(PropNameSimplified)}, {"pinyin", n.Str(PropPinyin)}} {
			if kv[1] != "" {
				ew.printf(`<data key="%s">%s</data>`, kv[0], esc(kv[1]))
			}
		}
		ew.printf("</node>\n")
	}
	preds := make([]string, len(Relations))
	for i, r := range Relations {
		preds[i] = r.Pred
	}
	i := 0
	for _, n := range entities {
		for _, e := range s.EdgesOf(n.ID, preds, Out) {
			r, _ := RelationByPred(e.Pred)
			var quotes []string
			for _, l := range e.Labels {
				if sp, err := ParseSpan(l); err == nil {
					if p := s.Node(sp.Paragraph); p != nil {
						quotes = append(quotes, sp.Text(p.Str(PropText)))
					}
				}
			}
			ew.printf(`    <edge id="e%d" source="%s" target="%s"><data key="relation">%s</data><data key="quote">%s</data><data key="citations">%d</data></edge>`+"\n",
				i, esc(n.ID), esc(e.Node), r.Name, esc(strings.Join(quotes, " / ")), len(e.Labels))
			i++
		}
	}
	ew.printf("  </graph>\n</graphml>\n")
	return ew.err
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}

func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}
