package lint

import (
	"fmt"
	"io"
	"strings"
)

// WriteText writes the findings, one `file:line: rule: message` a line, then the summary.
// Acknowledged findings are written only when all is set, marked with their reason.
func (r *Report) WriteText(w io.Writer, all bool) error {
	for _, f := range r.Findings {
		if f.Acknowledged() && !all {
			continue
		}
		line := f.String()
		if f.Acknowledged() {
			line += " (acknowledged: " + f.Ack + ")"
		}
		if _, err := fmt.Fprintln(w, line); err != nil {
			return fmt.Errorf("writing findings: %w", err)
		}
	}
	_, err := fmt.Fprintln(w, r.Summary.String())
	if err != nil {
		return fmt.Errorf("writing summary: %w", err)
	}
	return nil
}

func (s Summary) String() string {
	return fmt.Sprintf("%s, %d stated (%.1f%%); %s, %s, %d acknowledged; %s named without a stated link; %s partly entities (--gaps)",
		plural(s.Links, "link"), s.Stated, s.StatedPct, plural(s.Errors, "error"), plural(s.Warnings, "warning"), s.Acknowledged, plural(s.Unlinked, "entity"), plural(s.Gaps, "enumeration"))
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	if strings.HasSuffix(noun, "y") {
		return fmt.Sprintf("%d %sies", n, strings.TrimSuffix(noun, "y"))
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
