// Package server is credence's HTTP face: the JSON API, the web UI
// (server-rendered with html/template, assets embedded, nothing from a
// CDN), health checks and Prometheus metrics, over a store.Store.
package server

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"runtime"
	"strings"
	"sync/atomic"
	"time"

	"github.com/credence-news/credence/internal/analyze"
	"github.com/credence-news/credence/internal/fetch"
	"github.com/credence-news/credence/internal/store"
)

// Options configure a Server.
type Options struct {
	Store store.Store
	// Analyze is passed to analyze.Run for every article.
	Analyze analyze.Options
	// Fetcher fetches articles by URL; nil turns fetching off (a request
	// with only a URL then fails with fetch_disabled).
	Fetcher *fetch.Fetcher
	// APIToken, when set, is required on every write (Authorization:
	// Bearer TOKEN on the API, the token field on the web form).
	APIToken string
	// MaxBodyBytes caps request bodies; default DefaultMaxBody.
	MaxBodyBytes int64
	// AnalyzeTimeout bounds one analysis; default 30s.
	AnalyzeTimeout time.Duration
	Logger         *slog.Logger
}

// DefaultMaxBody is the default request body cap.
const DefaultMaxBody = 10 << 20

// Server serves the API and UI. Create it with New.
type Server struct {
	store    store.Store
	opts     Options
	log      *slog.Logger
	metrics  *metrics
	ui       *ui
	handler  http.Handler
	draining atomic.Bool
	sem      chan struct{} // bounds concurrent analyses
	cache    *bodyCache    // encoded GET responses of stored articles
	reports  *reportCache  // corpus-wide reports
}

// New returns a Server over opts.Store.
func New(opts Options) (*Server, error) {
	if opts.Store == nil {
		return nil, errors.New("server: no store")
	}
	if opts.MaxBodyBytes <= 0 {
		opts.MaxBodyBytes = DefaultMaxBody
	}
	if opts.AnalyzeTimeout <= 0 {
		opts.AnalyzeTimeout = 30 * time.Second
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	s := &Server{store: opts.Store, opts: opts, log: opts.Logger, metrics: newMetrics(),
		sem: make(chan struct{}, 2*runtime.NumCPU()), cache: newBodyCache(64 << 20), reports: newReportCache(10 * time.Second)}
	var err error
	if s.ui, err = newUI(); err != nil {
		return nil, err
	}
	s.handler = s.routes()
	return s, nil
}

// Handler is the server's root handler.
func (s *Server) Handler() http.Handler { return s.handler }

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	handle := func(pattern string, h http.HandlerFunc) {
		route := pattern
		if _, path, ok := strings.Cut(pattern, " "); ok {
			route = path
		}
		mux.Handle(pattern, s.metrics.instrument(route, s.recoverer(s.accessLog(h))))
	}
	// API: methods are checked in the handlers so that a wrong one gets
	// a JSON 405 rather than the mux's plain-text one.
	handle("/api/v1/analyze", s.methods(map[string]http.HandlerFunc{http.MethodPost: s.handleAnalyze}))
	handle("/api/v1/articles", s.methods(map[string]http.HandlerFunc{http.MethodGet: s.handleList, http.MethodPost: s.handleStore}))
	handle("/api/v1/articles/{id}", s.methods(map[string]http.HandlerFunc{http.MethodGet: s.handleGet}))
	handle("/api/v1/sources", s.methods(map[string]http.HandlerFunc{http.MethodGet: s.handleSources}))
	handle("/api/v1/stats", s.methods(map[string]http.HandlerFunc{http.MethodGet: s.handleStats}))
	handle("/api/openapi.json", s.methods(map[string]http.HandlerFunc{http.MethodGet: s.handleOpenAPI}))
	handle("/api/", func(w http.ResponseWriter, r *http.Request) {
		s.writeError(w, r, errorf(http.StatusNotFound, CodeNotFound, "no API endpoint %s", r.URL.Path))
	})
	handle("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	handle("GET /readyz", s.handleReady)
	handle("GET /metrics", s.handleMetrics)

	// Web UI.
	handle("GET /{$}", s.pageHome)
	handle("POST /submit", s.pageSubmit)
	handle("GET /articles/{id}", s.pageArticle)
	handle("GET /search", s.pageSearch)
	handle("GET /dashboard", s.pageDashboard)
	handle("GET /static/", s.ui.static)
	handle("/", func(w http.ResponseWriter, r *http.Request) {
		s.pageError(w, r, http.StatusNotFound, "Page not found", "There is no page at this address.")
	})

	// Cross-site form posts are refused (Sec-Fetch-Site / Origin checks);
	// API clients that send neither header pass.
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.metrics.observeRequest("csrf", r.Method, http.StatusForbidden, 0)
		if strings.HasPrefix(r.URL.Path, "/api/") {
			s.writeError(w, r, errorf(http.StatusForbidden, CodeForbidden, "cross-origin request refused"))
			return
		}
		s.pageError(w, r, http.StatusForbidden, "Request refused", "This form was posted from another site.")
	}))
	return securityHeaders(cop.Handler(mux))
}

