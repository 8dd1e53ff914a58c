package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/credence-news/credence/internal/article"
	"github.com/credence-news/credence/internal/fetch"
	"github.com/credence-news/credence/internal/store/sqlite"
)

// newServer returns a server on a fresh SQLite store; mod adjusts the
// options first.
func newServer(t *testing.T, mod func(*Options)) *Server {
	t.Helper()
	db, err := sqlite.OpenDir(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	opts := Options{Store: db}
	if mod != nil {
		mod(&opts)
	}
	s, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

type req struct {
	method, path, ctype, body string
	header                    map[string]string
}

func (s *Server) do(t *testing.T, r req) *httptest.ResponseRecorder {
	t.Helper()
	var body io.Reader = strings.NewReader(r.body)
	hr := httptest.NewRequest(r.method, r.path, body)
	if r.ctype != "" {
		hr.Header.Set("Content-Type", r.ctype)
	}
	for k, v := range r.header {
		hr.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	s.Handler().ServeHTTP(w, hr)
	return w
}

func jsonBody(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

const sampleText = "Mayor Ana Ortiz said the bridge would reopen in May. \"We are on schedule,\" she told reporters. " +
	"A city official, who asked not to be named, said costs had doubled."

// errorCode checks w is a JSON error and returns its code.
func errorCode(t *testing.T, w *httptest.ResponseRecorder) string {
	t.Helper()
	if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("error Content-Type = %q, want JSON; body %s", ct, w.Body)
	}
	var eb errorBody
	if err := json.Unmarshal(w.Body.Bytes(), &eb); err != nil {
		t.Fatalf("error body is not JSON: %v: %s", err, w.Body)
	}
	if eb.Error.Code == "" || eb.Error.Message == "" {
		t.Errorf("error body %s lacks code or message", w.Body)
	}
	return eb.Error.Code
}

func TestAPIErrors(t *testing.T) {
	s := newServer(t, func(o *Options) {
		o.MaxBodyBytes = 2048
		o.APIToken = "s3cret"
	})
	auth := map[string]string{"Authorization": "Bearer s3cret"}
	big := jsonBody(t, map[string]string{"text": strings.Repeat("word ", 1000)})
	tests := []struct {
		name   string
		r      req
		status int
		code   string
	}{
		{"malformed JSON", req{"POST", "/api/v1/analyze", "application/json", `{"text": "abc"`, nil}, 400, CodeInvalidJSON},
		{"not an object", req{"POST", "/api/v1/analyze", "application/json", `["text"]`, nil}, 400, CodeInvalidJSON},
		{"trailing data", req{"POST", "/api/v1/analyze", "application/json", `{"text":"a b"} {"text":"c"}`, nil}, 400, CodeInvalidJSON},
		{"unknown field", req{"POST", "/api/v1/analyze", "application/json", `{"txt":"a b"}`, nil}, 400, CodeInvalidJSON},
		{"empty body", req{"POST", "/api/v1/analyze", "application/json", ``, nil}, 400, CodeInvalidJSON},
		{"wrong field type", req{"POST", "/api/v1/analyze", "application/json", `{"text": 5}`, nil}, 400, CodeInvalidJSON},
		{"empty text", req{"POST", "/api/v1/analyze", "application/json", `{"text":"  "}`, nil}, 400, CodeEmptyText},
		{"oversized body", req{"POST", "/api/v1/analyze", "application/json", big, nil}, 413, CodeBodyTooLarge},
		{"oversized store", req{"POST", "/api/v1/articles", "application/json", big, auth}, 413, CodeBodyTooLarge},
		{"wrong content type", req{"POST", "/api/v1/analyze", "text/plain", `{"text":"a"}`, nil}, 415, CodeUnsupportedMedia},
		{"no content type", req{"POST", "/api/v1/analyze", "", `{"text":"a"}`, nil}, 415, CodeUnsupportedMedia},
		{"store wrong content type", req{"POST", "/api/v1/articles", "text/csv", `a,b`, auth}, 415, CodeUnsupportedMedia},
		{"unknown id", req{"GET", "/api/v1/articles/0123456789abcdef01234567", "", "", nil}, 404, CodeNotFound},
		{"malformed id", req{"GET", "/api/v1/articles/..%2F..%2Fetc", "", "", nil}, 404, CodeNotFound},
		{"missing token", req{"POST", "/api/v1/articles", "application/json", `{"text":"a b"}`, nil}, 401, CodeUnauthorized},
		{"wrong token", req{"POST", "/api/v1/articles", "application/json", `{"text":"a b"}`, map[string]string{"Authorization": "Bearer nope"}}, 401, CodeUnauthorized},
		{"token wrong scheme", req{"POST", "/api/v1/articles", "application/json", `{"text":"a b"}`, map[string]string{"Authorization": "Basic s3cret"}}, 401, CodeUnauthorized},
		{"fetch disabled", req{"POST", "/api/v1/analyze", "application/json", `{"url":"https://example.org/a"}`, nil}, 403, CodeFetchDisabled},
		{"method not allowed", req{"DELETE", "/api/v1/articles", "", "", nil}, 405, CodeMethodNotAllowed},
		{"GET analyze", req{"GET", "/api/v1/analyze", "", "", nil}, 405, CodeMethodNotAllowed},
		{"unknown endpoint", req{"GET", "/api/v2/things", "", "", nil}, 404, CodeNotFound},
		{"bad limit", req{"GET", "/api/v1/articles?limit=0", "", "", nil}, 400, CodeBadRequest},
		{"huge limit", req{"GET", "/api/v1/articles?limit=100000", "", "", nil}, 400, CodeBadRequest},
		{"bad cursor", req{"GET", "/api/v1/articles?cursor=!!!", "", "", nil}, 400, CodeInvalidCursor},
		{"bad source type", req{"GET", "/api/v1/sources?type=alien", "", "", nil}, 400, CodeBadRequest},
		{"cross-site post", req{"POST", "/api/v1/articles", "application/json", `{"text":"a b"}`, map[string]string{"Sec-Fetch-Site": "cross-site", "Authorization": "Bearer s3cret"}}, 403, CodeForbidden},
		{"binary text", req{"POST", "/api/v1/analyze", "application/json", `{"text":"\u0000\u0001\u0002\u0000\u0000\u0000\u0000\u0000\u0000\u0000"}`, nil}, 422, CodeUnprocessable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := s.do(t, tt.r)
			if w.Code != tt.status {
				t.Errorf("status = %d, want %d; body %s", w.Code, tt.status, w.Body)
			}
			if code := errorCode(t, w); code != tt.code {
				t.Errorf("code = %q, want %q", code, tt.code)
			}
		})
	}
	if w := s.do(t, req{"POST", "/api/v1/articles", "application/json", `{"text":"a b"}`, nil}); w.Header().Get("WWW-Authenticate") == "" {
		t.Errorf("401 without WWW-Authenticate")
	}
	if w := s.do(t, req{"DELETE", "/api/v1/articles", "", "", nil}); w.Header().Get("Allow") == "" {
		t.Errorf("405 without Allow")
	}
	// The server still answers after all that.
	if w := s.do(t, req{"POST", "/api/v1/articles", "application/json", jsonBody(t, map[string]string{"text": sampleText}), auth}); w.Code != 201 {
		t.Errorf("store with token = %d %s", w.Code, w.Body)
	}
}

func TestOversizedChunkedBody(t *testing.T) {
	s := newServer(t, func(o *Options) { o.MaxBodyBytes = 1024 })
	body := jsonBody(t, map[string]string{"text": strings.Repeat("x ", 2000)})
	r := httptest.NewRequest("POST", "/api/v1/analyze", io.MultiReader(strings.NewReader(body)))
	r.ContentLength = -1 // unknown length: the cap must bite while reading
	r.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	s.Handler().ServeHTTP(w, r)
	if w.Code != 413 || errorCode(t, w) != CodeBodyTooLarge {
		t.Errorf("chunked oversized = %d %s", w.Code, w.Body)
	}
}

func TestStoreGetListSources(t *testing.T) {
	s := newServer(t, nil)
	body := jsonBody(t, map[string]string{"text": sampleText, "title": "Bridge delayed", "outlet": "City Paper", "label": "reliable"})
	w := s.do(t, req{"POST", "/api/v1/articles", "application/json", body, nil})
	if w.Code != http.StatusCreated {
		t.Fatalf("store = %d %s", w.Code, w.Body)
	}
	var res storeResponse
	if err := json.Unmarshal(w.Body.Bytes(), &res); err != nil {
		t.Fatal(err)
	}
	if res.ID != article.ContentID(sampleText) || !res.Created || w.Header().Get("Location") != "/api/v1/articles/"+res.ID {
		t.Errorf("store response = %+v, Location %q", res, w.Header().Get("Location"))
	}
	// Same text again, with other white space: nothing changes.
	body2 := jsonBody(t, map[string]string{"text": "  " + strings.ReplaceAll(sampleText, " ", "  ") + "\n"})
	w = s.do(t, req{"POST", "/api/v1/articles", "application/json", body2, nil})
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), `"created":false`) {
		t.Errorf("second store = %d %s", w.Code, w.Body)
	}

	w = s.do(t, req{"GET", "/api/v1/articles/" + res.ID, "", "", nil})
	if w.Code != 200 {
		t.Fatalf("get = %d %s", w.Code, w.Body)
	}
	var got struct {
		ID       string
		Label    string
		Analysis article.Analysis
	}
	if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
		t.Fatalf("get body: %v\n%s", err, w.Body)
	}
	if got.ID != res.ID || got.Label != "reliable" || got.Analysis.Schema != article.Schema ||
		got.Analysis.Article.Text != sampleText || got.Analysis.Article.Title != "Bridge delayed" || got.Analysis.Article.ID != res.ID {
		t.Errorf("get = %+v", got)
	}

	for _, q := range []string{"", "?q=bridge", "?outlet=City+Paper", "?label=reliable", "?q=bridge&limit=1"} {
		w = s.do(t, req{"GET", "/api/v1/articles" + q, "", "", nil})
		var page struct {
			Articles []struct{ ID string }
			Next     string `json:"next_cursor"`
		}
		if err := json.Unmarshal(w.Body.Bytes(), &page); err != nil || w.Code != 200 {
			t.Fatalf("list %s = %d %s", q, w.Code, w.Body)
		}
		if len(page.Articles) != 1 || page.Articles[0].ID != res.ID {
			t.Errorf("list %s = %+v", q, page)
		}
	}
	w = s.do(t, req{"GET", "/api/v1/articles?q=volcano", "", "", nil})
	if !strings.Contains(w.Body.String(), `"articles":[]`) {
		t.Errorf("search with no match = %s", w.Body)
	}
	w = s.do(t, req{"GET", "/api/v1/sources", "", "", nil})
	if w.Code != 200 || !strings.Contains(w.Body.String(), `"articles":1`) {
		t.Errorf("sources = %d %s", w.Code, w.Body)
	}
	w = s.do(t, req{"GET", "/api/v1/stats", "", "", nil})
	if w.Code != 200 || !strings.Contains(w.Body.String(), `"articles":1`) {
		t.Errorf("stats = %d %s", w.Code, w.Body)
	}
	w = s.do(t, req{"POST", "/api/v1/analyze", "application/json", jsonBody(t, map[string]string{"text": sampleText}), nil})
	if w.Code != 200 || !strings.Contains(w.Body.String(), `"schema":"credence.analysis/v1"`) || !strings.Contains(w.Body.String(), res.ID) {
		t.Errorf("analyze = %d %.300s", w.Code, w.Body)
	}
	w = s.do(t, req{"GET", "/api/openapi.json", "", "", nil})
	var doc map[string]any
	if err := json.Unmarshal(w.Body.Bytes(), &doc); err != nil || doc["openapi"] == nil {
		t.Errorf("openapi.json: %v", err)
	}
}

