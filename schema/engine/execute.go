package engine

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/vektah/gqlparser/v2/validator"
	"github.com/vektah/gqlparser/v2/validator/rules"

	"github.com/plangraph/plangraph/internal/errcode"
)

// Params is a GraphQL request.
type Params struct {
	Query         string         `json:"query"`
	OperationName string         `json:"operationName"`
	Variables     map[string]any `json:"variables"`
	Extensions    map[string]any `json:"extensions"`
}

// Stage says how far a request got; the HTTP layer picks its status from it.
type Stage int

// Stages of a request.
const (
	StageRequest  Stage = iota // the request itself is wrong: no query, unknown operation, variables
	StageParse                 // the document does not parse
	StageValidate              // the document is not valid against the schema
	StageLimits                // the document is valid but over a limit
	StageExecute               // executed (data is present, possibly with field errors)
)

// Response is the result of a request.
//
// The release contract: the data of an executed response lives in memory that the request
// took from a pool. Release hands it back for later requests to reuse; call it once the
// response has been written (MarshalJSON, JSON, WriteTo, WriteWith), from the goroutine that
// wrote it, and do not use the response after. What happens if one does is defined, so that a
// mistake cannot corrupt another request's answer: Release a second time does nothing, and a
// released response refuses to be written — WriteTo and WriteWith write nothing and return
// ErrReleased, MarshalJSON returns ErrReleased, JSON returns nil — and no longer has data.
// A response that is never released is freed by the garbage collector as usual.
type Response struct {
	Stage      Stage
	Errors     gqlerror.List
	Extensions map[string]any
	data       *resNode
	executed   bool
	rq         *Request // the memory data lives in, until Release
	released   bool
}

// ErrReleased is what writing a response after its Release returns.
var ErrReleased = errors.New("engine: the response was written after its Release")

// Release hands the memory of the response's data back for later requests to reuse (see the
// contract on Response). Releasing twice is harmless.
func (r *Response) Release() {
	if r.released {
		return
	}
	if r.rq != nil {
		r.rq.release()
	}
	r.rq, r.data, r.executed, r.released = nil, nil, false, true
}

// Released reports whether Release was called.
func (r *Response) Released() bool { return r.released }

// HasData reports whether the response carries a data entry (it does once execution started,
// until it is released).
func (r *Response) HasData() bool { return r.executed }

// MarshalJSON writes the response as the GraphQL spec lays it out: errors first, then data
// (absent when execution did not start, null when a non-null root field failed).
func (r *Response) MarshalJSON() ([]byte, error) {
	if r.released {
		return nil, ErrReleased
	}
	var b bytes.Buffer
	r.write(&b)
	return b.Bytes(), nil
}

// JSON returns the response as JSON; nil once it is released.
func (r *Response) JSON() []byte {
	if r.released {
		return nil
	}
	var b bytes.Buffer
	b.Grow(1024)
	r.write(&b)
	return b.Bytes()
}

// buffers recycles the buffers responses are encoded into: a response is encoded once per
// request, and growing a fresh buffer to its size each time was a fifth of what a request
// allocated.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// WriteTo encodes the response into w.
func (r *Response) WriteTo(w io.Writer) (int64, error) {
	return r.WriteWith(w, nil)
}

// WriteWith encodes the response into w, first telling size (when not nil) how long it is:
// an HTTP server that knows the length sends the body in one piece rather than in chunks.
func (r *Response) WriteWith(w io.Writer, size func(n int)) (int64, error) {
	if r.released {
		return 0, ErrReleased
	}
	b := buffers.Get().(*bytes.Buffer)
	b.Reset()
	r.write(b)
	if size != nil {
		size(b.Len())
	}
	n, err := w.Write(b.Bytes())
	if b.Cap() <= 1<<20 { // keep ordinary buffers; let a rare huge one go
		buffers.Put(b)
	}
	return int64(n), err
}

