package loader

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

// PlanFile is the name of the file that describes a plan in its dataset directory.
const PlanFile = "plan.yaml"

// Pos is a place in a dataset file.
type Pos struct {
	File string
	Line int
}

func (p Pos) String() string {
	if p.Line == 0 {
		return p.File
	}
	return p.File + ":" + strconv.Itoa(p.Line)
}

// PlanMeta describes a plan: its id (the namespace of every IRI in it), titles and text file.
type PlanMeta struct {
	Pos     `yaml:"-"`
	ID      string `yaml:"id"`
	Title   string `yaml:"title,omitempty"`
	TitleEn string `yaml:"titleEn,omitempty"`
	Text    string `yaml:"text,omitempty"`
	Region  string `yaml:"region,omitempty"`
	Period  string `yaml:"period,omitempty"`
	Source  string `yaml:"source,omitempty"`
	// Periods places paragraphs in time: a paragraph takes the period of the longest id prefix
	// listed (ch1/s1: ACHIEVED), "default" the rest.
	Periods map[string]string `yaml:"periods,omitempty"`
	// LeadHeadings names paragraphs (ids, or parts, sections and items holding them) whose
	// first sentence heads the rest: the paragraphs of a plan's main goals open with the goal
	// (民生福祉更加豐厚。) and spell it out. Lint reads that sentence as a heading over the
	// paragraph's other sentences.
	LeadHeadings []string `yaml:"leadHeadings,omitempty"`
	// PlainWords are words of the plan that hold an entity's name without naming the entity
	// (溫室氣體, greenhouse gas, holds 氣體, the industrial gases of a list of raw materials).
	// The mention scan reads each as one word and finds no name inside it.
	PlainWords []string `yaml:"plainWords,omitempty,flow"`
}

// EntitySpec is an entity as the dataset declares it.
type EntitySpec struct {
	Pos     `yaml:"-"`
	ID      string   `yaml:"id"`
	Type    string   `yaml:"type"`
	Name    string   `yaml:"name"`
	En      string   `yaml:"en,omitempty"`
	Aliases []string `yaml:"aliases,omitempty,flow"`
	// AliasesEn are other English names of the thing: the English name of an entity merged
	// into this one, or a common English form beside the official one. Search finds them.
	AliasesEn []string `yaml:"aliasesEn,omitempty,flow"`
	// Elided holds the enumerations that write this entity only in part, leaning on a
	// neighbour for the rest (佛山地鐵5號線、6號線、11號線 writes 佛山地鐵11號線 as 11號線). They let
	// the name be written in full although the plan never spells it out, and they make that
	// part a mention of this entity, ahead of a shorter name it also spells (Guangzhou's 11號線).
	Elided      []Elision `yaml:"elided,omitempty,flow"`
	Description string    `yaml:"description,omitempty"`
	// DescriptionEn is the description in English.
	DescriptionEn string `yaml:"descriptionEn,omitempty"`
	// Targets.
	Indicator string   `yaml:"indicator,omitempty"`
	Value     *float64 `yaml:"value,omitempty"`
	Unit      string   `yaml:"unit,omitempty"`
	Year      int      `yaml:"year,omitempty"`
	Quote     string   `yaml:"quote,omitempty"`
	// Qualifier is read from the quote (左右: ABOUT); set it only to state what the quote does
	// not show, and it must agree with the quote's own word.
	Qualifier string `yaml:"qualifier,omitempty"`
	// Terms: the glossary entry the term is, and its definition in English.
	Headword     string `yaml:"headword,omitempty"`
	DefinitionEn string `yaml:"definitionEn,omitempty"`
	// Ack acknowledges a lint warning about this entity (a national programme's fixed name
	// that reads like a task), with the reason a reader would accept. Errors cannot be.
	Ack string `yaml:"ack,omitempty"`
}

// Elision is one enumeration that writes an entity in part: In as the plan writes it, and As,
// the entity's part of it, which occurs in In exactly once.
type Elision struct {
	In string `yaml:"in"`
	As string `yaml:"as"`
}

// LinkSpec is a link as the dataset declares it: quote or quotes hold the evidence.
type LinkSpec struct {
	Pos    `yaml:"-"`
	From   string   `yaml:"from"`
	Rel    string   `yaml:"rel"`
	To     string   `yaml:"to"`
	Quote  string   `yaml:"quote,omitempty"`
	Quotes []string `yaml:"quotes,omitempty,flow"`
	Note   string   `yaml:"note,omitempty"`
	// Ack acknowledges a lint warning about this link, with the reason a reader would accept.
	Ack string `yaml:"ack,omitempty"`
}

// AllQuotes returns quote and quotes together.
func (l *LinkSpec) AllQuotes() []string {
	if l.Quote == "" {
		return l.Quotes
	}
	return append([]string{l.Quote}, l.Quotes...)
}

