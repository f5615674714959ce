package schema

import (
	"fmt"
	"slices"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/plangraph/plangraph/graph"
)

// checkVocabulary holds the SDL to the graph's vocabulary, the one source of entity types,
// relations, periods and qualifiers: each enum lists exactly the vocabulary's values, and each
// entity type is an object type implementing Entity. A mismatch refuses to build the executor,
// naming the value, instead of failing a query at run time.
func checkVocabulary(s *ast.Schema) error {
	var problems []string
	enum := func(name string, want []string) {
		def := s.Types[name]
		if def == nil || def.Kind != ast.Enum {
			problems = append(problems, fmt.Sprintf("enum %s is missing (the vocabulary has %s)", name, strings.Join(want, ", ")))
			return
		}
		var have []string
		for _, v := range def.EnumValues {
			have = append(have, v.Name)
			if !slices.Contains(want, v.Name) {
				problems = append(problems, fmt.Sprintf("enum %s has %s, which the vocabulary (graph/vocab.go) lacks", name, v.Name))
			}
		}
		for _, w := range want {
			if !slices.Contains(have, w) {
				problems = append(problems, fmt.Sprintf("enum %s lacks %s, which the vocabulary (graph/vocab.go) has", name, w))
			}
		}
	}
	var types []string
	for _, t := range graph.Types {
		types = append(types, t.Enum)
		def := s.Types[t.Name]
		switch {
		case def == nil || def.Kind != ast.Object:
			problems = append(problems, fmt.Sprintf("entity type %s of the vocabulary has no object type %s", t.Enum, t.Name))
		case !slices.Contains(def.Interfaces, "Entity"):
			problems = append(problems, fmt.Sprintf("type %s does not implement Entity", t.Name))
		}
	}
	enum("EntityType", types)
	enum("Relation", graph.RelationNames())
	enum("Period", graph.Names(graph.Periods))
	enum("Qualifier", graph.Names(graph.Qualifiers))
	if len(problems) > 0 {
		return fmt.Errorf("the schema does not match the vocabulary: %s", strings.Join(problems, "; "))
	}
	return nil
}
