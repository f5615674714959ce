package api

import (
	"bytes"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/plangraph/plangraph/graph"
	"github.com/plangraph/plangraph/internal/errcode"
	"github.com/plangraph/plangraph/schema/table"
)

// tables serves the CSV tables the explorer's lists download: /export/entities.csv?type=&plan=
// and /export/links.csv?plan=, the same bytes as `plangraph export --format csv` and
// `--format links-csv`. A table is a run of GraphQL queries: it takes a heavy slot.
func (s *Server) tables(e *gin.Engine) {
	e.GET("/export/:file", func(c *gin.Context) {
		plan, typ := c.Query("plan"), strings.ToUpper(c.Query("type"))
		if _, ok := graph.TypeByEnum(typ); typ != "" && !ok {
			writeProblem(c, errcode.BadUserInput, "type: "+typ+" is not an entity type")
			return
		}
		release, ok := s.heavy.acquire(c.Request.Context())
		if !ok {
			c.Header("Retry-After", "1")
			writeProblem(c, errcode.ServerBusy, busyMessage)
			return
		}
		defer release()
		var buf bytes.Buffer
		var err error
		name := "entities"
		switch c.Param("file") {
		case "entities.csv":
			if typ != "" {
				name = strings.ToLower(typ) + "s"
			}
			err = table.Entities(c.Request.Context(), s.exec, s.store.Snapshot(), plan, typ, &buf)
		case "links.csv":
			name = "links"
			err = table.Links(c.Request.Context(), s.exec, s.store.Snapshot(), plan, &buf)
		default:
			writeProblem(c, errcode.NotFound, "no such table: "+c.Param("file")+" (entities.csv or links.csv)")
			return
		}
		if err != nil {
			s.writeError(c, err)
			return
		}
		c.Header("Content-Disposition", `attachment; filename="`+name+`.csv"`)
		c.Header("Cache-Control", "no-store")
		c.Data(http.StatusOK, "text/csv; charset=utf-8", buf.Bytes())
	})
}
