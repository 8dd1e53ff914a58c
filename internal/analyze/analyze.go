// Package analyze wires the stages of the analysis in order. Every entry
// point (CLI, server, ingest, worker) calls Run.
package analyze

import (
	"context"
	"fmt"

	"github.com/credence-news/credence/internal/article"
	"github.com/credence-news/credence/internal/attrib"
	"github.com/credence-news/credence/internal/signals"
	"github.com/credence-news/credence/internal/text"
)

// Scorer gives an analysed article its reliability verdict.
type Scorer interface {
	Score(an *article.Analysis) (article.Reliability, error)
}

// Options switch stages and supply their models.
type Options struct {
	// NoAttribution leaves attributions, sources, posts and entities empty.
	NoAttribution bool
	// Scorer, when set, fills Reliability.
	Scorer Scorer
}

// Run analyses one article. Every stage is linear in the text, so ctx is
// checked between stages rather than inside them: a cancelled or timed
// out analysis stops at the next stage.
func Run(ctx context.Context, a *article.Article, opts Options) (*article.Analysis, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	an := article.NewAnalysis(a)
	segment(an)
	if !opts.NoAttribution {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		attrib.Annotate(an)
	}
	signals.Compute(an)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if opts.Scorer != nil {
		r, err := opts.Scorer.Score(an)
		if err != nil {
			return nil, fmt.Errorf("analyze %s: score: %w", a.Origin, err)
		}
		an.Reliability = r
	}
	return an, nil
}

// segment runs the text core: words, sentences, paragraphs, quotes.
func segment(an *article.Analysis) {
	s := an.Article.Text
	words := 0
	for _, t := range text.Tokenize(s) {
		if t.Kind != text.Punct {
			words++
		}
	}
	an.Article.Words = words
	for _, sp := range text.Sentences(s) {
		an.Sentences = append(an.Sentences, article.Span{Start: sp.Start, End: sp.End})
	}
	for _, sp := range text.Paragraphs(s) {
		an.Paragraphs = append(an.Paragraphs, article.Span{Start: sp.Start, End: sp.End})
	}
	for _, q := range text.Quotes(s) {
		an.Quotes = append(an.Quotes, article.Quote{
			Start: q.Start, End: q.End, InnerStart: q.InnerStart, InnerEnd: q.InnerEnd,
			Depth: q.Depth, Unclosed: q.Unclosed,
		})
	}
}
