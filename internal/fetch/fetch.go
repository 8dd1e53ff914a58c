// Package fetch downloads an article by URL with the limits a server
// needs when the URL comes from a stranger: a timeout, a size cap, a
// content-type check, at most five redirects, and no connections to
// loopback, private, link-local or otherwise internal addresses unless
// allowed. Addresses are checked when the connection is dialled, after DNS
// resolution, so a name that resolves to an internal address (DNS
// rebinding) is refused as well as a literal one.
package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"
)

// Errors a fetch can fail with, for callers that map them to statuses
// (errors.Is).
var (
	ErrBlocked     = errors.New("address not allowed")
	ErrTooLarge    = errors.New("response over the size cap")
	ErrContentType = errors.New("content type is not an article")
	ErrRedirects   = errors.New("too many redirects")
	ErrBadURL      = errors.New("invalid URL")
	ErrStatus      = errors.New("unexpected HTTP status")
	// ErrNetwork marks a request that failed on the network (no such host,
	// refused, reset, timed out).
	ErrNetwork = errors.New("network error")
)

// Options configure a Fetcher. Zero values take the defaults.
type Options struct {
	Timeout      time.Duration // whole request, redirects included; default 15s
	MaxBytes     int64         // body cap; default 5 MiB
	MaxRedirects int           // default 5; negative means none
	// AllowPrivate permits loopback, private, link-local and other
	// non-public addresses (tests, intranets).
	AllowPrivate bool
	UserAgent    string
}

// Defaults.
const (
	DefaultTimeout      = 15 * time.Second
	DefaultMaxBytes     = 5 << 20
	DefaultMaxRedirects = 5
)

// Result is a fetched document.
type Result struct {
	URL         string // after redirects
	ContentType string // media type without parameters, e.g. "text/html"
	Charset     string // from the Content-Type header, if given
	Body        []byte
}

// Format is the article loader format for the result: "html" or "txt".
func (r *Result) Format() string {
	if r.ContentType == "text/plain" {
		return "txt"
	}
	return "html"
}

// Fetcher fetches URLs. It is safe for concurrent use.
type Fetcher struct {
	opts   Options
	client *http.Client
}

// New returns a Fetcher with opts.
func New(opts Options) *Fetcher {
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	if opts.MaxRedirects == 0 {
		opts.MaxRedirects = DefaultMaxRedirects
	}
	if opts.UserAgent == "" {
		opts.UserAgent = "credence/1 (+https://github.com/credence-news/credence)"
	}
	dialer := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}
	if !opts.AllowPrivate {
		dialer.Control = checkDial
	}
	tr := &http.Transport{
		// No proxy from the environment: a proxy would dial on our
		// behalf and bypass the address check.
		Proxy:                 nil,
		DialContext:           dialer.DialContext,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: opts.Timeout,
		MaxIdleConns:          16,
		IdleConnTimeout:       60 * time.Second,
		ForceAttemptHTTP2:     true,
	}
	max := opts.MaxRedirects
	client := &http.Client{
		Transport: tr,
		Timeout:   opts.Timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > max {
				return ErrRedirects
			}
			return checkURL(req.URL)
		},
	}
	return &Fetcher{opts: opts, client: client}
}

// checkDial refuses connections to addresses that are not public. It runs
// after DNS resolution, on the address actually dialled.
func checkDial(network, address string, _ syscall.RawConn) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return fmt.Errorf("%w: %s", ErrBlocked, address)
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return fmt.Errorf("%w: %s", ErrBlocked, address)
	}
	if !Public(ip) {
		return fmt.Errorf("%w: %s is not a public address", ErrBlocked, ip)
	}
	return nil
}