func multipartBody(t *testing.T, fields map[string]string, fileName, file string) (string, string) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	if fileName != "" {
		fw, err := mw.CreateFormFile("file", fileName)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write([]byte(file))
	}
	mw.Close()
	return b.String(), mw.FormDataContentType()
}

func TestUpload(t *testing.T) {
	s := newServer(t, nil)
	jsonl := `{"title":"One","text":"The governor said the budget was balanced."}` + "\n" +
		`{"title":"Two","text":"Critics said the budget hid a deficit."}` + "\n" +
		`{"title":"Broken"` + "\n"
	body, ct := multipartBody(t, map[string]string{"dataset": "made-up"}, "batch.jsonl", jsonl)
	w := s.do(t, req{"POST", "/api/v1/articles", ct, body, nil})
	if w.Code != http.StatusCreated {
		t.Fatalf("upload = %d %s", w.Code, w.Body)
	}
	var res storeResponse
	json.Unmarshal(w.Body.Bytes(), &res)
	if len(res.Articles) != 2 || len(res.Failed) != 1 || !strings.Contains(res.Failed[0].Origin, "batch.jsonl") {
		t.Errorf("upload result = %+v", res)
	}
	// A file with no article in it.
	body, ct = multipartBody(t, nil, "empty.txt", "   \n")
	w = s.do(t, req{"POST", "/api/v1/articles", ct, body, nil})
	if w.Code != http.StatusUnprocessableEntity || errorCode(t, w) != CodeUnprocessable {
		t.Errorf("empty upload = %d %s", w.Code, w.Body)
	}
	// A text field instead of a file.
	body, ct = multipartBody(t, map[string]string{"text": sampleText, "title": "Form"}, "", "")
	w = s.do(t, req{"POST", "/api/v1/articles", ct, body, nil})
	if w.Code != http.StatusCreated {
		t.Errorf("multipart text = %d %s", w.Code, w.Body)
	}
	// Malformed multipart.
	w = s.do(t, req{"POST", "/api/v1/articles", "multipart/form-data; boundary=xyz", "garbage", nil})
	if w.Code != 400 || errorCode(t, w) != CodeBadRequest {
		t.Errorf("bad multipart = %d %s", w.Code, w.Body)
	}
}

