package loader

import (
	"bufio"
	"fmt"
	"index/suffixarray"
	"io"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// Document is a plan's text parsed into its structure. Nothing in it is typed by hand: the
// parser recognises the headings of a Chinese government plan (第X章, 第X節, numbered items
// "1.", 附件N) and the glossary's "headword:definition" entries.
type Document struct {
	File       string
	Title      string
	Parts      []*Part // front matter, preface, chapters and annexes, in order
	Paragraphs []*Paragraph
	Glossary   []*GlossaryEntry
	byID       map[string]*Paragraph

	indexOnce sync.Once
	index     *suffixarray.Index // of the paragraphs joined by "\n"
	starts    []int              // byte offset of each paragraph in the joined text
}

// Part is a top-level division: a 章, or the front matter, preface or an annex.
type Part struct {
	ID       string // ch3, front, preface, annex2
	Chapter  bool   // a numbered 章 of the body
	Number   int    // chapter or annex number; 0 otherwise
	Title    string
	Line     int
	Sections []*Section
}

// Section is a 節 of a chapter.
type Section struct {
	ID     string // ch3/s2
	Number int
	Title  string
	Line   int
	Items  []*Item
}

// Item is a numbered item ("1.全面推進白鵝潭核心區建設。") of a section.
type Item struct {
	ID     string // ch3/s2/i1
	Number int
	Title  string
	Line   int
}

// Paragraph is one paragraph of text with a stable id derived from its place in the structure.
type Paragraph struct {
	ID      string // ch3/s2/i1/p1
	Text    string
	Line    int
	Order   int // position in the document, from 1
	Part    *Part
	Section *Section // nil for paragraphs before the first section
	Item    *Item    // nil outside numbered items
	Heading bool     // the heading line of its part, section or item (id ends in /h)
	Period  string   // when what it says holds (graph.Periods), placed by the dataset's rules
	// PeriodSpans are its sentences the dataset places in another period than the paragraph's.
	PeriodSpans []PeriodSpan
	// Lead is the length, in characters, of its opening sentence when that sentence heads the
	// rest of the paragraph (PlanMeta.LeadHeadings); 0 when none does.
	Lead   int
	TextEn string // the paragraph in English, from the dataset
	runes  []rune
}

// GlossaryEntry is one entry of the glossary annex (名詞解釋).
type GlossaryEntry struct {
	Headword   string
	Definition string
	Line       int
	Paragraph  *Paragraph
}

var (
	reChapter = regexp.MustCompile(`^第([一二三四五六七八九十百零〇]+)章\s*(.*)$`)
	reSection = regexp.MustCompile(`^第([一二三四五六七八九十百零〇]+)[節节]\s*(.*)$`)
	reItem    = regexp.MustCompile(`^(\d+)[.．、]\s*(.+)$`)
	reAnnex   = regexp.MustCompile(`^附件\s*(\d+)\s*[:：]?\s*(.*)$`)
	reTOC     = regexp.MustCompile(`^目\s*[錄录]$`)
)

// maxItemHeading is the longest numbered line taken as an item heading. Numbered lines that are
// longer, or hold more than one sentence, are notes in the text ("2.城鎮登記失業人員就業率指標。表中…").
const maxItemHeading = 40

// ParseText parses a plan's text. Each line is a paragraph or a heading. The table of contents
// (the headings after 目錄, before the body) is recognised and left out of the body.
func ParseText(file string, r io.Reader) (*Document, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 4*1024*1024)
	var lines []string
	for sc.Scan() {
		line := sc.Text()
		if !utf8.ValidString(line) {
			return nil, fmt.Errorf("%s:%d: not valid UTF-8", file, len(lines)+1)
		}
		// Every quote and name is searched for in every line: one huge line made that
		// quadratic (68 s of CPU for a 1.3 M-character line).
		if len(line) > maxLineChars {
			if n := utf8.RuneCountInString(line); n > maxLineChars {
				return nil, fmt.Errorf("%s:%d: line has %d characters, more than the %d allowed (is the text missing its line breaks?)", file, len(lines)+1, n, maxLineChars)
			}
		}
		lines = append(lines, strings.TrimSpace(strings.TrimPrefix(line, "\uFEFF")))
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", file, len(lines)+1, err)
	}
	p := &parser{doc: &Document{File: file, byID: map[string]*Paragraph{}}, file: file}
	return p.parse(lines)
}

type parser struct {
	doc      *Document
	file     string
	part     *Part
	section  *Section
	item     *Item
	counter  map[string]int // paragraphs per container
	opened   map[string]int // the line each chapter, annex, section and item was opened at
	glossary bool
}