func securityHeaders(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("X-Content-Type-Options", "nosniff")
		if !strings.HasPrefix(r.URL.Path, "/api/") {
			// Nothing external, no inline script: article text cannot
			// run even if escaping failed somewhere.
			hd.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
			hd.Set("X-Frame-Options", "DENY")
			hd.Set("Referrer-Policy", "same-origin")
		}
		h.ServeHTTP(w, r)
	})
}

// methods dispatches by method and answers others with a JSON 405.
func (s *Server) methods(m map[string]http.HandlerFunc) http.HandlerFunc {
	allow := make([]string, 0, len(m))
	for k := range m {
		allow = append(allow, k)
	}
	if _, ok := m[http.MethodGet]; ok {
		allow = append(allow, http.MethodHead)
	}
	allowed := strings.Join(allow, ", ")
	return func(w http.ResponseWriter, r *http.Request) {
		method := r.Method
		if method == http.MethodHead {
			method = http.MethodGet
		}
		h, ok := m[method]
		if !ok {
			w.Header().Set("Allow", allowed)
			s.writeError(w, r, errorf(http.StatusMethodNotAllowed, CodeMethodNotAllowed, "method %s not allowed; use %s", r.Method, allowed))
			return
		}
		h(w, r)
	}
}

// recoverer turns a panic into a 500 so that one bad request cannot take
// the server down; the panic is logged.
func (s *Server) recoverer(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("panic serving request", "method", r.Method, "path", r.URL.Path, "panic", v)
				s.writeError(w, r, errorf(http.StatusInternalServerError, CodeInternal, "internal error"))
			}
		}()
		h(w, r)
	}
}

// accessLog logs each request at debug level (--log-level debug); it
// costs nothing when that level is off.
func (s *Server) accessLog(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !s.log.Enabled(r.Context(), slog.LevelDebug) {
			h(w, r)
			return
		}
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		h(sw, r)
		s.log.Debug("request", "method", r.Method, "path", r.URL.Path, "status", sw.code(),
			"duration", time.Since(start), "remote", r.RemoteAddr)
	}
}

// authorized checks the API token, when one is configured.
func (s *Server) authorized(r *http.Request, formToken string) bool {
	if s.opts.APIToken == "" {
		return true
	}
	got := formToken
	if h := r.Header.Get("Authorization"); h != "" {
		scheme, tok, _ := strings.Cut(h, " ")
		if strings.EqualFold(scheme, "Bearer") {
			got = strings.TrimSpace(tok)
		}
	}
	return subtle.ConstantTimeCompare([]byte(got), []byte(s.opts.APIToken)) == 1
}

func (s *Server) handleReady(w http.ResponseWriter, r *http.Request) {
	if s.draining.Load() {
		s.writeError(w, r, errorf(http.StatusServiceUnavailable, CodeUnavailable, "shutting down"))
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := s.store.Ping(ctx); err != nil {
		s.log.Warn("readiness: store", "err", err)
		s.writeError(w, r, errorf(http.StatusServiceUnavailable, CodeUnavailable, "store unavailable"))
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
}

// Serve serves on ln until ctx is cancelled, then shuts down gracefully:
// readiness turns false, new connections are refused, and requests in
// flight get up to grace to finish.
func (s *Server) Serve(ctx context.Context, ln net.Listener, grace time.Duration) error {
	hs := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      90 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("server: %w", err)
	case <-ctx.Done():
	}
	s.draining.Store(true)
	s.log.Info("shutting down", "grace", grace)
	sctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return fmt.Errorf("server: shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("server: %w", err)
	}
	return nil
}
