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

// EntityType is one kind of entity a plan names. Everything else that lists the kinds of
// entity — the SDL's EntityType enum and object types, the loader's per-type rules, the
// explorer, the README — is derived from Types or checked against it, so a new kind is one
// entry here plus its SDL type.
type EntityType struct {
	Name string // the node kind and the GraphQL object type: Zone
	Enum string // the value of the GraphQL EntityType enum: ZONE
	Doc  string
	// Fields are the dataset fields that only this type may set, Required those it must set.
	Fields, Required []string
	// Glossary marks the type whose entities are the plan's glossary entries: their names are
	// headwords and need not occur in the body of the text.
	Glossary bool
}

// Types are the kinds of entity, in the order the API lists them.
var Types = []EntityType{
	{Name: "Zone", Enum: "ZONE", Doc: "An area with a boundary: district, 片區, 組團, island, business district, industrial park, market as a place, historic district."},
	{Name: "Project", Enum: "PROJECT", Doc: "Something built, rebuilt or run as one undertaking: road, tunnel, metro line, station, school or hospital building, museum, renewal project."},
	{Name: "Organisation", Enum: "ORGANISATION", Doc: "A body that acts: government body, company, university, hospital as an institution, research institute, association, union."},
	{Name: "Industry", Enum: "INDUSTRY", Doc: "An industry, sector or business form."},
	{Name: "Heritage", Enum: "HERITAGE", Doc: "A cultural resource or tradition the plan names: an art form, a craft, a custom, a school of thought or belief, a culture grown out of a trade (粵劇粵曲, 嶺南園林, 禪宗文化, 茶文化)."},
	{Name: "Policy", Enum: "POLICY", Doc: "A named policy, programme, reform, mechanism, pilot or designation."},
	{Name: "Strategy", Enum: "STRATEGY", Doc: "One of the plan's own positionings or strategic concepts, or a named goal of a higher plan."},
	{Name: "Term", Enum: "TERM", Doc: "An entry of the plan's glossary (名詞解釋).", Fields: []string{"headword", "definitionEn"}, Required: []string{"headword"}, Glossary: true},
	{Name: "Target", Enum: "TARGET", Doc: "A numeric (or worded) target.", Fields: []string{"indicator", "value", "unit", "year", "qualifier"}, Required: []string{"indicator", "quote"}},
}

// EntityTypes are the names of Types, in the same order.
var EntityTypes []string

// Relation is one kind of link between two entities.
type Relation struct {
	Name string // as in the API enum: PART_OF
	Pred string // predicate IRI: pg:partOf
	Doc  string
	// From, when set, is the only entity type a link of this relation may start from.
	From string
	// FromTypes and ToTypes, when set, are the entity types a link of this relation is expected
	// to start from and end at (data/GUIDE.md §2). They are expectations, not rules of the store:
	// lint warns on another type (relation-ends), since an odd case may be right and is then
	// acknowledged with its reason.
	FromTypes, ToTypes []string
}

// Relations are the kinds of link between entities. RELATED_TO is the fallback, used only when
// the text states a relation that no other kind names.
var Relations = []Relation{
	{Name: "PART_OF", Pred: Namespace + "partOf", Doc: "A component of the target (組團 of a 片區, sub-industry of an industry, project of a programme)."},
	{Name: "LOCATED_IN", Pred: Namespace + "locatedIn", Doc: "Physically located in the target zone.",
		ToTypes: []string{"Zone"}},
	{Name: "FOCUSES_ON", Pred: Namespace + "focusesOn", Doc: "Develops or concentrates on the target industry.",
		FromTypes: []string{"Zone", "Project", "Organisation"}, ToTypes: []string{"Industry"}},
	{Name: "SERVES", Pred: Namespace + "serves", Doc: "Done in order to achieve the target strategy, goal or target, as the text says.",
		ToTypes: []string{"Strategy", "Target", "Zone", "Term"}},
	{Name: "SUPPORTS", Pred: Namespace + "supports", Doc: "A named policy, programme or body backing the target.",
		FromTypes: []string{"Policy", "Organisation"}},
	{Name: "DEFINES", Pred: Namespace + "defines", Doc: "A glossary term whose definition enumerates the target.", From: "Term"},
	{Name: "RELATED_TO", Pred: Namespace + "relatedTo", Doc: "Related in a way the text states and no other relation names."},
}

// Value is one value of a closed list of the vocabulary: a period or a qualifier.
type Value struct {
	Name string // as in the API enum: ACHIEVED
	Doc  string
}

// Periods say when a fact of the plan holds. Every citation has one, worked out from where its
// paragraph stands in the plan (see the dataset's periods rules).
var Periods = []Value{
	{"ACHIEVED", "Done in the previous plan period (the review of 2016–2020)."},
	{"CONTEXT", "The environment the plan responds to: front matter, preface, the analysis of conditions."},
	{"PLANNED", "A goal or task of the plan period (2021–2025)."},
	{"VISION", "A long-range goal (2035)."},
	{"GLOSSARY", "A definition of the plan's glossary."},
}

// DefaultPeriod is the period of a paragraph that no rule of the dataset places.
const DefaultPeriod = "PLANNED"

