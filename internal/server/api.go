package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/credence-news/credence/internal/analyze"
	"github.com/credence-news/credence/internal/article"
	"github.com/credence-news/credence/internal/store"
)

// articleRequest is the JSON body of POST /api/v1/analyze and
// /api/v1/articles: the text, or a URL to fetch, and optional metadata.
type articleRequest struct {
	Text      string `json:"text"`
	URL       string `json:"url"`
	Title     string `json:"title"`
	Outlet    string `json:"outlet"`
	Author    string `json:"author"`
	Published string `json:"published"`
	// Label and Dataset record what a corpus says of the article; they
	// are stored, never used by the analysis.
	Label   string `json:"label"`
	Dataset string `json:"dataset"`
}

// checkLength caps the body and refuses a declared body over the cap
// before reading it. The body is capped even then, so a caller that reads
// it anyway cannot read past the cap.
func (s *Server) checkLength(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, s.opts.MaxBodyBytes)
	if r.ContentLength > s.opts.MaxBodyBytes {
		return errorf(http.StatusRequestEntityTooLarge, CodeBodyTooLarge, "request body of %d bytes over the %d-byte cap", r.ContentLength, s.opts.MaxBodyBytes)
	}
	return nil
}

func mediaType(r *http.Request) string {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil {
		return ""
	}
	return mt
}

// readJSON decodes exactly one JSON object from the body into v.
func (s *Server) readJSON(w http.ResponseWriter, r *http.Request, v any) error {
	if mt := mediaType(r); mt != "application/json" {
		return errorf(http.StatusUnsupportedMediaType, CodeUnsupportedMedia, "Content-Type %q: want application/json", r.Header.Get("Content-Type"))
	}
	if err := s.checkLength(w, r); err != nil {
		return err
	}
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return err
		}
		if errors.Is(err, io.EOF) {
			return errorf(http.StatusBadRequest, CodeInvalidJSON, "empty body: want a JSON object")
		}
		return errorf(http.StatusBadRequest, CodeInvalidJSON, "body is not the JSON object expected: %v", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return err
		}
		return errorf(http.StatusBadRequest, CodeInvalidJSON, "body holds more than one JSON value")
	}
	return nil
}

// articles turns a request into articles: the text given, or the page
// at the URL when fetching is on.
func (s *Server) articles(ctx context.Context, req *articleRequest) ([]*article.Article, error) {
	var arts []*article.Article
	switch {
	case strings.TrimSpace(req.Text) != "":
		got, err := s.loadBytes("text", []byte(req.Text), "txt")
		if err != nil {
			return nil, err
		}
		arts = got
	case strings.TrimSpace(req.URL) != "":
		if s.opts.Fetcher == nil {
			return nil, errorf(http.StatusForbidden, CodeFetchDisabled, "fetching by URL is off on this server (start it with --allow-fetch), paste the text instead")
		}
		res, err := s.opts.Fetcher.Fetch(ctx, req.URL)
		if err != nil {
			s.metrics.observeFetch("error")
			return nil, err
		}
		s.metrics.observeFetch("ok")
		got, err := s.loadBytes(res.URL, res.Body, res.Format())
		if err != nil {
			return nil, err
		}
		for _, a := range got {
			if a.URL == "" {
				a.URL = res.URL
			}
		}
		arts = got[:1] // a page is one article
	default:
		return nil, errorf(http.StatusBadRequest, CodeEmptyText, "no text: give \"text\" (or \"url\" when fetching is on)")
	}
	for _, a := range arts {
		setIf(&a.Title, req.Title)
		setIf(&a.URL, req.URL)
		setIf(&a.Outlet, req.Outlet)
		setIf(&a.Author, req.Author)
		setIf(&a.Published, req.Published)
		setIf(&a.Label, req.Label)
		setIf(&a.Dataset, req.Dataset)
	}
	return arts, nil
}

func setIf(dst *string, v string) {
	if v = strings.TrimSpace(v); v != "" {
		*dst = v
	}
}

