package cli

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/credence-news/credence/internal/article"
)

func TestLoadInputsURL(t *testing.T) {
	page := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/image" {
			w.Header().Set("Content-Type", "image/png")
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<html><head><title>Bridge vote</title></head><body><article><h1>Bridge vote</h1>
<p>Mayor Ana Ortiz said the bridge would reopen in May.</p><p>"We are on schedule," she told reporters.</p></article></body></html>`)
	}))
	defer page.Close()
	load := func(allowPrivate bool, paths ...string) ([]*article.Article, int, string) {
		var errb bytes.Buffer
		env := &Env{Stderr: &errb, Getenv: func(string) string { return "" }}
		var got []*article.Article
		failed, err := loadInputs(context.Background(), env, paths, article.LoadOptions{}, allowPrivate, func(a *article.Article) error {
			got = append(got, a)
			return nil
		})
		if err != nil {
			t.Fatalf("loadInputs: %v", err)
		}
		return got, failed, errb.String()
	}

	// Loopback is refused by default...
	got, failed, errOut := load(false, page.URL+"/story")
	if len(got) != 0 || failed != 1 || !strings.Contains(errOut, "not a public address") {
		t.Errorf("loopback URL: %d articles, %d failed, stderr %q; want refused", len(got), failed, errOut)
	}
	// ...and fetched with --allow-private, through the HTML loader.
	got, failed, errOut = load(true, page.URL+"/story", page.URL+"/image")
	if len(got) != 1 || failed != 1 {
		t.Fatalf("allow-private: %d articles, %d failed, stderr %q", len(got), failed, errOut)
	}
	a := got[0]
	if !strings.Contains(a.Text, "Mayor Ana Ortiz said") || strings.Contains(a.Text, "<p>") || a.URL != page.URL+"/story" || a.Origin != page.URL+"/story" {
		t.Errorf("article = %+v", a)
	}
	if !strings.Contains(errOut, "content type") {
		t.Errorf("image URL: stderr %q", errOut)
	}
}
