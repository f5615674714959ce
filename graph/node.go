package graph

import "sort"

// Ref is the IRI of a node, used as a property value that points at another node.
type Ref string

// Prop is one property value of a node: string, int64, float64 or Ref.
type Prop struct {
	Key string
	Val any
}

// Node is a node of the read model with its properties. Nodes returned by a Snapshot are shared
// and immutable: callers must not modify them.
type Node struct {
	ID    string
	Plan  string
	Kind  string // an entity type (Zone …) or a structural kind (Paragraph …)
	props []Prop // sorted by Key; several values of one key keep their load order
	idv   any    // ID as an interface value, made once: responses carry ids by the thousand
	name  any    // the first name, for the same reason
}

// NameValue returns the node's first name (PropName), or nil, without a lookup.
func (n *Node) NameValue() any { return n.name }

// IDValue returns the node's ID as an interface value without allocating.
func (n *Node) IDValue() any {
	if n.idv == nil {
		return n.ID
	}
	return n.idv
}

// Get returns the first value of key, or nil.
func (n *Node) Get(key string) any {
	i := sort.Search(len(n.props), func(i int) bool { return n.props[i].Key >= key })
	if i < len(n.props) && n.props[i].Key == key {
		return n.props[i].Val
	}
	return nil
}

// All returns every value of key.
func (n *Node) All(key string) []any {
	i := sort.Search(len(n.props), func(i int) bool { return n.props[i].Key >= key })
	j := i
	for j < len(n.props) && n.props[j].Key == key {
		j++
	}
	out := make([]any, 0, j-i)
	for _, p := range n.props[i:j] {
		out = append(out, p.Val)
	}
	return out
}

// Str returns the first value of key as a string ("" when absent).
func (n *Node) Str(key string) string {
	switch v := n.Get(key).(type) {
	case string:
		return v
	case Ref:
		return string(v)
	}
	return ""
}

// Strs returns every string value of key.
func (n *Node) Strs(key string) []string {
	vals := n.All(key)
	out := make([]string, 0, len(vals))
	for _, v := range vals {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// Int returns the first value of key as an integer.
func (n *Node) Int(key string) (int64, bool) {
	switch v := n.Get(key).(type) {
	case int64:
		return v, true
	case float64:
		return int64(v), true
	}
	return 0, false
}

// Float returns the first value of key as a float.
func (n *Node) Float(key string) (float64, bool) {
	switch v := n.Get(key).(type) {
	case float64:
		return v, true
	case int64:
		return float64(v), true
	}
	return 0, false
}

// IsEntity reports whether the node is an entity (Zone … Target) rather than plan structure.
func (n *Node) IsEntity() bool { return IsEntityType(n.Kind) }

// Dir is the direction of an edge relative to the node it was asked for.
type Dir uint8

// Directions.
const (
	Out  Dir = 1 << iota // from the node
	In                   // to the node
	Both = Out | In
)

// Edge is every quad between a node and one neighbour over one predicate in one direction. A
// link cited by two paragraphs is two quads with two labels, and one Edge with both labels.
type Edge struct {
	Pred   string   // predicate IRI (a relation, or a structural predicate)
	Dir    Dir      // Out: node → Node; In: Node → node
	Node   string   // the neighbour
	Kind   string   // the neighbour's kind, so callers filter by type without loading it
	To     *Node    // the neighbour itself when the reader has it at hand (the read index does)
	Labels []string // quad labels: citations of a relation, mention nodes of pg:mentionedIn
}
