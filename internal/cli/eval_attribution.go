package cli

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/credence-news/credence/internal/analyze"
	"github.com/credence-news/credence/internal/article"
	"github.com/credence-news/credence/internal/eval"
)

func init() {
	registerEval(command{name: "attribution", summary: "score attribution extraction on a PolNeAR split", run: runEvalAttribution})
}

func runEvalAttribution(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "eval attribution", "--polnear DIR", `Score attribution extraction (source, cue, content and whole
attributions; exact span and token-overlap matching) on a PolNeAR split:
DIR holds text/NAME.txt and attributions/NAME_ANNOTATOR.ann, such as
../shared/data/polnear/dev. Articles with several annotators are scored
against each and averaged; see docs/ATTRIBUTION.md.`)
	dir := fs.String("polnear", "", "the PolNeAR split directory (required)")
	format := fs.String("format", "text", "output format: text or json")
	errs := fs.Bool("errors", false, "text format: also list missed and spurious attributions per article")
	pos, err := parseFlags(env, fs, args)
	if done, err := handleParse(err); done {
		return err
	}
	if len(pos) > 0 {
		return usageErrorf(env, fs, "unexpected argument %q", pos[0])
	}
	if *dir == "" {
		return usageErrorf(env, fs, "--polnear DIR is required")
	}
	if *format != "text" && *format != "json" {
		return usageErrorf(env, fs, "--format %q: want text or json", *format)
	}
	docs, err := eval.ReadPolNeAR(*dir)
	if err != nil {
		return fmt.Errorf("eval attribution: %w", err)
	}
	var runErr error
	extract := func(text string) []article.Attribution {
		an, err := analyze.Run(ctx, &article.Article{Text: text}, analyze.Options{})
		if err != nil {
			runErr = err
			return nil
		}
		return an.Attributions
	}
	res := eval.ScoreAttributions(docs, extract)
	if runErr != nil {
		return fmt.Errorf("eval attribution: %w", runErr)
	}
	if *format == "json" {
		return json.NewEncoder(env.Stdout).Encode(res)
	}
	if *errs {
		for _, d := range docs {
			missed, spurious := eval.AttributionDiff(d, extract(d.Text))
			if len(missed)+len(spurious) == 0 {
				continue
			}
			fmt.Fprintf(env.Stdout, "== %s\n", d.Name)
			for _, m := range missed {
				fmt.Fprintf(env.Stdout, "  MISS %s\n", m)
			}
			for _, s := range spurious {
				fmt.Fprintf(env.Stdout, "  XTRA %s\n", s)
			}
		}
	}
	fmt.Fprintf(env.Stdout, "attribution: %d articles, %d gold attributions, %.2fs\n", res.Articles, res.Attributions, res.Seconds)
	fmt.Fprintf(env.Stdout, "%-8s %6s %6s %6s   %6s %6s %6s\n", "part", "P", "R", "F1", "P~", "R~", "F1~")
	for _, r := range []struct {
		name string
		s    eval.PartScore
	}{{"source", res.Source}, {"cue", res.Cue}, {"content", res.Content}, {"all", res.All}} {
		fmt.Fprintf(env.Stdout, "%-8s %6.3f %6.3f %6.3f   %6.3f %6.3f %6.3f\n", r.name,
			r.s.Exact.P, r.s.Exact.R, r.s.Exact.F1, r.s.Overlap.P, r.s.Overlap.R, r.s.Overlap.F1)
	}
	fmt.Fprintf(env.Stdout, "(exact span | ~ token overlap)\n")
	return nil
}
