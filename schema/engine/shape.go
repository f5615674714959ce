package engine

import (
	"fmt"

	"github.com/vektah/gqlparser/v2/ast"
)

// How the objects of one depth are typed and grouped into batches.

// shape is how the objects of one concrete type under one selection set are filled in at a
// depth: their fields, and the batch each field joins. A depth has few shapes and many
// objects, so each object costs a short scan instead of a lookup per field.
type shape struct {
	typ    *ast.Definition
	sel    *ast.Selection // the selection set's first element identifies it
	n      int
	fields []*collected
	keys   *keySet
	groups []*group // the batch of each field, found when first needed
}

// shapesScanned is how many shapes are looked for by scanning before a map is used: a
// document with many aliased selections can make many shapes at one depth.
const shapesScanned = 8

func (rq *Request) shapeOf(typ *ast.Definition, sel ast.SelectionSet) *shape {
	key := collectKey{typ: typ, n: len(sel)}
	if len(sel) > 0 {
		key.sel = &sel[0]
	}
	if len(rq.shapes) <= shapesScanned {
		for i := range rq.shapes {
			if sh := &rq.shapes[i]; sh.typ == typ && sh.sel == key.sel && sh.n == key.n {
				return sh
			}
		}
	} else if i, ok := rq.shapeIndex[key]; ok {
		return &rq.shapes[i]
	}
	fields, keys := rq.collect(typ, sel)
	start := len(rq.shapeGroups)
	rq.shapeGroups = append(rq.shapeGroups, make([]*group, len(fields))...)
	rq.shapes = append(rq.shapes, shape{typ: typ, sel: key.sel, n: key.n, fields: fields, keys: keys, groups: rq.shapeGroups[start:len(rq.shapeGroups):len(rq.shapeGroups)]})
	if len(rq.shapes) > shapesScanned {
		if rq.shapeIndex == nil {
			rq.shapeIndex = map[collectKey]int{}
		}
		for i, sh := range rq.shapes {
			rq.shapeIndex[collectKey{sh.typ, sh.sel, sh.n}] = i
		}
	}
	return &rq.shapes[len(rq.shapes)-1]
}

// groupOf returns the batch of a field at this depth: one per field of the document and way
// of resolving it (an interface field selected on objects of several types is one batch).
func (rq *Request) groupOf(typ *ast.Definition, cf *collected) *group {
	k := groupKey{cf.first, cf.planKey}
	g := rq.groups[k]
	if g == nil {
		g = rq.newGroup()
		g.call, g.argErr = rq.newCall(typ, cf)
		rq.groups[k] = g
		rq.order = append(rq.order, g)
	}
	return g
}

// groupKey groups the objects of one depth whose field resolves the same way: the same field
// of the document, and the same resolution (an interface field selected on objects of several
// types is one batch, not one per type). Plan keys are interned, so comparing is cheap.
type groupKey struct {
	field *ast.Field
	plan  *string
}

// kindType is one answer of concreteType: the object type of a node kind in a position.
type kindType struct {
	declared *ast.Definition
	kind     string
	def      *ast.Definition
}

// concreteType returns the object type of a value in a position of the declared type.
// Answers are kept for the request: a response has thousands of objects of a few kinds.
func (rq *Request) concreteType(declared *ast.Definition, v any) (*ast.Definition, error) {
	kind, id, isNode := rq.e.kindOf(v)
	if isNode {
		for _, k := range rq.kinds {
			if k.declared == declared && k.kind == kind {
				return k.def, nil
			}
		}
	}
	def, err := rq.e.concreteType(declared, v, kind, id, isNode)
	if err == nil && isNode && len(rq.kinds) < 32 {
		rq.kinds = append(rq.kinds, kindType{declared, kind, def})
	}
	return def, err
}

func (e *Executor) concreteType(declared *ast.Definition, v any, kind, id string, isNode bool) (*ast.Definition, error) {
	if declared.Kind == ast.Object {
		if isNode {
			typ, ok := e.typeOfKind[kind]
			if !ok {
				typ = kind
			}
			if typ != declared.Name {
				return nil, fmt.Errorf("%s is a %s, not a %s", id, kind, declared.Name)
			}
		}
		return declared, nil
	}
	if !isNode {
		return nil, fmt.Errorf("cannot tell the type of a %T in a %s position", v, declared.Name)
	}
	if def := e.implementations[declared.Name][kind]; def != nil {
		return def, nil
	}
	return nil, fmt.Errorf("%s is a %s, which is not a %s", id, kind, declared.Name)
}
