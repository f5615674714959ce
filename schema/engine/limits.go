package engine

import (
	"fmt"
	"strings"

	"time"

	"github.com/plangraph/plangraph/internal/errcode"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// Limits protect the service from documents that would take it down. Every limit is enforced
// before execution starts (except Timeout) and answered with a clear error naming the limit.
type Limits struct {
	MaxDocumentBytes int           // size of the query text
	MaxTokens        int           // lexer tokens of the query text
	MaxDepth         int           // nesting of selections, fragments expanded
	MaxFirst         int           // largest `first` argument accepted; above it is an error
	MaxCost          int           // estimated number of values in the response
	ListEstimate     int           // values assumed for a list field without `first`
	MaxPathHops      int           // largest maxHops of paths()
	MaxListValues    int           // values of one list argument (enum lists counted after de-duplication)
	MaxStringBytes   int           // bytes of one string argument or variable (search text, ids)
	MaxResponseBytes int           // bytes of the strings in one response
	Timeout          time.Duration // per request; cancels the reads under way
	CacheSize        int           // parsed and validated documents kept
}

// DefaultLimits are the limits of a server started without flags.
var DefaultLimits = Limits{
	MaxDocumentBytes: 64 << 10,
	MaxTokens:        20000,
	MaxDepth:         16,
	MaxFirst:         1000,
	MaxCost:          200000,
	ListEstimate:     20,
	MaxPathHops:      6,
	MaxListValues:    100,
	MaxStringBytes:   1024,
	MaxResponseBytes: 8 << 20,
	Timeout:          10 * time.Second,
	CacheSize:        1024,
}

// withDefaults fills every limit left at zero with its default.
func (l Limits) withDefaults() Limits {
	d := DefaultLimits
	for _, f := range []struct{ dst, v *int }{
		{&d.MaxDocumentBytes, &l.MaxDocumentBytes}, {&d.MaxTokens, &l.MaxTokens}, {&d.MaxDepth, &l.MaxDepth},
		{&d.MaxFirst, &l.MaxFirst}, {&d.MaxCost, &l.MaxCost}, {&d.ListEstimate, &l.ListEstimate},
		{&d.MaxPathHops, &l.MaxPathHops}, {&d.CacheSize, &l.CacheSize},
		{&d.MaxListValues, &l.MaxListValues}, {&d.MaxStringBytes, &l.MaxStringBytes}, {&d.MaxResponseBytes, &l.MaxResponseBytes},
	} {
		if *f.v > 0 {
			*f.dst = *f.v
		}
	}
	if l.Timeout > 0 {
		d.Timeout = l.Timeout
	}
	return d
}

// Limits returns the limits in force.
func (e *Executor) Limits() Limits { return e.limits }

// shape is the depth of an operation, measured once per cached document.
func depthOf(doc *ast.QueryDocument, sel ast.SelectionSet) int {
	memo := map[string]int{}
	var walk func(ast.SelectionSet, map[string]bool) int
	walk = func(ss ast.SelectionSet, active map[string]bool) int {
		max := 0
		for _, s := range ss {
			d := 0
			switch s := s.(type) {
			case *ast.Field:
				if len(s.SelectionSet) > 0 {
					d = 1 + walk(s.SelectionSet, active)
				} else {
					d = 1
				}
			case *ast.InlineFragment:
				d = walk(s.SelectionSet, active)
			case *ast.FragmentSpread:
				if v, ok := memo[s.Name]; ok {
					d = v
					break
				}
				f := doc.Fragments.ForName(s.Name)
				if f == nil || active[s.Name] {
					break // validation reports unknown and cyclic fragments
				}
				active[s.Name] = true
				d = walk(f.SelectionSet, active)
				delete(active, s.Name)
				memo[s.Name] = d
			}
			if d > max {
				max = d
			}
		}
		return max
	}
	return walk(sel, map[string]bool{})
}

// checkCost rejects `first` values out of range and, when fanout > 0, estimates how many values
// the operation would return: a list below the root (links, children, mentions, citations …)
// holds its `first` or the graph's typical fan-out, whichever is smaller; lists at the root
// hold their `first` (or ListEstimate). The estimate refuses what is clearly too big before any work; the executor
// also counts values as it goes and stops at the same limit, so hubs cannot slip through.
// The cost of a fragment is computed once and scaled, so nested fragment spreads cannot make
// this check itself expensive.
func (e *Executor) checkCost(doc *ast.QueryDocument, op *ast.OperationDefinition, vars map[string]any, fanout Fanout) *gqlerror.Error {
	var firstErr *gqlerror.Error
	memo := map[string]float64{}
	var cost func(ss ast.SelectionSet, active map[string]bool, inConn bool) float64
	// inConn: the selection is of a connection (EntityConnection), whose lists hold the
	// `first` entities its field already counted.
	cost = func(ss ast.SelectionSet, active map[string]bool, inConn bool) float64 {
		total := 0.0
		for _, s := range ss {
			switch s := s.(type) {
			case *ast.Field:
				if s.Name == "__schema" || s.Name == "__type" {
					// An introspection answer is bounded by the schema's size: count it at
					// that size, so that aliased copies add up.
					total += float64(e.introspectionCost)
					continue
				}
				mult := 1.0
				if s.Definition != nil && s.Definition.Type.Elem != nil && !inConn {
					mult = float64(e.limits.ListEstimate)
				}
				conn := s.Definition != nil && strings.HasSuffix(s.Definition.Type.Name(), "Connection")
				if a := s.Arguments.ForName("first"); a != nil || s.Definition != nil && s.Definition.Arguments.ForName("first") != nil {
					n, err := firstValue(s, a, vars)
					switch {
					case err != nil:
						if firstErr == nil {
							firstErr = posErr(s.Position, errcode.BadUserInput, "%v", err)
						}
					case n < 0:
						if firstErr == nil {
							firstErr = posErr(s.Position, errcode.BadUserInput, "%s: first must not be negative (got %d)", s.Name, n)
						}
					case n > e.limits.MaxFirst:
						if firstErr == nil {
							firstErr = posErr(s.Position, errcode.BadUserInput, "%s: first is %d, above the maximum of %d; ask for fewer and page with after (or narrow the query)", s.Name, n, e.limits.MaxFirst)
						}
					case s.Definition != nil && s.Definition.Type.Elem != nil || conn:
						mult = float64(n)
					}
				}
				if fanout[0] > 0 && s.Definition != nil && s.Definition.Type.Elem != nil && onNode(s) {
					mult = min(mult, float64(fanout[e.listClass[s.Definition.Type.Name()]]))
				}
				total += 1 + mult*cost(s.SelectionSet, active, conn)
			case *ast.InlineFragment:
				total += cost(s.SelectionSet, active, inConn)
			case *ast.FragmentSpread:
				if v, ok := memo[s.Name]; ok {
					total += v
					continue
				}
				f := doc.Fragments.ForName(s.Name)
				if f == nil || active[s.Name] {
					continue
				}
				active[s.Name] = true
				v := cost(f.SelectionSet, active, inConn)
				delete(active, s.Name)
				memo[s.Name] = v
				total += v
			}
		}
		return total
	}
	total := cost(op.SelectionSet, map[string]bool{}, false)
	if firstErr != nil {
		return firstErr
	}
	if fanout[0] > 0 && total > float64(e.limits.MaxCost) {
		return posErr(op.Position, errcode.QueryTooComplex, "the query would return about %.0f values, above the limit of %d; ask for fewer results with first, or split the query", total, e.limits.MaxCost)
	}
	return nil
}

// onNode reports whether a list field lies below the root: its values hang off one node of the
// graph (links, children, mentions, a link's citations …) and are bounded by the graph's
// fan-out. Lists at the root (search, entities, paths) are bounded by their `first` alone.
func onNode(f *ast.Field) bool {
	return f.ObjectDefinition != nil && f.ObjectDefinition.Name != "Query" && !strings.HasSuffix(f.ObjectDefinition.Name, "Connection")
}

func firstValue(f *ast.Field, a *ast.Argument, vars map[string]any) (int, error) {
	var v any
	if a != nil {
		var err error
		if v, err = a.Value.Value(vars); err != nil {
			return 0, err
		}
	} else if d := f.Definition.Arguments.ForName("first"); d != nil && d.DefaultValue != nil {
		v, _ = d.DefaultValue.Value(nil)
	}
	if v == nil {
		return 0, nil
	}
	return ArgInt(map[string]any{"first": v}, "first", 0)
}

func posErr(pos *ast.Position, code errcode.Code, format string, args ...any) *gqlerror.Error {
	e := &gqlerror.Error{Message: fmt.Sprintf(format, args...), Extensions: map[string]any{"code": string(code)}}
	if pos != nil {
		e.Locations = []gqlerror.Location{{Line: pos.Line, Column: pos.Column}}
	}
	return e
}