func TestFetchByURL(t *testing.T) {
	page := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<html><head><title>Fetched page</title></head><body><article><h1>Fetched page</h1><p>%s</p><p>%s</p></article></body></html>", sampleText, sampleText)
	}))
	defer page.Close()
	allowed := newServer(t, func(o *Options) { o.Fetcher = fetch.New(fetch.Options{AllowPrivate: true}) })
	w := allowed.do(t, req{"POST", "/api/v1/analyze", "application/json", jsonBody(t, map[string]string{"url": page.URL}), nil})
	if w.Code != 200 || !strings.Contains(w.Body.String(), "Mayor Ana Ortiz") {
		t.Errorf("analyze URL = %d %.400s", w.Code, w.Body)
	}
	// A network failure is the remote side's, not a bug: 502.
	gone := httptest.NewServer(http.NotFoundHandler())
	goneURL := gone.URL
	gone.Close()
	w = allowed.do(t, req{"POST", "/api/v1/analyze", "application/json", jsonBody(t, map[string]string{"url": goneURL}), nil})
	if w.Code != http.StatusBadGateway || errorCode(t, w) != CodeFetchFailed {
		t.Errorf("analyze unreachable URL = %d %s", w.Code, w.Body)
	}
	blocked := newServer(t, func(o *Options) { o.Fetcher = fetch.New(fetch.Options{}) })
	w = blocked.do(t, req{"POST", "/api/v1/analyze", "application/json", jsonBody(t, map[string]string{"url": page.URL}), nil})
	if w.Code != 400 || errorCode(t, w) != CodeFetchBlocked {
		t.Errorf("analyze loopback URL without allow-private = %d %s", w.Code, w.Body)
	}
	w = blocked.do(t, req{"POST", "/api/v1/analyze", "application/json", jsonBody(t, map[string]string{"url": "gopher://x"}), nil})
	if w.Code != 400 || errorCode(t, w) != CodeBadRequest {
		t.Errorf("analyze gopher URL = %d %s", w.Code, w.Body)
	}
}