// Qualifiers say how a target's value is meant.
var Qualifiers = []Value{
	{"EXACT", "The value as stated, with no qualifying word."},
	{"ABOUT", "About the value (左右, 約)."},
	{"AT_LEAST", "The value or more (以上, 超過, 不低於, 不少於)."},
	{"AT_MOST", "The value or less (以內, 以下, 不超過, 控制在)."},
	// A worded target has no number; its words still say how it is meant.
	{"DECREASE", "A worded target: lower the indicator (降低, 減少, 下降)."},
	{"FULL", "A worded target: complete coverage (全覆蓋)."},
	{"PEAK", "A worded target: reach the peak (達峰)."},
	{"IN_STEP", "A worded target: keep pace with another indicator (同步)."},
	{"ASSIGNED", "A worded target: meet the figure the city assigns (完成市下達任務)."},
}

// Names returns the names of a list of values, in order.
func Names(vs []Value) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = v.Name
	}
	return out
}

// RelationNames returns the API names of Relations, in order.
func RelationNames() []string {
	out := make([]string, len(Relations))
	for i, r := range Relations {
		out[i] = r.Name
	}
	return out
}

// MaxIDBytes is the longest plan or entity id: ids go into every IRI, and a plan id into every
// request that removes the plan.
const MaxIDBytes = 64

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
	PropAliasEn        = "aliasEn" // another English name (a merged entity's former name)
	PropDescription    = "description"
	PropDescriptionEn  = "descriptionEn"
	PropDefinition     = "definition"
	PropDefinitionEn   = "definitionEn"
	PropQualifier      = "qualifier"
	PropPeriod         = "period"
	PropPeriodSpan     = "periodSpan"
	PropTextEn         = "textEn"
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

// planMetaNode is the IRI of the node that carries the generation of the last write of a plan.
// It lies under MetaNode (PlanOf gives MetaNode), so it is the store's, not the plan's.
func planMetaNode(plan string) string { return MetaNode + "/" + plan }

// planOfMetaNode returns the plan whose generation node iri is, if it is one.
func planOfMetaNode(iri string) (string, bool) { return strings.CutPrefix(iri, MetaNode+"/") }

var (
	relByName    map[string]Relation
	relByPred    map[string]Relation
	typeByName   map[string]*EntityType
	typeByEnum   map[string]*EntityType
	periodSet    map[string]bool
	qualifierSet map[string]bool
)

func init() { index() }

// index derives the lookup tables from the vocabulary.
func index() {
	relByName, relByPred = map[string]Relation{}, map[string]Relation{}
	typeByName, typeByEnum = map[string]*EntityType{}, map[string]*EntityType{}
	periodSet, qualifierSet = setOf(Names(Periods)), setOf(Names(Qualifiers))
	for _, r := range Relations {
		relByName[r.Name] = r
		relByPred[r.Pred] = r
	}
	EntityTypes = EntityTypes[:0:0]
	for i := range Types {
		t := &Types[i]
		EntityTypes = append(EntityTypes, t.Name)
		typeByName[t.Name] = t
		typeByEnum[t.Enum] = t
	}
	kindNames = map[string]string{}
	for _, k := range append([]string{KindPlan, KindChapter, KindPart, KindSection, KindItem, KindParagraph}, EntityTypes...) {
		kindNames[k] = k
	}
}

func setOf(names []string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// Extend adds entity types and relations to the vocabulary and returns a function that takes
// them out again. It exists for fixtures that show what a new kind needs (an SDL built for
// it); call it before anything reads the vocabulary, never while a store is being served.
func Extend(types []EntityType, rels []Relation) (restore func()) {
	oldTypes, oldRels := Types, Relations
	Types = append(append([]EntityType(nil), Types...), types...)
	Relations = append(append([]Relation(nil), Relations...), rels...)
	index()
	return func() {
		Types, Relations = oldTypes, oldRels
		index()
	}
}

// RelationByName returns the relation with the given API name (PART_OF).
func RelationByName(name string) (Relation, bool) { r, ok := relByName[name]; return r, ok }

// RelationByPred returns the relation stored under the given predicate IRI.
func RelationByPred(pred string) (Relation, bool) { r, ok := relByPred[pred]; return r, ok }

// IsEntityType reports whether t is the name of one of Types.
func IsEntityType(t string) bool { return typeByName[t] != nil }

// TypeByName returns the entity type named t (Zone).
func TypeByName(t string) (*EntityType, bool) { et := typeByName[t]; return et, et != nil }

// TypeByEnum returns the entity type whose enum value is e (ZONE).
func TypeByEnum(e string) (*EntityType, bool) { et := typeByEnum[e]; return et, et != nil }

// GlossaryType returns the name of the entity type of glossary entries.
func GlossaryType() string {
	for _, t := range Types {
		if t.Glossary {
			return t.Name
		}
	}
	return ""
}

// IsPeriod reports whether p is the name of one of Periods.
func IsPeriod(p string) bool { return periodSet[p] }

// IsQualifier reports whether q is the name of one of Qualifiers.
func IsQualifier(q string) bool { return qualifierSet[q] }

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