// Dataset is everything in a dataset directory except the plan text.
type Dataset struct {
	Meta         PlanMeta
	Entities     []*EntitySpec
	Links        []*LinkSpec
	Translations []*Translation // English of the plan's paragraphs
}

// ReadDataset reads plan.yaml and every other *.yaml file of dir, in name order. Problems are
// collected across all files rather than stopping at the first.
func ReadDataset(fsys fs.FS, dir string) (*Dataset, Problems) {
	var probs Problems
	ds := &Dataset{}
	metaPath := path.Join(dir, PlanFile)
	if b, err := fs.ReadFile(fsys, metaPath); err != nil {
		probs.add(Pos{File: PlanFile}, "cannot read the plan description: %v", err)
	} else {
		var n yaml.Node
		if err := yaml.Unmarshal(b, &n); err != nil {
			probs.addYAML(PlanFile, err)
		} else if doc := docRoot(&n); doc != nil {
			ds.Meta.Pos = Pos{PlanFile, doc.Line}
			probs = append(probs, decodeStrict(PlanFile, doc, &ds.Meta)...)
		} else {
			probs.add(Pos{File: PlanFile}, "empty file")
		}
	}
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		probs.add(Pos{File: dir}, "cannot list the dataset directory: %v", err)
		return ds, probs
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && (strings.HasSuffix(e.Name(), ".yaml") || strings.HasSuffix(e.Name(), ".yml")) && e.Name() != PlanFile {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	// Files are parsed in parallel (YAML parsing is most of the reading time) and merged in
	// name order, so ids and problems come out the same whatever the scheduling.
	parts := make([]*Dataset, len(names))
	partProbs := make([]Problems, len(names))
	var wg sync.WaitGroup
	for i, name := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			part := &Dataset{}
			parts[i] = part
			b, err := fs.ReadFile(fsys, path.Join(dir, name))
			if err != nil {
				partProbs[i].add(Pos{File: name}, "cannot read: %v", err)
				return
			}
			partProbs[i] = part.readFile(name, b)
		}()
	}
	wg.Wait()
	for i := range names {
		ds.Entities = append(ds.Entities, parts[i].Entities...)
		ds.Links = append(ds.Links, parts[i].Links...)
		ds.Translations = append(ds.Translations, parts[i].Translations...)
		probs = append(probs, partProbs[i]...)
	}
	return ds, probs
}

func docRoot(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	if n.Kind == 0 || n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil
	}
	return n
}

func (ds *Dataset) readFile(name string, b []byte) Problems {
	var probs Problems
	var root yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&root); err != nil {
		if errors.Is(err, io.EOF) { // an empty file
			return nil
		}
		probs.addYAML(name, err)
		return probs
	}
	doc := docRoot(&root)
	if doc == nil {
		return nil
	}
	if doc.Kind != yaml.MappingNode {
		probs.add(Pos{name, doc.Line}, "want a mapping with entities: and links:")
		return probs
	}
	for i := 0; i+1 < len(doc.Content); i += 2 {
		key, val := doc.Content[i], doc.Content[i+1]
		switch key.Value {
		case "entities", "links":
			if val.Kind != yaml.SequenceNode {
				if val.Tag != "!!null" {
					probs.add(Pos{name, val.Line}, "%s: want a list", key.Value)
				}
				continue
			}
			for _, item := range val.Content {
				if item.Kind != yaml.MappingNode {
					probs.add(Pos{name, item.Line}, "%s: each entry must be a mapping", key.Value)
					continue
				}
				if key.Value == "entities" {
					e := &EntitySpec{Pos: Pos{name, item.Line}}
					probs = append(probs, decodeStrict(name, item, e)...)
					ds.Entities = append(ds.Entities, e)
				} else {
					l := &LinkSpec{Pos: Pos{name, item.Line}}
					probs = append(probs, decodeStrict(name, item, l)...)
					ds.Links = append(ds.Links, l)
				}
			}
		case "textEn":
			probs = append(probs, ds.readTranslations(name, val)...)
		default:
			probs.add(Pos{name, key.Line}, "unknown key %q (want entities, links or textEn)", key.Value)
		}
	}
	return probs
}

// Translation is the English of one paragraph of the plan, as a dataset file gives it.
type Translation struct {
	Pos
	Paragraph string // the paragraph's local id: ch3/s2/i1/p1
	Text      string
}

// readTranslations reads a textEn: mapping of paragraph ids to their English.
func (ds *Dataset) readTranslations(name string, val *yaml.Node) Problems {
	var probs Problems
	if val.Kind != yaml.MappingNode {
		if val.Tag != "!!null" {
			probs.add(Pos{name, val.Line}, "textEn: want a mapping of paragraph ids to English text")
		}
		return probs
	}
	for i := 0; i+1 < len(val.Content); i += 2 {
		k, v := val.Content[i], val.Content[i+1]
		if v.Kind != yaml.ScalarNode || strings.TrimSpace(v.Value) == "" {
			probs.add(Pos{name, k.Line}, "textEn: %s: want the paragraph's English as text", k.Value)
			continue
		}
		ds.Translations = append(ds.Translations, &Translation{Pos: Pos{name, k.Line}, Paragraph: k.Value, Text: v.Value})
	}
	return probs
}