// hostile is an article made of markup that must never reach the page
// as markup.
const hostile = `<script>alert("pwned")</script> The spokesman said "<img src=x onerror=alert(1)>" was fine.
</textarea><iframe src="javascript:alert(2)"></iframe> <a href="javascript:alert(3)">click</a>
"><svg onload=alert(4)> {{.Title}} <style>body{display:none}</style> &amp; &lt;b&gt;`

func TestEscaping(t *testing.T) {
	s := newServer(t, nil)
	body := jsonBody(t, map[string]string{"text": hostile, "title": `<script>alert("title")</script>`,
		"outlet": `<b onmouseover=alert(5)>Outlet</b>`, "url": "javascript:alert(6)"})
	w := s.do(t, req{"POST", "/api/v1/articles", "application/json", body, nil})
	if w.Code != http.StatusCreated {
		t.Fatalf("store = %d %s", w.Code, w.Body)
	}
	var res storeResponse
	json.Unmarshal(w.Body.Bytes(), &res)
	for _, path := range []string{"/", "/articles/" + res.ID, "/search?q=spokesman", "/search", "/dashboard",
		"/search?q=" + `%3Cscript%3Ealert(7)%3C/script%3E`, "/nowhere/<script>alert(8)</script>"} {
		w := s.do(t, req{"GET", path, "", "", nil})
		page := w.Body.String()
		for _, bad := range []string{"<script", "<img", "<iframe", "<svg onload", "<style>", "<b onmouseover", `href="javascript:`} {
			if strings.Contains(strings.ToLower(page), strings.ToLower(bad)) {
				i := strings.Index(strings.ToLower(page), strings.ToLower(bad))
				t.Errorf("%s: page contains %q: …%s…", path, bad, page[max(0, i-80):min(len(page), i+80)])
			}
		}
		if csp := w.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
			t.Errorf("%s: CSP = %q", path, csp)
		}
	}
	page := s.do(t, req{"GET", "/articles/" + res.ID, "", "", nil}).Body.String()
	if !strings.Contains(page, "&lt;script&gt;alert(&#34;pwned&#34;)&lt;/script&gt;") {
		t.Errorf("article text not shown escaped")
	}
}

