package cli

import (
	"context"
	"fmt"
	"time"

	"github.com/credence-news/credence/internal/analyze"
	"github.com/credence-news/credence/internal/article"
	"github.com/credence-news/credence/internal/attrib"
	"github.com/credence-news/credence/internal/eval"
)

// The cue reranker learns from held-out candidates: the attributions the
// extractor proposes for articles whose lexicon and tagger were trained
// without them, as the embedded models are on text they never saw.

// rankTally counts held-out candidates per reranker head as eval
// attribution counts a part (distinct spans, annotators of one article
// averaged): right ones, predicted ones and gold ones.
type rankTally [attrib.NumHeads]struct{ tp, pred, gold float64 }

func (t *rankTally) add(o rankTally) {
	for h := range t {
		t[h].tp += o[h].tp
		t[h].pred += o[h].pred
		t[h].gold += o[h].gold
	}
}

// scales weigh each head by how much one candidate moves its part's F1,
// 1/(pred+gold), relative to the cue's.
func (t rankTally) scales() [attrib.NumHeads]float64 {
	var sc [attrib.NumHeads]float64
	c := t[attrib.HeadCue]
	for h, x := range t {
		sc[h] = rankWeight[h]
		if x.pred+x.gold > 0 {
			sc[h] = (c.pred + c.gold) / (x.pred + x.gold) * rankWeight[h]
		}
	}
	return sc
}

// rankWeight weighs the heads' F1 changes: the cue's, the unmet target
// of the three, counts 1.25 times (4-fold CV over PolNeAR train, cue
// exact / content overlap: weights 1, 1.25, 1.5, 2 gave 0.6784 / 0.7846,
// 0.6792 / 0.7842, 0.6798 / 0.7837, 0.6801 / 0.7801).
var rankWeight = [attrib.NumHeads]float64{attrib.HeadCue: 1.25, attrib.HeadSource: 1, attrib.HeadContent: 1}

// thresholds are the F1/2 rule per head: dropping a candidate raises a
// part's F1 when the probability that its part is right is below
// tp/(pred+gold), half the F1 of keeping them all.
func (t rankTally) thresholds() [attrib.NumHeads]float64 {
	var th [attrib.NumHeads]float64
	for h, c := range t {
		th[h] = 0.5
		if c.pred+c.gold > 0 {
			th[h] = c.tp / (c.pred + c.gold)
		}
	}
	return th
}

// docFolds assigns article i to fold i mod k, keyed by text: the same text
// twice lands in the fold of its first copy. trainFolds and the reranker
// both cut folds with it.
func docFolds(docs []eval.PolNeARDoc, k int) []int {
	first := make(map[string]int, len(docs))
	fold := make([]int, len(docs))
	for i, d := range docs {
		f, ok := first[d.Text]
		if !ok {
			f = i % k
			first[d.Text] = f
		}
		fold[i] = f
	}
	return fold
}

// heldOut holds, per article, its labelled candidates as extracted by
// models trained without it, and their tally.
type heldOut struct {
	exs   [][]attrib.RankExample
	tally []rankTally
}

// trainLearned trains the lexicon and tagger on docs and leaves both in
// use.
func trainLearned(docs []eval.PolNeARDoc, bits, epochs int) foldModel {
	cd := cueDocs(docs)
	m := attrib.TrainCues(cd)
	attrib.UseCueModel(m) // the tagger's features read the lexicon
	t := attrib.TrainTagger(cd, bits, epochs)
	attrib.UseTagger(t)
	return foldModel{m, t}
}

// extractHeldOut fills h for the articles of fold g (fold[i] == g) with
// the lexicon and tagger in use.
func extractHeldOut(ctx context.Context, docs []eval.PolNeARDoc, fold []int, g int, h *heldOut) error {
	for i, d := range docs {
		if fold[i] != g {
			continue
		}
		an, err := analyze.Run(ctx, &article.Article{Text: d.Text}, analyze.Options{NoAttribution: true})
		if err != nil {
			return err
		}
		h.exs[i], h.tally[i] = labelCandidates(d, attrib.CueCandidates(an))
	}
	return nil
}

// labelCandidates labels each candidate's parts, as the reranker's heads
// score them: its cue an exact gold cue, its source an exact gold source,
// its content overlapping a gold content, and tallies them.
func labelCandidates(d eval.PolNeARDoc, cands []attrib.RankCandidate) ([]attrib.RankExample, rankTally) {
	var t rankTally
	exs := make([]attrib.RankExample, len(cands))
	for i, c := range cands {
		exs[i].Features = c.Features
		if c.Source.End <= c.Source.Start {
			exs[i].Label[attrib.HeadSource] = -1
		}
	}
	k := float64(max(len(d.Annotators), 1))
	for _, g := range d.Annotators {
		labelAnnotator(d.Text, g, cands, exs, &t, k)
	}
	return exs, t
}