// decodeStrict decodes a mapping node into v, reporting unknown and repeated keys and type
// errors with their lines.
//
// Keys are checked here, with one map, rather than by yaml.v3: its duplicate-key check
// compares every key with every other (an entity with 300,000 keys took 510 s of CPU). Only
// the first occurrence of each known key is passed on to Decode, so what yaml.v3 sees has at
// most one key per field, and no more than maxProblemsPerEntry key problems are listed.
func decodeStrict(file string, n *yaml.Node, v any) Problems {
	var probs Problems
	known := yamlKeys(v)
	var knownList string // built on first use: most mappings have no unknown key
	first := make(map[string]*yaml.Node, len(known))
	kept := make([]*yaml.Node, 0, 2*len(known))
	listed, more := 0, 0
	report := func(k *yaml.Node, format string, args ...any) {
		if listed == maxProblemsPerEntry {
			more++
			return
		}
		listed++
		probs.add(Pos{file, k.Line}, format, args...)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		switch prev := first[k.Value]; {
		case !known[k.Value]:
			if knownList == "" {
				knownList = strings.Join(sortedKeys(known), ", ")
			}
			report(k, "unknown key %q (known: %s)", k.Value, knownList)
		case prev != nil:
			report(k, "mapping key %q already defined at line %d", k.Value, prev.Line)
		case val.Kind == yaml.MappingNode && len(val.Content)/2 > maxNestedKeys:
			// yaml.v3 checks a nested mapping's keys pairwise too (periods:).
			report(val, "%s: %d keys, more than the %d allowed", k.Value, len(val.Content)/2, maxNestedKeys)
			first[k.Value] = k
		default:
			first[k.Value] = k
			kept = append(kept, k, val)
		}
	}
	if more > 0 {
		probs.add(Pos{file, n.Line}, "… and %d more key problems in this mapping", more)
	}
	trimmed := *n
	trimmed.Content = kept
	if err := trimmed.Decode(v); err != nil {
		probs.addYAML(file, err)
	}
	return probs
}

var keysOf sync.Map // reflect.Type → map[string]bool

func yamlKeys(v any) map[string]bool {
	t := reflect.TypeOf(v).Elem()
	if m, ok := keysOf.Load(t); ok {
		return m.(map[string]bool)
	}
	out := map[string]bool{}
	defer keysOf.Store(t, out)
	for i := 0; i < t.NumField(); i++ {
		tag := strings.Split(t.Field(i).Tag.Get("yaml"), ",")[0]
		if tag != "" && tag != "-" {
			out[tag] = true
		}
	}
	return out
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

var reYAMLLine = regexp.MustCompile(`line (\d+): (.*)`)

// addYAML turns yaml.v3's "yaml: line 7: …" and "yaml: unmarshal errors:\n  line 7: …" into
// file:line problems.
func (p *Problems) addYAML(file string, err error) {
	found := false
	for _, l := range strings.Split(err.Error(), "\n") {
		if m := reYAMLLine.FindStringSubmatch(l); m != nil {
			n, _ := strconv.Atoi(m[1])
			p.add(Pos{file, n}, "%s", strings.TrimSpace(m[2]))
			found = true
		}
	}
	if !found {
		p.add(Pos{File: file}, "%s", strings.TrimPrefix(err.Error(), "yaml: "))
	}
}

// Problem is one thing wrong with the input, at a place.
type Problem struct {
	Pos Pos
	Msg string
}

func (p Problem) String() string { return p.Pos.String() + ": " + p.Msg }

// Problems is every problem found in one run. As an error it lists them all, one per line.
type Problems []Problem

func (p *Problems) add(pos Pos, format string, args ...any) {
	*p = append(*p, Problem{pos, fmt.Sprintf(format, args...)})
}

func (p Problems) Error() string { return p.ErrorIn("the dataset") }

// ErrorIn is the error text of problems found in what ("the dataset", "the inventory"): their
// count, then each at its file:line.
func (p Problems) ErrorIn(what string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d problem", len(p))
	if len(p) != 1 {
		b.WriteString("s")
	}
	b.WriteString(" in " + what + ":")
	for _, x := range p {
		b.WriteString("\n  ")
		b.WriteString(x.String())
	}
	return b.String()
}

// Places returns every problem as "file:line: message".
func (p Problems) Places() []string {
	out := make([]string, len(p))
	for i, x := range p {
		out[i] = x.String()
	}
	return out
}

// Sort orders problems by file, then line.
func (p Problems) Sort() {
	sort.SliceStable(p, func(i, j int) bool {
		if p[i].Pos.File != p[j].Pos.File {
			return p[i].Pos.File < p[j].Pos.File
		}
		return p[i].Pos.Line < p[j].Pos.Line
	})
}
