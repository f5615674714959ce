package engine

import (
	"context"
	"errors"

	"github.com/plangraph/plangraph/internal/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

func timeoutError(err error) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return &codedError{code: errcode.Timeout, msg: "the request took longer than its time limit; narrow the query or ask for fewer results"}
	}
	return &codedError{code: errcode.Cancelled, msg: "the request was cancelled"}
}

// codedError is an error with a GraphQL extensions.code of its own.
type codedError struct {
	code  errcode.Code
	msg   string
	cause error
}

func (e *codedError) Error() string { return e.msg }
func (e *codedError) Unwrap() error { return e.cause }

// ErrorCode is the error's code (errcode.Coded).
func (e *codedError) ErrorCode() errcode.Code { return e.code }

// addErr records an error with its path and the location of the field it belongs to.
// The message of a failure whose details are the server's business (errcode.Code.Internal) is a
// generic one; the error itself stays in Err for the server's log.
func (rq *Request) addErr(path ast.Path, f *ast.Field, err error) {
	code := errcode.Of(err)
	msg := err.Error()
	if code.Internal() {
		msg = internalMessage[code]
	}
	ge := &gqlerror.Error{Message: msg, Path: path, Err: err}
	if f != nil && f.Position != nil {
		ge.Locations = []gqlerror.Location{{Line: f.Position.Line, Column: f.Position.Column}}
	}
	ge.Extensions = map[string]any{"code": string(code)}
	rq.errs = append(rq.errs, ge)
}

// internalMessage is what a client is told of a failure whose details it is not told.
var internalMessage = map[errcode.Code]string{
	errcode.Internal:         "internal error; the server log has the details",
	errcode.StoreUnavailable: "the graph store cannot be reached; try again shortly",
}