// loadBytes runs the article loaders over b (format "" detects it). It
// fails only when nothing in b is an article.
func (s *Server) loadBytes(name string, b []byte, format string) ([]*article.Article, error) {
	arts, errs := loadBytes(name, b, format, s.opts.MaxBodyBytes)
	if len(arts) == 0 {
		if len(errs) > 0 {
			return nil, errorf(http.StatusUnprocessableEntity, CodeUnprocessable, "no article in the input: %v", errs[0].Err)
		}
		return nil, errorf(http.StatusUnprocessableEntity, CodeUnprocessable, "no article in the input")
	}
	return arts, nil
}

func loadBytes(name string, b []byte, format string, max int64) ([]*article.Article, []*article.InputError) {
	var arts []*article.Article
	var errs []*article.InputError
	opts := article.LoadOptions{Format: format, MaxBytes: max, Stdin: bytes.NewReader(b)}
	err := article.Load("-", opts, func(a *article.Article) error {
		a.Origin = name + strings.TrimPrefix(a.Origin, "stdin")
		arts = append(arts, a)
		return nil
	}, func(e *article.InputError) {
		e.Origin = name + strings.TrimPrefix(e.Origin, "stdin")
		errs = append(errs, e)
	})
	if err != nil {
		errs = append(errs, &article.InputError{Origin: name, Err: err})
	}
	return arts, errs
}

// formatOf maps an uploaded file's name to a loader format; "" lets the
// loader detect it.
func formatOf(name string) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".txt", ".text", ".md":
		return "txt"
	case ".html", ".htm", ".xhtml":
		return "html"
	case ".json":
		return "json"
	case ".jsonl", ".ndjson":
		return "jsonl"
	case ".csv":
		return "csv"
	case ".tsv", ".tab":
		return "tsv"
	}
	return ""
}

// analyze runs the analysis with the server's timeout, a few at a time
// per core: more would only queue on the CPU and stretch every request's
// latency, while waiting requests cost nothing.
func (s *Server) analyze(ctx context.Context, a *article.Article) (*article.Analysis, error) {
	ctx, cancel := context.WithTimeout(ctx, s.opts.AnalyzeTimeout)
	defer cancel()
	select {
	case s.sem <- struct{}{}:
		defer func() { <-s.sem }()
	case <-ctx.Done():
		return nil, errAnalyzeTimeout
	}
	start := time.Now()
	an, err := analyze.Run(ctx, a, s.opts.Analyze)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return nil, errAnalyzeTimeout
		}
		return nil, fmt.Errorf("server: analyze: %w", err)
	}
	s.metrics.observeAnalyze(time.Since(start))
	return an, nil
}

func (s *Server) handleAnalyze(w http.ResponseWriter, r *http.Request) {
	var req articleRequest
	if err := s.readJSON(w, r, &req); err != nil {
		s.writeError(w, r, err)
		return
	}
	arts, err := s.articles(r.Context(), &req)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	an, err := s.analyze(r.Context(), arts[0])
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if an.Article.ID == "" || arts[0].ID != "" {
		// NewAnalysis already set the content hash unless the input
		// carried an id of its own; the API always reports the hash.
		an.Article.ID = store.IDOf(an)
	}
	writeJSON(w, http.StatusOK, an)
}

// storedArticle is one entry of the POST /api/v1/articles response.
type storedArticle struct {
	ID      string `json:"id"`
	Created bool   `json:"created"`
	Title   string `json:"title"`
	Origin  string `json:"origin,omitempty"`
}

type failedInput struct {
	Origin string `json:"origin"`
	Error  string `json:"error"`
}

type storeResponse struct {
	ID       string          `json:"id"`      // the first article's
	Created  bool            `json:"created"` // the first article's
	Articles []storedArticle `json:"articles"`
	Failed   []failedInput   `json:"failed"`
}

func (s *Server) handleStore(w http.ResponseWriter, r *http.Request) {
	if !s.authorized(r, "") {
		s.writeError(w, r, errorf(http.StatusUnauthorized, CodeUnauthorized, "missing or wrong API token (Authorization: Bearer TOKEN)"))
		return
	}
	var arts []*article.Article
	var failed []failedInput
	switch mediaType(r) {
	case "application/json":
		var req articleRequest
		if err := s.readJSON(w, r, &req); err != nil {
			s.writeError(w, r, err)
			return
		}
		got, err := s.articles(r.Context(), &req)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		arts = got
	case "multipart/form-data":
		got, bad, err := s.readUpload(w, r)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		arts, failed = got, bad
	default:
		s.writeError(w, r, errorf(http.StatusUnsupportedMediaType, CodeUnsupportedMedia,
			"Content-Type %q: want application/json or multipart/form-data", r.Header.Get("Content-Type")))
		return
	}
	res, err := s.analyzeAndStore(r.Context(), arts)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	res.Failed = append(res.Failed, failed...)
	status := http.StatusOK
	if res.Created {
		status = http.StatusCreated
		w.Header().Set("Location", "/api/v1/articles/"+res.ID)
	}
	writeJSON(w, status, res)
}

