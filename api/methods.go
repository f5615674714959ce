package api

import (
	"net/http"
	"slices"
	"strings"
)

// serveHTTP answers HEAD wherever GET works (the server writes the headers, not the body) and
// OPTIONS with the methods that work on the path; everything else goes to the routes. A
// browser's CORS preflight (an OPTIONS with Access-Control-Request-Method) is the CORS
// middleware's to answer.
func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.Method == http.MethodHead:
		r = r.Clone(r.Context())
		r.Method = http.MethodGet
	case r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") == "":
		methods := s.allowed(r.URL.Path)
		if len(methods) == 0 {
			s.engine.ServeHTTP(w, r) // 404, as for any method
			return
		}
		w.Header().Set("Allow", strings.Join(append(methods, http.MethodOptions), ", "))
		w.WriteHeader(http.StatusNoContent)
		return
	}
	s.engine.ServeHTTP(w, r)
}

// allowed returns the methods registered for a path, HEAD beside GET, in a fixed order.
func (s *Server) allowed(path string) []string {
	var out []string
	for _, rt := range s.engine.Routes() {
		if matchRoute(rt.Path, path) && !slices.Contains(out, rt.Method) {
			out = append(out, rt.Method)
		}
	}
	if slices.Contains(out, http.MethodGet) {
		out = append(out, http.MethodHead)
	}
	order := []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete}
	slices.SortFunc(out, func(a, b string) int { return slices.Index(order, a) - slices.Index(order, b) })
	return out
}

// matchRoute reports whether a gin route pattern (/explorer/:file, /entity/*id) matches path.
func matchRoute(pattern, path string) bool {
	ps, xs := strings.Split(pattern, "/"), strings.Split(path, "/")
	for i, p := range ps {
		switch {
		case strings.HasPrefix(p, "*"):
			return true
		case i >= len(xs):
			return false
		case strings.HasPrefix(p, ":"):
			if xs[i] == "" {
				return false
			}
		case p != xs[i]:
			return false
		}
	}
	return len(ps) == len(xs)
}
