package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/plangraph/plangraph/internal/errcode"
	"github.com/plangraph/plangraph/schema"
)

// Media types of GraphQL over HTTP.
const (
	mediaGraphQLResponse = "application/graphql-response+json"
	mediaJSON            = "application/json"
)

// graphql serves GraphQL over HTTP as the GraphQL-over-HTTP specification describes: POST with
// application/json, GET with URL parameters for queries, application/graphql-response+json when
// the client accepts it (with 4xx statuses for requests that cannot run) and application/json
// for older clients (200 with errors in the body).
func (s *Server) graphql(c *gin.Context) {
	start := time.Now()
	media, ok := negotiate(c.GetHeader("Accept"))
	if !ok {
		c.Header("Content-Type", mediaJSON+"; charset=utf-8")
		writeProblem(c, errcode.NotAcceptable, "this endpoint answers "+mediaGraphQLResponse+" or "+mediaJSON)
		return
	}
	// A slot is taken before the body is read: decoding a large body is work too.
	release, ok := s.slotFor(c.Request).acquire(c.Request.Context())
	if !ok {
		c.Header("Retry-After", "1")
		s.refuse(c, media, errcode.ServerBusy, busyMessage, "", start)
		return
	}
	// Given back once the response is made, before it is written: a client that reads slowly
	// must not hold a slot.
	release = sync.OnceFunc(release)
	defer release()
	params, code, err := s.readParams(c)
	if err != nil {
		s.refuse(c, media, code, err.Error(), "", start)
		return
	}
	prep, resp := s.exec.Prepare(params)
	if resp != nil {
		s.writeResponse(c, media, statusOf(resp, media), resp, params.OperationName, start)
		return
	}
	if c.Request.Method == http.MethodGet && prep.Operation() != ast.Query {
		c.Header("Allow", "POST")
		s.refuse(c, media, errcode.MethodNotAllowed, fmt.Sprintf("%s operations are not allowed over GET", prep.Operation()), prep.OperationName(), start)
		return
	}
	if _, err := s.fresh.check(c.Request.Context(), false); err != nil {
		s.log.Warn("store unavailable", "err", err, "request_id", c.GetString(ctxRequestID))
		s.refuse(c, media, errcode.StoreUnavailable, storeDownMessage, prep.OperationName(), start)
		return
	}
	resp = s.exec.Run(c.Request.Context(), s.metrics.countingReader(s.store.Snapshot()), prep)
	release()
	s.writeResponse(c, media, statusOf(resp, media), resp, prep.OperationName(), start)
}

// readParams reads the request parameters from the URL (GET) or the JSON body (POST).
func (s *Server) readParams(c *gin.Context) (schema.Params, errcode.Code, error) {
	var p schema.Params
	if c.Request.Method == http.MethodGet {
		q := c.Request.URL.Query()
		p.Query = q.Get("query")
		p.OperationName = q.Get("operationName")
		for _, f := range []struct {
			name string
			dst  *map[string]any
		}{{"variables", &p.Variables}, {"extensions", &p.Extensions}} {
			if raw := q.Get(f.name); raw != "" {
				if err := decodeJSON([]byte(raw), f.dst); err != nil {
					return p, errcode.BadRequest, fmt.Errorf("%s: not a JSON object: %v", f.name, err)
				}
			}
		}
		if p.Query == "" && p.Extensions["persistedQuery"] == nil {
			return p, errcode.BadRequest, errors.New("missing query parameter")
		}
		return p, "", nil
	}
	ct := c.GetHeader("Content-Type")
	if ct == "" {
		return p, errcode.UnsupportedMediaType, errors.New("missing Content-Type: send application/json")
	}
	mt, mp, err := mime.ParseMediaType(ct)
	if err != nil || mt != mediaJSON {
		return p, errcode.UnsupportedMediaType, fmt.Errorf("unsupported Content-Type %q: send application/json", ct)
	}
	if cs, ok := mp["charset"]; ok && !strings.EqualFold(cs, "utf-8") {
		return p, errcode.UnsupportedMediaType, fmt.Errorf("unsupported charset %q: send utf-8", cs)
	}
	buf := bodies.Get().(*bytes.Buffer)
	defer putBody(buf)
	buf.Reset()
	_, err = buf.ReadFrom(http.MaxBytesReader(c.Writer, c.Request.Body, s.opts.MaxBodyBytes))
	body := buf.Bytes() // decoding copies what it keeps: the buffer is free again after
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			drain(c.Request.Body)
			return p, errcode.RequestTooLarge, fmt.Errorf("request body is over %d bytes", s.opts.MaxBodyBytes)
		}
		return p, errcode.BadRequest, fmt.Errorf("cannot read the body: %v", err)
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return p, errcode.BadRequest, errors.New("the request body is empty: send {\"query\": …}")
	}
	// One pass over the body: each parameter arrives as whatever JSON value it is, and its type
	// is checked after.
	var raw struct {
		Query         any `json:"query"`
		OperationName any `json:"operationName"`
		Variables     any `json:"variables"`
		Extensions    any `json:"extensions"`
	}
	if err := decodeJSON(body, &raw); err != nil {
		return p, errcode.BadRequest, fmt.Errorf("the body is not a JSON object: %v", err)
	}
	var ok bool
	if p.Query, ok = stringOrNull(raw.Query); !ok {
		return p, errcode.BadRequest, errors.New("query must be a string")
	}
	if p.OperationName, ok = stringOrNull(raw.OperationName); !ok {
		return p, errcode.BadRequest, errors.New("operationName must be a string")
	}
	if p.Variables, ok = objectOrNull(raw.Variables); !ok {
		return p, errcode.BadRequest, errors.New("variables must be an object")
	}
	if p.Extensions, ok = objectOrNull(raw.Extensions); !ok {
		return p, errcode.BadRequest, errors.New("extensions must be an object")
	}
	if raw.Query == nil && p.Extensions["persistedQuery"] == nil {
		return p, errcode.BadRequest, errors.New("the body has no query")
	}
	return p, "", nil
}

