package schema

import (
	"context"
	"errors"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/plangraph/plangraph/graph"
)

func timeoutError(err error) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return &codedError{code: "TIMEOUT", msg: "the request took longer than its time limit; narrow the query or ask for fewer results"}
	}
	return &codedError{code: "CANCELLED", msg: "the request was cancelled"}
}

// Codes of the request budget (see Limits).
const (
	codeLimit        = "ARGUMENT_TOO_LARGE" // a list or string argument over its limit
	codeResponseSize = "RESPONSE_TOO_LARGE" // the response grew past MaxResponseBytes
)

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
	if errors.Is(err, context.Canceled) {
		return "CANCELLED"
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