func TestFormSubmit(t *testing.T) {
	s := newServer(t, nil)
	body, ct := multipartBody(t, map[string]string{"text": sampleText, "title": "Form post"}, "", "")
	w := s.do(t, req{"POST", "/submit", ct, body, map[string]string{"Sec-Fetch-Site": "same-origin"}})
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/articles/"+article.ContentID(sampleText) {
		t.Fatalf("submit = %d, Location %q: %s", w.Code, w.Header().Get("Location"), w.Body)
	}
	w = s.do(t, req{"GET", w.Header().Get("Location"), "", "", nil})
	if w.Code != 200 || !strings.Contains(w.Body.String(), "Form post") {
		t.Errorf("article page = %d", w.Code)
	}
	// Cross-site form posts are refused.
	w = s.do(t, req{"POST", "/submit", ct, body, map[string]string{"Sec-Fetch-Site": "cross-site"}})
	if w.Code != http.StatusForbidden {
		t.Errorf("cross-site submit = %d", w.Code)
	}
	w = s.do(t, req{"POST", "/submit", ct, body, map[string]string{"Origin": "https://evil.example", "Host": "example.com"}})
	if w.Code != http.StatusForbidden {
		t.Errorf("cross-origin submit = %d", w.Code)
	}
	// With a token configured, the form needs it.
	ts := newServer(t, func(o *Options) { o.APIToken = "tok" })
	w = ts.do(t, req{"POST", "/submit", ct, body, nil})
	if w.Code != http.StatusUnauthorized {
		t.Errorf("submit without token = %d", w.Code)
	}
	body, ct = multipartBody(t, map[string]string{"text": sampleText, "token": "tok"}, "", "")
	w = ts.do(t, req{"POST", "/submit", ct, body, nil})
	if w.Code != http.StatusSeeOther {
		t.Errorf("submit with token = %d %s", w.Code, w.Body)
	}
	// Without the token nothing is fetched: the page server sees no request.
	fetched := 0
	page := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fetched++ }))
	defer page.Close()
	tf := newServer(t, func(o *Options) {
		o.APIToken = "tok"
		o.Fetcher = fetch.New(fetch.Options{AllowPrivate: true})
	})
	body, ct = multipartBody(t, map[string]string{"url": page.URL}, "", "")
	if w = tf.do(t, req{"POST", "/submit", ct, body, nil}); w.Code != http.StatusUnauthorized || fetched != 0 {
		t.Errorf("URL submit without token = %d, %d fetches", w.Code, fetched)
	}
	// An upload with bad records stores the good ones and names the bad.
	csv := "id,title,author,text,label\n1,One,A,Mayor Ana Ortiz said the budget vote was delayed by a week.,\n2,Two,B,,\n"
	body, ct = multipartBody(t, nil, "two.csv", csv)
	if w = s.do(t, req{"POST", "/submit", ct, body, nil}); w.Code != http.StatusOK ||
		!strings.Contains(w.Body.String(), "Upload partly stored") || !strings.Contains(w.Body.String(), "two.csv:3") {
		t.Errorf("upload with a bad row = %d %.600s", w.Code, w.Body)
	}
	// A form over the cap is refused before it is read.
	big, bct := multipartBody(t, map[string]string{"text": strings.Repeat("x", 2<<20)}, "", "")
	small := newServer(t, func(o *Options) { o.MaxBodyBytes = 1 << 20 })
	if w = small.do(t, req{"POST", "/submit", bct, big, nil}); w.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("oversized submit = %d", w.Code)
	}
	// Empty form.
	body, ct = multipartBody(t, map[string]string{"text": ""}, "", "")
	w = s.do(t, req{"POST", "/submit", ct, body, nil})
	if w.Code != 400 || !strings.Contains(w.Body.String(), "no text") {
		t.Errorf("empty submit = %d", w.Code)
	}
}

