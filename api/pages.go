package api

import (
	"bytes"
	"compress/gzip"
	"embed"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"sync"

	"github.com/gin-gonic/gin"

	"github.com/plangraph/plangraph/internal/errcode"
	"github.com/plangraph/plangraph/schema"
)

//go:embed assets
var assets embed.FS

// pages registers the web pages: GraphiQL, the explorer and the schema's SDL. Everything is in
// the binary; nothing is fetched from a CDN, so the pages work offline.
func (s *Server) pages(e *gin.Engine) {
	e.GET("/graphiql", s.asset("assets/graphiql/index.html"))
	e.GET("/schema.graphql", func(c *gin.Context) {
		c.Data(http.StatusOK, "text/plain; charset=utf-8", []byte(schema.SDL()))
	})
	e.GET("/", s.asset("assets/explorer/index.html"))
	e.GET("/entity/*id", s.asset("assets/explorer/index.html"))
	e.GET("/path", s.asset("assets/explorer/index.html"))
	e.GET("/read", s.asset("assets/explorer/index.html"))
	e.GET("/read/*id", s.asset("assets/explorer/index.html"))
	e.GET("/list/:type", s.asset("assets/explorer/index.html"))
	e.GET("/brief/*id", s.asset("assets/explorer/index.html"))
	e.GET("/explorer/:file", func(c *gin.Context) {
		s.asset("assets/explorer/" + path.Base(c.Param("file")))(c)
	})
	// Third-party code (cytoscape and its layouts, GraphiQL), kept apart from ours.
	e.GET("/vendor/:lib/:file", func(c *gin.Context) {
		s.asset("assets/vendor/" + path.Base(c.Param("lib")) + "/" + path.Base(c.Param("file")))(c)
	})
}

// compressed holds gzip encodings of assets, made once on first request.
var compressed sync.Map // name → []byte

// asset serves an embedded file, gzip-compressed when the client accepts it.
func (s *Server) asset(name string) gin.HandlerFunc {
	return func(c *gin.Context) {
		body, err := fs.ReadFile(assets, name)
		if err != nil {
			writeProblem(c, errcode.NotFound, "no such file: "+path.Base(name))
			return
		}
		ctype := mime.TypeByExtension(path.Ext(name))
		if ctype == "" {
			ctype = "application/octet-stream"
		}
		if strings.HasSuffix(name, ".html") {
			c.Header("Cache-Control", "no-cache")
		} else {
			c.Header("Cache-Control", "public, max-age=3600")
		}
		c.Header("Vary", "Accept-Encoding")
		c.Header("X-Content-Type-Options", "nosniff")
		if strings.Contains(c.GetHeader("Accept-Encoding"), "gzip") && len(body) > 1024 {
			gz, ok := compressed.Load(name)
			if !ok {
				var b bytes.Buffer
				w, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
				_, _ = w.Write(body)
				_ = w.Close()
				gz, _ = compressed.LoadOrStore(name, b.Bytes())
			}
			c.Header("Content-Encoding", "gzip")
			c.Data(http.StatusOK, ctype, gz.([]byte))
			return
		}
		c.Data(http.StatusOK, ctype, body)
	}
}
