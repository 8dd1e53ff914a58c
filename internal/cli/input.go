package cli

import (
	"flag"
	"fmt"
	"strings"

	"github.com/credence-news/credence/internal/article"
)

// inputFlags are the loader flags shared by every command that reads
// articles.
type inputFlags struct {
	format    string
	titleLine bool
	columns   string
	maxBytes  int64
}

func (f *inputFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.format, "input-format", "", "force the input format: txt, json, jsonl, csv, tsv or html (default: by extension and content)")
	fs.BoolVar(&f.titleLine, "title-line", false, "plain text: take the first line as the title")
	fs.StringVar(&f.columns, "columns", "", "map article fields to CSV/JSON field names, e.g. text=body,title=headline")
	fs.Int64Var(&f.maxBytes, "max-bytes", article.DefaultMaxBytes, "reject an input file or record larger than this many bytes")
}

func (f *inputFlags) options(env *Env) (article.LoadOptions, error) {
	opts := article.LoadOptions{
		Format: f.format, TitleLine: f.titleLine, MaxBytes: f.maxBytes, Stdin: env.Stdin,
	}
	switch f.format {
	case "", "txt", "json", "jsonl", "csv", "tsv", "html":
	default:
		return opts, fmt.Errorf("--input-format %q: want txt, json, jsonl, csv, tsv or html", f.format)
	}
	if f.maxBytes <= 0 {
		return opts, fmt.Errorf("--max-bytes %d: must be positive", f.maxBytes)
	}
	if f.columns != "" {
		opts.Columns = map[string]string{}
		for _, kv := range strings.Split(f.columns, ",") {
			k, v, ok := strings.Cut(kv, "=")
			k, v = strings.TrimSpace(k), strings.TrimSpace(v)
			if !ok || k == "" || v == "" {
				return opts, fmt.Errorf("--columns: %q is not FIELD=NAME", kv)
			}
			switch k {
			case "id", "title", "text", "author", "url", "outlet", "published", "label", "dataset":
			default:
				return opts, fmt.Errorf("--columns: unknown article field %q (want id, title, text, author, url, outlet, published, label or dataset)", k)
			}
			opts.Columns[k] = v
		}
	}
	return opts, nil
}

// loadAll calls fn for every article in paths. Each bad input is printed
// on stderr and counted; loading goes on. It returns the number of failed
// inputs, or an error from fn or an unreadable argument.
func loadAll(env *Env, paths []string, opts article.LoadOptions, fn func(*article.Article) error) (failed int, err error) {
	onErr := func(e *article.InputError) {
		failed++
		fmt.Fprintf(env.Stderr, "credence: %v\n", e)
	}
	for _, p := range paths {
		if err := article.Load(p, opts, fn, onErr); err != nil {
			return failed, err
		}
	}
	return failed, nil
}
