package graph

import (
	"fmt"
	"strconv"
	"strings"
)

// A paragraph's period (PropPeriod) holds for all of it, unless the dataset places one of its
// sentences apart (the odd sentence that breaks its paragraph's pattern). Each such sentence is
// a PropPeriodSpan value on the paragraph, "START,END PERIOD", in characters as a span IRI
// counts them.

// PeriodSpanValue is the PropPeriodSpan value of characters [start, end) placed in period.
func PeriodSpanValue(start, end int, period string) string {
	return strconv.Itoa(start) + "," + strconv.Itoa(end) + " " + period
}

// ParsePeriodSpan reads a value made by PeriodSpanValue.
func ParsePeriodSpan(v string) (start, end int, period string, err error) {
	rng, period, ok := strings.Cut(v, " ")
	a, b, ok2 := strings.Cut(rng, ",")
	start, err1 := strconv.Atoi(a)
	end, err2 := strconv.Atoi(b)
	if !ok || !ok2 || err1 != nil || err2 != nil || start < 0 || end < start || !IsPeriod(period) {
		return 0, 0, "", fmt.Errorf("%q is not a period span", v)
	}
	return start, end, period, nil
}

// PeriodOf is the period of characters [start, end) of a paragraph: that of a sentence placed
// apart that holds them all, else the paragraph's; a paragraph stored before periods existed
// is DefaultPeriod.
func PeriodOf(para *Node, start, end int) string {
	for _, v := range para.Strs(PropPeriodSpan) {
		if s, e, p, err := ParsePeriodSpan(v); err == nil && s <= start && end <= e {
			return p
		}
	}
	if p := para.Str(PropPeriod); p != "" {
		return p
	}
	return DefaultPeriod
}
