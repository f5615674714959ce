package engine

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"sync/atomic"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/plangraph/plangraph/internal/errcode"
)

// Request is the state of one execution. Resolvers are handed it: they read the request's
// context, limits and Source through it, and take memory for their results from it.
type Request struct {
	e       *Executor
	ctx     context.Context
	src     any
	keep    any       // kept by a resolver with the request's memory (Keep)
	entry   *docEntry // the compiled document, shared by every request of it
	doc     *ast.QueryDocument
	op      *ast.OperationDefinition
	vars    map[string]any
	errs    gqlerror.List
	data    *resNode
	memo    map[collectKey]collectedSet
	nulled  bool // some object was nulled: objects must check their ancestors
	stopped bool // the deadline passed or the request was cancelled: said once in errors
	values  int  // values placed in the response so far
	bytes   int  // bytes of the strings placed in the response so far
	over    bool // the response went past a budget: said once in errors

	// Memory reused from one request to the next (see arena.go).
	nodes    chunked[resNode]
	anys     chunked[any]
	levels   [2][]task           // the objects of this depth and of the next
	groups   map[groupKey]*group // the batches of the depth being resolved
	order    []*group            // the same, in the order they were met
	groupBuf []*group            // groups to reuse; the first groupN are in use
	groupN   int
	loaded   map[Ref]any // loadNodes' scratch
	ids      []string
	loadOut  []any

	shapes      []shape // the shapes of the depth being resolved
	shapeGroups []*group
	shapeIndex  map[collectKey]int
	kinds       []kindType // concreteType's answers so far
}

// dead reports whether an object was nulled with its parent; cheap until something is nulled.
func (rq *Request) dead(n *resNode) bool { return rq.nulled && n.isDead() }

// Call is one field of the document resolved for every parent of one type at one depth. A
// call whose arguments use no variable is made once and shared by every request of its
// document: resolvers read it and never write it, except through Memo.
type Call struct {
	Field  *ast.Field // the first field of the response key; arguments and position come from it
	Args   map[string]any
	Parent *ast.Definition
	// Memo is the resolver's to keep what it derives from Args (parsed filters, say), once
	// for every request that shares the call.
	Memo atomic.Value

	plan  *fieldPlan
	sel   ast.SelectionSet // sub-selections of every field merged under the key
	named *ast.Definition  // the field's named type, looked up once for all its values
	plain bool             // a single String or ID: a Go string is its value as it is
}

// Context is the request's context: its deadline is the request's time limit.
func (rq *Request) Context() context.Context { return rq.ctx }

// Source is the source the request was run with (Executor.Run).
func (rq *Request) Source() any { return rq.src }

// Kept returns what a resolver kept with the request's memory (Keep), nil at first.
func (rq *Request) Kept() any { return rq.keep }

// Keep keeps v with the request's memory: later requests that reuse it find it with Kept. A v
// that implements Resetter is reset when the response is released, and must keep nothing of
// that response alive.
func (rq *Request) Keep(v any) { rq.keep = v }

// Limits are the executor's limits.
func (rq *Request) Limits() Limits { return rq.e.limits }

type task struct {
	typ *ast.Definition // declared type, possibly an interface
	val any
	sel ast.SelectionSet
	out *resNode
}

type slot struct {
	node  *resNode
	index int
}

type group struct {
	call    *Call
	parents []any
	slots   []slot
	argErr  error
}

func (rq *Request) run(root *ast.Definition) {
	rq.data = rq.newNode()
	cur := 0
	level := append(rq.levels[cur][:0], task{typ: root, val: nil, sel: rq.op.SelectionSet, out: rq.data})
	defer func() { rq.levels[cur] = level }()
	for len(level) > 0 {
		err := rq.ctx.Err()
		if err != nil {
			rq.stop(err)
		}
		if err != nil || rq.exhausted() {
			rq.nullUnfinished(level)
			return
		}
		next := rq.step(level, rq.levels[1-cur][:0])
		rq.levels[cur] = level // keep what it grew to for the next request
		cur, level = 1-cur, next
	}
}

// nullUnfinished marks the objects of tasks that were not reached null where allowed: the
// fields not reached stay null.
func (rq *Request) nullUnfinished(tasks []task) {
	for _, t := range tasks {
		if !t.out.isDead() && t.out.parent != nil && t.out.nullifyIn(rq) {
			rq.data.dead = true
		}
	}
}

