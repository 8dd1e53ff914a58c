package server

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"strings"

	"github.com/credence-news/credence/internal/article"
	"github.com/credence-news/credence/internal/store"
)

//go:embed assets
var assets embed.FS

var openAPI = mustRead("assets/openapi.json")

func mustRead(name string) []byte {
	b, err := assets.ReadFile(name)
	if err != nil {
		panic("server: embedded asset missing: " + name) // a build defect, not input
	}
	return b
}

// ui holds the parsed page templates and the static file handler.
type ui struct {
	pages  map[string]*template.Template
	static http.HandlerFunc
}

var funcs = template.FuncMap{
	"pct": func(f float64) string { return fmt.Sprintf("%.0f%%", 100*f) },
	"f2":  func(f float64) string { return fmt.Sprintf("%.2f", f) },
	"f1":  func(f float64) string { return fmt.Sprintf("%.1f", f) },
	"typ": sourceType,
	"add": func(a, b int) int { return a + b },
	"join": func(s []string) string {
		return strings.Join(s, ", ")
	},
}

func newUI() (*ui, error) {
	base, err := template.New("").Funcs(funcs).ParseFS(assets, "assets/templates/layout.html")
	if err != nil {
		return nil, fmt.Errorf("server: parse layout: %w", err)
	}
	u := &ui{pages: map[string]*template.Template{}}
	for _, name := range []string{"home", "article", "search", "dashboard", "error"} {
		t, err := template.Must(base.Clone()).ParseFS(assets, "assets/templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("server: parse %s: %w", name, err)
		}
		u.pages[name] = t
	}
	static, err := fs.Sub(assets, "assets/static")
	if err != nil {
		return nil, fmt.Errorf("server: static assets: %w", err)
	}
	fileServer := http.StripPrefix("/static/", http.FileServerFS(static))
	u.static = func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		fileServer.ServeHTTP(w, r)
	}
	return u, nil
}

// page is what every template gets: the title for <title> and the page's
// own data.
type page struct {
	Title string
	Nav   string // which menu entry is current
	Body  any
}