func TestPages(t *testing.T) {
	s := newServer(t, nil)
	for i := range 25 {
		body := jsonBody(t, map[string]string{"text": fmt.Sprintf("Report %d: the minister said the plan was working. %s", i, sampleText), "outlet": "Paper"})
		if w := s.do(t, req{"POST", "/api/v1/articles", "application/json", body, nil}); w.Code != 201 {
			t.Fatalf("store %d = %d", i, w.Code)
		}
	}
	for _, p := range []struct {
		path, want string
		status     int
	}{
		{"/", "Analyze an article", 200},
		{"/search", "Next page", 200},
		{"/search?q=minister&outlet=Paper", "Report", 200},
		{"/search?q=nothingmatches", "No article matches", 200},
		{"/search?cursor=bad!", "Search failed", 400},
		{"/dashboard", "<svg", 200},
		{"/articles/0123456789abcdef01234567", "Article not found", 404},
		{"/articles/x", "Article not found", 404},
		{"/nope", "Page not found", 404},
		{"/static/app.css", "--person", 200},
	} {
		w := s.do(t, req{"GET", p.path, "", "", nil})
		if w.Code != p.status || !strings.Contains(w.Body.String(), p.want) {
			t.Errorf("GET %s = %d, want %d with %q", p.path, w.Code, p.status, p.want)
		}
	}
	// Paging through the search pages reaches every article once.
	seen := map[string]bool{}
	next := "/search"
	for i := 0; next != "" && i < 5; i++ {
		body := s.do(t, req{"GET", next, "", "", nil}).Body.String()
		for _, part := range strings.Split(body, `href="/articles/`)[1:] {
			seen[part[:24]] = true
		}
		next = ""
		if i := strings.Index(body, `id="next" href="`); i >= 0 {
			rest := body[i+len(`id="next" href="`):]
			next = strings.ReplaceAll(rest[:strings.IndexByte(rest, '"')], "&amp;", "&")
		}
	}
	if len(seen) != 25 {
		t.Errorf("paging saw %d articles, want 25", len(seen))
	}
}