// nonPublic lists special-purpose ranges (RFC 6890 and successors) that
// net/netip's predicates do not cover.
var nonPublic = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("100.64.0.0/10"), // carrier-grade NAT
	netip.MustParsePrefix("192.0.0.0/24"),
	netip.MustParsePrefix("192.0.2.0/24"),
	netip.MustParsePrefix("198.18.0.0/15"),
	netip.MustParsePrefix("198.51.100.0/24"),
	netip.MustParsePrefix("203.0.113.0/24"),
	netip.MustParsePrefix("240.0.0.0/4"),
	netip.MustParsePrefix("64:ff9b::/96"), // NAT64 can reach internal IPv4
	netip.MustParsePrefix("64:ff9b:1::/48"),
	netip.MustParsePrefix("100::/64"),
	netip.MustParsePrefix("2001:db8::/32"),
	netip.MustParsePrefix("2002::/16"), // 6to4 embeds any IPv4
}

// Public reports whether ip is a public unicast address: not loopback,
// private, link-local, multicast, unspecified or another special range.
// IPv4-mapped IPv6 addresses are judged as the IPv4 address they map.
func Public(ip netip.Addr) bool {
	ip = ip.Unmap()
	if !ip.IsValid() || ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() ||
		ip.IsLinkLocalMulticast() || ip.IsInterfaceLocalMulticast() || ip.IsMulticast() ||
		ip.IsUnspecified() || !ip.IsGlobalUnicast() {
		return false
	}
	for _, p := range nonPublic {
		if p.Contains(ip) {
			return false
		}
	}
	return true
}

func checkURL(u *url.URL) error {
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("%w: scheme %q (want http or https)", ErrBadURL, u.Scheme)
	}
	if u.Host == "" || u.Hostname() == "" {
		return fmt.Errorf("%w: no host", ErrBadURL)
	}
	if u.User != nil {
		return fmt.Errorf("%w: credentials in URL", ErrBadURL)
	}
	return nil
}

// acceptable media types: pages and plain text.
var acceptable = map[string]bool{
	"text/html":             true,
	"application/xhtml+xml": true,
	"text/plain":            true,
}

// Fetch downloads rawURL.
func (f *Fetcher) Fetch(ctx context.Context, rawURL string) (*Result, error) {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil {
		return nil, fmt.Errorf("fetch: %w: %v", ErrBadURL, err)
	}
	if err := checkURL(u); err != nil {
		return nil, fmt.Errorf("fetch %s: %w", rawURL, err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w: %v", rawURL, ErrBadURL, err)
	}
	req.Header.Set("User-Agent", f.opts.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,text/plain;q=0.8")
	resp, err := f.client.Do(req)
	if err != nil {
		// Refused addresses and redirect loops keep their own errors.
		if errors.Is(err, ErrBlocked) || errors.Is(err, ErrRedirects) || ctx.Err() != nil {
			return nil, fmt.Errorf("fetch %s: %w", rawURL, err)
		}
		return nil, fmt.Errorf("fetch %s: %w: %w", rawURL, ErrNetwork, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, fmt.Errorf("fetch %s: %w: %s", rawURL, ErrStatus, resp.Status)
	}
	ct := resp.Header.Get("Content-Type")
	mt, params, err := mime.ParseMediaType(ct)
	if ct == "" || err != nil || !acceptable[mt] {
		if ct == "" {
			ct = "none"
		}
		return nil, fmt.Errorf("fetch %s: %w: %s", rawURL, ErrContentType, ct)
	}
	if resp.ContentLength > f.opts.MaxBytes {
		return nil, fmt.Errorf("fetch %s: %w: %d bytes (cap %d)", rawURL, ErrTooLarge, resp.ContentLength, f.opts.MaxBytes)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, f.opts.MaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("fetch %s: read: %w", rawURL, err)
	}
	if int64(len(body)) > f.opts.MaxBytes {
		return nil, fmt.Errorf("fetch %s: %w (cap %d bytes)", rawURL, ErrTooLarge, f.opts.MaxBytes)
	}
	return &Result{URL: resp.Request.URL.String(), ContentType: mt, Charset: params["charset"], Body: body}, nil
}