func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, p page) {
	var buf bytes.Buffer
	if err := s.ui.pages[name].ExecuteTemplate(&buf, "layout", p); err != nil {
		s.log.Error("render page", "page", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

func (s *Server) pageError(w http.ResponseWriter, r *http.Request, status int, title, msg string) {
	s.render(w, r, status, "error", page{Title: title, Body: struct {
		Status  int
		Heading string
		Message string
	}{status, title, msg}})
}

type homeData struct {
	Recent        []store.Summary
	FetchEnabled  bool
	TokenRequired bool
	MaxMB         int64
}

func (s *Server) pageHome(w http.ResponseWriter, r *http.Request) {
	pg, err := s.store.List(r.Context(), store.Query{Limit: 8})
	if err != nil {
		s.log.Error("home: list", "err", err)
		s.pageError(w, r, http.StatusServiceUnavailable, "Store unavailable", "The article store did not answer.")
		return
	}
	s.render(w, r, http.StatusOK, "home", page{Title: "Analyze an article", Nav: "home", Body: homeData{
		Recent: pg.Articles, FetchEnabled: s.opts.Fetcher != nil, TokenRequired: s.opts.APIToken != "",
		MaxMB: s.opts.MaxBodyBytes >> 20,
	}})
}

// pageSubmit handles the analyze form: it stores the article(s) and
// redirects to the article page (or to the list for an upload of many).
func (s *Server) pageSubmit(w http.ResponseWriter, r *http.Request) {
	fail := func(err error) {
		ae := s.toAPIError(r, err)
		s.pageError(w, r, ae.status, "Could not analyze", ae.message)
	}
	if mt := mediaType(r); mt != "multipart/form-data" && mt != "application/x-www-form-urlencoded" {
		fail(errorf(http.StatusUnsupportedMediaType, CodeUnsupportedMedia, "post the form"))
		return
	}
	// The form is read (within the body cap) and its token checked before
	// anything is fetched, analyzed or stored.
	if err := s.checkLength(w, r); err != nil {
		fail(err)
		return
	}
	multipart := mediaType(r) == "multipart/form-data"
	var perr error
	if multipart {
		perr = r.ParseMultipartForm(s.opts.MaxBodyBytes)
	} else {
		perr = r.ParseForm()
	}
	if perr != nil {
		var mbe *http.MaxBytesError
		if errors.As(perr, &mbe) {
			fail(perr)
		} else {
			fail(errorf(http.StatusBadRequest, CodeBadRequest, "malformed form"))
		}
		return
	}
	if !s.authorized(r, r.FormValue("token")) {
		fail(errorf(http.StatusUnauthorized, CodeUnauthorized, "this server needs its API token to store articles"))
		return
	}
	var arts []*article.Article
	var failed []failedInput
	var err error
	if multipart {
		arts, failed, err = s.readUpload(w, r)
	} else {
		arts, err = s.articles(r.Context(), &articleRequest{Text: r.PostFormValue("text"), URL: r.PostFormValue("url"),
			Title: r.PostFormValue("title"), Outlet: r.PostFormValue("outlet")})
	}
	if err != nil {
		fail(err)
		return
	}
	res, err := s.analyzeAndStore(r.Context(), arts)
	if err != nil {
		fail(err)
		return
	}
	failed = append(failed, res.Failed...)
	if len(failed) > 0 {
		// Say what was lost rather than dropping it on the way to the
		// article page.
		s.pageError(w, r, http.StatusOK, "Upload partly stored", uploadProblems(len(res.Articles), failed))
		return
	}
	target := "/articles/" + res.ID
	if len(res.Articles) > 1 {
		target = "/search"
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}

// uploadProblems tells what an upload stored and which of its records
// failed, the first ten by name.
func uploadProblems(stored int, failed []failedInput) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Stored %d article(s); they are listed under Search. %d record(s) could not be read or analyzed: ", stored, len(failed))
	for i, f := range failed {
		if i == 10 {
			fmt.Fprintf(&b, "and %d more.", len(failed)-10)
			break
		}
		if i > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "%s: %s", f.Origin, f.Error)
	}
	return b.String()
}

type attributionView struct {
	N int
	article.Attribution
	Type string
}

type articleData struct {
	ID           string
	A            article.ArticleInfo
	Summary      store.Summary
	Segments     []segment
	Attributions []attributionView
	Sources      []article.Source
	Posts        []article.SocialPost
	Signals      []signalView
	Reliability  article.Reliability
	HasVerdict   bool
	Reasons      []reasonView
	Warnings     []string
	Anonymous    int
	Quotes       int
	Sentences    int
}

func (s *Server) pageArticle(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if !validID(id) {
		s.pageError(w, r, http.StatusNotFound, "Article not found", "There is no article with this id.")
		return
	}
	rec, err := s.store.Get(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		s.pageError(w, r, http.StatusNotFound, "Article not found", "There is no article with this id.")
		return
	}
	if err != nil {
		s.log.Error("article page", "id", id, "err", err)
		s.pageError(w, r, http.StatusInternalServerError, "Error", "The article could not be read.")
		return
	}
	an, err := rec.Decode()
	if err != nil {
		s.log.Error("article page", "id", id, "err", err)
		s.pageError(w, r, http.StatusInternalServerError, "Error", "The stored analysis could not be read.")
		return
	}
	d := articleData{
		ID: id, A: an.Article, Summary: rec.Summary, Segments: segments(an), Sources: an.Sources,
		Posts: an.SocialPosts, Signals: signalViews(an.Signals), Reliability: an.Reliability,
		HasVerdict: an.Reliability.Label != "" || an.Reliability.Model != "",
		Reasons:    reasonViews(an.Reliability), Warnings: an.Warnings,
		Quotes: len(an.Quotes), Sentences: len(an.Sentences),
	}
	for i, a := range an.Attributions {
		t := sourceType(a.Source.Type)
		if t == "anonymous" {
			d.Anonymous++
		}
		d.Attributions = append(d.Attributions, attributionView{N: i + 1, Attribution: a, Type: t})
	}
	title := an.Article.Title
	if title == "" {
		title = "Untitled article"
	}
	s.render(w, r, http.StatusOK, "article", page{Title: title, Body: d})
}

type searchData struct {
	Q, Outlet, Label string
	Labels           []string
	Articles         []store.Summary
	Next             string // URL of the next page
	First            string // URL of the first page, when not on it
	Searched         bool
}

func (s *Server) pageSearch(w http.ResponseWriter, r *http.Request) {
	q, err := listQuery(r)
	if err == nil {
		q.Limit = store.DefaultLimit
	}
	var pg store.Page
	if err == nil {
		pg, err = s.list(r, q)
	}
	if err != nil {
		ae := s.toAPIError(r, err)
		s.pageError(w, r, ae.status, "Search failed", ae.message)
		return
	}
	d := searchData{Q: q.Text, Outlet: q.Outlet, Label: q.Label, Articles: pg.Articles,
		Labels:   []string{"reliable", "unreliable", "satire"},
		Searched: q.Text != "" || q.Outlet != "" || q.Label != ""}
	params := url.Values{}
	for k, v := range map[string]string{"q": q.Text, "outlet": q.Outlet, "label": q.Label} {
		if v != "" {
			params.Set(k, v)
		}
	}
	if pg.Next != "" {
		next := url.Values{}
		for k, v := range params {
			next[k] = v
		}
		next.Set("cursor", pg.Next)
		d.Next = "/search?" + next.Encode()
	}
	if q.Cursor != "" {
		d.First = "/search?" + params.Encode()
	}
	title := "Search"
	if q.Text != "" {
		title = "Search: " + q.Text
	}
	s.render(w, r, http.StatusOK, "search", page{Title: title, Nav: "search", Body: d})
}

type dashboardData struct {
	Stats   *store.Stats
	Sources *store.SourceReport
	Charts  []chart
}

func (s *Server) pageDashboard(w http.ResponseWriter, r *http.Request) {
	st, err := s.stats(r.Context())
	var src *store.SourceReport
	if err == nil {
		src, err = s.sourceReport(r.Context(), store.SourceQuery{Limit: 15})
	}
	if err != nil {
		s.log.Error("dashboard", "err", err)
		s.pageError(w, r, http.StatusServiceUnavailable, "Store unavailable", "The article store did not answer.")
		return
	}
	s.render(w, r, http.StatusOK, "dashboard", page{Title: "Dashboard", Nav: "dashboard", Body: dashboardData{
		Stats: st, Sources: src, Charts: dashboardCharts(st, src),
	}})
}
