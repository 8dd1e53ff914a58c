package server

import (
	"context"
	"fmt"
	"io"
	"math"
	"net/http"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// metrics is a small hand-written Prometheus registry: counters and
// histograms keyed by label values, written in the text exposition format
// (version 0.0.4). It holds what an operator needs and nothing more.
type metrics struct {
	start    time.Time
	inFlight atomic.Int64

	mu       sync.Mutex
	requests map[reqKey]uint64
	latency  map[string]*histogram // by route
	analyze  *histogram
	stored   atomic.Uint64
	dups     atomic.Uint64
	fetches  map[string]uint64 // by outcome
}

type reqKey struct {
	route, method string
	code          int
}

var latencyBuckets = []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}

type histogram struct {
	counts []uint64 // per bucket, not cumulative; last is +Inf
	sum    float64
	n      uint64
}

func newHistogram() *histogram {
	return &histogram{counts: make([]uint64, len(latencyBuckets)+1)}
}

func (h *histogram) observe(v float64) {
	i := sort.SearchFloat64s(latencyBuckets, v)
	h.counts[i]++
	h.sum += v
	h.n++
}

func newMetrics() *metrics {
	return &metrics{
		start:    time.Now(),
		requests: map[reqKey]uint64{},
		latency:  map[string]*histogram{},
		analyze:  newHistogram(),
		fetches:  map[string]uint64{},
	}
}

func (m *metrics) observeRequest(route, method string, code int, d time.Duration) {
	m.mu.Lock()
	m.requests[reqKey{route, method, code}]++
	h := m.latency[route]
	if h == nil {
		h = newHistogram()
		m.latency[route] = h
	}
	h.observe(d.Seconds())
	m.mu.Unlock()
}

func (m *metrics) observeAnalyze(d time.Duration) {
	m.mu.Lock()
	m.analyze.observe(d.Seconds())
	m.mu.Unlock()
}

func (m *metrics) observeFetch(outcome string) {
	m.mu.Lock()
	m.fetches[outcome]++
	m.mu.Unlock()
}

// instrument wraps a handler to count and time it under route.
func (m *metrics) instrument(route string, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		m.inFlight.Add(1)
		sw := &statusWriter{ResponseWriter: w}
		defer func() {
			m.inFlight.Add(-1)
			m.observeRequest(route, r.Method, sw.code(), time.Since(start))
		}()
		h.ServeHTTP(sw, r)
	})
}

// statusWriter remembers the status code written.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) code() int {
	if w.status == 0 {
		return http.StatusOK
	}
	return w.status
}

// Unwrap lets http.ResponseController reach the connection.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// write renders every metric; storeCount supplies the stored-article
// gauge (an error leaves it out).
func (m *metrics) write(w io.Writer, storeCount func() (int, error)) error {
	var b strings.Builder
	family := func(name, typ, help string) {
		fmt.Fprintf(&b, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, typ)
	}
	m.mu.Lock()
	family("credence_http_requests_total", "counter", "HTTP requests by route, method and status code.")
	keys := make([]reqKey, 0, len(m.requests))
	for k := range m.requests {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, c := keys[i], keys[j]
		if a.route != c.route {
			return a.route < c.route
		}
		if a.method != c.method {
			return a.method < c.method
		}
		return a.code < c.code
	})
	for _, k := range keys {
		fmt.Fprintf(&b, "credence_http_requests_total{route=%s,method=%s,code=\"%d\"} %d\n",
			quoteLabel(k.route), quoteLabel(k.method), k.code, m.requests[k])
	}
	family("credence_http_request_duration_seconds", "histogram", "HTTP request latency by route.")
	routes := make([]string, 0, len(m.latency))
	for r := range m.latency {
		routes = append(routes, r)
	}
	sort.Strings(routes)
	for _, r := range routes {
		writeHistogram(&b, "credence_http_request_duration_seconds", "route="+quoteLabel(r), m.latency[r])
	}
	family("credence_analyze_duration_seconds", "histogram", "Time to analyze one article.")
	writeHistogram(&b, "credence_analyze_duration_seconds", "", m.analyze)
	family("credence_fetch_total", "counter", "URL fetches by outcome.")
	outcomes := make([]string, 0, len(m.fetches))
	for o := range m.fetches {
		outcomes = append(outcomes, o)
	}
	sort.Strings(outcomes)
	for _, o := range outcomes {
		fmt.Fprintf(&b, "credence_fetch_total{outcome=%s} %d\n", quoteLabel(o), m.fetches[o])
	}
	m.mu.Unlock()

	family("credence_http_in_flight_requests", "gauge", "Requests being served.")
	fmt.Fprintf(&b, "credence_http_in_flight_requests %d\n", m.inFlight.Load())
	family("credence_articles_stored_total", "counter", "Articles stored by this process.")
	fmt.Fprintf(&b, "credence_articles_stored_total %d\n", m.stored.Load())
	family("credence_articles_duplicate_total", "counter", "Articles submitted that were already stored.")
	fmt.Fprintf(&b, "credence_articles_duplicate_total %d\n", m.dups.Load())
	if storeCount != nil {
		if n, err := storeCount(); err == nil {
			family("credence_store_articles", "gauge", "Articles in the store.")
			fmt.Fprintf(&b, "credence_store_articles %d\n", n)
		}
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	family("go_goroutines", "gauge", "Number of goroutines that currently exist.")
	fmt.Fprintf(&b, "go_goroutines %d\n", runtime.NumGoroutine())
	family("go_memstats_heap_alloc_bytes", "gauge", "Bytes of allocated heap objects.")
	fmt.Fprintf(&b, "go_memstats_heap_alloc_bytes %d\n", ms.HeapAlloc)
	family("go_gc_cycles_total", "counter", "Completed GC cycles.")
	fmt.Fprintf(&b, "go_gc_cycles_total %d\n", ms.NumGC)
	family("process_start_time_seconds", "gauge", "Start time of the process since the Unix epoch in seconds.")
	fmt.Fprintf(&b, "process_start_time_seconds %d\n", m.start.Unix())
	_, err := io.WriteString(w, b.String())
	return err
}

func writeHistogram(b *strings.Builder, name, labels string, h *histogram) {
	sep := ""
	if labels != "" {
		sep = ","
	}
	var cum uint64
	for i, ub := range latencyBuckets {
		cum += h.counts[i]
		fmt.Fprintf(b, "%s_bucket{%s%sle=\"%s\"} %d\n", name, labels, sep, formatFloat(ub), cum)
	}
	cum += h.counts[len(latencyBuckets)]
	fmt.Fprintf(b, "%s_bucket{%s%sle=\"+Inf\"} %d\n", name, labels, sep, cum)
	if labels != "" {
		labels = "{" + labels + "}"
	}
	fmt.Fprintf(b, "%s_sum%s %s\n%s_count%s %d\n", name, labels, formatFloat(h.sum), name, labels, h.n)
}

func formatFloat(f float64) string {
	if math.IsInf(f, 1) {
		return "+Inf"
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

// quoteLabel quotes a label value as the exposition format wants:
// backslash, double quote and newline escaped.
func quoteLabel(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	return `"` + r.Replace(s) + `"`
}

func (s *Server) handleMetrics(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := s.metrics.write(w, func() (int, error) { return s.store.Count(ctx) }); err != nil {
		s.log.Debug("write metrics", "err", err)
	}
}
