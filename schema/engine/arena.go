package engine

import "sync"

// A response is hundreds or thousands of small objects (response nodes, value slices, links)
// that all die together once it has been written. Allocating them one by one made the garbage
// collector the largest cost of a request served over HTTP (a third of the CPU of a 2-hop
// question). Instead each request carves them out of chunks that it keeps, and the request,
// chunks included, goes back to a pool when its response is released.

// chunked hands out zeroed slices of T carved from chunks of a fixed size.
type chunked[T any] struct {
	chunks [][]T
	cur    int // the chunk being carved
	used   int // items of chunks[cur] handed out
}

// take returns n zeroed items whose capacity is n: appending to them cannot reach a
// neighbour. A request for more than a quarter of a chunk gets memory of its own.
func (c *chunked[T]) take(n, size int) []T {
	if n > size/4 {
		return make([]T, n)
	}
	for {
		if c.cur < len(c.chunks) {
			if ch := c.chunks[c.cur]; c.used+n <= len(ch) {
				s := ch[c.used : c.used+n : c.used+n]
				c.used += n
				return s
			}
			c.cur++
			c.used = 0
			continue
		}
		c.chunks = append(c.chunks, make([]T, size))
	}
}

// reset zeroes what was handed out, so that a pooled request keeps nothing of the last
// response alive, and keeps at most keep chunks for the next one.
func (c *chunked[T]) reset(keep int) {
	for i := 0; i < len(c.chunks) && i <= c.cur; i++ {
		if i == c.cur {
			clear(c.chunks[i][:c.used])
		} else {
			clear(c.chunks[i])
		}
	}
	if len(c.chunks) > keep {
		clear(c.chunks[keep:])
		c.chunks = c.chunks[:keep]
	}
	c.cur, c.used = 0, 0
}

// Chunk sizes, in items: 32 to 72 KiB each, so that a hub's hundreds of links or values fit
// in one take. A pooled request keeps up to keepChunks of each kind (about 2 MiB in all); the
// rare larger response lets its extra chunks go, and so do scratch slices over keepItems.
const (
	nodeChunk  = 256
	anyChunk   = 2048
	keepChunks = 12
	keepItems  = 1 << 14
)

var requests = sync.Pool{New: func() any { return &Request{memo: map[collectKey]collectedSet{}} }}

// Chunked hands out zeroed slices of T carved from chunks of a fixed size, for resolvers that
// keep per-request memory of their own the same way (see Request.Keep).
type Chunked[T any] struct{ c chunked[T] }

// Take returns n zeroed items whose capacity is n, carved from chunks of size items.
func (c *Chunked[T]) Take(n, size int) []T { return c.c.take(n, size) }

// Add adds a chunk to carve from, made by the caller (with the value that holds the Chunked,
// say, to save an allocation).
func (c *Chunked[T]) Add(chunk []T) { c.c.chunks = append(c.c.chunks, chunk) }

// Reset zeroes what was handed out and keeps at most keep chunks; nothing taken may be used
// after.
func (c *Chunked[T]) Reset(keep int) { c.c.reset(keep) }

// newNode returns a zeroed response node.
func (rq *Request) newNode() *resNode { return &rq.nodes.take(1, nodeChunk)[0] }

// NewValues returns n zeroed values, for a list or the results of a batch, carved from the
// request's memory: they live until the response is released, and must not be kept after.
func (rq *Request) NewValues(n int) []any { return rq.anys.take(n, anyChunk) }

// setFields sizes an object's or a list's values for n fields or items.
func (rq *Request) setFields(node *resNode, n int) {
	if n <= len(node.inline) {
		node.vals = node.inline[:n:n]
		return
	}
	node.vals = rq.NewValues(n)
}

// newGroup returns an empty group for a batch of the current depth; groups are reused from
// one depth to the next.
func (rq *Request) newGroup() *group {
	if rq.groupN == len(rq.groupBuf) {
		rq.groupBuf = append(rq.groupBuf, &group{})
	}
	g := rq.groupBuf[rq.groupN]
	rq.groupN++
	*g = group{parents: g.parents[:0], slots: g.slots[:0]}
	return g
}

// release returns the request and everything carved from it to the pool. Nothing of its
// response may be used after.
func (rq *Request) release() {
	if r, ok := rq.keep.(Resetter); ok {
		r.Reset()
	}
	rq.nodes.reset(keepChunks)
	rq.anys.reset(keepChunks)
	for i := range rq.levels {
		rq.levels[i] = recycle(rq.levels[i])
	}
	for _, g := range rq.groupBuf {
		*g = group{parents: recycle(g.parents), slots: recycle(g.slots)}
	}
	clear(rq.groups)
	clear(rq.memo)
	clear(rq.loaded)
	rq.ids = recycle(rq.ids)
	rq.loadOut = recycle(rq.loadOut)
	clear(rq.order)
	rq.shapes, rq.shapeGroups = recycle(rq.shapes), recycle(rq.shapeGroups)
	clear(rq.shapeIndex)
	*rq = Request{
		nodes: rq.nodes, anys: rq.anys, keep: rq.keep,
		levels: rq.levels, groups: rq.groups, order: rq.order[:0], groupBuf: rq.groupBuf, memo: rq.memo,
		loaded: rq.loaded, ids: rq.ids, loadOut: rq.loadOut, shapes: rq.shapes, shapeGroups: rq.shapeGroups, shapeIndex: rq.shapeIndex,
	}
	requests.Put(rq)
}

// recycle empties a scratch slice for the next request, zeroed so that it keeps nothing alive;
// one grown past keepItems by a rare large response is let go.
func recycle[T any](s []T) []T {
	if cap(s) > keepItems {
		return nil
	}
	clear(s[:cap(s)])
	return s[:0]
}