// write encodes the response; its callers refuse a released one first.
func (r *Response) write(b *bytes.Buffer) {
	b.WriteByte('{')
	sep := false
	if len(r.Errors) > 0 {
		errs, err := json.Marshal(r.Errors)
		if err != nil {
			errs = []byte(`[{"message":"internal: cannot encode errors"}]`)
		}
		b.WriteString(`"errors":`)
		b.Write(errs)
		sep = true
	}
	if r.executed {
		if sep {
			b.WriteByte(',')
		}
		b.WriteString(`"data":`)
		if r.data == nil || r.data.dead {
			b.WriteString("null")
		} else {
			appendJSON(b, r.data)
		}
		sep = true
	}
	if len(r.Extensions) > 0 {
		ext, err := json.Marshal(r.Extensions)
		if err == nil {
			if sep {
				b.WriteByte(',')
			}
			b.WriteString(`"extensions":`)
			b.Write(ext)
		}
	}
	b.WriteByte('}')
}

func requestError(stage Stage, errs ...*gqlerror.Error) *Response {
	return &Response{Stage: stage, Errors: errs}
}

// Prepared is a document ready to run: parsed, validated, its operation chosen and its
// variables coerced.
type Prepared struct {
	entry *docEntry
	doc   *ast.QueryDocument
	op    *ast.OperationDefinition
	vars  map[string]any
}

// Operation returns the operation type (query, mutation, subscription).
func (p *Prepared) Operation() ast.Operation { return p.op.Operation }

// OperationName returns the operation's name ("" when anonymous).
func (p *Prepared) OperationName() string { return p.op.Name }

// Prepare parses and validates the request's document (or takes it from the cache), picks the
// operation, coerces the variables and checks the limits. A non-nil Response is the answer
// when the request cannot run.
func (e *Executor) Prepare(p Params) (*Prepared, *Response) {
	query, perr := e.persisted(p)
	if perr != nil {
		return nil, requestError(StageRequest, perr)
	}
	if strings.TrimSpace(query) == "" {
		return nil, requestError(StageRequest, coded(errcode.BadRequest, "the request has no query"))
	}
	if len(query) > e.limits.MaxDocumentBytes {
		return nil, requestError(StageLimits, coded(errcode.DocumentTooLarge, fmt.Sprintf("the query is %d bytes, above the limit of %d", len(query), e.limits.MaxDocumentBytes)))
	}
	entry := e.docs.get(query)
	if entry == nil {
		entry = e.compile(query)
		e.docs.put(query, entry)
	}
	if entry.errs != nil {
		return nil, requestError(entry.stage, entry.errs...)
	}
	op, err := pickOperation(entry.doc, p.OperationName)
	if err != nil {
		return nil, requestError(StageRequest, err)
	}
	if d := entry.depth[op]; d > e.limits.MaxDepth {
		return nil, requestError(StageLimits, posErr(op.Position, errcode.QueryTooDeep, "the query nests %d levels, above the limit of %d", d, e.limits.MaxDepth))
	}
	vars, verr := validator.VariableValues(e.schema, op, p.Variables)
	if verr != nil {
		ge, ok := verr.(*gqlerror.Error)
		if !ok {
			ge = gqlerror.Wrap(verr)
		}
		if ge.Extensions == nil {
			ge.Extensions = map[string]any{}
		}
		ge.Extensions["code"] = string(errcode.BadUserInput)
		return nil, requestError(StageRequest, ge)
	}
	if cerr := entry.checkCost(e, op, vars, Fanout{}); cerr != nil {
		return nil, requestError(StageRequest, cerr)
	}
	return &Prepared{entry: entry, doc: entry.doc, op: op, vars: vars}, nil
}

// compile parses and validates a document.
func (e *Executor) compile(query string) *docEntry {
	doc, err := parser.ParseQueryWithTokenLimit(&ast.Source{Name: "query", Input: query}, e.limits.MaxTokens)
	if err != nil {
		ge, ok := err.(*gqlerror.Error)
		if !ok {
			ge = gqlerror.Wrap(err)
		}
		ge.Extensions = map[string]any{"code": string(errcode.ParseFailed)}
		ge.Rule = ""
		return &docEntry{stage: StageParse, errs: gqlerror.List{ge}}
	}
	if errs := validator.ValidateWithRules(e.schema, doc, rules.NewDefaultRules()); len(errs) > 0 {
		for _, ge := range errs {
			if ge.Extensions == nil {
				ge.Extensions = map[string]any{}
			}
			ge.Extensions["code"] = string(errcode.ValidationFailed)
			delete(ge.Extensions, "file") // the document has no file name; "query" would mislead
		}
		return &docEntry{stage: StageValidate, errs: errs}
	}
	entry := &docEntry{doc: doc, depth: map[*ast.OperationDefinition]int{}, fixed: map[*ast.OperationDefinition]bool{}, static: !directivesUseVariables(doc)}
	for _, op := range doc.Operations {
		entry.depth[op] = depthOf(doc, op.SelectionSet)
		entry.fixed[op] = !usesVariableInFirst(doc, op.SelectionSet)
	}
	return entry
}

