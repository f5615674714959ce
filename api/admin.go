package api

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"path"
	"strconv"
	"strings"
	"testing/fstest"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/plangraph/plangraph/graph"
	"github.com/plangraph/plangraph/internal/errcode"
)

// PlanLoader loads and removes plans for the admin endpoints. The command wires it to the loader
// and the store; the API only knows this interface.
type PlanLoader interface {
	// LoadPlan validates the dataset in fsys (plan.yaml at its root) and replaces the plan in
	// the store in one transaction. On any problem nothing is written.
	LoadPlan(ctx context.Context, fsys fs.FS) (LoadSummary, error)
	RemovePlan(ctx context.Context, id string) (graph.ReplaceResult, error)
}

// LoadSummary is what a load did.
type LoadSummary struct {
	Plan     string         `json:"plan"`
	Counts   map[string]int `json:"counts"`
	Added    int            `json:"quadsAdded"`
	Removed  int            `json:"quadsRemoved"`
	Duration string         `json:"duration"`
}

// ProblemLister is an error that lists problems with their places (loader.Problems).
type ProblemLister interface {
	error
	Places() []string
}

// Limits of an uploaded dataset archive.
const (
	maxUploadBytes   = 64 << 20 // the archive as sent
	maxUnpackedBytes = 64 << 20 // every file of it decompressed, together: a zip bomb stops here
	maxUploadFiles   = 64
)

// admin registers the admin endpoints. Without a token they do not exist (404): an operator
// turns them on deliberately.
func (s *Server) admin(e *gin.Engine) {
	g := e.Group("/admin", s.requireToken())
	g.POST("/plans", s.uploadPlan)
	g.DELETE("/plans/:id", s.removePlan)
}

// requireToken checks the bearer token in constant time.
func (s *Server) requireToken() gin.HandlerFunc {
	return func(c *gin.Context) {
		if s.opts.AdminToken == "" || s.opts.PlanLoader == nil {
			writeProblem(c, errcode.NotFound, "the admin API is disabled (start the server with --admin-token)")
			return
		}
		if wait, after := s.tokens.blocked(c.ClientIP(), time.Now()); wait {
			c.Header("Retry-After", strconv.Itoa(int(after.Seconds())+1))
			writeProblem(c, errcode.TooManyRequests, "too many wrong admin tokens from this address; try again later")
			return
		}
		auth := c.GetHeader("Authorization")
		// The scheme is case-insensitive (RFC 9110 §11.1): "bearer" is as good as "Bearer".
		scheme, token, ok := strings.Cut(auth, " ")
		ok = ok && strings.EqualFold(scheme, "Bearer")
		if !ok || token == "" {
			c.Header("WWW-Authenticate", `Bearer realm="plangraph-admin"`)
			writeProblem(c, errcode.Unauthenticated, "send Authorization: Bearer <admin token>")
			return
		}
		if subtle.ConstantTimeCompare([]byte(token), []byte(s.opts.AdminToken)) != 1 {
			if n := s.tokens.fail(c.ClientIP(), time.Now()); n == 1 || n == maxTokenFailures {
				s.log.Warn("admin: wrong token", "request_id", c.GetString(ctxRequestID), "remote", c.ClientIP(), "failures_this_minute", n)
			}
			writeProblem(c, errcode.Forbidden, "the token is not the admin token")
			return
		}
		c.Next()
	}
}

// uploadTimeout bounds one upload: reading the archive, validating it and writing the plan.
// The server's read and write timeouts are for GraphQL requests; an upload gets its own, and
// the answer a margin past it, so that a client whose upload was stored is told so.
const (
	uploadTimeout = 2 * time.Minute
	answerMargin  = 15 * time.Second
)

// uploadPlan loads a dataset sent as a tar, tar.gz or zip archive of its directory.
func (s *Server) uploadPlan(c *gin.Context) {
	deadline := time.Now().Add(uploadTimeout)
	rc := http.NewResponseController(c.Writer)
	// Not every connection can move its deadlines (an httptest recorder cannot); the upload's
	// own context below bounds the work all the same.
	_ = rc.SetReadDeadline(deadline)
	_ = rc.SetWriteDeadline(deadline.Add(answerMargin))
	ctx, cancel := context.WithDeadline(c.Request.Context(), deadline)
	defer cancel()
	body, err := io.ReadAll(http.MaxBytesReader(c.Writer, c.Request.Body, maxUploadBytes))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		drain(c.Request.Body)
		writeProblem(c, errcode.RequestTooLarge, fmt.Sprintf("the archive is over %d bytes", maxUploadBytes))
		return
	case err != nil:
		writeProblem(c, errcode.BadRequest, fmt.Sprintf("the archive could not be read within %v", uploadTimeout))
		return
	}
	fsys, err := unpack(body)
	if err != nil {
		writeProblem(c, errcode.BadRequest, "cannot read the archive: "+err.Error())
		return
	}
	sum, err := s.opts.PlanLoader.LoadPlan(ctx, fsys)
	if err != nil {
		var pl ProblemLister
		switch {
		case errors.As(err, &pl):
			c.AbortWithStatusJSON(errcode.InvalidDataset.Status(), gin.H{"errors": []gin.H{{"message": "the dataset has problems; nothing was stored", "extensions": gin.H{"code": errcode.InvalidDataset, "problems": pl.Places()}}}})
		case errors.Is(err, context.DeadlineExceeded):
			writeProblem(c, errcode.Timeout, fmt.Sprintf("the upload took longer than its limit of %v; nothing was stored", uploadTimeout))
		default:
			s.writeError(c, err)
		}
		return
	}
	s.log.Info("admin: plan loaded", "request_id", c.GetString(ctxRequestID), "plan", sum.Plan, "added", sum.Added, "removed", sum.Removed)
	c.JSON(http.StatusOK, sum)
}