// step resolves one depth: it loads the nodes the previous depth reached, resolves every field
// of every object at this depth (one batch per distinct field), and appends the objects of the
// next depth to next.
func (rq *Request) step(tasks, next []task) []task {
	rq.loadNodes(tasks)
	if rq.groups == nil {
		rq.groups = map[groupKey]*group{}
	}
	clear(rq.groups)
	rq.order, rq.groupN = rq.order[:0], 0
	rq.shapes, rq.shapeGroups = rq.shapes[:0], rq.shapeGroups[:0]
	clear(rq.shapeIndex)
	for i, t := range tasks {
		if rq.exhausted() {
			// Fields read straight off nodes (texts, names) grow the response as objects are
			// made: stop making them once past the budget, and null the rest as run does.
			rq.nullUnfinished(tasks[i:])
			return next
		}
		if rq.dead(t.out) {
			continue
		}
		if t.val == nil && t.out.parent != nil {
			continue // already null
		}
		concrete, err := rq.concreteType(t.typ, t.val)
		if err != nil {
			rq.addErr(t.out.path(), nil, err)
			if t.out.nullifyIn(rq) {
				rq.data.dead = true
			}
			continue
		}
		sh := rq.shapeOf(concrete, t.sel)
		t.out.keys = sh.keys // shared by every object of this shape; never written
		rq.setFields(t.out, len(sh.fields))
		for i, cf := range sh.fields {
			if cf.typename {
				t.out.vals[i] = concrete.Name
				continue
			}
			if cf.inline != nil {
				if v, ok := cf.inline.plan.inline(t.val); ok {
					rq.completeInline(cf.inline, v, t.out, i)
					continue
				}
			}
			g := sh.groups[i]
			if g == nil {
				g = rq.groupOf(concrete, cf)
				sh.groups[i] = g
			}
			g.parents = append(g.parents, t.val)
			g.slots = append(g.slots, slot{t.out, i})
		}
	}
	for _, g := range rq.order {
		// One depth can hold many batches (aliases): stop between them, not only between
		// depths, so that the response never grows far past its budget.
		if err := rq.ctx.Err(); err != nil || rq.exhausted() {
			if err != nil {
				rq.stop(err) // the fields left unresolved are null: the response must say why
			}
			for _, s := range g.slots {
				rq.completeNull(g.call, s)
			}
			continue
		}
		var results []any
		err := g.argErr
		if err == nil {
			results, err = rq.resolve(g)
		}
		for j, s := range g.slots {
			if rq.dead(s.node) {
				continue
			}
			if err != nil {
				rq.complete(g.call, g.call.plan.def.Type, FieldError{err}, s.node, s.index, &next)
				continue
			}
			rq.complete(g.call, g.call.plan.def.Type, results[j], s.node, s.index, &next)
		}
	}
	return next
}

// completeInline fills in a field read straight off its parent. Ids and names, most of a
// response, are strings in a string position: they go in as they are.
func (rq *Request) completeInline(c *Call, v any, out *resNode, i int) {
	if c.plain {
		if str, ok := v.(string); ok {
			rq.values++
			rq.bytes += len(str)
			out.vals[i] = v
			return
		}
	}
	rq.complete(c, c.plan.def.Type, v, out, i, nil)
}

// exhausted reports whether the response has grown past one of its budgets (values, bytes of
// text), recording the error the first time it is noticed.
func (rq *Request) exhausted() bool {
	if rq.over {
		return true
	}
	lim := rq.e.limits
	var err error
	switch {
	case rq.values > lim.MaxCost:
		err = &codedError{code: errcode.QueryTooComplex, msg: fmt.Sprintf("the response grew past %d values, the limit; ask for fewer results with first, or split the query", lim.MaxCost)}
	case rq.bytes > lim.MaxResponseBytes:
		err = &codedError{code: errcode.ResponseTooLarge, msg: fmt.Sprintf("the response grew past %d bytes of text, the limit; ask for fewer results with first, or split the query", lim.MaxResponseBytes)}
	default:
		return false
	}
	rq.over = true
	rq.addErr(nil, nil, err)
	return true
}

// stop records, once, that the request's time ran out or it was cancelled.
func (rq *Request) stop(err error) {
	if !rq.stopped {
		rq.stopped = true
		rq.addErr(nil, nil, timeoutError(err))
	}
}

func (rq *Request) completeNull(c *Call, s slot) {
	if c.plan.def.Type.NonNull {
		if s.node.nullifyIn(rq) {
			rq.data.dead = true
		}
	}
}

// resolve runs a field's batch resolver, turning a panic into an error of that field rather
// than a crash of the server.
func (rq *Request) resolve(g *group) (results []any, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = &codedError{code: errcode.Internal, msg: fmt.Sprintf("internal error resolving %s.%s", g.call.Parent.Name, g.call.Field.Name), cause: fmt.Errorf("panic: %v", p)}
		}
	}()
	results, err = g.call.plan.batch(rq, g.call, g.parents)
	if err == nil && len(results) != len(g.parents) {
		err = fmt.Errorf("resolver of %s.%s returned %d values for %d parents", g.call.Parent.Name, g.call.Field.Name, len(results), len(g.parents))
	}
	return results, err
}

