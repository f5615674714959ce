package schema

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
