package bench

import (
	"regexp"

	"github.com/cayleygraph/quad"

	"github.com/plangraph/plangraph/graph"
	"github.com/plangraph/plangraph/graph/cjk"
)

// The engines of cayley_path.go, cayley_gizmo.go and cayley_graphql.go ask the questions
// through cayley on the store under test, reading the quads the loader wrote (the vocabulary
// of graph/vocab.go): the path API, Gizmo and cayley's GraphQL dialect. They follow the same predicates from the same start points as our
// executor and return what their callers would get, so that the comparison is of the engines
// and not of the questions.

var (
	predName      = quad.IRI(graph.PropPred(graph.PropName))
	predNameSimp  = quad.IRI(graph.PropPred(graph.PropNameSimplified))
	predAliasSimp = quad.IRI(graph.PropPred(graph.PropAliasSimp))
	predType      = quad.IRI(graph.PredType)
)

// relationVia is every relation predicate, as the path API takes them.
func relationVia() []any {
	var out []any
	for _, p := range relationPreds() {
		out = append(out, quad.IRI(p))
	}
	return out
}

// str is a value as the tuples write it: IRIs without angle brackets, strings as they are.
func str(v quad.Value) string {
	switch v := v.(type) {
	case quad.IRI:
		return string(v)
	case quad.String:
		return string(v)
	case nil:
		return ""
	}
	return quad.StringOf(v)
}

// citedLevels is how a level of cited links (3hop-cited) is read. cayley's optimizer picks a
// very different plan for each way on each store, so the engines take, per store, the fastest
// of the three we measured on the 3hop-cited start points (see bench/RESULTS.md):
//
//	memory    one query per entity, predicate tagged: 0.05–0.4 ms at 1M quads, where one query
//	          per level took up to 75 ms once a level held a few entities
//	bolt      one query per level and relation: 1–6 ms at 100k, where tagging the predicate
//	          made bolt scan (1.5 s per entity)
//	postgres  one query per level, predicate tagged: 70–135 ms at 100k; per entity up to 3×
//	          and per relation 7–16× slower
type citedLevels int

const (
	perEntityTagged citedLevels = iota
	perLevelPerRelation
	perLevelTagged
)

func citedLevelsFor(backend string) citedLevels {
	switch backend {
	case "bolt":
		return perLevelPerRelation
	case "postgres":
		return perLevelTagged
	}
	return perEntityTagged
}

// searchPattern is the search question as a regular expression over the Simplified forms the
// loader stores: our search folds the text to Simplified and looks for it in those forms.
func searchPattern(text string) *regexp.Regexp {
	return regexp.MustCompile(regexp.QuoteMeta(cjk.Simplify(text)))
}

// ---------------------------------------------------------------------------------------------
// path: cayley's path API — the floor.
