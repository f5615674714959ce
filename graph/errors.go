package graph

import (
	"errors"
	"fmt"
)

// Code classifies an error for the API: the api package maps each code to an HTTP status and a
// GraphQL extensions.code in one place.
type Code string

// Error codes.
const (
	CodeInvalid     Code = "INVALID"     // the input is wrong; the message says where
	CodeNotFound    Code = "NOT_FOUND"   // the thing asked for does not exist
	CodeConflict    Code = "CONFLICT"    // the request conflicts with what is stored
	CodeUnavailable Code = "UNAVAILABLE" // the store cannot be reached; retry later
	CodeInternal    Code = "INTERNAL"    // a bug or an unexpected failure
)

// Error is an error with a Code. Wrap it with fmt.Errorf("…: %w", err) to add context; ErrorCode
// finds the code through any number of wraps.
type Error struct {
	Code Code
	Msg  string
	Err  error // the cause, if any
}

func (e *Error) Error() string {
	switch {
	case e.Msg != "" && e.Err != nil:
		return e.Msg + ": " + e.Err.Error()
	case e.Msg != "":
		return e.Msg
	case e.Err != nil:
		return e.Err.Error()
	}
	return string(e.Code)
}

func (e *Error) Unwrap() error { return e.Err }

// ErrorClass is the error's Code as a string: errcode reads it through an interface, so that
// packages that only name error codes (the GraphQL engine) need not import the store.
func (e *Error) ErrorClass() string { return string(e.Code) }

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code Code, format string, args ...any) error {
	return &Error{Code: code, Msg: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, CodeInternal when there is
// none, and "" for a nil error.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return CodeInternal
}
