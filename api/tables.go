package api

import (
	"bytes"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/plangraph/plangraph/graph"
	"github.com/plangraph/plangraph/internal/errcode"
	"github.com/plangraph/plangraph/schema"
	"github.com/plangraph/plangraph/schema/table"
)

// tables serves the CSV tables the explorer's lists download: /export/entities.csv?type=&plan=
// and /export/links.csv?plan=, the same bytes as `plangraph export --format csv` and
// `--format links-csv`. A table is a run of GraphQL queries: it takes a heavy slot, and is
// counted and refreshed like one.
func (s *Server) tables(e *gin.Engine) {
	e.GET("/export/:file", func(c *gin.Context) {
		plan, typ := c.Query("plan"), strings.ToUpper(c.Query("type"))
		if _, ok := graph.TypeByEnum(typ); typ != "" && !ok {
			writeProblem(c, errcode.BadUserInput, "type: "+typ+" is not an entity type")
			return
		}
		// The table is known before a slot is taken, and the store is as fresh as for a query.
		var write func(r schema.Reader, buf *bytes.Buffer) error
		name := "entities"
		switch c.Param("file") {
		case "entities.csv":
			if typ != "" {
				name = strings.ToLower(typ) + "s"
			}
			write = func(r schema.Reader, buf *bytes.Buffer) error {
				return table.Entities(c.Request.Context(), s.exec, r, plan, typ, buf)
			}
		case "links.csv":
			name = "links"
			write = func(r schema.Reader, buf *bytes.Buffer) error {
				return table.Links(c.Request.Context(), s.exec, r, plan, buf)
			}
		default:
			writeProblem(c, errcode.NotFound, "no such table: "+c.Param("file")+" (entities.csv or links.csv)")
			return
		}
		release, ok := s.heavy.acquire(c.Request.Context())
		if !ok {
			c.Header("Retry-After", "1")
			writeProblem(c, errcode.ServerBusy, busyMessage)
			return
		}
		defer release()
		if _, err := s.fresh.check(c.Request.Context(), false); err != nil {
			s.log.Warn("store unavailable", "err", err, "request_id", c.GetString(ctxRequestID))
			writeProblem(c, errcode.StoreUnavailable, storeDownMessage)
			return
		}
		var buf bytes.Buffer
		err := write(s.metrics.countingReader(s.store.Snapshot()), &buf)
		if err != nil {
			s.writeError(c, err)
			return
		}
		c.Header("Content-Disposition", `attachment; filename="`+name+`.csv"`)
		c.Header("Cache-Control", "no-store")
		c.Data(http.StatusOK, "text/csv; charset=utf-8", buf.Bytes())
	})
}
