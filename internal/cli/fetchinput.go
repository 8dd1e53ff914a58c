package cli

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"github.com/credence-news/credence/internal/article"
	"github.com/credence-news/credence/internal/fetch"
)

// isURL reports whether an input argument is a web address to fetch.
func isURL(p string) bool {
	return strings.HasPrefix(p, "http://") || strings.HasPrefix(p, "https://")
}

// loadInputs is loadAll that also takes http:// and https:// URLs: each is
// fetched with internal/fetch (loopback, private and link-local addresses
// refused unless allowPrivate) and read by the HTML or text loader.
func loadInputs(ctx context.Context, env *Env, paths []string, opts article.LoadOptions, allowPrivate bool, fn func(*article.Article) error) (failed int, err error) {
	var f *fetch.Fetcher
	for _, p := range paths {
		if !isURL(p) {
			n, err := loadAll(env, []string{p}, opts, fn)
			failed += n
			if err != nil {
				return failed, err
			}
			continue
		}
		if f == nil {
			f = fetch.New(fetch.Options{AllowPrivate: allowPrivate})
		}
		res, err := f.Fetch(ctx, p)
		if err != nil {
			if ctx.Err() != nil {
				return failed, ctx.Err()
			}
			failed++
			fmt.Fprintf(env.Stderr, "credence: %v\n", err)
			continue
		}
		o := opts
		if o.Format == "" {
			o.Format = res.Format()
		}
		o.Stdin = bytes.NewReader(res.Body)
		err = article.Load("-", o, func(a *article.Article) error {
			a.Origin = p + strings.TrimPrefix(a.Origin, "stdin")
			if a.URL == "" {
				a.URL = res.URL
			}
			return fn(a)
		}, func(e *article.InputError) {
			failed++
			fmt.Fprintf(env.Stderr, "credence: %s%s: %v\n", p, strings.TrimPrefix(e.Origin, "stdin"), e.Err)
		})
		if err != nil {
			return failed, err
		}
	}
	return failed, nil
}
