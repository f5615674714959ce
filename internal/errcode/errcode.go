// Package errcode is the one vocabulary of the errors clients see: the codes of GraphQL's
// extensions.code and of the admin API's error documents, and the HTTP status of each. The
// schema and the api packages name codes only through it, and an error of the store finds its
// code here too, so the same failure has the same code everywhere.
package errcode

import (
	"context"
	"errors"
	"net/http"
)

// Code is an error code as clients see it.
type Code string

// The codes.
const (
	ParseFailed                Code = "GRAPHQL_PARSE_FAILED"
	ValidationFailed           Code = "GRAPHQL_VALIDATION_FAILED"
	BadUserInput               Code = "BAD_USER_INPUT" // arguments, variables, first
	BadRequest                 Code = "BAD_REQUEST"
	OperationNotFound          Code = "OPERATION_NOT_FOUND"
	QueryTooDeep               Code = "QUERY_TOO_DEEP"
	QueryTooComplex            Code = "QUERY_TOO_COMPLEX"
	DocumentTooLarge           Code = "DOCUMENT_TOO_LARGE"
	RequestTooLarge            Code = "REQUEST_TOO_LARGE"
	ArgumentTooLarge           Code = "ARGUMENT_TOO_LARGE" // a list or string argument over its limit
	ResponseTooLarge           Code = "RESPONSE_TOO_LARGE" // the response grew past its bytes
	UnsupportedMediaType       Code = "UNSUPPORTED_MEDIA_TYPE"
	NotAcceptable              Code = "NOT_ACCEPTABLE"
	MethodNotAllowed           Code = "METHOD_NOT_ALLOWED"
	PersistedQueryNotFound     Code = "PERSISTED_QUERY_NOT_FOUND"
	PersistedQueryNotSupported Code = "PERSISTED_QUERY_NOT_SUPPORTED"
	Timeout                    Code = "TIMEOUT"
	Cancelled                  Code = "CANCELLED"
	StoreUnavailable           Code = "STORE_UNAVAILABLE"
	ServerBusy                 Code = "SERVER_BUSY"
	NotFound                   Code = "NOT_FOUND"
	Conflict                   Code = "CONFLICT"
	Unauthenticated            Code = "UNAUTHENTICATED"
	Forbidden                  Code = "FORBIDDEN"
	TooManyRequests            Code = "TOO_MANY_REQUESTS"
	InvalidDataset             Code = "INVALID_DATASET"
	Internal                   Code = "INTERNAL_SERVER_ERROR"
)

// statuses is the one table from a code to the HTTP status of an answer that is that error
// alone. (A GraphQL response that has data is 200 whatever its field errors; see the api
// package's statusOf for the GraphQL-over-HTTP rules.)
var statuses = map[Code]int{
	ParseFailed:                http.StatusBadRequest,
	ValidationFailed:           http.StatusBadRequest,
	BadUserInput:               http.StatusBadRequest,
	BadRequest:                 http.StatusBadRequest,
	OperationNotFound:          http.StatusBadRequest,
	QueryTooDeep:               http.StatusBadRequest,
	QueryTooComplex:            http.StatusBadRequest,
	DocumentTooLarge:           http.StatusRequestEntityTooLarge,
	RequestTooLarge:            http.StatusRequestEntityTooLarge,
	ArgumentTooLarge:           http.StatusBadRequest,
	ResponseTooLarge:           http.StatusBadRequest,
	UnsupportedMediaType:       http.StatusUnsupportedMediaType,
	NotAcceptable:              http.StatusNotAcceptable,
	MethodNotAllowed:           http.StatusMethodNotAllowed,
	PersistedQueryNotFound:     http.StatusOK, // Apollo clients expect it in a 200 and then send the query
	PersistedQueryNotSupported: http.StatusOK,
	Timeout:                    http.StatusGatewayTimeout,
	Cancelled:                  499, // the client went away (nginx's code); it never reads it
	StoreUnavailable:           http.StatusServiceUnavailable,
	ServerBusy:                 http.StatusServiceUnavailable,
	NotFound:                   http.StatusNotFound,
	Conflict:                   http.StatusConflict,
	Unauthenticated:            http.StatusUnauthorized,
	Forbidden:                  http.StatusForbidden,
	TooManyRequests:            http.StatusTooManyRequests,
	InvalidDataset:             http.StatusUnprocessableEntity,
	Internal:                   http.StatusInternalServerError,
}

// Status returns the HTTP status of an answer that is this error alone.
func (c Code) Status() int {
	if s, ok := statuses[c]; ok {
		return s
	}
	return http.StatusInternalServerError
}

// Internal reports whether the code is of a failure whose details are the server's business (a
// bug, the store's connection): its message is logged with the request id, never sent.
func (c Code) Internal() bool { return c == Internal || c == StoreUnavailable }

// Coded is an error that carries its own code.
type Coded interface {
	error
	ErrorCode() Code
}

// Of returns the code of err: its own (Coded), TIMEOUT or CANCELLED for a context's error, the
// code of the store's error (graph.Error), else INTERNAL_SERVER_ERROR.
func Of(err error) Code {
	var c Coded
	if errors.As(err, &c) {
		return c.ErrorCode()
	}
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return Timeout
	case errors.Is(err, context.Canceled):
		return Cancelled
	}
	// The store's errors (graph.Error) are read through their ErrorClass, the string of their
	// graph.Code, rather than by importing graph: the GraphQL engine names codes through this
	// package and must not depend on the store (errcode_test checks the strings match).
	var se storeError
	if errors.As(err, &se) {
		switch se.ErrorClass() {
		case "INVALID":
			return BadUserInput
		case "NOT_FOUND":
			return NotFound
		case "CONFLICT":
			return Conflict
		case "UNAVAILABLE":
			return StoreUnavailable
		}
	}
	return Internal
}

// storeError is an error of the store that says its class (graph.Error).
type storeError interface {
	error
	ErrorClass() string
}