func (s *Server) removePlan(c *gin.Context) {
	if id := c.Param("id"); len(id) > graph.MaxIDBytes {
		// Refused before any work: no plan can have such an id.
		writeProblem(c, errcode.BadRequest, fmt.Sprintf("a plan id is at most %d bytes", graph.MaxIDBytes))
		return
	}
	res, err := s.opts.PlanLoader.RemovePlan(c.Request.Context(), c.Param("id"))
	if err != nil {
		s.writeError(c, err)
		return
	}
	s.log.Info("admin: plan removed", "request_id", c.GetString(ctxRequestID), "plan", res.Plan, "removed", res.Removed)
	c.JSON(http.StatusOK, gin.H{"plan": res.Plan, "quadsRemoved": res.Removed})
}

// writeError answers an error of the store with its code: the domain's own errors (not found,
// conflict, invalid) with their words; a failure whose details are the server's business with a
// generic message, the details only in the log under the request id.
func (s *Server) writeError(c *gin.Context, err error) {
	code := errcode.Of(err)
	msg := err.Error()
	if code.Internal() {
		s.log.Error("admin: request failed", "request_id", c.GetString(ctxRequestID), "code", code, "err", err)
		msg = "the request failed; the server log has the details under request id " + c.GetString(ctxRequestID)
	}
	writeProblem(c, code, msg)
}

// unpack reads a tar, tar.gz or zip archive into memory. A single top-level directory is
// stripped, so archiving "liwan/" or the files inside it both work.
func unpack(b []byte) (fs.FS, error) {
	files := map[string][]byte{}
	total := 0
	add := func(name string, r io.Reader) error {
		name = path.Clean(strings.TrimPrefix(name, "./"))
		if path.IsAbs(name) || name == ".." || strings.HasPrefix(name, "../") {
			return fmt.Errorf("%s: path leaves the archive", name)
		}
		if len(files) >= maxUploadFiles {
			return fmt.Errorf("more than %d files", maxUploadFiles)
		}
		if _, dup := files[name]; dup {
			return fmt.Errorf("%s: the archive holds it twice", name)
		}
		// Read one byte past what is left of the budget: more than that is a refusal, however
		// the entry's header describes its size.
		left := maxUnpackedBytes - total
		data, err := io.ReadAll(io.LimitReader(r, int64(left)+1))
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if len(data) > left {
			return fmt.Errorf("%s: the files decompress to more than %d bytes together", name, maxUnpackedBytes)
		}
		total += len(data)
		files[name] = data
		return nil
	}
	switch {
	case bytes.HasPrefix(b, []byte("PK\x03\x04")):
		zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			return nil, err
		}
		for _, f := range zr.File {
			if f.FileInfo().IsDir() {
				continue
			}
			rc, err := f.Open()
			if err != nil {
				return nil, fmt.Errorf("%s: %w", f.Name, err)
			}
			err = add(f.Name, rc)
			rc.Close()
			if err != nil {
				return nil, err
			}
		}
	default:
		var r io.Reader = bytes.NewReader(b)
		if bytes.HasPrefix(b, []byte{0x1f, 0x8b}) {
			gz, err := gzip.NewReader(r)
			if err != nil {
				return nil, err
			}
			r = gz
		}
		tr := tar.NewReader(r)
		for {
			h, err := tr.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				return nil, fmt.Errorf("not a tar, tar.gz or zip archive: %w", err)
			}
			if h.Typeflag != tar.TypeReg {
				continue
			}
			if err := add(h.Name, tr); err != nil {
				return nil, err
			}
		}
	}
	if len(files) == 0 {
		return nil, errors.New("the archive holds no files")
	}
	prefix := commonDir(files)
	m := fstest.MapFS{}
	for name, data := range files {
		m[strings.TrimPrefix(name, prefix)] = &fstest.MapFile{Data: data, Mode: 0o644}
	}
	return m, nil
}

func commonDir(files map[string][]byte) string {
	dir := ""
	for name := range files {
		i := strings.IndexByte(name, '/')
		if i < 0 {
			return ""
		}
		if dir == "" {
			dir = name[:i+1]
		} else if dir != name[:i+1] {
			return ""
		}
	}
	return dir
}
