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
	registerEval(command{name: "entities", summary: "compare entity mentions with CoreNLP's on a PolNeAR split", run: runEvalEntities})
}

func runEvalEntities(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "eval entities", "--polnear DIR", `Compare the people, organizations and places credence finds with the
named entities Stanford CoreNLP found (PERSON, ORGANIZATION, LOCATION) in
a PolNeAR split: DIR holds text/NAME.txt and corenlp-conllu/NAME.conllu,
such as ../shared/data/polnear/dev. A mention counts when its byte span
is exactly CoreNLP's (spans) and of the same type (per type and all).
CoreNLP's annotations are machine-made (silver): this measures agreement
with CoreNLP, not accuracy; see docs/ATTRIBUTION.md. When the split has
corenlp-conllu/NAME.coref.tsv, attributions whose source is "he" or
"she" are checked against CoreNLP's coreference: the share whose person
has a last name among the names of the pronoun's chain.`)
	dir := fs.String("polnear", "", "the PolNeAR split directory (required)")
	format := fs.String("format", "text", "output format: text or json")
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
	docs, err := eval.ReadCoreNLPEntities(*dir)
	if err != nil {
		return fmt.Errorf("eval entities: %w", err)
	}
	var runErr error
	res := eval.ScoreEntities(docs, func(text string) ([]article.Entity, []article.Attribution) {
		if runErr == nil {
			runErr = ctx.Err()
		}
		if runErr != nil {
			return nil, nil // the result is discarded: stop analysing
		}
		an, err := analyze.Run(ctx, &article.Article{Text: text}, analyze.Options{})
		if err != nil {
			runErr = err
			return nil, nil
		}
		return an.Entities, an.Attributions
	})
	if runErr != nil {
		return fmt.Errorf("eval entities: %w", runErr)
	}
	if *format == "json" {
		return json.NewEncoder(env.Stdout).Encode(res)
	}
	fmt.Fprintf(env.Stdout, "entities: %d articles against %s, %.2fs\n", res.Articles, res.Reference, res.Seconds)
	fmt.Fprintf(env.Stdout, "%-17s %6s %6s %6s\n", "type", "P", "R", "F1")
	for _, t := range eval.EntityTypes {
		r := res.Types[t]
		fmt.Fprintf(env.Stdout, "%-17s %6.3f %6.3f %6.3f\n", t, r.P, r.R, r.F1)
	}
	fmt.Fprintf(env.Stdout, "%-17s %6.3f %6.3f %6.3f\n", "all", res.All.P, res.All.R, res.All.F1)
	fmt.Fprintf(env.Stdout, "%-17s %6.3f %6.3f %6.3f\n", "spans (any type)", res.Spans.P, res.Spans.R, res.Spans.F1)
	fmt.Fprintf(env.Stdout, "pronoun sources (he, she) CoreNLP ties to a name: %d, resolved to a name of that chain: %.3f\n",
		res.Pronouns.Sources, res.Pronouns.Agree)
	return nil
}
