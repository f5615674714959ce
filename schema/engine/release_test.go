package engine

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

// A schema that is not a plan: the engine serves any data through Resolvers and a Source.

const toySDL = `
type Query { items(n: Int!): [Item!]! item(id: ID!): Item }
interface Named { name: String! }
type Item implements Named { id: ID! name: String! twice: String! }
`

type item struct{ id, name string }

type toyResolvers struct{}

func (toyResolvers) Field(typ *ast.Definition, fd *ast.FieldDefinition) (Field, error) {
	switch typ.Name + "." + fd.Name {
	case "Query.items":
		return Field{Resolve: func(rq *Request, c *Call, parents []any) ([]any, error) {
			n, err := ArgInt(c.Args, "n", 0)
			if err != nil {
				return nil, err
			}
			list := make([]any, n)
			for i := range list {
				list[i] = Ref(fmt.Sprint("i", i))
			}
			return []any{list}, nil
		}}, nil
	case "Query.item":
		return Field{Resolve: func(rq *Request, c *Call, parents []any) ([]any, error) {
			return []any{Ref(ArgString(c.Args, "id"))}, nil
		}}, nil
	case "Item.id", "Item.name":
		read := func(it *item) any { return it.id }
		if fd.Name == "name" {
			read = func(it *item) any { return it.name }
		}
		return Field{
			Resolve: func(rq *Request, c *Call, parents []any) ([]any, error) {
				out := rq.NewValues(len(parents))
				for i, p := range parents {
					out[i] = read(p.(*item))
				}
				return out, nil
			},
			Inline: func(v any) (any, bool) {
				it, ok := v.(*item)
				if !ok {
					return nil, false
				}
				return read(it), true
			},
		}, nil
	case "Item.twice":
		return Field{Resolve: func(rq *Request, c *Call, parents []any) ([]any, error) {
			sc, _ := rq.Kept().(*scratch)
			if sc == nil {
				sc = &scratch{}
				rq.Keep(sc)
			}
			sc.used++
			rq.Source().(*toySource).scratch = sc
			out := rq.NewValues(len(parents))
			for i, p := range parents {
				it := p.(*item)
				out[i] = it.name + it.name
			}
			return out, nil
		}}, nil
	}
	return Field{}, nil
}

func (toyResolvers) Kinds(typeName string) []string {
	if typeName == "Item" {
		return []string{"item"}
	}
	return nil
}

func (toyResolvers) Kind(v any) (string, string, bool) {
	if it, ok := v.(*item); ok {
		return "item", it.id, true
	}
	return "", "", false
}

func (toyResolvers) ListClass(string) int  { return 0 }
func (toyResolvers) Hidden(string) bool    { return false }
func (toyResolvers) Fanout(src any) Fanout { return Fanout{} }
func (toyResolvers) Load(ctx context.Context, src any, refs []string, out []any) error {
	return src.(*toySource).load(refs, out)
}

// scratch is what a resolver keeps with the request's memory; it counts its resets.
type scratch struct{ used, resets int }

func (s *scratch) Reset() { s.used = 0; s.resets++ }

// toySource loads items named after their id (i3 is "item 3"; "gone" is missing).
type toySource struct {
	loads   int
	scratch *scratch // what Item.twice kept with the request
}

func (s *toySource) load(refs []string, out []any) error {
	s.loads++
	for i, id := range refs {
		if id != "gone" {
			out[i] = &item{id: id, name: "item " + strings.TrimPrefix(id, "i")}
		}
	}
	return nil
}

