package graph_test

import (
	"testing"

	"github.com/plangraph/plangraph/graph"
)

func TestPeriodSpanValue(t *testing.T) {
	v := graph.PeriodSpanValue(9, 25, "ACHIEVED")
	if s, e, p, err := graph.ParsePeriodSpan(v); err != nil || s != 9 || e != 25 || p != "ACHIEVED" {
		t.Errorf("ParsePeriodSpan(%q) = %d, %d, %q, %v", v, s, e, p, err)
	}
	for _, bad := range []string{"", "9,25", "9,25 SOON", "25,9 PLANNED", "-1,3 PLANNED", "a,b PLANNED", "9 25 PLANNED"} {
		if _, _, _, err := graph.ParsePeriodSpan(bad); err == nil {
			t.Errorf("ParsePeriodSpan(%q) took it", bad)
		}
	}
}
