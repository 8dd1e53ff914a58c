package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestPublic(t *testing.T) {
	cases := map[string]bool{
		"8.8.8.8":              true,
		"93.184.216.34":        true,
		"2606:4700:4700::1111": true,
		"127.0.0.1":            false,
		"127.1.2.3":            false,
		"10.0.0.1":             false,
		"172.16.5.4":           false,
		"192.168.1.1":          false,
		"169.254.169.254":      false, // cloud metadata
		"100.64.0.1":           false,
		"0.0.0.0":              false,
		"255.255.255.255":      false,
		"224.0.0.1":            false,
		"::1":                  false,
		"::":                   false,
		"fe80::1":              false,
		"fc00::1":              false,
		"fd12:3456::1":         false,
		"::ffff:127.0.0.1":     false, // mapped loopback
		"::ffff:10.1.2.3":      false,
		"::ffff:8.8.8.8":       true,
		"64:ff9b::7f00:1":      false,
		"2002:7f00:1::":        false,
		"ff02::1":              false,
		"2001:db8::1":          false,
		"198.18.0.1":           false,
		"192.0.2.10":           false,
		"203.0.113.200":        false,
		"240.1.2.3":            false,
		"1.1.1.1":              true,
	}
	for s, want := range cases {
		if got := Public(netip.MustParseAddr(s)); got != want {
			t.Errorf("Public(%s) = %v, want %v", s, got, want)
		}
	}
}

func newServer(t *testing.T) *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("/page", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, "<html><head><title>T</title></head><body><p>Hello.</p></body></html>")
	})
	mux.HandleFunc("/plain", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, "Just text.")
	})
	mux.HandleFunc("/image", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write([]byte{0x89, 'P', 'N', 'G'})
	})
	mux.HandleFunc("/notype", func(w http.ResponseWriter, r *http.Request) {
		w.Header()["Content-Type"] = nil
		w.Write([]byte("x"))
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(strings.Repeat("a", 5000)))
	})
	mux.HandleFunc("/bigchunked", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		for range 10 {
			w.Write([]byte(strings.Repeat("a", 500)))
			w.(http.Flusher).Flush()
		}
	})
	mux.HandleFunc("/missing", http.NotFound)
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	})
	// /hop/N redirects N more times, then to /page.
	mux.HandleFunc("/hop/{n}", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.PathValue("n"))
		if n <= 0 {
			http.Redirect(w, r, "/page", http.StatusFound)
			return
		}
		http.Redirect(w, r, "/hop/"+strconv.Itoa(n-1), http.StatusFound)
	})
	mux.HandleFunc("/toftp", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "ftp://example.org/x", http.StatusFound)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestFetch(t *testing.T) {
	srv := newServer(t)
	f := New(Options{AllowPrivate: true, MaxBytes: 1000, Timeout: 2 * time.Second})
	ctx := context.Background()

	r, err := f.Fetch(ctx, srv.URL+"/page")
	if err != nil {
		t.Fatalf("Fetch page: %v", err)
	}
	if r.ContentType != "text/html" || r.Charset != "utf-8" || !strings.Contains(string(r.Body), "Hello.") || r.Format() != "html" {
		t.Errorf("page = %+v", r)
	}
	r, err = f.Fetch(ctx, srv.URL+"/plain")
	if err != nil || r.Format() != "txt" {
		t.Errorf("plain = %+v, %v", r, err)
	}
	// Four redirects after the first hop: five in all, the most allowed.
	r, err = f.Fetch(ctx, srv.URL+"/hop/4")
	if err != nil || !strings.HasSuffix(r.URL, "/page") {
		t.Errorf("5 redirects: %+v, %v", r, err)
	}

	cases := []struct {
		path string
		want error
	}{
		{"/image", ErrContentType},
		{"/notype", ErrContentType},
		{"/big", ErrTooLarge},
		{"/bigchunked", ErrTooLarge},
		{"/missing", ErrStatus},
		{"/hop/5", ErrRedirects},
		{"/toftp", ErrBadURL},
	}
	for _, c := range cases {
		if _, err := f.Fetch(ctx, srv.URL+c.path); !errors.Is(err, c.want) {
			t.Errorf("Fetch %s: err = %v, want %v", c.path, err, c.want)
		}
	}
	for _, u := range []string{"ftp://example.org/", "file:///etc/passwd", "http://", "http://user:pw@example.org/", "::not a url", "javascript:alert(1)"} {
		if _, err := f.Fetch(ctx, u); !errors.Is(err, ErrBadURL) {
			t.Errorf("Fetch %q: err = %v, want ErrBadURL", u, err)
		}
	}
}

func TestFetchTimeout(t *testing.T) {
	srv := newServer(t)
	f := New(Options{AllowPrivate: true, Timeout: 200 * time.Millisecond})
	start := time.Now()
	if _, err := f.Fetch(context.Background(), srv.URL+"/slow"); err == nil {
		t.Fatal("slow server: no error")
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("timeout took %v", d)
	}
}

func TestFetchBlocksInternal(t *testing.T) {
	srv := newServer(t)
	f := New(Options{Timeout: 2 * time.Second})
	ctx := context.Background()
	port := srv.URL[strings.LastIndex(srv.URL, ":")+1:]
	// A literal loopback address, and a name that resolves to one (the
	// DNS-rebinding case: only a dial-time check sees the address).
	for _, u := range []string{
		srv.URL + "/page",
		"http://localhost:" + port + "/page",
		"http://[::1]:" + port + "/page",
		"http://0.0.0.0:" + port + "/page",
	} {
		if _, err := f.Fetch(ctx, u); !errors.Is(err, ErrBlocked) {
			t.Errorf("Fetch %s: err = %v, want ErrBlocked", u, err)
		}
	}
}
