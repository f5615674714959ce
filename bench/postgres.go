package bench

import (
	"context"
	"database/sql"
	"fmt"
)

// analyze has PostgreSQL update the statistics of the tables cayley writes, as autovacuum does
// some time after a load. Without them the planner chose a sequential plan for cayley's SQL
// that took 45 s for the first 3hop-cited question on the embedded plan (65 ms with them):
// measuring before autovacuum has run would measure the missing statistics, not cayley.
// The "postgres" driver is lib/pq, which cayley's PostgreSQL store registers.
func analyze(ctx context.Context, url string) error {
	db, err := sql.Open("postgres", url)
	if err != nil {
		return fmt.Errorf("analyze: %w", err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, "ANALYZE"); err != nil {
		return fmt.Errorf("analyze: %w", err)
	}
	return nil
}