// readUpload reads a multipart form: a "file" part (any format the
// loaders read) and/or a "text" field, plus metadata fields. Inputs in
// the file that fail are returned beside the articles found.
func (s *Server) readUpload(w http.ResponseWriter, r *http.Request) ([]*article.Article, []failedInput, error) {
	if err := s.checkLength(w, r); err != nil {
		return nil, nil, err
	}
	// Keep the whole form in memory: it is capped by MaxBodyBytes.
	if err := r.ParseMultipartForm(s.opts.MaxBodyBytes); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, nil, err
		}
		return nil, nil, errorf(http.StatusBadRequest, CodeBadRequest, "malformed multipart form: %v", err)
	}
	defer r.MultipartForm.RemoveAll()
	req := articleRequest{
		Text: r.FormValue("text"), URL: r.FormValue("url"), Title: r.FormValue("title"),
		Outlet: r.FormValue("outlet"), Author: r.FormValue("author"), Published: r.FormValue("published"),
		Label: r.FormValue("label"), Dataset: r.FormValue("dataset"),
	}
	file, hdr, err := r.FormFile("file")
	if errors.Is(err, http.ErrMissingFile) {
		arts, err := s.articles(r.Context(), &req)
		return arts, nil, err
	}
	if err != nil {
		return nil, nil, errorf(http.StatusBadRequest, CodeBadRequest, "file: %v", err)
	}
	defer file.Close()
	b, err := io.ReadAll(file)
	if err != nil {
		return nil, nil, fmt.Errorf("server: read upload: %w", err)
	}
	format := r.FormValue("format")
	if format == "" {
		format = formatOf(hdr.Filename)
	}
	name := path.Base(hdr.Filename)
	if name == "." || name == "/" {
		name = "upload"
	}
	arts, errs := loadBytes(name, b, format, s.opts.MaxBodyBytes)
	var failed []failedInput
	for _, e := range errs {
		failed = append(failed, failedInput{Origin: e.Origin, Error: e.Err.Error()})
	}
	if len(arts) == 0 {
		msg := "no article in the file"
		if len(errs) > 0 {
			msg += ": " + errs[0].Error()
		}
		return nil, nil, errorf(http.StatusUnprocessableEntity, CodeUnprocessable, "%s", msg)
	}
	// Form fields override what the file says, for a single article.
	if len(arts) == 1 {
		a := arts[0]
		setIf(&a.Title, req.Title)
		setIf(&a.URL, req.URL)
		setIf(&a.Outlet, req.Outlet)
		setIf(&a.Author, req.Author)
		setIf(&a.Published, req.Published)
	}
	for _, a := range arts {
		setIf(&a.Label, req.Label)
		setIf(&a.Dataset, req.Dataset)
	}
	return arts, failed, nil
}

// analyzeAndStore analyzes arts and stores them in one transaction.
func (s *Server) analyzeAndStore(ctx context.Context, arts []*article.Article) (*storeResponse, error) {
	res := &storeResponse{Articles: []storedArticle{}, Failed: []failedInput{}}
	items := make([]store.Item, 0, len(arts))
	origins := make([]string, 0, len(arts)) // in step with items
	for _, a := range arts {
		an, err := s.analyze(ctx, a)
		if err != nil {
			if len(arts) == 1 {
				return nil, err
			}
			res.Failed = append(res.Failed, failedInput{Origin: a.Origin, Error: err.Error()})
			continue
		}
		items = append(items, store.Item{Analysis: an, Label: a.Label, Dataset: a.Dataset})
		origins = append(origins, a.Origin)
	}
	if len(items) == 0 {
		return nil, errorf(http.StatusUnprocessableEntity, CodeUnprocessable, "no article could be analyzed")
	}
	put, err := s.store.Put(ctx, items)
	if err != nil {
		return nil, err
	}
	s.reports.clear()
	for i, p := range put {
		if p.Created {
			s.metrics.stored.Add(1)
		} else {
			s.metrics.dups.Add(1)
		}
		res.Articles = append(res.Articles, storedArticle{ID: p.ID, Created: p.Created, Title: items[i].Analysis.Article.Title, Origin: origins[i]})
	}
	res.ID, res.Created = put[0].ID, put[0].Created
	return res, nil
}

