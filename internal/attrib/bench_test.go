package attrib_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/credence-news/credence/internal/analyze"
	"github.com/credence-news/credence/internal/article"
	"github.com/credence-news/credence/internal/attrib"
)

// prepared runs the text core once so that the benchmarks time
// attrib.Annotate alone.
func prepared(b *testing.B, s string) *article.Analysis {
	b.Helper()
	an, err := analyze.Run(context.Background(), &article.Article{Text: s}, analyze.Options{})
	if err != nil {
		b.Fatal(err)
	}
	return an
}

func annotateLoop(b *testing.B, s string) {
	base := prepared(b, s)
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		an := *base
		an.Attributions, an.Sources, an.SocialPosts, an.Entities, an.Warnings = nil, nil, nil, nil, nil
		attrib.Annotate(&an)
	}
}

// newsLike is an invented article in news style: quotes, indirect
// speech, anonymous sources, an embedded post.
var newsLike = strings.Repeat(`The Riverton council delayed its budget vote on Tuesday after a dispute over overtime. “We need another week to read the numbers,” Mayor Ana Ortiz said. Council member Tom Hale told reporters that the delay was a mistake, and he warned that the library would close. According to a city memo, the budget grows by 4.5 percent next year. Two officials familiar with the talks said the mayor might veto any plan that cuts the library budget.

Residents, who packed the hall, said they were angry. “This is not what we voted for,” said Jo Lee, a teacher from Riverton, on Friday. Critics have accused the council of hiding the costs.

Vote is off until next week. — Ana Ortiz (@MayorOrtiz) March 3, 2026
`, 4)

// BenchmarkAnnotate times attribution extraction (rules, tagger,
// sources, entities) on news-like text.
func BenchmarkAnnotate(b *testing.B) { annotateLoop(b, newsLike) }

// BenchmarkAnnotateLongParagraph checks that one huge paragraph of
// speaker lines costs time linear in its size (a colon cue once scanned
// the whole paragraph per window): compare ns/op across the sizes.
func BenchmarkAnnotateLongParagraph(b *testing.B) {
	for _, n := range []int{100, 400} {
		s := strings.Repeat("Bob Smith: "+strings.Repeat("x ", 247), n)
		b.Run(fmt.Sprintf("%dKB", len(s)>>10), func(b *testing.B) { annotateLoop(b, s) })
	}
}

// BenchmarkAnnotateLongName: a capitalised run of thousands of tokens
// ("Bob Smith of Texas of Texas …") must cost time linear in its length;
// splitting a person from a place once tried every "of" and recursed.
func BenchmarkAnnotateLongName(b *testing.B) {
	for _, n := range []int{500, 2000} {
		s := "Bob Smith" + strings.Repeat(" of Texas", n) + " said the plan failed."
		b.Run(fmt.Sprintf("%dKB", len(s)>>10), func(b *testing.B) { annotateLoop(b, s) })
	}
}

// BenchmarkAnnotateManyAttributions: a text of thousands of short
// attributions must cost time linear in its length; the reranker's
// features once compared every candidate with every other one.
func BenchmarkAnnotateManyAttributions(b *testing.B) {
	for _, n := range []int{1000, 4000} {
		s := strings.Repeat("Jo Lee said the plan failed. ", n)
		b.Run(fmt.Sprintf("%dKB", len(s)>>10), func(b *testing.B) { annotateLoop(b, s) })
	}
}
