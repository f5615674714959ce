package graph

import (
	"strings"

	"github.com/cayleygraph/quad"
)

// The vocabulary is declared here once. Every other package names node kinds, entity types,
// relations and properties through these identifiers, and the GraphQL enums map onto them one
// to one (see EntityTypes and Relations).

// Namespace is the IRI prefix of every predicate and class PlanGraph writes.
const Namespace = "pg:"

// Node kinds that are not entities: the plan and its structure, and the evidence nodes.
const (
	KindPlan      = "Plan"
	KindChapter   = "Chapter" // a numbered 章
	KindPart      = "Part"    // front matter, preface or annex: the other top-level divisions
	KindSection   = "Section"
	KindItem      = "Item"
	KindParagraph = "Paragraph"
)

// EntityTypes are the kinds of entity a plan names, in the order the API lists them.
var EntityTypes = []string{"Zone", "Project", "Industry", "Policy", "Strategy", "Term", "Target"}

// Relation is one kind of link between two entities.
type Relation struct {
	Name string // as in the API enum: PART_OF
	Pred string // predicate IRI: pg:partOf
	Doc  string
}

// Relations are the kinds of link between entities. RELATED_TO is the fallback, used only when
// nothing else fits.
var Relations = []Relation{
	{"PART_OF", Namespace + "partOf", "a component of the target (組團 of a 片區, sub-industry of an industry, measure of a programme)"},
	{"LOCATED_IN", Namespace + "locatedIn", "physically located in the target zone"},
	{"FOCUSES_ON", Namespace + "focusesOn", "develops or concentrates on the target industry"},
	{"SERVES", Namespace + "serves", "advances the target strategy or target"},
	{"SUPPORTS", Namespace + "supports", "a policy or programme supporting the target"},
	{"DEFINES", Namespace + "defines", "a glossary term enumerating the target"},
	{"RELATED_TO", Namespace + "relatedTo", "related in a way no other relation describes"},
}

// Structural predicates. Links between entities use the Relations above; these connect the
// plan's structure and the evidence.
const (
	PredType        = "rdf:type"
	PredPlan        = Namespace + "plan"        // any node → its plan
	PredIn          = Namespace + "in"          // paragraph/item/section/chapter → container
	PredMentionedIn = Namespace + "mentionedIn" // entity → paragraph; label: the mention node
	PredStatedIn    = Namespace + "statedIn"    // entity (a target) → paragraph; label: the citation
	PredGeneration  = Namespace + "generation"  // meta node → a token that changes on every write
)

// Property keys of nodes. The predicate IRI of a key is Namespace+key.
const (
	PropSlug           = "slug"
	PropName           = "name"
	PropNameSimplified = "nameSimplified"
	PropNameEn         = "nameEn"
	PropPinyin         = "pinyin"
	PropAlias          = "alias"
	PropAliasSimp      = "aliasSimplified"
	PropAliasPinyin    = "aliasPinyin"
	PropDescription    = "description"
	PropDefinition     = "definition"
	PropIndicator      = "indicator"
	PropValue          = "value"
	PropUnit           = "unit"
	PropYear           = "year"
	PropTitle          = "title"
	PropTitleEn        = "titleEn"
	PropNumber         = "number"
	PropOrder          = "order"
	PropText           = "text"
	PropLine           = "line"
	PropLocalID        = "localId"
	PropChapter        = "chapterTitle"
	PropSection        = "sectionTitle"
	PropItem           = "itemTitle"
	PropParagraph      = "paragraph" // citation/mention → paragraph IRI
	PropQuote          = "quote"
	PropOffset         = "offset"
	PropLength         = "length"
	PropSource         = "source" // where an entity is declared: file:line
)

// MetaNode is the IRI of the store-wide node that carries the write generation.
const MetaNode = "pg:store"

var (
	relByName = map[string]Relation{}
	relByPred = map[string]Relation{}
	typeSet   = map[string]bool{}
)

func init() {
	for _, r := range Relations {
		relByName[r.Name] = r
		relByPred[r.Pred] = r
	}
	for _, t := range EntityTypes {
		typeSet[t] = true
	}
}

// RelationByName returns the relation with the given API name (PART_OF).
func RelationByName(name string) (Relation, bool) { r, ok := relByName[name]; return r, ok }

// RelationByPred returns the relation stored under the given predicate IRI.
func RelationByPred(pred string) (Relation, bool) { r, ok := relByPred[pred]; return r, ok }

// IsEntityType reports whether t is one of EntityTypes.
func IsEntityType(t string) bool { return typeSet[t] }

// PropPred returns the predicate IRI of a property key.
func PropPred(key string) string { return Namespace + key }

// ClassIRI returns the class IRI of a node kind or entity type (pg:Zone).
func ClassIRI(kind string) string { return Namespace + kind }

// PlanOf returns the plan id a node IRI belongs to: IRIs are namespaced as plan/….
func PlanOf(iri string) string {
	if i := strings.IndexByte(iri, '/'); i >= 0 {
		return iri[:i]
	}
	return iri
}

// IRI helpers used by the loader to build quads.

// Q makes a quad whose object is a node.
func Q(s, p, o, label string) quad.Quad {
	var l quad.Value
	if label != "" {
		l = quad.IRI(label)
	}
	return quad.Quad{Subject: quad.IRI(s), Predicate: quad.IRI(p), Object: quad.IRI(o), Label: l}
}

// Str makes a quad whose object is a string literal.
func Str(s, key, v string) quad.Quad {
	return quad.Quad{Subject: quad.IRI(s), Predicate: quad.IRI(PropPred(key)), Object: quad.String(v)}
}

// Int makes a quad whose object is an integer literal.
func Int(s, key string, v int64) quad.Quad {
	return quad.Quad{Subject: quad.IRI(s), Predicate: quad.IRI(PropPred(key)), Object: quad.Int(v)}
}

// Float makes a quad whose object is a floating-point literal.
func Float(s, key string, v float64) quad.Quad {
	return quad.Quad{Subject: quad.IRI(s), Predicate: quad.IRI(PropPred(key)), Object: quad.Float(v)}
}
