package bench

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// SoakOptions configure a soak: clients asking a running server a mix of analyst questions
// without pause for a while.
type SoakOptions struct {
	URL      string        // the server, e.g. http://127.0.0.1:8080; loopback only
	Clients  int           // concurrent clients
	Duration time.Duration // how long in all
	Every    time.Duration // how often to print a line of progress
	Out      io.Writer     // progress and the final report
}

// SoakReport is what a soak measured.
type SoakReport struct {
	Requests, Errors int
	P50, P99         time.Duration
	PerSecond        float64
	// Memory of the server from its /metrics, at the start and at the end.
	RSSStartMB, RSSEndMB   float64
	HeapStartMB, HeapEndMB float64
}

// soakQueries are the questions of a soak: what analysts and the explorer ask of the Liwan plan.
var soakQueries = []string{
	`{"query":"query Search($q: String!) { search(text: $q, first: 8) { score matched entity { id type name nameEn } } }","variables":{"q":"白鹅潭"}}`,
	`{"query":"query Search($q: String!) { search(text: $q, first: 8) { score matched entity { id type name nameEn } } }","variables":{"q":"yiyao"}}`,
	`{"query":"query Entity($id: ID!) { entity(id: $id) { id name nameEn aliases description links { relation direction entity { id name type } evidence { quote paragraph { id } } } mentions(first: 10) { offset text paragraph { id text } } } }","variables":{"id":"liwan-14fyp/zone/baietan-bd"}}`,
	`{"query":"query TwoHop($id: ID!) { entity(id: $id) { id name links(first: 1000) { entity { id name links(first: 1000) { entity { id name } } } } } }","variables":{"id":"liwan-14fyp/zone/julong-cluster"}}`,
	`{"query":"query Why($a: ID!, $b: ID!) { paths(from: $a, to: $b, first: 3) { length nodes { name } links { relation evidence { quote } } } }","variables":{"a":"liwan-14fyp/zone/julong-cluster","b":"liwan-14fyp/strategy/guangzhou-west-cbd"}}`,
	`{"query":"{ entities(type: STRATEGY, filter: {lacksLink: [SERVES], hasLinkDirection: IN}, orderBy: {field: LINK_COUNT, direction: DESC}) { totalCount nodes { name } } }"}`,
	`{"query":"{ searchText(text: \"醫藥健康\", first: 5) { paragraph { id chapter text } highlights { offset length } } }"}`,
	`{"query":"{ paragraph(id: \"liwan-14fyp/ch3/s2/i3/p1\") { text mentions { offset length entity { id name type } } citations { from { name } relation to { name } } } }"}`,
}

// Soak runs clients against a running server, printing p50/p99 latency, errors and the
// server's memory every interval and at the end. It refuses a server that is not on this
// machine: a soak is a load test, not something to point at others.
func Soak(ctx context.Context, opt SoakOptions) (SoakReport, error) {
	var rep SoakReport
	u, err := url.Parse(strings.TrimSuffix(opt.URL, "/"))
	if err != nil || u.Host == "" {
		return rep, fmt.Errorf("soak: %q is not a URL", opt.URL)
	}
	if !loopback(u.Hostname()) {
		return rep, fmt.Errorf("soak: %s is not a loopback address; soak only runs against this machine", u.Hostname())
	}
	if opt.Clients < 1 || opt.Duration <= 0 {
		return rep, fmt.Errorf("soak: want at least one client and a positive duration")
	}
	if opt.Every <= 0 || opt.Every > opt.Duration {
		opt.Every = opt.Duration
	}
	base := u.String()
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: opt.Clients}}
	defer client.CloseIdleConnections()
	mem := func() (rss, heap float64) {
		m, err := scrape(ctx, client, base+"/metrics")
		if err != nil {
			return 0, 0
		}
		return m["process_resident_memory_bytes"] / 1e6, m["go_memstats_heap_inuse_bytes"] / 1e6
	}
	rep.RSSStartMB, rep.HeapStartMB = mem()
	newReq := func(i int) (*http.Request, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/graphql", strings.NewReader(soakQueries[i%len(soakQueries)]))
		if err == nil {
			req.Header.Set("Content-Type", "application/json")
		}
		return req, err
	}
	if err := do(client, newReq, 0); err != nil {
		return rep, fmt.Errorf("soak: the server does not answer a first query: %w", err)
	}
	var all []time.Duration
	start := time.Now()
	for done := time.Duration(0); done < opt.Duration && ctx.Err() == nil; {
		d := min(opt.Every, opt.Duration-done)
		lat, errs := drive(ctx, client, opt.Clients, d, newReq)
		all = append(all, lat...)
		rep.Errors += errs
		done += d
		s := summarize(append([]time.Duration(nil), lat...), d)
		rss, heap := mem()
		fmt.Fprintf(opt.Out, "soak %6s  %7.0f req/s  p50 %-9v p99 %-9v errors %d  server rss %.0f MB heap %.0f MB\n",
			done.Round(time.Second), s.opsPerS, s.p50.Round(time.Microsecond), s.p99.Round(time.Microsecond), errs, rss, heap)
	}
	s := summarize(all, time.Since(start))
	rep.Requests, rep.P50, rep.P99, rep.PerSecond = s.n+rep.Errors, s.p50, s.p99, s.opsPerS
	rep.RSSEndMB, rep.HeapEndMB = mem()
	fmt.Fprintf(opt.Out, "soak done: %d requests (%.0f/s) from %d clients in %v, %d errors; p50 %v p99 %v; server memory rss %.0f → %.0f MB (%+.0f), heap %.0f → %.0f MB\n",
		rep.Requests, rep.PerSecond, opt.Clients, opt.Duration, rep.Errors, rep.P50.Round(time.Microsecond), rep.P99.Round(time.Microsecond),
		rep.RSSStartMB, rep.RSSEndMB, rep.RSSEndMB-rep.RSSStartMB, rep.HeapStartMB, rep.HeapEndMB)
	return rep, ctx.Err()
}

// drive runs clients for d and returns every latency and the number of failed requests.
func drive(ctx context.Context, client *http.Client, clients int, d time.Duration, newReq func(int) (*http.Request, error)) ([]time.Duration, int) {
	var mu sync.Mutex
	var all []time.Duration
	errs := 0
	deadline := time.Now().Add(d)
	var wg sync.WaitGroup
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var lat []time.Duration
			bad := 0
			for i := c; time.Now().Before(deadline) && ctx.Err() == nil; i += clients {
				t := time.Now()
				if err := do(client, newReq, i); err != nil {
					bad++
					continue
				}
				lat = append(lat, time.Since(t))
			}
			mu.Lock()
			all = append(all, lat...)
			errs += bad
			mu.Unlock()
		}()
	}
	wg.Wait()
	return all, errs
}

func loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// scrape reads the unlabelled samples of a Prometheus text endpoint.
func scrape(ctx context.Context, client *http.Client, u string) (map[string]float64, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 4<<20))
	if err != nil {
		return nil, err
	}
	out := map[string]float64{}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		name, val, ok := strings.Cut(sc.Text(), " ")
		if !ok || strings.HasPrefix(name, "#") || strings.Contains(name, "{") {
			continue
		}
		if v, err := strconv.ParseFloat(strings.TrimSpace(val), 64); err == nil {
			out[name] = v
		}
	}
	return out, sc.Err()
}
