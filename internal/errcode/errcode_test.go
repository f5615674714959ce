package errcode

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"testing"

	"github.com/plangraph/plangraph/graph"
)

type own struct{}

func (own) Error() string   { return "own" }
func (own) ErrorCode() Code { return QueryTooDeep }

// An error finds its code through wrapping, whether it carries one, is a context's or the
// store's; every code has a status in the table.
func TestOf(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want Code
	}{
		{fmt.Errorf("x: %w", own{}), QueryTooDeep},
		{fmt.Errorf("load: %w", context.DeadlineExceeded), Timeout},
		{context.Canceled, Cancelled},
		{fmt.Errorf("remove: %w", graph.Errorf(graph.CodeNotFound, "no plan")), NotFound},
		{graph.Errorf(graph.CodeUnavailable, "down"), StoreUnavailable},
		{graph.Errorf(graph.CodeInvalid, "bad"), BadUserInput},
		{fmt.Errorf("put: %w", graph.Errorf(graph.CodeConflict, "taken")), Conflict},
		{graph.Errorf(graph.CodeInternal, "bug"), Internal},
		{errors.New("boom"), Internal},
	} {
		if got := Of(tc.err); got != tc.want {
			t.Errorf("Of(%v) = %s, want %s", tc.err, got, tc.want)
		}
	}
	if Internal.Status() != http.StatusInternalServerError || StoreUnavailable.Status() != http.StatusServiceUnavailable || Code("NEW").Status() != 500 {
		t.Error("statuses")
	}
	for c := range statuses {
		if c.Status() == 0 {
			t.Errorf("%s has no status", c)
		}
	}
}