func toyExecutor(t testing.TB) *Executor {
	t.Helper()
	s, err := gqlparser.LoadSchema(&ast.Source{Name: "toy.graphql", Input: toySDL})
	if err != nil {
		t.Fatal(err)
	}
	e, err := New(s, toyResolvers{}, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// The engine runs a schema of its own data, with no plan in sight: inline fields, batched
// fields, deferred nodes loaded once per depth, a missing node, __typename and introspection.
func TestToySchema(t *testing.T) {
	e := toyExecutor(t)
	src := &toySource{}
	r := e.Execute(context.Background(), src, Params{Query: `{ items(n: 2) { __typename id name twice } gone: item(id: "gone") { id } t: __type(name: "Named") { possibleTypes { name } } }`})
	got := string(r.JSON())
	want := `{"data":{"items":[{"__typename":"Item","id":"i0","name":"item 0","twice":"item 0item 0"},{"__typename":"Item","id":"i1","name":"item 1","twice":"item 1item 1"}],"gone":null,"t":{"possibleTypes":[{"name":"Item"}]}}}`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if src.loads != 1 {
		t.Errorf("%d loads for one depth of nodes, want 1", src.loads)
	}
	r.Release()
	if src.scratch == nil || src.scratch.resets == 0 || src.scratch.used != 0 {
		t.Errorf("what a resolver kept with the request was not reset once with its response: %+v", src.scratch)
	}
}

// A field nothing resolves is a startup error that names it.
func TestUnresolvedFieldIsAStartupError(t *testing.T) {
	s, err := gqlparser.LoadSchema(&ast.Source{Name: "toy.graphql", Input: toySDL + "extend type Item { extra: Int }"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := New(s, toyResolvers{}, Limits{}); err == nil || !strings.Contains(err.Error(), "Item.extra") {
		t.Errorf("New = %v, want an error naming Item.extra", err)
	}
}

// The release contract (see Response): a response used after its Release refuses to be
// written and says so, and neither that nor a second Release touches the answer of the request
// that now has its memory.
func TestReleaseContract(t *testing.T) {
	e := toyExecutor(t)
	ctx := context.Background()
	src1 := &toySource{}
	r1 := e.Execute(ctx, src1, Params{Query: `{ items(n: 3) { id name twice } }`})
	first := string(r1.JSON())
	if !strings.Contains(first, `"item 2"`) {
		t.Fatalf("unexpected answer %s", first)
	}
	r1.Release()
	resets := src1.scratch.resets // the pool may hand over a request that was released before
	r1.Release()                  // a second Release does nothing
	if src1.scratch.resets != resets {
		t.Error("a second Release reset again what the resolvers kept")
	}

	// The next request takes the memory r1 gave back (the pool is per P; most runs reuse it).
	src2 := &toySource{}
	r2 := e.Execute(ctx, src2, Params{Query: `{ items(n: 5) { name id } twice: items(n: 1) { twice } }`})
	second := string(r2.JSON())

	if b := r1.JSON(); b != nil {
		t.Errorf("JSON of a released response = %s, want nil", b)
	}
	var buf bytes.Buffer
	if n, err := r1.WriteTo(&buf); !errors.Is(err, ErrReleased) || n != 0 || buf.Len() != 0 {
		t.Errorf("WriteTo of a released response = %d, %v, wrote %q; want 0, ErrReleased, nothing", n, err, buf.String())
	}
	sized := false
	if _, err := r1.WriteWith(&buf, func(int) { sized = true }); !errors.Is(err, ErrReleased) || sized || buf.Len() != 0 {
		t.Errorf("WriteWith of a released response = %v (sized %v, wrote %q); want ErrReleased, nothing", err, sized, buf.String())
	}
	if _, err := json.Marshal(r1); !errors.Is(err, ErrReleased) {
		t.Errorf("json.Marshal of a released response = %v, want ErrReleased", err)
	}
	if r1.HasData() || !r1.Released() {
		t.Error("a released response still says it has data")
	}
	r1.Release()
	if src1.scratch.resets != resets || src2.scratch.used != 1 {
		t.Errorf("a second Release reset what the next request kept: %+v %+v", src1.scratch, src2.scratch)
	}
	if again := string(r2.JSON()); again != second {
		t.Errorf("using a released response changed another request's answer:\nbefore %s\nafter  %s", second, again)
	}
	if !strings.Contains(second, `{"name":"item 4","id":"i4"}`) {
		t.Errorf("unexpected answer %s", second)
	}
	r2.Release()
}