func (p *parser) parse(lines []string) (*Document, error) {
	p.counter, p.opened = map[string]int{}, map[string]int{}
	toc := -1
	for i, l := range lines {
		if reTOC.MatchString(l) {
			toc = i
			break
		}
	}
	start := 0
	if toc >= 0 {
		// The title is the last line before 目錄; the notice above it is front matter.
		for i := toc - 1; i >= 0; i-- {
			if lines[i] != "" {
				p.doc.Title = lines[i]
				p.openPart(&Part{ID: "front", Title: "前言", Line: 1})
				for j := 0; j < i; j++ {
					if lines[j] != "" {
						p.addParagraph(lines[j], j+1)
					}
				}
				break
			}
		}
		// The table of contents runs while lines are headings.
		start = toc + 1
		for start < len(lines) && (lines[start] == "" || isHeading(lines[start])) {
			start++
		}
		p.openPart(&Part{ID: "preface", Title: "序言", Line: start + 1})
	} else {
		p.openPart(&Part{ID: "preface", Title: "序言", Line: 1})
	}
	if len(lines) == 0 || p.doc.Title == "" && toc < 0 {
		for _, l := range lines {
			if l != "" {
				p.doc.Title = l
				break
			}
		}
	}
	for i := start; i < len(lines); i++ {
		if err := p.line(lines[i], i+1); err != nil {
			return nil, err
		}
	}
	chapters := 0
	for _, part := range p.doc.Parts {
		if part.Chapter {
			chapters++
		}
	}
	if chapters == 0 {
		return nil, fmt.Errorf("%s: no chapter headings (第一章 …) found", p.file)
	}
	return p.doc, nil
}

func isHeading(l string) bool {
	return reChapter.MatchString(l) || reSection.MatchString(l) || reAnnex.MatchString(l)
}

func (p *parser) line(l string, n int) error {
	if l == "" {
		return nil
	}
	if m := reChapter.FindStringSubmatch(l); m != nil {
		num, ok := chineseNumber(m[1])
		if !ok {
			return fmt.Errorf("%s:%d: cannot read chapter number %q", p.file, n, m[1])
		}
		id := "ch" + strconv.Itoa(num)
		if err := p.once(id, l, n); err != nil {
			return err
		}
		p.glossary = false
		p.openPart(&Part{ID: id, Chapter: true, Number: num, Title: m[2], Line: n})
		p.addHeading(l, n)
		return nil
	}
	if m := reAnnex.FindStringSubmatch(l); m != nil {
		num, _ := strconv.Atoi(m[1])
		if err := p.once("annex"+m[1], l, n); err != nil {
			return err
		}
		p.glossary = false
		p.openPart(&Part{ID: "annex" + m[1], Number: num, Title: m[2], Line: n})
		return nil
	}
	if p.part != nil && !p.part.Chapter && strings.HasPrefix(p.part.ID, "annex") && p.part.Title == "" {
		// The annex's title is on the line after "附件N".
		p.part.Title = l
		p.glossary = isGlossaryTitle(l)
		p.addHeading(l, n)
		return nil
	}
	if p.glossary {
		p.glossaryLine(l, n)
		return nil
	}
	if m := reSection.FindStringSubmatch(l); m != nil && p.part != nil && p.part.Chapter {
		num, ok := chineseNumber(m[1])
		if !ok {
			return fmt.Errorf("%s:%d: cannot read section number %q", p.file, n, m[1])
		}
		s := &Section{ID: fmt.Sprintf("%s/s%d", p.part.ID, num), Number: num, Title: m[2], Line: n}
		if err := p.once(s.ID, l, n); err != nil {
			return err
		}
		p.part.Sections = append(p.part.Sections, s)
		p.section, p.item = s, nil
		p.addHeading(l, n)
		return nil
	}
	if m := reItem.FindStringSubmatch(l); m != nil && p.section != nil && isItemHeading(l) {
		num, _ := strconv.Atoi(m[1])
		it := &Item{ID: fmt.Sprintf("%s/i%d", p.section.ID, num), Number: num, Title: m[2], Line: n}
		if err := p.once(it.ID, l, n); err != nil {
			return err
		}
		p.section.Items = append(p.section.Items, it)
		p.item = it
		p.addHeading(l, n)
		return nil
	}
	p.addParagraph(l, n)
	return nil
}

// once records that the chapter, annex, section or item id opens at line n, and refuses a
// second heading with the same number where it would be the same container: its paragraphs'
// ids would collide with the first one's, and citations would land in the wrong place.
func (p *parser) once(id, heading string, n int) error {
	if first, ok := p.opened[id]; ok {
		return fmt.Errorf("%s:%d: heading %q repeats the number of the heading at line %d (%s): number each chapter, section and item once", p.file, n, heading, first, id)
	}
	p.opened[id] = n
	return nil
}

func isItemHeading(l string) bool {
	return utf8.RuneCountInString(l) <= maxItemHeading && strings.Count(strings.TrimSuffix(l, "。"), "。") == 0
}

func isGlossaryTitle(l string) bool {
	t := strings.ReplaceAll(l, " ", "")
	return t == "名詞解釋" || t == "名词解释"
}

// glossaryLine adds a glossary entry, or continues the previous one when the line does not
// start a new "headword:definition" entry (an entry that wrapped onto the next line).
func (p *parser) glossaryLine(l string, n int) {
	head, def, ok := splitEntry(l)
	if !ok && len(p.doc.Glossary) > 0 {
		e := p.doc.Glossary[len(p.doc.Glossary)-1]
		e.Definition += l
		e.Paragraph.Text += l
		e.Paragraph.runes = []rune(e.Paragraph.Text)
		return
	}
	para := p.addParagraph(l, n)
	if ok {
		p.doc.Glossary = append(p.doc.Glossary, &GlossaryEntry{Headword: head, Definition: def, Line: n, Paragraph: para})
	}
}