// bodies recycles the buffers request bodies are read into.
var bodies = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func putBody(b *bytes.Buffer) {
	if b.Cap() <= 64<<10 {
		bodies.Put(b)
	}
}

func stringOrNull(v any) (string, bool) {
	if v == nil {
		return "", true
	}
	s, ok := v.(string)
	return s, ok
}

func objectOrNull(v any) (map[string]any, bool) {
	if v == nil {
		return nil, true
	}
	m, ok := v.(map[string]any)
	return m, ok
}

// decodeJSON decodes exactly one JSON value; anything after it is an error. (json.Unmarshal
// checks that, without the buffers of a json.Decoder.)
func decodeJSON(b []byte, v any) error {
	err := json.Unmarshal(b, v)
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("%w at byte %d", err, se.Offset)
	}
	return err
}

// negotiate picks the response media type from the Accept header: the GraphQL response type
// when the client accepts it, application/json for older clients and for */* or no header.
func negotiate(accept string) (string, bool) {
	if strings.TrimSpace(accept) == "" {
		return mediaJSON, true
	}
	best, bestQ := "", -1.0
	for _, part := range strings.Split(accept, ",") {
		mt, params, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		q := 1.0
		if qs, ok := params["q"]; ok {
			if _, err := fmt.Sscanf(qs, "%g", &q); err != nil {
				q = 0
			}
		}
		if q <= 0 {
			continue
		}
		var cand string
		switch mt {
		case mediaGraphQLResponse:
			cand = mediaGraphQLResponse
		case mediaJSON, "*/*", "application/*":
			cand = mediaJSON
		default:
			continue
		}
		// Equal preference: the GraphQL response type wins, as the spec recommends.
		if q > bestQ || q == bestQ && cand == mediaGraphQLResponse {
			best, bestQ = cand, q
		}
	}
	return best, best != ""
}

// statusOf is where the outcome of a request becomes an HTTP status. With the GraphQL response
// type a request that could not run is a 4xx; with application/json it is 200 with the errors
// in the body, which is what older clients expect.
func statusOf(r *schema.Response, media string) int {
	if r.HasData() {
		for _, e := range r.Errors {
			if code, _ := e.Extensions["code"].(string); errcode.Code(code) == errcode.StoreUnavailable {
				return errcode.StoreUnavailable.Status()
			}
		}
		return http.StatusOK
	}
	var code errcode.Code
	if len(r.Errors) > 0 {
		c, _ := r.Errors[0].Extensions["code"].(string)
		code = errcode.Code(c)
	}
	switch {
	case code == errcode.DocumentTooLarge, code.Status() == http.StatusOK:
		return code.Status() // 413; and 200 for the persisted-query codes Apollo clients expect so
	case media == mediaJSON:
		return http.StatusOK
	}
	return http.StatusBadRequest
}

// refuse answers a GraphQL request that cannot run with one error of the request stage, with
// the status of its code.
func (s *Server) refuse(c *gin.Context, media string, code errcode.Code, msg, opName string, start time.Time) {
	s.writeResponse(c, media, code.Status(), &schema.Response{Stage: schema.StageRequest, Errors: gqlerror.List{codedErr(code, msg)}}, opName, start)
}

func codedErr(code errcode.Code, msg string) *gqlerror.Error {
	return &gqlerror.Error{Message: msg, Extensions: map[string]any{"code": string(code)}}
}

func (s *Server) writeResponse(c *gin.Context, media string, status int, r *schema.Response, opName string, start time.Time) {
	s.metrics.observe(opName, r, time.Since(start))
	for _, e := range r.Errors {
		// The client was told only that it failed (errcode.Code.Internal); the log says why.
		if code, _ := e.Extensions["code"].(string); e.Err != nil && errcode.Code(code).Internal() {
			s.log.Error("graphql: request failed", "request_id", c.GetString(ctxRequestID), "code", code, "path", e.Path.String(), "err", e.Err)
		}
	}
	c.Header("Cache-Control", "no-store")
	c.Header("Content-Type", media+"; charset=utf-8")
	_, err := r.WriteWith(c.Writer, func(n int) {
		c.Header("Content-Length", strconv.Itoa(n))
		c.Status(status)
	})
	r.Release() // written: its memory serves the next request
	if err != nil {
		s.log.Debug("write response", "err", err, "request_id", c.GetString(ctxRequestID))
	}
}

// writeProblem answers a request that is not a GraphQL request with a small JSON error, with
// the status of its code.
func writeProblem(c *gin.Context, code errcode.Code, msg string) {
	c.AbortWithStatusJSON(code.Status(), gin.H{"errors": []gin.H{{"message": msg, "extensions": gin.H{"code": string(code)}}}})
}
