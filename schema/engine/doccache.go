package engine

import (
	"container/list"
	"sync"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// docEntry is a compiled document: parsed and validated once, run many times. Documents that
// failed are cached too, so a client repeating a broken query costs no parsing.
type docEntry struct {
	doc   *ast.QueryDocument
	depth map[*ast.OperationDefinition]int
	stage Stage
	errs  gqlerror.List
	// fixed marks the operations whose `first` arguments use no variable: their checks give
	// the same answer every time, so they are made once (costs, by fan-out).
	fixed map[*ast.OperationDefinition]bool
	costs sync.Map // costKey → *gqlerror.Error (nil when within the limits)
	// static: no @skip or @include of the document depends on a variable, so the fields a
	// selection collects are the same on every request and are kept here.
	static    bool
	collected sync.Map // collectKey → collectedSet
}

type costKey struct {
	op     *ast.OperationDefinition
	fanout Fanout
}

// checkCost is Executor.checkCost, remembered for operations whose answer cannot change.
func (d *docEntry) checkCost(e *Executor, op *ast.OperationDefinition, vars map[string]any, fanout Fanout) *gqlerror.Error {
	if !d.fixed[op] {
		return e.checkCost(d.doc, op, vars, fanout)
	}
	k := costKey{op, fanout}
	if v, ok := d.costs.Load(k); ok {
		err, _ := v.(*gqlerror.Error)
		return err
	}
	err := e.checkCost(d.doc, op, vars, fanout)
	d.costs.Store(k, err)
	return err
}

// usesVariableInFirst reports whether any `first` argument of the operation (fragments
// included) is a variable.
func usesVariableInFirst(doc *ast.QueryDocument, sel ast.SelectionSet) bool {
	seen := map[string]bool{}
	var walk func(ast.SelectionSet) bool
	walk = func(ss ast.SelectionSet) bool {
		for _, s := range ss {
			switch s := s.(type) {
			case *ast.Field:
				if a := s.Arguments.ForName("first"); a != nil && a.Value.Kind == ast.Variable {
					return true
				}
				if walk(s.SelectionSet) {
					return true
				}
			case *ast.InlineFragment:
				if walk(s.SelectionSet) {
					return true
				}
			case *ast.FragmentSpread:
				if seen[s.Name] {
					continue
				}
				seen[s.Name] = true
				if f := doc.Fragments.ForName(s.Name); f != nil && walk(f.SelectionSet) {
					return true
				}
			}
		}
		return false
	}
	return walk(sel)
}

// docCache is an LRU of compiled documents by query text, and the store of persisted queries
// by hash. A compiled document is read-only after compile, so requests share it.
type docCache struct {
	mu     sync.Mutex
	size   int
	ll     *list.List
	items  map[string]*list.Element
	hashes map[string]string // sha256 → query, bounded like the documents
	order  *list.List
}

type cacheItem struct {
	query string
	entry *docEntry
}

func newDocCache(size int) *docCache {
	return &docCache{size: size, ll: list.New(), items: map[string]*list.Element{}, hashes: map[string]string{}, order: list.New()}
}

func (c *docCache) get(query string) *docEntry {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[query]; ok {
		c.ll.MoveToFront(el)
		return el.Value.(*cacheItem).entry
	}
	return nil
}

func (c *docCache) put(query string, e *docEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[query]; ok {
		el.Value.(*cacheItem).entry = e
		c.ll.MoveToFront(el)
		return
	}
	c.items[query] = c.ll.PushFront(&cacheItem{query, e})
	for c.ll.Len() > c.size {
		old := c.ll.Back()
		c.ll.Remove(old)
		delete(c.items, old.Value.(*cacheItem).query)
	}
}

func (c *docCache) remember(hash, query string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.hashes[hash]; ok {
		return
	}
	c.hashes[hash] = query
	c.order.PushBack(hash)
	for c.order.Len() > c.size {
		old := c.order.Front()
		c.order.Remove(old)
		delete(c.hashes, old.Value.(string))
	}
}

func (c *docCache) byHash(hash string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	q, ok := c.hashes[hash]
	return q, ok
}

// directivesUseVariables reports whether any @skip or @include of the document takes a variable.
func directivesUseVariables(doc *ast.QueryDocument) bool {
	var walk func(ast.SelectionSet) bool
	uses := func(ds ast.DirectiveList) bool {
		for _, d := range ds {
			if d.Name != "skip" && d.Name != "include" {
				continue
			}
			if a := d.Arguments.ForName("if"); a != nil && a.Value.Kind == ast.Variable {
				return true
			}
		}
		return false
	}
	walk = func(ss ast.SelectionSet) bool {
		for _, s := range ss {
			switch s := s.(type) {
			case *ast.Field:
				if uses(s.Directives) || walk(s.SelectionSet) {
					return true
				}
			case *ast.InlineFragment:
				if uses(s.Directives) || walk(s.SelectionSet) {
					return true
				}
			case *ast.FragmentSpread:
				if uses(s.Directives) {
					return true
				}
			}
		}
		return false
	}
	for _, op := range doc.Operations {
		if walk(op.SelectionSet) {
			return true
		}
	}
	for _, f := range doc.Fragments {
		if walk(f.SelectionSet) {
			return true
		}
	}
	return false
}
