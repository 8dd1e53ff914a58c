package attrib

import (
	"testing"
	"unicode/utf8"

	"github.com/credence-news/credence/internal/article"
	"github.com/credence-news/credence/internal/text"
)

// FuzzAnnotate checks that Annotate never panics and writes only
// offsets inside the text, whatever the text and its segmentation.
func FuzzAnnotate(f *testing.F) {
	for _, s := range []string{
		"“We will win,” she said, “and win big.”",
		"CNN’s Jim Acosta tweeted Thursday that Sarah Sanders said: “No.” —   Jim Acosta (@Acosta) June 8, 2017,",
		"According to the report, officials said the “ ” plan ( ) failed, sources said.",
		"A post shared by Jane (@j.d) on Mar 3, 2018 pic.twitter.com/x",
		"said said said, according to, “",
		"Sen. U.S. ’s ’s (@) — (@a) — ",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		an := article.NewAnalysis(&article.Article{Text: s, Title: s})
		for _, sp := range text.Sentences(s) {
			an.Sentences = append(an.Sentences, article.Span{Start: sp.Start, End: sp.End})
		}
		for _, sp := range text.Paragraphs(s) {
			an.Paragraphs = append(an.Paragraphs, article.Span{Start: sp.Start, End: sp.End})
		}
		for _, q := range text.Quotes(s) {
			an.Quotes = append(an.Quotes, article.Quote{Start: q.Start, End: q.End, InnerStart: q.InnerStart, InnerEnd: q.InnerEnd, Depth: q.Depth, Unclosed: q.Unclosed})
		}
		Annotate(an)
		n := len(s)
		in := func(what string, a, b int, txt string) {
			if a < 0 || b > n || a > b {
				t.Fatalf("%s [%d,%d) out of [0,%d)", what, a, b, n)
			}
			if txt != "" && s[a:b] != txt {
				t.Fatalf("%s [%d,%d) = %q, text %q", what, a, b, s[a:b], txt)
			}
		}
		for _, a := range an.Attributions {
			in("cue", a.Cue.Start, a.Cue.End, a.Cue.Text)
			in("source", a.Source.Start, a.Source.End, a.Source.Text)
			in("content", a.Content.Start, a.Content.End, a.Content.Text)
			if a.Content.Text == "" || a.Cue.Text == "" {
				t.Fatalf("empty content or cue: %+v", a)
			}
		}
		for _, p := range an.SocialPosts {
			in("post", p.Start, p.End, "")
		}
		for _, e := range an.Entities {
			in("entity", e.Start, e.End, e.Text)
		}
	})
}
