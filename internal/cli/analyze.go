package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"strings"

	"github.com/credence-news/credence/internal/article"
	"github.com/credence-news/credence/internal/report"
)

func init() {
	register(command{name: "analyze", summary: "analyze articles and print their sourcing and credibility report", run: runAnalyze})
}

const analyzeAbout = `Analyze every article found in each FILE (plain text, JSON, JSON Lines,
CSV/TSV, HTML, any of them gzip-compressed), in each DIR (walked
recursively), or on standard input (-). Prints one credence.analysis/v1
JSON object per article (JSON Lines) with --format json, or a readable
report with --format text. Bad inputs are named on stderr and skipped; the
exit status is then 1.`

func runAnalyze(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "analyze", "FILE|DIR|URL|- ...", analyzeAbout)
	defFormat := "json"
	if env.StdoutIsTerminal {
		defFormat = "text"
	}
	format := fs.String("format", defFormat, "output format: text or json (default text on a terminal, json otherwise)")
	claim := fs.String("claim", "", "a claim to measure the article's stance toward (reserved; stance is not implemented yet)")
	allowPrivate := fs.Bool("allow-private", false, "URL inputs: also fetch from loopback, private and link-local addresses")
	workers := fs.Int("workers", runtime.NumCPU(), "articles analyzed at once (output keeps input order)")
	var mf modelFlags
	mf.register(fs)
	var in inputFlags
	in.register(fs)
	paths, err := parseFlags(env, fs, args)
	if done, err := handleParse(err); done {
		return err
	}
	if *format != "text" && *format != "json" {
		return usageErrorf(env, fs, "--format %q: want text or json", *format)
	}
	if len(paths) == 0 {
		return usageErrorf(env, fs, "no input: give a FILE, a DIR or - for standard input")
	}
	opts, err := in.options(env)
	if err != nil {
		return usageErrorf(env, fs, "%v", err)
	}
	if *claim != "" {
		fmt.Fprintln(env.Stderr, "credence analyze: warning: --claim is accepted but stance detection is not implemented yet; no stance is reported")
	}
	aopts, err := mf.analyzeOptions(env)
	if err != nil {
		return err
	}

	out := bufio.NewWriter(env.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	n, failed := 0, 0
	load := func(fn func(*article.Article) error) error {
		var err error
		failed, err = loadInputs(ctx, env, paths, opts, *allowPrivate, fn)
		return err
	}
	err = analyzeOrdered(ctx, *workers, aopts, load, func(an *article.Analysis) error {
		n++
		if *format == "json" {
			if err := enc.Encode(an); err != nil {
				return fmt.Errorf("write: %w", err)
			}
			return nil
		}
		if n > 1 {
			fmt.Fprintf(out, "%s\n\n", strings.Repeat("─", 72))
		}
		if err := report.Text(out, an); err != nil {
			return fmt.Errorf("write: %w", err)
		}
		return out.Flush()
	})
	if err != nil {
		return err
	}
	if err := out.Flush(); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	if failed > 0 {
		fmt.Fprintf(env.Stderr, "credence analyze: %d article(s) analyzed, %d input(s) failed\n", n, failed)
		return ErrReported
	}
	return nil
}