// loadNodes replaces every Ref of the depth by its value, in one Resolvers.Load call.
func (rq *Request) loadNodes(tasks []task) {
	if rq.loaded == nil {
		rq.loaded = map[Ref]any{}
	}
	byID := rq.loaded
	clear(byID)
	ids := rq.ids[:0]
	for _, t := range tasks {
		if id, ok := t.val.(Ref); ok && !rq.dead(t.out) {
			if _, seen := byID[id]; !seen {
				byID[id] = nil
				ids = append(ids, string(id))
			}
		}
	}
	rq.ids = ids
	if len(ids) == 0 {
		return
	}
	out := rq.loadOut[:0]
	for range ids {
		out = append(out, nil)
	}
	rq.loadOut = out
	err := rq.e.load(rq.ctx, rq.src, ids, out)
	if err == nil {
		for i, n := range out {
			byID[Ref(ids[i])] = n
		}
	}
	for i := range tasks {
		t := &tasks[i]
		id, ok := t.val.(Ref)
		if !ok || rq.dead(t.out) {
			continue
		}
		if n := byID[id]; n != nil {
			t.val = n
			continue
		}
		t.val = nil
		if err != nil {
			rq.addErr(t.out.path(), nil, err)
		}
		// A link to a node that is not there is a dangling reference; the position becomes null.
		if t.out.parent != nil {
			t.out.parent.vals[t.out.index] = nil
			t.out.dead = true
			if t.out.nonNull {
				if err == nil {
					rq.addErr(t.out.path(), nil, fmt.Errorf("node %s is missing from the store", id))
				}
				if t.out.parent.nullifyIn(rq) {
					rq.data.dead = true
				}
			}
		}
	}
}

// complete puts a resolved value into the response at parent.vals[i], as the field's type says.
func (rq *Request) complete(c *Call, t *ast.Type, v any, parent *resNode, i int, next *[]task) {
	if fe, ok := v.(FieldError); ok {
		rq.addErr(parent.fieldPath(i), c.Field, fe.Err)
		rq.setNull(t, parent, i)
		return
	}
	if v == nil {
		if t.NonNull {
			rq.addErr(parent.fieldPath(i), c.Field, fmt.Errorf("cannot return null for non-nullable field %s.%s", c.Parent.Name, c.Field.Name))
		}
		rq.setNull(t, parent, i)
		return
	}
	rq.values++
	if str, ok := v.(string); ok {
		rq.bytes += len(str)
	}
	if t.Elem != nil {
		items, ok := v.([]any)
		if !ok {
			rq.addErr(parent.fieldPath(i), c.Field, fmt.Errorf("internal: %s.%s resolved to a %T, not a list", c.Parent.Name, c.Field.Name, v))
			rq.setNull(t, parent, i)
			return
		}
		l := rq.newNode()
		*l = resNode{list: true, parent: parent, index: i, nonNull: t.NonNull}
		rq.setFields(l, len(items))
		parent.vals[i] = l
		for j, item := range items {
			rq.complete(c, t.Elem, item, l, j, next)
			if l.dead {
				return
			}
		}
		return
	}
	def := c.named
	if def == nil || def.Name != t.NamedType {
		def = rq.e.schema.Types[t.NamedType]
	}
	switch def.Kind {
	case ast.Scalar, ast.Enum:
		out, err := serialize(def, v)
		if err != nil {
			rq.addErr(parent.fieldPath(i), c.Field, fmt.Errorf("%s.%s: %w", c.Parent.Name, c.Field.Name, err))
			rq.setNull(t, parent, i)
			return
		}
		parent.vals[i] = out
	default:
		obj := rq.newNode()
		*obj = resNode{parent: parent, index: i, nonNull: t.NonNull}
		parent.vals[i] = obj
		*next = append(*next, task{typ: def, val: v, sel: c.sel, out: obj})
	}
}

func (rq *Request) setNull(t *ast.Type, parent *resNode, i int) {
	parent.vals[i] = nil
	if t.NonNull && parent.nullifyIn(rq) {
		rq.data.dead = true
	}
}

// serialize coerces a resolved Go value to the scalar or enum type's output form.
func serialize(def *ast.Definition, v any) (any, error) {
	// Values already in their output form are returned as they came: re-boxing them would
	// allocate once per value.
	if def.Kind == ast.Enum {
		s, ok := v.(string)
		if !ok || def.EnumValues.ForName(s) == nil {
			return nil, fmt.Errorf("%v is not a value of %s", v, def.Name)
		}
		return v, nil
	}
	switch def.Name {
	case "String":
		if _, ok := v.(string); ok {
			return v, nil
		}
	case "ID":
		switch x := v.(type) {
		case string:
			return v, nil
		case Ref:
			return string(x), nil
		case int64:
			return strconv.FormatInt(x, 10), nil
		case int:
			return strconv.Itoa(x), nil
		}
	case "Boolean":
		if _, ok := v.(bool); ok {
			return v, nil
		}
	case "Int":
		var n int64
		switch v := v.(type) {
		case int:
			n = int64(v)
		case int64:
			n = v
		case float64:
			if v != math.Trunc(v) {
				return nil, fmt.Errorf("%v is not an integer", v)
			}
			n = int64(v)
		default:
			return nil, fmt.Errorf("%T is not an Int", v)
		}
		if n > math.MaxInt32 || n < math.MinInt32 {
			return nil, fmt.Errorf("%d does not fit a 32-bit Int", n)
		}
		if _, ok := v.(int64); ok {
			return v, nil
		}
		return n, nil
	case "Float":
		switch x := v.(type) {
		case float64:
			return v, nil
		case int64:
			return float64(x), nil
		case int:
			return float64(x), nil
		}
	}
	return nil, fmt.Errorf("%T is not a %s", v, def.Name)
}