// validID is the shape of article.ContentID: 24 lower-case hex digits.
func validID(id string) bool {
	if len(id) != 24 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

func (s *Server) handleGet(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if !validID(id) {
		s.writeError(w, r, errorf(http.StatusNotFound, CodeNotFound, "no article %q", id))
		return
	}
	body, ok := s.cache.get(id)
	if !ok {
		rec, err := s.store.Get(r.Context(), id)
		if errors.Is(err, store.ErrNotFound) {
			s.writeError(w, r, errorf(http.StatusNotFound, CodeNotFound, "no article %q", id))
			return
		}
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		if body, err = recordJSON(rec); err != nil {
			s.writeError(w, r, err)
			return
		}
		s.cache.put(id, body)
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	w.Write(body)
}

// recordJSON encodes a stored article for GET /api/v1/articles/{id}. The
// stored analysis is spliced in as is: it was encoded by encoding/json
// when stored, and re-encoding 20 KB per request is what would limit the
// rate.
func recordJSON(rec *store.Record) ([]byte, error) {
	meta, err := json.Marshal(struct {
		ID      string    `json:"id"`
		Label   string    `json:"label"`
		Dataset string    `json:"dataset"`
		Stored  time.Time `json:"stored"`
	}{rec.ID, rec.Label, rec.Dataset, rec.Stored})
	if err != nil {
		return nil, fmt.Errorf("server: encode %s: %w", rec.ID, err)
	}
	b := make([]byte, 0, len(meta)+len(rec.Analysis)+16)
	b = append(b, meta[:len(meta)-1]...) // without its closing brace
	b = append(b, `,"analysis":`...)
	b = append(b, rec.Analysis...)
	b = append(b, "}\n"...)
	return b, nil
}

// listQuery reads the q, outlet, label, limit and cursor parameters.
func listQuery(r *http.Request) (store.Query, error) {
	v := r.URL.Query()
	q := store.Query{Text: v.Get("q"), Outlet: v.Get("outlet"), Label: v.Get("label"), Cursor: v.Get("cursor")}
	if l := v.Get("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 || n > store.MaxLimit {
			return q, errorf(http.StatusBadRequest, CodeBadRequest, "limit %q: want 1 to %d", l, store.MaxLimit)
		}
		q.Limit = n
	}
	return q, nil
}

func (s *Server) list(r *http.Request, q store.Query) (store.Page, error) {
	page, err := s.store.List(r.Context(), q)
	if errors.Is(err, store.ErrBadCursor) {
		return page, errorf(http.StatusBadRequest, CodeInvalidCursor, "cursor %q was not issued by this server", q.Cursor)
	}
	return page, err
}

func (s *Server) handleList(w http.ResponseWriter, r *http.Request) {
	q, err := listQuery(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	page, err := s.list(r, q)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, page)
}

func (s *Server) handleSources(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	q := store.SourceQuery{Type: v.Get("type")}
	switch q.Type {
	case "", "person", "organization", "anonymous", "document", "unknown":
	default:
		s.writeError(w, r, errorf(http.StatusBadRequest, CodeBadRequest, "type %q: want person, organization, anonymous, document or unknown", q.Type))
		return
	}
	if l := v.Get("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 || n > store.MaxLimit {
			s.writeError(w, r, errorf(http.StatusBadRequest, CodeBadRequest, "limit %q: want 1 to %d", l, store.MaxLimit))
			return
		}
		q.Limit = n
	}
	rep, err := s.sourceReport(r.Context(), q)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, rep)
}

func (s *Server) handleStats(w http.ResponseWriter, r *http.Request) {
	st, err := s.stats(r.Context())
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, st)
}

func (s *Server) handleOpenAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(openAPI)
}