func pickOperation(doc *ast.QueryDocument, name string) (*ast.OperationDefinition, *gqlerror.Error) {
	if name != "" {
		if op := doc.Operations.ForName(name); op != nil {
			return op, nil
		}
		return nil, coded(errcode.OperationNotFound, fmt.Sprintf("the document has no operation named %q", name))
	}
	switch len(doc.Operations) {
	case 0:
		return nil, coded(errcode.BadRequest, "the document has no operation")
	case 1:
		return doc.Operations[0], nil
	}
	return nil, coded(errcode.BadRequest, "the document has several operations: say which to run with operationName")
}

func coded(code errcode.Code, msg string) *gqlerror.Error {
	return &gqlerror.Error{Message: msg, Extensions: map[string]any{"code": string(code)}}
}

// persisted implements Apollo's automatic persisted queries: a request may send only the
// SHA-256 of a query it sent before (extensions.persistedQuery.sha256Hash).
func (e *Executor) persisted(p Params) (string, *gqlerror.Error) {
	pq, ok := p.Extensions["persistedQuery"].(map[string]any)
	if !ok {
		return p.Query, nil
	}
	if v, _ := pq["version"].(float64); v != 1 {
		return "", coded(errcode.PersistedQueryNotSupported, "only persistedQuery version 1 is supported")
	}
	hash, _ := pq["sha256Hash"].(string)
	if hash == "" {
		return "", coded(errcode.BadRequest, "persistedQuery needs sha256Hash")
	}
	if p.Query == "" {
		if q, ok := e.docs.byHash(hash); ok {
			return q, nil
		}
		return "", coded(errcode.PersistedQueryNotFound, "PersistedQueryNotFound")
	}
	sum := sha256.Sum256([]byte(p.Query))
	if hex.EncodeToString(sum[:]) != strings.ToLower(hash) {
		return "", coded(errcode.BadRequest, "provided sha256Hash does not match the query")
	}
	e.docs.remember(strings.ToLower(hash), p.Query)
	return p.Query, nil
}

// Run executes a prepared document against a source: whatever the resolvers read (a snapshot
// of a graph), handed to them as Request.Source and to Resolvers.Load.
func (e *Executor) Run(ctx context.Context, src any, p *Prepared) *Response {
	ctx, cancel := context.WithTimeout(ctx, e.limits.Timeout)
	defer cancel()
	if cerr := p.entry.checkCost(e, p.op, p.vars, e.res.Fanout(src)); cerr != nil {
		return requestError(StageLimits, cerr)
	}
	var root *ast.Definition
	switch p.op.Operation {
	case ast.Query, "":
		root = e.schema.Query
	default:
		return requestError(StageRequest, coded(errcode.BadRequest, fmt.Sprintf("%s operations are not supported: the API is read-only", p.op.Operation)))
	}
	rq := requests.Get().(*Request)
	rq.e, rq.ctx, rq.src, rq.entry, rq.doc, rq.op, rq.vars = e, ctx, src, p.entry, p.doc, p.op, p.vars
	rq.run(root)
	rq.ctx = nil // the deadline's context ends with this call
	return &Response{Stage: StageExecute, Errors: rq.errs, data: rq.data, executed: true, rq: rq}
}

// Execute prepares and runs a request.
func (e *Executor) Execute(ctx context.Context, src any, p Params) *Response {
	prep, resp := e.Prepare(p)
	if resp != nil {
		return resp
	}
	return e.Run(ctx, src, prep)
}
