package graph

import (
	"strings"
	"testing"
)

// Store URLs are matched by the registered backends; capabilities are the backend's, not a
// comparison of names.
func TestBackendFor(t *testing.T) {
	for _, tc := range []struct {
		url, backend, addr string
		shared             bool
		err                string
	}{
		{url: "", backend: "memory"},
		{url: "memory", backend: "memory"},
		{url: "bolt:///tmp/x", backend: "bolt", addr: "/tmp/x"},
		{url: "bolt://", err: "bolt needs a path"},
		{url: "postgres://u:secret@h/db", backend: "postgres", addr: "postgres://u:secret@h/db", shared: true},
		{url: "postgresql://h/db", backend: "postgres", addr: "postgresql://h/db", shared: true},
		{url: "redis://h", err: "registered: bolt, memory, postgres"},
	} {
		b, addr, err := backendFor(tc.url)
		switch {
		case tc.err != "":
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%q: err %v, want one saying %q", tc.url, err, tc.err)
			}
		case err != nil:
			t.Errorf("%q: %v", tc.url, err)
		case b.name != tc.backend || addr != tc.addr || b.shared != tc.shared:
			t.Errorf("%q: %s %q shared=%v, want %s %q shared=%v", tc.url, b.name, addr, b.shared, tc.backend, tc.addr, tc.shared)
		}
	}
}