func TestHealthMetricsShutdown(t *testing.T) {
	s := newServer(t, nil)
	if w := s.do(t, req{"GET", "/healthz", "", "", nil}); w.Code != 200 {
		t.Errorf("healthz = %d", w.Code)
	}
	if w := s.do(t, req{"GET", "/readyz", "", "", nil}); w.Code != 200 {
		t.Errorf("readyz = %d", w.Code)
	}
	s.do(t, req{"GET", "/api/v1/articles/0123456789abcdef01234567", "", "", nil})
	w := s.do(t, req{"GET", "/metrics", "", "", nil})
	m := w.Body.String()
	for _, want := range []string{
		`credence_http_requests_total{route="/api/v1/articles/{id}",method="GET",code="404"} 1`,
		`credence_http_request_duration_seconds_bucket{route="/readyz",le="+Inf"} 1`,
		"# TYPE credence_http_requests_total counter",
		"credence_store_articles 0",
		"go_goroutines ",
	} {
		if !strings.Contains(m, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
	if !strings.HasPrefix(w.Header().Get("Content-Type"), "text/plain; version=0.0.4") {
		t.Errorf("metrics Content-Type = %q", w.Header().Get("Content-Type"))
	}

	// Serve stops on cancel, finishing a request in flight.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln, 5*time.Second) }()
	url := "http://" + ln.Addr().String()
	resp, err := http.Get(url + "/readyz")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("readyz over TCP: %v %v", resp, err)
	}
	resp.Body.Close()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve = %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not stop")
	}
	if w := s.do(t, req{"GET", "/readyz", "", "", nil}); w.Code != 503 {
		t.Errorf("readyz while draining = %d", w.Code)
	}
}

// TestGetOverHTTP reads a stored article through a real connection, where
// a wrong Content-Length would show.
func TestGetOverHTTP(t *testing.T) {
	s := newServer(t, nil)
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	resp, err := http.Post(ts.URL+"/api/v1/articles", "application/json", strings.NewReader(jsonBody(t, map[string]string{"text": sampleText})))
	if err != nil {
		t.Fatal(err)
	}
	var res storeResponse
	json.NewDecoder(resp.Body).Decode(&res)
	resp.Body.Close()
	resp, err = http.Get(ts.URL + "/api/v1/articles/" + res.ID)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("read body: %v", err)
	}
	if resp.ContentLength != int64(len(b)) || !json.Valid(b) {
		t.Errorf("Content-Length %d, body %d bytes, valid JSON %v", resp.ContentLength, len(b), json.Valid(b))
	}
}

// slowScorer makes an analysis take a while, to have a request in flight.
type slowScorer struct{ d time.Duration }

func (s slowScorer) Score(*article.Analysis) (article.Reliability, error) {
	time.Sleep(s.d)
	return article.Reliability{Label: "reliable", Score: 0.9, Model: "slow", Reasons: []article.Reason{}}, nil
}

// TestShutdownFinishesInFlight cancels Serve while an analysis runs: the
// request must still complete, and new connections must be refused.
func TestShutdownFinishesInFlight(t *testing.T) {
	s := newServer(t, func(o *Options) { o.Analyze.Scorer = slowScorer{600 * time.Millisecond} })
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln, 5*time.Second) }()
	url := "http://" + ln.Addr().String()
	type result struct {
		status int
		err    error
	}
	res := make(chan result, 1)
	go func() {
		resp, err := http.Post(url+"/api/v1/analyze", "application/json", strings.NewReader(jsonBody(t, map[string]string{"text": sampleText})))
		if err != nil {
			res <- result{0, err}
			return
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		res <- result{resp.StatusCode, nil}
	}()
	time.Sleep(200 * time.Millisecond) // the request is being analyzed
	cancel()
	r := <-res
	if r.err != nil || r.status != 200 {
		t.Errorf("in-flight request during shutdown: status %d, %v", r.status, r.err)
	}
	if err := <-done; err != nil {
		t.Errorf("Serve = %v", err)
	}
	if _, err := http.Get(url + "/healthz"); err == nil {
		t.Errorf("server still accepts connections after shutdown")
	}
}