// maxHeadword bounds the headword of a glossary entry, so that a colon deep inside a wrapped
// definition is not taken for the start of an entry.
const maxHeadword = 32

func splitEntry(l string) (head, def string, ok bool) {
	i := strings.IndexAny(l, ":：")
	if i <= 0 {
		return "", "", false
	}
	head = strings.TrimSpace(l[:i])
	if utf8.RuneCountInString(head) > maxHeadword {
		return "", "", false
	}
	_, size := utf8.DecodeRuneInString(l[i:])
	return head, strings.TrimSpace(l[i+size:]), true
}

func (p *parser) openPart(part *Part) {
	p.doc.Parts = append(p.doc.Parts, part)
	p.part, p.section, p.item = part, nil, nil
}

func (p *parser) container() string {
	switch {
	case p.item != nil:
		return p.item.ID
	case p.section != nil:
		return p.section.ID
	}
	return p.part.ID
}

// addHeading adds the heading line of the part, section or item just opened as a paragraph of
// its own (id …/h): headings are text of the plan too, quoted as evidence and searched.
func (p *parser) addHeading(text string, line int) {
	p.add(p.container()+"/h", text, line).Heading = true
}

func (p *parser) addParagraph(text string, line int) *Paragraph {
	c := p.container()
	p.counter[c]++
	return p.add(fmt.Sprintf("%s/p%d", c, p.counter[c]), text, line)
}

func (p *parser) add(id, text string, line int) *Paragraph {
	para := &Paragraph{
		ID:      id,
		Text:    text,
		Line:    line,
		Order:   len(p.doc.Paragraphs) + 1,
		Part:    p.part,
		Section: p.section,
		Item:    p.item,
		runes:   []rune(text),
	}
	p.doc.Paragraphs = append(p.doc.Paragraphs, para)
	p.doc.byID[para.ID] = para
	return para
}

// Paragraph returns the paragraph with the given local id, or nil.
func (d *Document) Paragraph(id string) *Paragraph { return d.byID[id] }

// Chapters returns the numbered chapters (章) of the body.
func (d *Document) Chapters() []*Part {
	var out []*Part
	for _, p := range d.Parts {
		if p.Chapter {
			out = append(out, p)
		}
	}
	return out
}

// Occurrence is one place where a string is written: a paragraph and the character offset in it.
type Occurrence struct {
	Paragraph *Paragraph
	Offset    int // characters
}

// FindAll returns every place s is written, in document order. A dataset looks up thousands
// of names and quotes; a suffix array of the whole text answers each in a few microseconds
// where scanning every paragraph took a fifth of a second in all.
func (d *Document) FindAll(s string) []Occurrence {
	if s == "" || strings.ContainsRune(s, '\n') {
		return nil
	}
	d.indexOnce.Do(d.buildIndex)
	at := d.index.Lookup([]byte(s), -1)
	slices.Sort(at)
	out := make([]Occurrence, 0, len(at))
	for _, b := range at {
		// Paragraphs are joined with "\n", which s does not contain, so a match lies inside one.
		i := sort.Search(len(d.starts), func(i int) bool { return d.starts[i] > b }) - 1
		p := d.Paragraphs[i]
		out = append(out, Occurrence{p, utf8.RuneCountInString(p.Text[:b-d.starts[i]])})
	}
	return out
}

func (d *Document) buildIndex() {
	var b strings.Builder
	d.starts = make([]int, len(d.Paragraphs))
	for i, p := range d.Paragraphs {
		d.starts[i] = b.Len()
		b.WriteString(p.Text)
		b.WriteByte('\n')
	}
	d.index = suffixarray.New([]byte(b.String()))
}

var cnDigits = map[rune]int{'零': 0, '〇': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}

// chineseNumber reads a Chinese numeral below 1000 (十一, 二十, 一百零五).
func chineseNumber(s string) (int, bool) {
	total, cur := 0, 0
	seen := false
	for _, r := range s {
		seen = true
		if d, ok := cnDigits[r]; ok {
			cur = d
			continue
		}
		switch r {
		case '十':
			if cur == 0 {
				cur = 1
			}
			total += cur * 10
		case '百':
			total += cur * 100
		default:
			return 0, false
		}
		cur = 0
	}
	return total + cur, seen
}

// ChineseNumeral writes 0–99 as a Chinese numeral (11 → 十一), as chapter and section headings
// do; other numbers in digits.
func ChineseNumeral(n int) string {
	digits := []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n < 0 || n > 99:
		return strconv.Itoa(n)
	case n < 10:
		return digits[n]
	case n < 20:
		return "十" + strings.TrimPrefix(digits[n%10], "零")
	}
	s := digits[n/10] + "十"
	if n%10 != 0 {
		s += digits[n%10]
	}
	return s
}
