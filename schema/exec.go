package schema

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/plangraph/plangraph/graph"
)

// Reader is what the executor reads the graph through. Every method answers for many nodes in
// one call; the executor calls each once per field and depth. *graph.Snapshot implements it.
type Reader interface {
	Nodes(ctx context.Context, ids []string) ([]*graph.Node, error)
	Edges(ctx context.Context, ids []string, preds []string, dir graph.Dir) ([][]graph.Edge, error)
	Cited(ctx context.Context, paragraphs []string) ([][]graph.Cited, error)
	Neighbours(ctx context.Context, paragraphs []string) ([][2]*graph.Node, error)
	Search(query string, opt graph.SearchOptions) []graph.SearchHit
	SearchText(ctx context.Context, query string, opt graph.TextOptions) ([]graph.TextHit, error)
	Entities(plan string, types []string) []*graph.Node
	Stats(plan string) graph.PlanStats
	PlanIDs() []string
	Fanout() graph.Fanout // typical number of values in one list field, for estimates
}

var _ Reader = (*graph.Snapshot)(nil)

// nodeID is a value that is a node of the graph not loaded yet: the next depth loads every
// nodeID it meets with one Reader.Nodes call.
type nodeID string

// request is the state of one execution.
type request struct {
	e      *Executor
	ctx    context.Context
	r      Reader
	entry  *docEntry // the compiled document, shared by every request of it
	doc    *ast.QueryDocument
	op     *ast.OperationDefinition
	vars   map[string]any
	errs   gqlerror.List
	data   *resNode
	memo   map[collectKey]collectedSet
	nulled bool // some object was nulled: objects must check their ancestors
	values int  // values placed in the response so far
	slab   []resNode
	slabN  int // nodes allocated so far: the next slab is as large, from 8 up to 256
}

// newNode returns a new response node from the request's slab: responses are made of
// hundreds of small objects, allocated here a hundred at a time.
func (rq *request) newNode() *resNode {
	if len(rq.slab) == 0 {
		n := min(max(rq.slabN, 8), 256)
		rq.slab = make([]resNode, n)
		rq.slabN += n
	}
	n := &rq.slab[0]
	rq.slab = rq.slab[1:]
	return n
}

// dead reports whether an object was nulled with its parent; cheap until something is nulled.
func (rq *request) dead(n *resNode) bool { return rq.nulled && n.isDead() }

// fieldCall is one field of the document resolved for every parent of one type at one depth.
type fieldCall struct {
	plan   *fieldPlan
	field  *ast.Field // the first field of the response key; arguments and position come from it
	args   map[string]any
	sel    ast.SelectionSet // sub-selections of every field merged under the key
	parent *ast.Definition
	named  *ast.Definition // the field's named type, looked up once for all its values
}

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
	call    *fieldCall
	parents []any
	slots   []slot
	argErr  error
}

func (rq *request) run(root *ast.Definition) {
	rq.data = &resNode{}
	level := []task{{typ: root, val: nil, sel: rq.op.SelectionSet, out: rq.data}}
	for len(level) > 0 {
		err := rq.ctx.Err()
		if err != nil {
			err = timeoutError(err)
		} else if rq.values > rq.e.limits.MaxCost {
			err = &codedError{code: "QUERY_TOO_COMPLEX", msg: fmt.Sprintf("the response grew past %d values, the limit; ask for fewer results with first, or split the query", rq.e.limits.MaxCost)}
		}
		if err != nil {
			rq.addErr(nil, nil, err)
			// The fields not reached stay null: mark the unfinished objects null where allowed.
			for _, t := range level {
				if !t.out.isDead() && t.out.parent != nil {
					if t.out.nullifyIn(rq) {
						rq.data.dead = true
					}
				}
			}
			return
		}
		level = rq.step(level)
	}
}

func timeoutError(err error) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return &codedError{code: "TIMEOUT", msg: "the request took longer than its time limit; narrow the query or ask for fewer results"}
	}
	return &codedError{code: "CANCELLED", msg: "the request was cancelled"}
}

// step resolves one depth: it loads the nodes the previous depth reached, resolves every field
// of every object at this depth (one batch per distinct field), and returns the objects of the
// next depth.
func (rq *request) step(tasks []task) []task {
	rq.loadNodes(tasks)
	var order []*group
	groups := map[groupKey]*group{}
	for _, t := range tasks {
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
		fields, keys := rq.collect(concrete, t.sel)
		t.out.keys = keys // shared by every object of this type and selection; never written
		t.out.setFields(len(fields))
		node, _ := t.val.(*graph.Node)
		for i, cf := range fields {
			if cf.first.Name == "__typename" {
				t.out.vals[i] = concrete.Name
				continue
			}
			if cf.inline != nil && node != nil {
				rq.complete(cf.inline, cf.inline.plan.def.Type, cf.inline.plan.inline(node), t.out, i, nil)
				continue
			}
			k := groupKey{cf.first, cf.planKey}
			g := groups[k]
			if g == nil {
				// Most fields are asked of every object of the depth: size for that.
				g = &group{parents: make([]any, 0, len(tasks)), slots: make([]slot, 0, len(tasks))}
				g.call, g.argErr = rq.newCall(concrete, cf)
				groups[k] = g
				order = append(order, g)
			}
			g.parents = append(g.parents, t.val)
			g.slots = append(g.slots, slot{t.out, i})
		}
	}
	next := make([]task, 0, len(tasks))
	for _, g := range order {
		if err := rq.ctx.Err(); err != nil {
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
				rq.complete(g.call, g.call.plan.def.Type, fieldError{err}, s.node, s.index, &next)
				continue
			}
			rq.complete(g.call, g.call.plan.def.Type, results[j], s.node, s.index, &next)
		}
	}
	return next
}