// labelAnnotator adds 1/k to the labels in exs of the parts of cands that
// annotator g's attributions make right, and adds g's counts, weighted
// 1/k, to t.
func labelAnnotator(text string, g eval.GoldSet, cands []attrib.RankCandidate, exs []attrib.RankExample, t *rankTally, k float64) {
	parts := [attrib.NumHeads]func(eval.GoldAttribution) []article.Span{
		func(a eval.GoldAttribution) []article.Span { return a.Cue },
		func(a eval.GoldAttribution) []article.Span { return a.Source },
		func(a eval.GoldAttribution) []article.Span { return a.Content },
	}
	spans := [attrib.NumHeads]func(c attrib.RankCandidate) article.Span{
		func(c attrib.RankCandidate) article.Span { return article.Span{Start: c.Cue.Start, End: c.Cue.End} },
		func(c attrib.RankCandidate) article.Span {
			return article.Span{Start: c.Source.Start, End: c.Source.End}
		},
		func(c attrib.RankCandidate) article.Span {
			return article.Span{Start: c.Content.Start, End: c.Content.End}
		},
	}
	for h := range attrib.NumHeads {
		gold := map[string][]article.Span{}
		for _, a := range g.Attributions {
			if fr := parts[h](a); len(fr) > 0 {
				gold[fmt.Sprint(fr)] = fr
			}
		}
		t[h].gold += float64(len(gold)) / k
		seen := map[article.Span]bool{}
		for i, c := range cands {
			sp := spans[h](c)
			if sp.End <= sp.Start {
				continue
			}
			right := false
			for _, fr := range gold {
				if h == attrib.HeadContent && eval.OverlapMatch(fr, []article.Span{sp}, text) || len(fr) == 1 && fr[0] == sp {
					right = true
					break
				}
			}
			if right {
				exs[i].Label[h] += float32(1 / k)
			}
			if !seen[sp] {
				seen[sp] = true
				t[h].pred += 1 / k
				if right {
					t[h].tp += 1 / k
				}
			}
		}
	}
}

// trainRanker trains a reranker on the held-out candidates of the articles
// keep selects, in article order, with the F1/2 threshold of their tally.
func trainRanker(h *heldOut, keep func(i int) bool) *attrib.CueRanker {
	var exs []attrib.RankExample
	var t rankTally
	for i := range h.exs {
		if !keep(i) {
			continue
		}
		exs = append(exs, h.exs[i]...)
		t.add(h.tally[i])
	}
	c := t[attrib.HeadCue]
	note := fmt.Sprintf("%d held-out candidates, %.0f exact cues of %.0f gold", len(exs), c.tp, c.gold)
	return attrib.TrainCueRanker(exs, attrib.RankBits, attrib.RankEpochs, t.thresholds(), t.scales(), note)
}

// rankFolds is the number of folds train-attrib cuts its data into for
// the reranker's held-out candidates.
const rankFolds = 4

// trainRankerHeldOut trains the reranker train-attrib writes: the
// candidates of each of rankFolds folds of docs, extracted with a lexicon
// and tagger trained on the other folds. It leaves those models in use.
func trainRankerHeldOut(ctx context.Context, env *Env, docs []eval.PolNeARDoc, bits, epochs int) (*attrib.CueRanker, error) {
	fold := docFolds(docs, rankFolds)
	h := &heldOut{make([][]attrib.RankExample, len(docs)), make([]rankTally, len(docs))}
	for g := range rankFolds {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		start := time.Now()
		trainLearned(selectDocs(docs, func(i int) bool { return fold[i] != g }), bits, epochs)
		if err := extractHeldOut(ctx, docs, fold, g, h); err != nil {
			return nil, err
		}
		fmt.Fprintf(env.Stderr, "train-attrib: reranker fold %d/%d in %.1fs\n", g+1, rankFolds, time.Since(start).Seconds())
	}
	return trainRanker(h, func(int) bool { return true }), nil
}

// nestedRankers trains, for each of k outer folds, a reranker from the
// other folds' candidates, each extracted by a lexicon and tagger trained
// on neither the outer fold nor its own: the model trained without folds
// f and g serves both (outer f, inner g) and (outer g, inner f).
func nestedRankers(ctx context.Context, env *Env, docs []eval.PolNeARDoc, fold []int, k, bits, epochs int) ([]*attrib.CueRanker, error) {
	hs := make([]*heldOut, k)
	for f := range hs {
		hs[f] = &heldOut{make([][]attrib.RankExample, len(docs)), make([]rankTally, len(docs))}
	}
	for f := range k {
		for g := f + 1; g < k; g++ {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			start := time.Now()
			trainLearned(selectDocs(docs, func(i int) bool { return fold[i] != f && fold[i] != g }), bits, epochs)
			if err := extractHeldOut(ctx, docs, fold, g, hs[f]); err != nil {
				return nil, err
			}
			if err := extractHeldOut(ctx, docs, fold, f, hs[g]); err != nil {
				return nil, err
			}
			fmt.Fprintf(env.Stderr, "eval attribution: reranker models without folds %d and %d in %.1fs\n", f+1, g+1, time.Since(start).Seconds())
		}
	}
	rs := make([]*attrib.CueRanker, k)
	for f := range k {
		rs[f] = trainRanker(hs[f], func(i int) bool { return fold[i] != f })
		fmt.Fprintf(env.Stderr, "eval attribution: reranker %d/%d: %s, thresholds %.3f, scales %.3f\n", f+1, k, rs[f].Note, rs[f].Threshold, rs[f].Scale)
	}
	return rs, nil
}

// selectDocs returns the articles keep selects, in order.
func selectDocs(docs []eval.PolNeARDoc, keep func(i int) bool) []eval.PolNeARDoc {
	var out []eval.PolNeARDoc
	for i, d := range docs {
		if keep(i) {
			out = append(out, d)
		}
	}
	return out
}
