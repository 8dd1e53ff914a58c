package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"time"

	"github.com/credence-news/credence/internal/analyze"
	"github.com/credence-news/credence/internal/article"
	"github.com/credence-news/credence/internal/attrib"
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
against each and averaged; see docs/ATTRIBUTION.md.

With --folds K the split is cut into K folds (article i, in name order,
is in fold i mod K; a text that occurs twice stays in the fold of its
first copy, so it is never both trained on and scored); for each fold the cue lexicon and tagger are
retrained on the other folds, as train-attrib would, and that fold is
scored with them; the counts of all folds are pooled. This measures
on PolNeAR train what the learned parts do on text they were not
trained on (the part-of-speech dictionary, which holds no attribution
labels, stays the embedded one). The cue reranker of each fold is
trained on the other folds' candidates, each extracted by a lexicon and
tagger trained on neither that fold nor the scored one (nested
cross-validation), as train-attrib trains the embedded one.

With --agreement nothing is extracted: the annotators of the articles
that have several are scored against each other (every ordered pair,
each article weighing the same), the human reference for the scores.`)
	dir := fs.String("polnear", "", "the PolNeAR split directory (required)")
	format := fs.String("format", "text", "output format: text or json")
	errs := fs.Bool("errors", false, "text format: also list missed and spurious attributions per article")
	folds := fs.Int("folds", 0, "cross-validate the learned lexicon and tagger over K folds of DIR (use train, never dev)")
	epochs := fs.Int("epochs", taggerEpochs, "with --folds: cue tagger training passes")
	bits := fs.Int("bits", taggerBits, "with --folds: cue tagger feature hash bits")
	noRank := fs.Bool("no-rank", false, "keep every candidate attribution: no cue reranker")
	agreement := fs.Bool("agreement", false, "score the annotators of multi-annotator articles against each other instead")
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
	if *folds == 1 || *folds < 0 {
		return usageErrorf(env, fs, "--folds %d: want 0 (off) or at least 2", *folds)
	}
	if *folds == 2 && !*noRank {
		// The reranker of fold f learns from candidates of folds g != f
		// extracted by models trained on neither: with two folds, none.
		return usageErrorf(env, fs, "--folds 2 leaves the nested reranker nothing to learn from: use at least 3 folds, or --no-rank")
	}
	if *bits < 8 || *bits > 24 {
		return usageErrorf(env, fs, "--bits %d: want 8 to 24", *bits)
	}
	if *epochs < 1 {
		return usageErrorf(env, fs, "--epochs %d: want at least 1", *epochs)
	}
	if *folds == 0 {
		set := ""
		fs.Visit(func(f *flag.Flag) {
			if f.Name == "epochs" || f.Name == "bits" {
				set = f.Name
			}
		})
		if set != "" {
			return usageErrorf(env, fs, "--%s only applies with --folds", set)
		}
	}
	if *agreement && (*folds != 0 || *errs) {
		return usageErrorf(env, fs, "--agreement takes neither --folds nor --errors")
	}
	docs, err := eval.ReadPolNeAR(*dir)
	if err != nil {
		return fmt.Errorf("eval attribution: %w", err)
	}
	if *agreement {
		res := eval.Agreement(docs)
		if res.Articles == 0 {
			return fmt.Errorf("eval attribution: no article in %s has several annotators", *dir)
		}
		return writeAttributionResult(env, res, *format, "annotator agreement")
	}
	var foldOf map[string]int
	var models []foldModel
	var rankers []*attrib.CueRanker
	defer attrib.UseCueRanker(attrib.EmbeddedCueRanker())
	if *noRank {
		attrib.UseCueRanker(nil)
	}
	if *folds > 1 {
		if len(docs) < *folds {
			return fmt.Errorf("eval attribution: %d articles in %s, fewer than --folds %d", len(docs), *dir, *folds)
		}
		// The learned parts are package state in attrib, which training
		// and scoring replace: put the embedded ones back on every return.
		defer attrib.UseCueModel(attrib.EmbeddedCueModel())
		defer attrib.UseTagger(attrib.EmbeddedTagger())
		foldOf, models, err = trainFolds(ctx, env, docs, *folds, *bits, *epochs)
		if err != nil {
			return fmt.Errorf("eval attribution: %w", err)
		}
		if !*noRank {
			rankers, err = nestedRankers(ctx, env, docs, docFolds(docs, *folds), *folds, *bits, *epochs)
			if err != nil {
				return fmt.Errorf("eval attribution: %w", err)
			}
		}
	}
	var runErr error
	extract := func(text string) []article.Attribution {
		if foldOf != nil {
			m := models[foldOf[text]]
			attrib.UseCueModel(m.cues)
			attrib.UseTagger(m.tagger)
			if rankers != nil {
				attrib.UseCueRanker(rankers[foldOf[text]])
			}
		}
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
	if *errs && *format == "text" {
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
	return writeAttributionResult(env, res, *format, "attribution")
}

// writeAttributionResult prints res as JSON or as a table headed by name.
func writeAttributionResult(env *Env, res eval.AttributionResult, format, name string) error {
	if format == "json" {
		return json.NewEncoder(env.Stdout).Encode(res)
	}
	fmt.Fprintf(env.Stdout, "%s: %d articles, %d gold attributions, %.2fs\n", name, res.Articles, res.Attributions, res.Seconds)
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

// foldModel is the lexicon and tagger learned without one fold.
type foldModel struct {
	cues   *attrib.CueModel
	tagger *attrib.Tagger
}

// trainFolds assigns article i to fold i mod k and trains, for each
// fold, the lexicon and tagger on the other folds. Articles are keyed by
// text: the same text twice lands in the fold of its first copy.
func trainFolds(ctx context.Context, env *Env, docs []eval.PolNeARDoc, k, bits, epochs int) (map[string]int, []foldModel, error) {
	foldOf := make(map[string]int, len(docs))
	for i, f := range docFolds(docs, k) {
		foldOf[docs[i].Text] = f
	}
	models := make([]foldModel, k)
	for f := range k {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		var train []eval.PolNeARDoc
		for _, d := range docs {
			if foldOf[d.Text] != f {
				train = append(train, d)
			}
		}
		start := time.Now()
		cd := cueDocs(train)
		m := attrib.TrainCues(cd)
		attrib.UseCueModel(m) // the tagger's features read the lexicon
		models[f] = foldModel{m, attrib.TrainTagger(cd, bits, epochs)}
		fmt.Fprintf(env.Stderr, "eval attribution: fold %d/%d trained on %d articles in %.1fs\n", f+1, k, len(train), time.Since(start).Seconds())
	}
	return foldOf, models, nil
}