func (rq *request) completeNull(c *fieldCall, s slot) {
	if c.plan.def.Type.NonNull {
		if s.node.nullifyIn(rq) {
			rq.data.dead = true
		}
	}
}

// groupKey groups the objects of one depth whose field resolves the same way: the same field
// of the document, and the same resolution (an interface field selected on objects of several
// types is one batch, not one per type). Plan keys are interned, so comparing is cheap.
type groupKey struct {
	field *ast.Field
	plan  *string
}

// resolve runs a field's batch resolver, turning a panic into an error of that field rather
// than a crash of the server.
func (rq *request) resolve(g *group) (results []any, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = &codedError{code: "INTERNAL_SERVER_ERROR", msg: fmt.Sprintf("internal error resolving %s.%s", g.call.parent.Name, g.call.field.Name), cause: fmt.Errorf("panic: %v", p)}
		}
	}()
	results, err = g.call.plan.batch(rq, g.call, g.parents)
	if err == nil && len(results) != len(g.parents) {
		err = fmt.Errorf("resolver of %s.%s returned %d values for %d parents", g.call.parent.Name, g.call.field.Name, len(results), len(g.parents))
	}
	return results, err
}

// loadNodes replaces every nodeID of the depth by its node, in one Reader call.
func (rq *request) loadNodes(tasks []task) {
	var ids []string
	seen := map[nodeID]bool{}
	for _, t := range tasks {
		if id, ok := t.val.(nodeID); ok && !seen[id] && !rq.dead(t.out) {
			seen[id] = true
			ids = append(ids, string(id))
		}
	}
	if len(ids) == 0 {
		return
	}
	nodes, err := rq.r.Nodes(rq.ctx, ids)
	byID := make(map[nodeID]*graph.Node, len(ids))
	if err == nil {
		for i, n := range nodes {
			if n != nil {
				byID[nodeID(ids[i])] = n
			}
		}
	}
	for i := range tasks {
		t := &tasks[i]
		id, ok := t.val.(nodeID)
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

// concreteType returns the object type of a value in a position of the declared type.
func (rq *request) concreteType(declared *ast.Definition, v any) (*ast.Definition, error) {
	n, isNode := v.(*graph.Node)
	if declared.Kind == ast.Object {
		if isNode && typeOfKind[n.Kind] != declared.Name {
			return nil, fmt.Errorf("%s is a %s, not a %s", n.ID, n.Kind, declared.Name)
		}
		return declared, nil
	}
	if !isNode {
		return nil, fmt.Errorf("cannot tell the type of a %T in a %s position", v, declared.Name)
	}
	if def := rq.e.implementations[declared.Name][n.Kind]; def != nil {
		return def, nil
	}
	return nil, fmt.Errorf("%s is a %s, which is not a %s", n.ID, n.Kind, declared.Name)
}

// complete puts a resolved value into the response at parent.vals[i], as the field's type says.
func (rq *request) complete(c *fieldCall, t *ast.Type, v any, parent *resNode, i int, next *[]task) {
	if fe, ok := v.(fieldError); ok {
		rq.addErr(parent.fieldPath(i), c.field, fe.err)
		rq.setNull(t, parent, i)
		return
	}
	if v == nil {
		if t.NonNull {
			rq.addErr(parent.fieldPath(i), c.field, fmt.Errorf("cannot return null for non-nullable field %s.%s", c.parent.Name, c.field.Name))
		}
		rq.setNull(t, parent, i)
		return
	}
	rq.values++
	if t.Elem != nil {
		items, ok := v.([]any)
		if !ok {
			rq.addErr(parent.fieldPath(i), c.field, fmt.Errorf("internal: %s.%s resolved to a %T, not a list", c.parent.Name, c.field.Name, v))
			rq.setNull(t, parent, i)
			return
		}
		l := rq.newNode()
		*l = resNode{list: true, parent: parent, index: i, nonNull: t.NonNull}
		l.setFields(len(items))
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
			rq.addErr(parent.fieldPath(i), c.field, fmt.Errorf("%s.%s: %w", c.parent.Name, c.field.Name, err))
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

func (rq *request) setNull(t *ast.Type, parent *resNode, i int) {
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
		switch x := v.(type) {
		case string:
			return v, nil
		case graph.Ref:
			return string(x), nil
		}
	case "ID":
		switch x := v.(type) {
		case string:
			return v, nil
		case nodeID:
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

// codedError is an error with a GraphQL extensions.code of its own.
type codedError struct {
	code  string
	msg   string
	cause error
}

func (e *codedError) Error() string { return e.msg }
func (e *codedError) Unwrap() error { return e.cause }

// addErr records an error with its path and the location of the field it belongs to.
func (rq *request) addErr(path ast.Path, f *ast.Field, err error) {
	ge := &gqlerror.Error{Message: err.Error(), Path: path, Err: err}
	if f != nil && f.Position != nil {
		ge.Locations = []gqlerror.Location{{Line: f.Position.Line, Column: f.Position.Column}}
	}
	ge.Extensions = map[string]any{"code": errorCode(err)}
	rq.errs = append(rq.errs, ge)
}

// errorCode is the one place where an error becomes an extensions.code.
func errorCode(err error) string {
	var ce *codedError
	if errors.As(err, &ce) {
		return ce.code
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return "TIMEOUT"
	}
	switch graph.ErrorCode(err) {
	case graph.CodeInvalid:
		return "BAD_USER_INPUT"
	case graph.CodeNotFound:
		return "NOT_FOUND"
	case graph.CodeConflict:
		return "CONFLICT"
	case graph.CodeUnavailable:
		return "STORE_UNAVAILABLE"
	}
	return "INTERNAL_SERVER_ERROR"
}
